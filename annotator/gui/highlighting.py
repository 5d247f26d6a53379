"""Painting coded segments: a syntax highlighter for the text tint and a margin with one stripe per lane.

Own codings get a tint blended from their code colours; other coders' codings (when shown) get an underline
in the coder's colour, so the text stays readable however many codes overlap. The margin draws one coloured
stripe lane per overlapping segment and names the code on hover.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPen, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.gui.span_index import SpanIndex


class HighlightedEditor(QPlainTextEdit):
    """What the highlighter and the margin read from the editor they draw for (``CodingEditor`` in
    ``document_pane``): its span index, its coding context (colours, names) and its pane."""

    span_index: SpanIndex | None
    context: Any  # document_pane.CodingContext
    pane: Any  # document_pane.DocumentPane

LANE_WIDTH = 5
MAX_LANES = 10
MEMO_MARK = 4  # pixels: the notch atop the stripe of a coding that has a memo
MEMO_COLOUR = QColor("#222222")


def tint(colours: list[QColor], strength: float = 0.33) -> QColor:
    """Average the colours and lighten towards white so black text stays legible on top."""
    n = len(colours)
    r = sum(c.red() for c in colours) / n
    g = sum(c.green() for c in colours) / n
    b = sum(c.blue() for c in colours) / n
    a = min(0.55, strength + 0.07 * (n - 1))
    return QColor(int(255 - (255 - r) * a), int(255 - (255 - g) * a), int(255 - (255 - b) * a))


class SegmentHighlighter(QSyntaxHighlighter):
    def __init__(self, editor: HighlightedEditor) -> None:
        super().__init__(editor.document())
        self.editor = editor
        self._formats: dict[tuple, QTextCharFormat] = {}

    def clear_cache(self) -> None:
        self._formats.clear()

    def _format(self, own_codes: tuple[int, ...], other_coders: tuple[int, ...]) -> QTextCharFormat:
        key = (own_codes, other_coders)
        fmt = self._formats.get(key)
        if fmt is None:
            ctx = self.editor.context
            fmt = QTextCharFormat()
            if own_codes:
                fmt.setBackground(tint([ctx.code_colour(c) for c in own_codes]))
            if other_coders:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(ctx.coder_colour(other_coders[0]))
                fmt.setFontUnderline(True)
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        index = self.editor.span_index
        if index is None or index.empty:
            return  # nothing coded: opening a long article calls this once per paragraph, keep it cheap
        spans = index.spans_in_block(self.currentBlock().blockNumber())
        if not spans:
            return
        for lo, hi, own, others in format_runs(spans, len(text)):
            self.setFormat(lo, hi - lo, self._format(own, others))


def format_runs(spans, length: int) -> list[tuple[int, int, tuple[int, ...], tuple[int, ...]]]:
    """One sorted sweep over a block's spans: the stretches ``[lo, hi)`` of ``[0, length)`` that are
    coded, each with the own codes and the other coders covering it (sorted, distinct).

    Linear in the spans after one sort, where testing every span against every stretch was quadratic
    in the codings of a paragraph (50,000 codings in a 300,000-character article took seconds).
    """
    events: list[tuple[int, int, int, bool]] = []  # (position, +1 opens / -1 closes, key, own)
    for span in spans:
        start, end = max(0, span.start), min(length, span.end)
        if start < end:
            key = span.code_id if span.own else span.coder_id
            events.append((start, 1, key, span.own))
            events.append((end, -1, key, span.own))
    events.sort()
    own: dict[int, int] = {}
    others: dict[int, int] = {}
    runs: list[tuple[int, int, tuple[int, ...], tuple[int, ...]]] = []
    i, n = 0, len(events)
    while i < n:
        position = events[i][0]
        while i < n and events[i][0] == position:  # apply every change at this position
            _, step, key, is_own = events[i]
            counts = own if is_own else others
            left = counts.get(key, 0) + step
            if left:
                counts[key] = left
            else:
                del counts[key]
            i += 1
        if i < n and (own or others):
            stretch = (tuple(sorted(own)), tuple(sorted(others)))
            following = events[i][0]
            if runs and runs[-1][1] == position and runs[-1][2:] == stretch:
                runs[-1] = (runs[-1][0], following, *stretch)  # the same look continues
            else:
                runs.append((position, following, *stretch))
    return runs


class StripeMargin(QWidget):
    """Left margin of a pane: one vertical stripe per coded segment, lanes side by side."""

    def __init__(self, editor: HighlightedEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setMouseTracking(True)

    def lanes(self) -> int:
        index = self.editor.span_index
        return min(MAX_LANES, index.lanes) if index else 0

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.margin_width(), 0)

    def margin_width(self) -> int:
        return 8 + LANE_WIDTH * max(1, self.lanes())

    def _visible_stripes(self, bottom: int):
        """Yield (rect, span) for stripes in the visible part of the editor."""
        editor = self.editor
        index = editor.span_index
        if index is None:
            return
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        while block.isValid():
            geometry = editor.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible():
                layout = block.layout()
                for span in index.spans_in_block(block.blockNumber()):
                    first = layout.lineForTextPosition(span.start)
                    last = layout.lineForTextPosition(max(span.start, span.end - 1))
                    if not first.isValid() or not last.isValid():
                        continue
                    top = geometry.top() + first.y()
                    height = last.y() + last.height() - first.y()
                    lane = min(span.lane, MAX_LANES - 1)
                    yield QRect(4 + lane * LANE_WIDTH, int(top) + 1, LANE_WIDTH - 1, int(height) - 2), span
            block = block.next()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#f4f4f2"))
        ctx = self.editor.context
        codings = self.editor.span_index.codings if self.editor.span_index else {}
        for rect, span in self._visible_stripes(event.rect().bottom()):
            colour = ctx.code_colour(span.code_id)
            if span.own:
                painter.fillRect(rect, colour)
            else:  # another coder: hollow stripe in the code colour, edged in the coder's colour
                painter.fillRect(rect, colour.lighter(160))
                painter.setPen(QPen(ctx.coder_colour(span.coder_id), 1))
                painter.drawLine(rect.left(), rect.top(), rect.left(), rect.bottom())
            seg = codings.get(span.segment_id)
            if seg is not None and seg.memo:  # a coding with a memo: a dark notch atop its stripe
                painter.fillRect(QRect(rect.left() - 1, rect.top(), rect.width() + 2, MEMO_MARK), MEMO_COLOUR)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            names = []
            for rect, span in self._visible_stripes(self.height()):
                if rect.adjusted(-1, 0, 1, 0).contains(pos):
                    ctx = self.editor.context
                    label = ctx.code_name(span.code_id)
                    if not span.own:
                        label += f" ({ctx.coder_name(span.coder_id)})"
                    index = self.editor.span_index
                    coding = index.codings.get(span.segment_id) if index else None
                    if coding is not None and coding.memo:  # the memo's text is read for the tooltip only
                        memo = index.segments[span.segment_id].memo  # type: ignore[union-attr]
                        label += "\n    \u270e " + " ".join(memo.split())[:200]
                    names.append(label)
            if names:
                QToolTip.showText(event.globalPos(), "\n".join(dict.fromkeys(names)), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        for rect, span in self._visible_stripes(self.height()):
            if rect.adjusted(-1, 0, 1, 0).contains(event.position().toPoint()):
                self.editor.pane.segment_clicked.emit([span.segment_id])
                return
        super().mousePressEvent(event)


__all__ = ["SegmentHighlighter", "StripeMargin", "format_runs", "tint"]
