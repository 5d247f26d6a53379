"""Coder ▸ Manage coders…: add, rename, merge (two names of one person), delete, and set the role.

Every change is an undoable core edit on the window's undo stack (``core.coder_edits``), announced on
the project bus, so the toolbar's coder list, Agreement and Review follow at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core.coder_edits import AddCoder, DeleteCoder, MergeCoders, RenameCoder, SetCoderRole
from annotator.gui.project_bus import ProjectBus


class CodersDialog(QDialog):
    def __init__(self, bus: ProjectBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.setWindowTitle(self.tr("Coders"))
        self.setMinimumSize(560, 340)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Codings"),
                                              self.tr("Documents")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.rename())
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self.rename)
        self.merge_button = QPushButton(self.tr("Merge into…"))
        self.merge_button.clicked.connect(self.merge)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete)
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.merge_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        hint = QLabel(self.tr("An adjudicator (such as the consensus coder made in Review) settles disagreements "
                              "and is left out of agreement by default. Merge two names of one person; Ctrl+Z "
                              "undoes any of these changes."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(close)
        bus.changed.connect(self._on_changes)  # undo in the main window while the dialog is open
        self.reload()

    def _on_changes(self, changes) -> None:
        if changes.coders or changes.segments:
            self.reload()

    @property
    def project(self):
        return self.bus.project

    def reload(self) -> None:
        current = self.current_id()
        usage = self.project.coder_usage()
        coders = self.project.coders()
        self.table.setRowCount(len(coders))
        for row, coder in enumerate(coders):
            name = QTableWidgetItem(coder.name)
            name.setData(Qt.ItemDataRole.UserRole, coder.id)
            self.table.setItem(row, 0, name)
            role = QComboBox()
            role.addItem(self.tr("coder"), "coder")
            role.addItem(self.tr("adjudicator"), "adjudicator")
            role.setCurrentIndex(role.findData(coder.role))
            role.currentIndexChanged.connect(lambda _i, c=coder.id, box=role: self.set_role(c, box.currentData()))
            self.table.setCellWidget(row, 1, role)
            segments, documents = usage.get(coder.id, (0, 0))
            for column, value in ((2, segments), (3, documents)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            if coder.id == current:
                self.table.selectRow(row)
        if current is None and coders:
            self.table.selectRow(0)  # the buttons work at once
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.table.rowCount() > 1)

    # ---- edits ---------------------------------------------------------------------------------
    def add(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add coder"), self.tr("Name of the new coder:"))
        if ok and name.strip() and self.bus.perform(AddCoder(name), self):
            self.reload()

    def rename(self) -> None:
        coder_id = self.current_id()
        if coder_id is None:
            return
        old = self.project.coder(coder_id).name
        name, ok = QInputDialog.getText(self, self.tr("Rename coder"), self.tr("New name for “{0}”:").format(old),
                                        text=old)
        if ok and name.strip() and name.strip() != old and self.bus.perform(RenameCoder(coder_id, name), self):
            self.reload()

    def merge(self) -> None:
        coder_id = self.current_id()
        if coder_id is None:
            return
        source = self.project.coder(coder_id)
        others = [c for c in self.project.coders() if c.id != coder_id]
        names = [c.name for c in others]
        target, ok = QInputDialog.getItem(
            self, self.tr("Merge coders"),
            self.tr("Give all codings of “{0}” to (two names of one person):").format(source.name), names, 0, False)
        if not ok:
            return
        into = others[names.index(target)]
        count = self.project.segment_count(coder_id=coder_id)
        answer = QMessageBox.question(
            self, self.tr("Merge coders"),
            self.tr("Merge “{0}” ({1} codings) into “{2}”? “{0}” is removed; identical codings are kept once. "
                    "Ctrl+Z undoes it.").format(source.name, count, into.name))
        if answer == QMessageBox.StandardButton.Yes and self.bus.perform(MergeCoders(coder_id, into.id), self):
            self.reload()

    def delete(self) -> None:
        coder_id = self.current_id()
        if coder_id is None:
            return
        coder = self.project.coder(coder_id)
        count = self.project.segment_count(coder_id=coder_id)
        answer = QMessageBox.question(
            self, self.tr("Delete coder"),
            self.tr("Delete “{0}” with {1} codings and their document statuses? Their memos stay, unsigned. "
                    "Ctrl+Z undoes it.").format(coder.name, count))
        if answer == QMessageBox.StandardButton.Yes and self.bus.perform(DeleteCoder(coder_id), self):
            self.reload()

    def set_role(self, coder_id: int, role: str) -> None:
        if self.project.coder(coder_id).role != role:
            self.bus.perform(SetCoderRole(coder_id, role), self)
