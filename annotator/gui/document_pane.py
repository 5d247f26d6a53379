"""An article pane: a document picker over a read-only text view that shows codings and takes selections.

All offsets that leave this module are code points (the store's); conversion to Qt positions happens only
through ``OffsetMap``.
"""

from __future__ import annotations

import gc
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QMenu, QTextEdit, QToolButton, QVBoxLayout, QWidget,
)

from annotator.core.model import Segment
from annotator.core.store import Project
from annotator.core.tokens import snap_to_words
from annotator.gui.document_picker import DocumentPicker
from annotator.gui.highlighting import HighlightedEditor, SegmentHighlighter, StripeMargin
from annotator.gui.paragraph_layout import ParagraphSpacedLayout
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import Coding, SpanIndex


# Opening a document highlights the blocks on screen at once and the rest in idle slices, so a crowded
# article (50,000 codings) shows in a fraction of a second; edits touch few blocks and highlight at once.
IMMEDIATE_BLOCKS = 60
PENDING_SLICE_SECONDS = 0.012


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a document's codings are indexed.

    Indexing 50,000 codings allocates some 200,000 small objects (tuples of numbers, which can hold no
    cycle); every 700 allocations start a collection, and the older generations' collections walk the
    whole application's heap, which made them a third of the time to open a crowded article.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class CodingContext(Protocol):
    """What a pane needs from the workspace: colours, names and the segments the current coder may see."""

    def code_colour(self, code_id: int) -> QColor: ...
    def coder_colour(self, coder_id: int) -> QColor: ...
    def code_name(self, code_id: int) -> str: ...
    def coder_name(self, coder_id: int) -> str: ...
    def visible_segments(self, document_id: int, ids: set[int] | None = None) -> list[Segment]: ...
    def visible_codings(self, document_id: int) -> list[Coding]: ...
    def load_segments(self, ids: list[int]) -> list[Segment]: ...
    def own_coder_id(self) -> int | None: ...
    def fill_context_menu(self, pane: "DocumentPane", menu: QMenu, offset: int) -> None: ...


class CodingEditor(HighlightedEditor):
    def __init__(self, pane: "DocumentPane", context: CodingContext) -> None:
        super().__init__(pane)
        self.pane = pane
        self.context = context
        self.span_index: SpanIndex | None = None
        self.offsets = OffsetMap("")
        self.text = ""
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() + 1))
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.paragraph_layout = ParagraphSpacedLayout(self.document())
        self.document().setDocumentLayout(self.paragraph_layout)
        self.margin = StripeMargin(self)
        self.highlighter = SegmentHighlighter(self)
        # Blocks still to be highlighted after opening a document: the visible ones are done at once, the
        # rest in slices of a few milliseconds when the event loop is idle (``_highlight_pending``).
        self._pending_blocks: list[int] = []
        self._pending_timer = QTimer(self)
        self._pending_timer.setInterval(0)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.timeout.connect(self._highlight_pending)
        self.updateRequest.connect(self._update_margin)
        self.verticalScrollBar().actionTriggered.connect(lambda _action: self._user_scrolled())
        self.blockCountChanged.connect(lambda _n: self._fit_margin())
        self._fit_margin()

    # ---- margin plumbing (as in Qt's code editor example) -------------------------------------
    def _fit_margin(self) -> None:
        width = self.margin.margin_width()
        self.setViewportMargins(width, 0, 0, 0)
        cr = self.contentsRect()
        self.margin.setGeometry(QRect(cr.left(), cr.top(), width, cr.height()))

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self.margin.scroll(0, dy)
        else:
            self.margin.update(0, rect.y(), self.margin.width(), rect.height())

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        layout = getattr(self, "paragraph_layout", None)  # (a font change during __init__ comes first)
        if layout is not None and event.type() == QEvent.Type.FontChange:  # zooming: the gap follows the font
            layout.update_gap()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_margin()
        if self._centre is not None:  # laid out again (a new pane getting its size): keep the place centred
            self._centre_now()

    # ---- keeping a place in view ----------------------------------------------------------------
    _centre: int | None = None

    def centre_on(self, offset: int) -> None:
        """Scroll so that code point ``offset`` is in the middle, and keep it there while the pane is laid
        out (a pane just made has no size yet; its wrapping changes as it gets one) until the user scrolls."""
        self._centre = offset
        self._centre_now()
        QTimer.singleShot(0, self._centre_now)

    def _centre_now(self) -> None:
        if self._centre is None:
            return
        position = min(self.offsets.to_qt(self._centre), self.document().characterCount() - 1)
        current = self.textCursor()
        if not (current.hasSelection() and current.selectionStart() <= position <= current.selectionEnd()):
            current = QTextCursor(self.document())  # (a selection at the place is kept)
            current.setPosition(position)
            self.setTextCursor(current)
        self.centerCursor()

    def _user_scrolled(self) -> None:
        """The user took over the scrolling: stop keeping the place centred."""
        self._centre = None

    def top_position(self) -> int:
        """Qt position of the first character shown at the top."""
        return self.cursorForPosition(QPoint(0, 0)).position()

    def scroll_to_top_position(self, position: int) -> None:
        """Scroll so that Qt ``position`` is on the first line shown (panes wrapped differently stay aligned)."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return
        line = block.layout().lineForTextPosition(position - block.position())
        offset = line.lineNumber() if line.isValid() else 0
        self.verticalScrollBar().setValue(block.firstLineNumber() + offset)

    # ---- text and segments ---------------------------------------------------------------------
    def load(self, text: str) -> None:
        self._centre = None
        self.text = text
        self.offsets = OffsetMap(text)
        # The new index is empty until show_segments fills it, so the highlighter passes over the new
        # text at no cost. (Detaching and re-attaching it instead would queue a second, full rehighlight.)
        self.span_index = SpanIndex(text, self.offsets, loader=self.context.load_segments)
        self._pending_blocks = []
        self._pending_timer.stop()
        self.setPlainText(text)

    def show_segments(self, segments: list[Segment] | list[Coding], changed_ids: set[int] | None = None) -> None:
        """Index the segments and re-highlight only the paragraphs whose codings changed.

        With ``changed_ids``, ``segments`` holds just those still visible and the index is patched.
        """
        if self.span_index is None:
            return
        lanes = self.span_index.lanes
        own = self.context.own_coder_id()
        if changed_ids is None:
            changed = self.span_index.rebuild(segments, own)
        else:
            changed = self.span_index.update(changed_ids, segments, own)
        if changed_ids is None and len(changed) > IMMEDIATE_BLOCKS:
            first, last = self._visible_block_range()
            now = [n for n in changed if first <= n <= last]
            self._rehighlight(now)
            self._pending_blocks = sorted(set(self._pending_blocks) | (changed - set(now)))
            self._pending_timer.start()
        else:
            self._rehighlight(sorted(changed))
        if lanes != self.span_index.lanes:
            self._fit_margin()
        self.margin.update()

    def _rehighlight(self, numbers: list[int]) -> None:
        doc = self.document()
        for number in numbers:
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def _visible_block_range(self) -> tuple[int, int]:
        """Numbers of the first and last block (partly) shown in the viewport."""
        block = self.firstVisibleBlock()
        first = last = block.blockNumber()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid() and self.blockBoundingGeometry(block).translated(offset).top() <= bottom:
            last = block.blockNumber()
            block = block.next()
        return first, last

    def _highlight_pending(self) -> None:
        """One slice of the deferred highlighting: the blocks now on screen first, then in order."""
        if not self._pending_blocks:
            return
        first, last = self._visible_block_range()
        lo, hi = bisect_left(self._pending_blocks, first), bisect_right(self._pending_blocks, last)
        shown = self._pending_blocks[lo:hi]
        del self._pending_blocks[lo:hi]
        self._rehighlight(shown)
        deadline = time.perf_counter() + PENDING_SLICE_SECONDS
        done = 0
        while done < len(self._pending_blocks) and time.perf_counter() < deadline:
            self._rehighlight(self._pending_blocks[done:done + 8])
            done += 8
        del self._pending_blocks[:done]
        if self._pending_blocks:
            self._pending_timer.start()

    def finish_highlighting(self) -> None:
        """Highlight every block now (tests, screenshots, printing)."""
        pending, self._pending_blocks = self._pending_blocks, []
        self._pending_timer.stop()
        self._rehighlight(pending)

    def recolour(self) -> None:
        self.highlighter.clear_cache()
        self.highlighter.rehighlight()
        self.margin.update()

    # ---- selections in code points ---------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.from_qt(cursor.selectionStart()), self.offsets.from_qt(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def snap_selection(self) -> None:
        span = self.selected_span()
        if span:
            self.select_span(*snap_to_words(self.text, *span))

    def mark_segments(self, segments: list[Segment]) -> None:
        """Transient outline around clicked segments (the only use of extra selections)."""
        marks = []
        for seg in segments:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(seg.start))
            cursor.setPosition(self.offsets.to_qt(seg.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setFontUnderline(True)
            sel.format.setUnderlineStyle(sel.format.UnderlineStyle.WaveUnderline)
            sel.format.setUnderlineColor(QColor("#222222"))
            marks.append(sel)
        self._outline = marks
        self._apply_marks()

    def set_find_marks(self, marks: list[QTextEdit.ExtraSelection]) -> None:
        """Find-in-document hits, drawn over the outline of the inspected codings."""
        self._find_marks = marks
        self._apply_marks()

    def _apply_marks(self) -> None:
        """Outline first, hits last. Qt redraws each extra selection's range with the text's own format
        (the coding tints) under the selection's, so a later selection paints over an earlier one: with
        the outline last, a hit inside the inspected coding was invisible. A hit that meets the outline
        carries its wavy underline, so both stay visible."""
        outline = list(getattr(self, "_outline", []))
        hits = list(getattr(self, "_find_marks", []))
        for hit in hits:
            start, end = hit.cursor.selectionStart(), hit.cursor.selectionEnd()
            if any(o.cursor.selectionStart() < end and start < o.cursor.selectionEnd() for o in outline):
                hit.format.setFontUnderline(True)
                hit.format.setUnderlineStyle(hit.format.UnderlineStyle.WaveUnderline)
                hit.format.setUnderlineColor(QColor("#222222"))
        self.setExtraSelections(outline + hits)

    # ---- user input --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._user_scrolled()
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        self._user_scrolled()
        super().keyPressEvent(event)

    def event(self, event) -> bool:  # noqa: D401
        # Ctrl+PgUp/PgDown go to the previous/next document (a window shortcut); a text view would
        # otherwise take them for scrolling.
        if event.type() == QEvent.Type.ShortcutOverride and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier and \
                event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            event.ignore()
            return False
        return super().event(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.snap_selection()
            self.mark_segments([])
        else:
            offset = self.offsets.from_qt(self.cursorForPosition(event.position().toPoint()).position())
            hits = self.span_index.segments_at(offset) if self.span_index else []
            self.pane.segment_clicked.emit([s.id for s in hits])

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.pane.activated.emit()

    def wheelEvent(self, event) -> None:  # noqa: N802
        self._user_scrolled()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.pane.zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        offset = self.offsets.from_qt(self.cursorForPosition(event.pos()).position())
        menu.addSeparator()
        self.context.fill_context_menu(self.pane, menu, offset)
        menu.exec(event.globalPos())


class DocumentPane(QWidget):
    """One article with a document combo and a close button; several sit side by side in a splitter."""

    document_changed = Signal(int)
    segment_clicked = Signal(list)  # segment ids under a click (may be empty)
    close_requested = Signal()
    activated = Signal()  # the text got the keyboard focus: this pane is the one the user works in

    def __init__(self, context: CodingContext, parent: QWidget | None = None,
                 project: Callable[[], Project | None] | None = None) -> None:
        """``project``: where the picker finds documents (none: the picker only names the document shown)."""
        super().__init__(parent)
        self.context = context
        self.document_id: int | None = None
        self.picker = DocumentPicker(project or (lambda: None))  # searchable: no item per document
        self.picker.chosen.connect(self._picked)
        close = QToolButton(text="✕", toolTip=self.tr("Close this pane"))
        close.setAutoRaise(True)
        close.clicked.connect(self.close_requested)
        self.editor = CodingEditor(self, context)
        from annotator.gui.find_bar import FindBar, FindController

        self.find_bar = FindBar(self)
        self.find = FindController(self.find_bar, self.editor, lambda: self.editor.text, self.editor.set_find_marks)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.picker, 1)
        top.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)

    def open_find(self, text: str = "") -> None:
        """Ctrl+F: show the find bar under this pane (with the selected words, if any)."""
        self.find_bar.open_bar(text)
        self.find.update(jump=True)

    def _picked(self, document_id: int) -> None:
        if document_id != self.document_id:
            self.document_changed.emit(int(document_id))

    def show_document(self, document_id: int, text: str, label: str = "", tooltip: str = "") -> None:
        """Show a document; ``label`` (its title) names it in the picker."""
        self.document_id = document_id
        self.picker.set_current(document_id, label, tooltip)
        self.editor.load(text)
        self.refresh_segments()
        if self.find_bar.isVisible():
            self.find.update(jump=False)

    def show_nothing(self) -> None:
        """An empty pane (no documents yet, or its document was removed)."""
        self.document_id = None
        self.picker.set_current(None)
        self.editor.load("")
        self.editor.set_find_marks([])
        self.editor.mark_segments([])

    def refresh_segments(self, changed_ids: set[int] | None = None) -> None:
        """Redraw codings: all of them, or (cheaper) just the segments an edit touched."""
        if self.document_id is None:
            return
        if changed_ids:
            current = self.context.visible_segments(self.document_id, ids=changed_ids)
            self.editor.show_segments(current, changed_ids)
        else:
            with collection_paused():  # tens of thousands of small tuples: see collection_paused
                self.editor.show_segments(self.context.visible_codings(self.document_id))

    def zoom(self, steps: int) -> None:
        font = QFont(self.editor.font())
        font.setPointSizeF(min(40.0, max(7.0, font.pointSizeF() + steps)))
        self.editor.setFont(font)
        self.editor._fit_margin()

    # ---- convenience for tests and the workspace --------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        return self.editor.selected_span()

    def select_span(self, start: int, end: int) -> None:
        self.editor.select_span(start, end)
        self.editor.setFocus()


def alt_held() -> bool:
    return bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)
