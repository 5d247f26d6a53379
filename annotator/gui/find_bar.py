"""Find in document (Ctrl+F): a bar under a pane that highlights every hit and steps through them.

Hits come from ``core.find.find_all`` (code points; any case; simplified or traditional script) and are
drawn as extra selections of the pane's editor, converted to Qt's UTF-16 positions in the one place
that does it (``gui.offsets``). Enter / F3 go to the next hit, Shift+Enter / Shift+F3 to the previous,
Escape closes the bar and clears the marks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QToolButton, QWidget

from annotator.core.find import find_all, search_view
from annotator.gui.offsets import OffsetMap

HIT = QColor("#fff176")  # every hit
CURRENT = QColor("#ff9800")  # the hit the cursor is on


class FindBar(QWidget):
    """The bar; ``FindController`` connects it to an editor."""

    query_changed = Signal(str)
    step = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(placeholderText=self.tr("Find in document"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.query_changed)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        previous = QToolButton(text="\u25b2", toolTip=self.tr("Previous hit (Shift+Enter)"))
        previous.clicked.connect(lambda: self.step.emit(-1))
        following = QToolButton(text="\u25bc", toolTip=self.tr("Next hit (Enter)"))
        following.clicked.connect(lambda: self.step.emit(1))
        close = QToolButton(text="\u2715", toolTip=self.tr("Close (Esc)"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.hide()

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.field.setText(text)
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int, query: str) -> None:
        if not query.strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no hits"))
        else:
            self.count.setText(self.tr("{0} of {1}").format(current + 1, total))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.step.emit(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


class FindController(QObject):
    """Finds in one editor's text and marks the hits; ``set_marks`` draws them (the editor combines them
    with its other extra selections)."""

    def __init__(self, bar: FindBar, editor: QPlainTextEdit, text: Callable[[], str],
                 set_marks: Callable[[list[QTextEdit.ExtraSelection]], None]) -> None:
        super().__init__(bar)
        self.bar, self.editor, self._text, self._set_marks = bar, editor, text, set_marks
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self._view_of: tuple[str, str] | None = None  # (text, its search view), cached per document
        bar.query_changed.connect(lambda _q: self.update(jump=True))
        bar.step.connect(self.go)
        bar.closed.connect(self.clear)

    def _view(self, text: str) -> str:
        if self._view_of is None or self._view_of[0] is not text:
            self._view_of = (text, search_view(text))
        return self._view_of[1]

    def update(self, jump: bool = False) -> None:
        """Find again (after typing, or when the pane shows another document)."""
        query = self.bar.field.text()
        text = self._text()
        self.hits = find_all(text, query, view=self._view(text)) if query.strip() and self.bar.isVisible() else []
        if not self.hits:
            self.current = -1
        elif jump or not (0 <= self.current < len(self.hits)):
            position = OffsetMap(text).from_qt(self.editor.textCursor().selectionStart())
            self.current = next((i for i, (s, _e) in enumerate(self.hits) if s >= position), 0)
        self._draw(scroll=jump)

    def go(self, delta: int) -> None:
        if not self.hits:
            self.update(jump=True)
            return
        self.current = (self.current + delta) % len(self.hits)
        self._draw(scroll=True)

    def clear(self) -> None:
        self.hits, self.current = [], -1
        self._set_marks([])
        self.bar.show_count(-1, 0, "")
        self.editor.setFocus()

    def _draw(self, scroll: bool) -> None:
        offsets = OffsetMap(self._text())
        marks: list[QTextEdit.ExtraSelection] = []
        document = self.editor.document()
        for index, (start, end) in enumerate(self.hits):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT if index == self.current else HIT)
            selection.format = fmt
            marks.append(selection)
        self._set_marks(marks)
        self.bar.show_count(self.current, len(self.hits), self.bar.field.text())
        if scroll and 0 <= self.current < len(self.hits):
            start, _end = self.hits[self.current]
            cursor = QTextCursor(document)
            cursor.setPosition(offsets.to_qt(start))
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()
