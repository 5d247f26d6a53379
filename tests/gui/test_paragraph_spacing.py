"""Paragraphs separated by single line breaks get a gap in the coding panes; the text and offsets do not change."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from annotator.core.commands import Changes
from annotator.core.model import DocumentInput
from tests.gui.test_coding_window import pane_for

WIRE = ("Police break up a smuggling ring.\nThe samples were sent abroad.\nOfficials declined to comment.\n\n"
        "A later paragraph after a blank line.")


def test_single_line_break_paragraphs_are_spaced_and_clicks_still_land_on_the_text(window, qtbot):
    window.bus.project.add_documents([DocumentInput(text=WIRE, name="wire")])
    window.bus.announce(Changes(document_list=True))
    pane, _doc = pane_for(window, "wire")
    editor = pane.editor
    qtbot.waitUntil(lambda: editor.document().blockCount() == 5)
    first, second = editor.document().firstBlock(), editor.document().firstBlock().next()
    line = editor.fontMetrics().lineSpacing()
    gap = editor.blockBoundingGeometry(second).top() - editor.blockBoundingGeometry(first).top() \
        - first.layout().boundingRect().height()
    assert gap >= line * 0.3  # a visible gap between "…ring." and "The samples…"
    third = second.next()
    blank = third.next()
    # No gap is added where the text already has a blank line.
    assert editor.blockBoundingGeometry(third).height() == third.layout().boundingRect().height()
    assert editor.blockBoundingGeometry(blank).height() == blank.layout().boundingRect().height()
    assert editor.toPlainText() == WIRE
    # A click on the second paragraph's first word selects inside "The", in code points of the stored text.
    top = editor.blockBoundingGeometry(second).translated(editor.contentOffset()).top()
    qtbot.mouseDClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(editor.document().documentMargin()) + 8,
                                                                                int(top + line / 2)))
    span = pane.selected_span()
    assert span is not None and WIRE[span[0]:span[1]] == "The"
