"""The codebook panel: a tree of codes with colour swatches, shortcut keys and counts, plus code editing.

Clicking a code applies it to the current selection; every codebook edit goes through the workspace's
undo stack as a core command.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QLabel, QSizePolicy, QColorDialog, QHBoxLayout, QInputDialog, QLineEdit, QMenu, QMessageBox, QToolButton,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core import commands
from annotator.core.model import PATH_SEPARATOR, Code

ID_ROLE = Qt.ItemDataRole.UserRole


class CodebookHost(Protocol):
    def perform(self, command: commands.Command) -> bool: ...
    def segment_count(self, code_ids: list[int]) -> int: ...


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CodeTree(QTreeWidget):
    """Tree that turns a drag-and-drop into a MoveCode instead of moving items itself."""

    moved = Signal(int, str)  # code id, new path

    def dropEvent(self, event) -> None:  # noqa: N802
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.ignore()
        if dragged is None:
            return
        code: Code = dragged.data(0, ID_ROLE + 1)
        if target is None:
            parent_path = ""
        else:
            target_code: Code = target.data(0, ID_ROLE + 1)
            position = self.dropIndicatorPosition()
            parent_path = target_code.path if position == QAbstractItemView.DropIndicatorPosition.OnItem \
                else target_code.parent_path
        new_path = f"{parent_path}{PATH_SEPARATOR}{code.name}" if parent_path else code.name
        if new_path != code.path:
            self.moved.emit(code.id, new_path)


class CodebookPanel(QWidget):
    code_clicked = Signal(int)
    retrieve_requested = Signal(int)  # list this code's codings (Retrieved segments)
    memo_requested = Signal(int)  # write or read the code's memo

    def __init__(self, host: CodebookHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.codes: list[Code] = []
        self.memo_codes: set[int] = set()  # codes with a memo: marked ✎ after their name
        self.filter = QLineEdit(placeholderText=self.tr("Filter codes…"), clearButtonEnabled=True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = CodeTree()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("Key"), self.tr("Doc"), self.tr("All")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.tree.header().setSectionResizeMode(column, self.tree.header().ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.moved.connect(lambda code_id, path: self.host.perform(commands.MoveCode(code_id, path)))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.actions_ = {
            "add": QAction(self.tr("Add code…"), self, triggered=self.add_code),
            "rename": QAction(self.tr("Rename…"), self, triggered=self.rename_code),
            "colour": QAction(self.tr("Colour…"), self, triggered=self.recolour_code),
            "describe": QAction(self.tr("Describe…"), self, triggered=self.describe_code),
            "shortcut": QAction(self.tr("Shortcut key…"), self, triggered=self.set_shortcut),
            "move": QAction(self.tr("Move under…"), self, triggered=self.move_code),
            "merge": QAction(self.tr("Merge into…"), self, triggered=self.merge_code),
            "delete": QAction(self.tr("Delete…"), self, triggered=self.delete_code),
        }
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        add = QToolButton(text="+", toolTip=self.tr("Add a code"))
        add.clicked.connect(self.add_code)
        more = QToolButton(text="⋯", toolTip=self.tr("Edit the selected code"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        for key in ("rename", "colour", "describe", "shortcut", "move", "merge", "delete"):
            menu.addAction(self.actions_[key])
        more.setMenu(menu)
        bar.addWidget(self.filter, 1)
        bar.addWidget(add)
        bar.addWidget(more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        # What the count columns count, in words: the header itself stays short so the code names fit.
        self.counts_caption = QLabel()
        self.counts_caption.setStyleSheet("color: #555555")
        self.counts_caption.setTextFormat(Qt.TextFormat.PlainText)
        # Elided to the panel's width; it must never widen the panel (the panes would jump).
        self.counts_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts_caption.setMinimumWidth(0)
        layout.addWidget(self.counts_caption)
        layout.addWidget(self.tree, 1)

    # ---- display ------------------------------------------------------------------------------
    def set_count_labels(self, document_title: str | None, whose: str) -> None:
        """Say what the two count columns count: the codings of ``whose`` in the named document, in all.

        The columns keep short headers (a title there squeezes the code names); the caption above the
        tree and the header tooltips name the document and the coder.
        """
        header = self.tree.headerItem()
        header.setText(2, self.tr("Doc"))
        header.setText(3, self.tr("All"))
        if document_title:
            header.setToolTip(2, self.tr("Codings by {whose} in “{title}” (the document of the active pane)")
                              .format(whose=whose, title=document_title))
            caption = self.tr("Doc: “{title}” · All: every document · {whose}").format(title=document_title,
                                                                                     whose=whose)
        else:
            header.setToolTip(2, self.tr("Codings in the document of the active pane (none is open)"))
            caption = self.tr("Doc: no document open · All: every document · {whose}").format(whose=whose)
        header.setToolTip(3, self.tr("Codings by {whose} in every document of the project").format(whose=whose))
        self._caption = caption
        self.counts_caption.setToolTip(caption)
        self._elide_caption()

    _caption = ""

    def _elide_caption(self) -> None:
        width = max(60, self.counts_caption.width() or self.width())
        self.counts_caption.setText(self.counts_caption.fontMetrics().elidedText(
            self._caption, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide_caption()

    def refresh(self, codes: list[Code], keys: dict[int, str], in_document: dict[int, int],
                in_project: dict[int, int]) -> None:
        selected = self.selected_code()
        self.codes = codes
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for code in codes:
            parent = items.get(code.parent_id) if code.parent_id else None
            item = QTreeWidgetItem(parent) if parent else QTreeWidgetItem(self.tree)
            item.setText(0, code.name + (" \u270e" if code.id in self.memo_codes else ""))
            item.setIcon(0, swatch(code.color))
            item.setText(1, keys.get(code.id, ""))
            item.setText(2, str(in_document.get(code.id, 0) or ""))
            item.setText(3, str(in_project.get(code.id, 0) or ""))
            tip = code.path + (f"\n{code.description}" if code.description else "")
            item.setToolTip(0, tip)
            item.setData(0, ID_ROLE, code.id)
            item.setData(0, ID_ROLE + 1, code)
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[code.id] = item
        self.tree.expandAll()
        if selected and selected.id in items:
            self.tree.setCurrentItem(items[selected.id])
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()

        def visit(item: QTreeWidgetItem) -> bool:
            child_match = False
            for i in range(item.childCount()):
                child_match |= visit(item.child(i))
            code: Code = item.data(0, ID_ROLE + 1)
            match = not needle or needle in code.path.lower() or needle in code.description.lower()
            item.setHidden(not (match or child_match))
            return match or child_match

        for i in range(self.tree.topLevelItemCount()):
            visit(self.tree.topLevelItem(i))

    def selected_code(self) -> Code | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE + 1) if item else None

    def select_code(self, code_id: int) -> None:
        for item in self._all_items():
            if item.data(0, ID_ROLE) == code_id:
                self.tree.setCurrentItem(item)
                return

    def _all_items(self):
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.code_clicked.emit(int(item.data(0, ID_ROLE)))

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.actions_["add"])
        item = self.tree.itemAt(pos)
        if item:
            code_id = int(item.data(0, ID_ROLE))
            menu.addAction(self.tr("Retrieve codings"), lambda: self.retrieve_requested.emit(code_id))
            menu.addAction(self.tr("Code memo…"), lambda: self.memo_requested.emit(code_id))
            menu.addSeparator()
            for key in ("rename", "colour", "describe", "shortcut", "move", "merge", "delete"):
                menu.addAction(self.actions_[key])
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # ---- edits (each one an undoable command) ----------------------------------------------------
    def add_code(self) -> None:
        current = self.selected_code()
        hint = (current.path + PATH_SEPARATOR) if current else ""
        path, ok = QInputDialog.getText(self, self.tr("Add code"), self.tr("Code (use / to nest, e.g. Frame/Conflict):"),
                                        text=hint)
        if ok and path.strip().strip(PATH_SEPARATOR):
            self.host.perform(commands.AddCode(path.strip().strip(PATH_SEPARATOR)))

    def rename_code(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename code"), self.tr("New name:"), text=code.name)
        if ok and name.strip() and name.strip() != code.name:
            parent = code.parent_path
            new_path = f"{parent}{PATH_SEPARATOR}{name.strip()}" if parent else name.strip()
            self.host.perform(commands.MoveCode(code.id, new_path))

    def recolour_code(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        colour = QColorDialog.getColor(QColor(code.color), self, self.tr("Colour of {0}").format(code.name))
        if colour.isValid():
            self.host.perform(commands.UpdateCode(code.id, "recolour code", color=colour.name()))

    def describe_code(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Describe code"), self.tr("Description of {0}:").format(code.path),
                                                 code.description)
        if ok and text != code.description:
            self.host.perform(commands.UpdateCode(code.id, "describe code", description=text))

    def set_shortcut(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        key, ok = QInputDialog.getText(self, self.tr("Shortcut key"), self.tr("Key that applies '{0}' (a letter or digit; empty to remove):").format(code.path), text=code.shortcut)
        key = key.strip().upper() if ok else code.shortcut
        if ok and len(key) <= 1 and key != code.shortcut:
            self.host.perform(commands.UpdateCode(code.id, "set shortcut key", shortcut=key))

    def move_code(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        excluded = {code.path}
        top = self.tr("(top level)")
        choices = [top] + [c.path for c in self.codes if c.path not in excluded
                                     and not c.path.startswith(code.path + PATH_SEPARATOR)]
        parent, ok = QInputDialog.getItem(self, self.tr("Move code"), self.tr("Move '{0}' under:").format(code.name), choices, 0, False)
        if ok:
            new_path = code.name if parent == top else f"{parent}{PATH_SEPARATOR}{code.name}"
            if new_path != code.path:
                self.host.perform(commands.MoveCode(code.id, new_path))

    def merge_code(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        targets = [c for c in self.codes if c.id != code.id and not c.path.startswith(code.path + PATH_SEPARATOR)]
        if not targets:
            return
        path, ok = QInputDialog.getItem(self, self.tr("Merge codes"), self.tr("Merge '{0}' (and its codings) into:").format(code.path),
                                        [c.path for c in targets], 0, False)
        if ok:
            target = next(c for c in targets if c.path == path)
            self.host.perform(commands.MergeCodes(code.id, target.id))

    def delete_code(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        ids = [c.id for c in self.codes if c.id == code.id or c.path.startswith(code.path + PATH_SEPARATOR)]
        count = self.host.segment_count(ids)
        sub = self.tr(" and its {0} sub-code(s)").format(len(ids) - 1) if len(ids) > 1 else ""
        answer = QMessageBox.question(
            self, self.tr("Delete code"),
            self.tr("Delete '{path}'{sub}? {count} coded segment(s) will be deleted with it.\n"
                    "You can undo this with Edit ▸ Undo.").format(path=code.path, sub=sub, count=count))
        if answer == QMessageBox.StandardButton.Yes:
            self.host.perform(commands.DeleteCode(code.id))
