"""Quick-pick a code by typing part of its name (for codebooks with more codes than number keys).

A small popup: type "bio" and Enter codes the selection with *Security/Biosecurity*; ↑/↓ choose among
the matches; Escape cancels. Matching ignores case and Chinese script (simplified/traditional) and
looks at the whole path, so "sec/bio" works too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.find import search_view
from annotator.core.model import Code
from annotator.gui.codebook_panel import swatch


def matching_codes(codes: Sequence[Code], typed: str) -> list[Code]:
    """Codes whose path contains what was typed, those whose name starts with it first."""
    needle = search_view(typed.strip())
    if not needle:
        return list(codes)
    found = [c for c in codes if needle in search_view(c.path)]
    return sorted(found, key=lambda c: (not search_view(c.name).startswith(needle), c.level))


class CodePicker(QDialog):
    """``exec()`` returns Accepted with ``chosen()`` the picked code id."""

    def __init__(self, codes: Sequence[Code], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.codes = list(codes)
        self.field = QLineEdit(placeholderText=self.tr("Type a code's name…"))
        self.field.textChanged.connect(self._filter)
        self.field.installEventFilter(self)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.itemClicked.connect(lambda _item: self.accept())
        hint = QLabel(self.tr("Enter codes the selection · ↑↓ choose · Esc cancels"))
        hint.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        self.resize(380, 320)
        self._filter("")

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.activateWindow()
        self.field.setFocus()  # typing goes to the name field at once

    def _filter(self, typed: str) -> None:
        self.list.clear()
        for code in matching_codes(self.codes, typed):
            item = QListWidgetItem(swatch(code.color), code.path)
            item.setData(Qt.ItemDataRole.UserRole, code.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.chosen() is not None:
                    self.accept()
                return True
        return super().eventFilter(watched, event)
