"""The Memos tab: the project journal, document and code memos and the memos of codings, in one
searchable list with an editor. Every change is an undoable core edit (``core.memos``, ``SetMemo``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox,
    QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core import commands
from annotator.core.commands import Changes
from annotator.core.memos import KINDS, AddMemo, DeleteMemo, EditMemo, MemoEntry, memo_entries
from annotator.gui.project_bus import Place, ProjectBus

KIND_LABELS = {"project": QT_TRANSLATE_NOOP("MemosView", "journal"),
               "document": QT_TRANSLATE_NOOP("MemosView", "document"),
               "code": QT_TRANSLATE_NOOP("MemosView", "code"),
               "segment": QT_TRANSLATE_NOOP("MemosView", "coding")}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("MemosView", KIND_LABELS[kind])


class MemosView(QWidget):
    status_message = Signal(str)

    def __init__(self, bus: ProjectBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.entries: list[MemoEntry] = []
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All memos"), None)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(lambda *_: self.refresh())
        self.search = QLineEdit(placeholderText=self.tr("Search memos…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda *_: self.refresh())
        self.count = QLabel()
        self.new_entry = QPushButton(self.tr("New journal entry"))
        self.new_entry.clicked.connect(self.add_journal_entry)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.new_entry)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("On"), self.tr("Coder"), self.tr("Memo"),
                                              self.tr("Updated")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._show_current)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_current())

        self.editor = QPlainTextEdit(placeholderText=self.tr("Choose a memo to read or edit it"))
        self.save = QPushButton(self.tr("Save memo"))
        self.save.clicked.connect(self.save_current)
        self.open_button = QPushButton(self.tr("Show in text"))
        self.open_button.clicked.connect(self.open_current)
        self.delete = QPushButton(self.tr("Delete memo"))
        self.delete.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.editor)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        bus.changed.connect(self.on_changes)
        bus.replaced.connect(lambda _project: self._mark_stale())
        self.stale = True  # read when the tab is shown; a hidden tab only notes that it is stale

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _mark_stale(self) -> None:
        self.stale = True
        if self.isVisible():
            self.refresh()

    @property
    def project(self):
        return self.bus.project

    def on_changes(self, changes: Changes) -> None:
        if changes.memos or changes.segments or changes.codebook or changes.coders or changes.document_list:
            self._mark_stale()

    def refresh(self) -> None:
        self.stale = False
        current = self.current()
        kind = self.kind.currentData()
        self.entries = memo_entries(self.project, kinds=(kind,) if kind else KINDS, search=self.search.text())
        titles = {d.id: d.title or d.name for d in self.project.documents()}
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            on = {"project": self.tr("(journal)"), "code": entry.code,
                  "document": titles.get(entry.document_id or -1, entry.document),
                  "segment": f"{titles.get(entry.document_id or -1, entry.document)} · {entry.code}"}[entry.kind]
            cells = (kind_label(entry.kind), on, entry.coder, " ".join(entry.text.split()), entry.updated[:16]
                     .replace("T", " "))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setToolTip(entry.text)
                self.table.setItem(row, column, item)
            if current is not None and (entry.kind, entry.id) == (current.kind, current.id):
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self.count.setText(self.tr("{0} memos").format(len(self.entries)))
        self._show_current()

    def current(self) -> MemoEntry | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not selected or not (0 <= row < len(self.entries)):
            return None
        return self.entries[row]

    def _show_current(self) -> None:
        entry = self.current()
        self.editor.setEnabled(entry is not None)
        self.editor.setPlainText(entry.text if entry else "")
        for button in (self.save, self.delete):
            button.setEnabled(entry is not None)
        self.open_button.setEnabled(entry is not None and entry.document_id is not None)

    # ---- edits ---------------------------------------------------------------------------------
    def save_current(self) -> None:
        entry = self.current()
        text = self.editor.toPlainText()
        if entry is None or text == entry.text:
            return
        if entry.kind == "segment":
            done = self.bus.perform(commands.SetMemo(entry.id, text), self)
        elif not text.strip():
            done = self.bus.perform(DeleteMemo(entry.id), self)
        else:
            done = self.bus.perform(EditMemo(entry.id, text), self)
        if done:
            self.status_message.emit(self.tr("Memo saved"))

    def delete_current(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if QMessageBox.question(self, self.tr("Delete memo"), self.tr("Delete this memo? Ctrl+Z undoes it.")) \
                != QMessageBox.StandardButton.Yes:
            return
        if entry.kind == "segment":
            self.bus.perform(commands.SetMemo(entry.id, ""), self)
        else:
            self.bus.perform(DeleteMemo(entry.id), self)

    def add_journal_entry(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("New journal entry"),
            self.tr("A note for the project journal (a decision, a definition, a doubt):"))
        if ok and text.strip():
            self.bus.perform(AddMemo(text, coder_id=self.bus.coder_id), self)

    def open_current(self) -> None:
        entry = self.current()
        if entry is not None and entry.document_id is not None:
            self.bus.show_place(Place(entry.document_id, entry.start or 0, entry.end or 0))


def edit_memo_on(bus: ProjectBus, parent: QWidget, *, document_id: int | None = None,
                 code_id: int | None = None) -> bool:
    """Write or change the current coder's memo on a document or a code (emptying it deletes it).

    Other coders' memos on it are shown above the editor, so a note is not written twice."""
    project = bus.project
    memos = project.memos(document_id=document_id) if document_id is not None else project.memos(code_id=code_id)
    if code_id is not None:
        memos = [m for m in memos if m.code_id == code_id]
    mine = next((m for m in memos if m.coder_id == bus.coder_id), None)
    if mine is None and len(memos) == 1 and memos[0].coder_id is None:
        mine = memos[0]
    names = {c.id: c.name for c in project.coders()}
    others = [f"{names.get(m.coder_id or -1, '—')}: {' '.join(m.text.split())[:120]}" for m in memos if m is not mine]
    what = project.document(document_id, with_text=False).name if document_id is not None \
        else project.code(code_id).path  # type: ignore[arg-type]
    label = QCoreApplication.translate("MemosView", "Memo on “{0}”:").format(what)
    if others:
        label = "\n".join([QCoreApplication.translate("MemosView", "Other memos:"), *others, "", label])
    text, ok = QInputDialog.getMultiLineText(parent, QCoreApplication.translate("MemosView", "Memo"), label,
                                             mine.text if mine else "")
    if not ok or (mine is not None and text == mine.text) or (mine is None and not text.strip()):
        return False
    if mine is None:
        return bus.perform(AddMemo(text, document_id=document_id, code_id=code_id, coder_id=bus.coder_id), parent)
    if not text.strip():
        return bus.perform(DeleteMemo(mine.id), parent)
    return bus.perform(EditMemo(mine.id, text), parent)
