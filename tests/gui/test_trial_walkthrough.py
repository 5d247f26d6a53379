"""What a new user met walking the tutorial in the real window (the `trial` notes), each driven with keys and
clicks and checked on the screen or in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor

from tests.gui.test_daily_loop import pane_for


def _painted_colours(editor, start: int, end: int) -> set[str]:
    """The colours painted where code points [start, end) of the editor's text are shown."""
    editor.finish_highlighting()
    image = QImage(editor.viewport().size(), QImage.Format.Format_RGB32)
    editor.viewport().render(image)
    colours = set()
    for position in range(editor.offsets.to_qt(start), editor.offsets.to_qt(end)):
        cursor = QTextCursor(editor.document())
        cursor.setPosition(position)
        rect = editor.cursorRect(cursor)
        for x in range(rect.left() + 1, rect.left() + 4):
            colours.add(image.pixelColor(x, rect.top() + 1).name())
    return colours


def test_a_find_hit_inside_the_inspected_coding_is_highlighted(window, qtbot):
    from annotator.gui.find_bar import CURRENT, HIT

    pane, doc = pane_for(window, "en")
    pane.select_span(0, 65)  # the first sentence coded, then clicked: the inspector outlines it
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    window.coding._segments_clicked(pane, [seg.id])
    assert pane.editor.extraSelections()  # the outline
    pane.editor.setFocus()
    qtbot.keyClick(pane.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.find_bar.field, "the")  # "... across the border.\nOfficials said the trade ..."
    (start, end), = [hit for hit in pane.find.hits if hit[1] <= seg.end]
    assert pane.find_bar.count.text().startswith("1 of")
    assert CURRENT.name() in _painted_colours(pane.editor, start, end)
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)  # another hit is current: this one is a plain hit
    assert HIT.name() in _painted_colours(pane.editor, start, end)
