"""Document properties: title, outlet, date, language, URL, free attributes and document sets.

The dialog only asks; OK turns what changed into one undoable core edit (``Batch`` of
``UpdateDocument`` and set changes). The text itself is never editable: every coding's offsets
depend on it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core.batch import Batch
from annotator.core.commands import Command
from annotator.core.document_edits import AddToSet, RemoveFromSet, UpdateDocument, check_properties
from annotator.core.errors import InputError
from annotator.core.store import Project
from annotator.gui.search_view import language_name

LANGUAGES = ("zh", "zh-hant", "en")  # offered first; any code can be typed
NAMES = {"zh-hant": "繁體中文"}


class DocumentDialog(QDialog):
    """Properties of one document; ``command()`` is the edit to perform after ``exec()`` accepted."""

    def __init__(self, project: Project, document_id: int, parent: QWidget | None = None) -> None:
        if not isinstance(document_id, int):
            raise TypeError("DocumentDialog(project, document_id, parent)")
        super().__init__(parent)
        self.project = project
        self.document = project.document(document_id, with_text=False)
        doc = self.document
        self.setWindowTitle(self.tr("Properties of “{0}”").format(doc.title or doc.name))
        self.setMinimumWidth(560)

        self.name = QLineEdit(doc.name)
        self.title = QLineEdit(doc.title)
        self.outlet = QComboBox()
        self.outlet.setEditable(True)
        self.outlet.addItems(project.document_facets()[0])
        self.outlet.setCurrentText(doc.outlet)
        self.date = QLineEdit(doc.date, placeholderText=self.tr("YYYY-MM-DD (or YYYY-MM, YYYY)"))
        self.language = QComboBox()  # names (中文, English) for known codes; a typed code is taken as it is
        self.language.setEditable(True)
        for code in dict.fromkeys([*LANGUAGES, *sorted(d.language for d in project.documents() if d.language)]):
            self.language.addItem(NAMES.get(code) or language_name(code), code)
        index = self.language.findData(doc.language)
        if index >= 0:
            self.language.setCurrentIndex(index)
        else:
            self.language.setCurrentText(doc.language)
        self.url = QLineEdit(doc.url)
        codings = len(project.segments(document_id=doc.id))
        facts = QLabel(self.tr("{0} characters · {1} codings · imported from {2}").format(
            f"{doc.length:,}", codings, doc.source_file or "—"))
        facts.setStyleSheet("color: gray")

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Outlet"), self.outlet)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("URL"), self.url)

        self.attributes = QTableWidget(0, 2)
        self.attributes.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.attributes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attributes.verticalHeader().hide()
        self.attributes.setMaximumHeight(130)
        for key, value in sorted(doc.attributes.items()):
            self._add_attribute_row(key, value)
        add = QPushButton(self.tr("Add attribute"))
        add.clicked.connect(lambda: self._add_attribute_row("", "", edit=True))
        remove = QPushButton(self.tr("Remove attribute"))
        remove.clicked.connect(lambda: self.attributes.removeRow(self.attributes.currentRow()))
        attribute_buttons = QHBoxLayout()
        attribute_buttons.addWidget(add)
        attribute_buttons.addWidget(remove)
        attribute_buttons.addStretch(1)

        self.sets = QListWidget()
        self.sets.setMaximumHeight(110)
        self.sets.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        member_of = {s for s, d in project.set_memberships([doc.id])}
        for document_set in project.document_sets():
            self._add_set_item(document_set.name, document_set.id in member_of, document_set.id)
        self.new_set = QLineEdit(placeholderText=self.tr("New set…"))
        self.new_set.returnPressed.connect(self._add_new_set)
        add_set = QPushButton(self.tr("Add"))
        add_set.clicked.connect(self._add_new_set)
        set_row = QHBoxLayout()
        set_row.addWidget(self.new_set, 1)
        set_row.addWidget(add_set)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(facts)
        layout.addWidget(QLabel(self.tr("<b>Attributes</b> (wave, section, author …)")))
        layout.addWidget(self.attributes)
        layout.addLayout(attribute_buttons)
        layout.addWidget(QLabel(self.tr("<b>Document sets</b>")))
        layout.addWidget(self.sets)
        layout.addLayout(set_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._command: Command | None = None

    # ---- editing -------------------------------------------------------------------------------
    def _add_attribute_row(self, key: str, value: str, edit: bool = False) -> None:
        row = self.attributes.rowCount()
        self.attributes.insertRow(row)
        self.attributes.setItem(row, 0, QTableWidgetItem(key))
        self.attributes.setItem(row, 1, QTableWidgetItem(value))
        if edit:
            self.attributes.setCurrentCell(row, 0)
            self.attributes.editItem(self.attributes.item(row, 0))

    def _add_set_item(self, name: str, checked: bool, set_id: int | None) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, set_id)
        self.sets.addItem(item)
        return item

    def _add_new_set(self) -> None:
        name = self.new_set.text().strip()
        if not name:
            return
        existing = next((self.sets.item(i) for i in range(self.sets.count()) if self.sets.item(i).text() == name),
                        None)
        if existing is not None:
            existing.setCheckState(Qt.CheckState.Checked)
        else:
            self._add_set_item(name, True, None)
        self.new_set.clear()

    # ---- the result ----------------------------------------------------------------------------
    def attribute_values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.attributes.rowCount()):
            key = (self.attributes.item(row, 0).text() if self.attributes.item(row, 0) else "").strip()
            value = (self.attributes.item(row, 1).text() if self.attributes.item(row, 1) else "").strip()
            if key:
                out[key] = value
        return out

    def language_code(self) -> str:
        text = self.language.currentText().strip()
        index = self.language.findText(text)
        return str(self.language.itemData(index)) if index >= 0 else text

    def build_command(self) -> Command | None:
        """The edit for what changed (None: nothing changed); raises ``InputError`` for bad values."""
        doc = self.document
        wanted = {"name": self.name.text(), "title": self.title.text(), "outlet": self.outlet.currentText(),
                  "date": self.date.text(), "language": self.language_code(), "url": self.url.text()}
        wanted = check_properties(wanted)
        fields = {k: v for k, v in wanted.items() if v != getattr(doc, k)}
        attributes = self.attribute_values()
        changes = {k: v for k, v in attributes.items() if doc.attributes.get(k) != v}
        changes.update({k: "" for k in doc.attributes if k not in attributes})
        parts: list[Command] = []
        if fields or changes:
            parts.append(UpdateDocument(doc.id, attributes=changes or None, **fields))
        for i in range(self.sets.count()):
            item = self.sets.item(i)
            set_id = item.data(Qt.ItemDataRole.UserRole)
            checked = item.checkState() == Qt.CheckState.Checked
            member = set_id is not None and doc.id in self.project.set_members(set_id)
            if checked and not member:
                parts.append(AddToSet(item.text(), [doc.id]))
            elif member and not checked:
                parts.append(RemoveFromSet(set_id, [doc.id]))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Batch(parts, "edit document properties")

    def accept(self) -> None:
        try:
            self._command = self.build_command()
        except InputError as exc:
            self.error.setText(str(exc))
            return
        super().accept()

    def command(self) -> Command | None:
        return self._command
