"""Space between paragraphs in the coding panes.

``QPlainTextEdit`` (chosen for its speed on long articles) ignores block margins and line heights, so
plain-text articles whose paragraphs are separated by single line breaks read as a wall of text. This
layout adds a gap below every paragraph that is followed by another non-empty one; the text itself (and
so every offset) is untouched. ``QPlainTextEdit`` places, paints and hit-tests blocks through
``blockBoundingRect``, so the gap is honoured everywhere at the cost of one call per visible block.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class ParagraphSpacedLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument, fraction: float = 0.45) -> None:
        super().__init__(document)
        self.fraction = fraction
        self.gap = 0.0
        self.update_gap()

    def update_gap(self) -> None:
        """Recompute the gap from the document's font (call after a font change)."""
        self.gap = round(QFontMetricsF(self.document().defaultFont()).lineSpacing() * self.fraction)

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt name)
        rect = super().blockBoundingRect(block)
        following = block.next()
        if self.gap and block.length() > 1 and following.isValid() and following.length() > 1:
            rect.setHeight(rect.height() + self.gap)
        return rect
