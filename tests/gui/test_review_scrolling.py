"""Every Review pane shows the chosen disagreement, however it was chosen (mouse, keys, unticking a coder)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.core.model import DocumentInput

PARAGRAPH = "Officials said the border trade in blood samples keeps growing despite the new rules.\n"


@pytest.fixture
def long_review(qtbot, project):
    """One long article; Ana, Ben and Cal disagree near its start, middle and end."""
    text = PARAGRAPH * 400
    doc = project.add_documents([DocumentInput(text=text, name="long", language="en")]).added[0]
    coders = [project.ensure_coder(n).id for n in ("Ana", "Ben", "Cal")]
    code = project.add_code("Economy").id
    rows = []
    for paragraph in (3, 200, 390):
        start = paragraph * len(PARAGRAPH)
        rows.append((doc.id, coders[0], code, start, start + 30, ""))
        rows.append((doc.id, coders[1], code, start, start + 20, ""))
    project.add_segments(rows)
    for c in coders:
        project.set_assignment(doc.id, c, "done")
    from annotator.gui.main_window import MainWindow

    win = MainWindow(project)
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    qtbot.waitExposed(win)
    win.show_view("review")
    yield win
    win.stack.clear()


def _visible(pane, offset: int) -> bool:
    editor = pane.editor
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.offsets.to_qt(offset))
    return editor.viewport().rect().contains(editor.cursorRect(cursor).center())


def _click_row(qtbot, review, row: int) -> None:
    rect = review.table.visualRect(review.model.index(row, 0))
    qtbot.mouseClick(review.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _all_show(qtbot, review) -> None:
    d = review.current
    qtbot.waitUntil(lambda: all(_visible(p, d.start) for p in review.panes), timeout=3000)


def test_every_pane_shows_the_disagreement_chosen_with_the_mouse(qtbot, long_review):
    review = long_review.review
    assert review.model.rowCount() == 3
    for row in (2, 0, 1, 2):
        _click_row(qtbot, review, row)
        assert review.current_row() == row
        _all_show(qtbot, review)


def test_every_pane_shows_it_after_unticking_a_coder(qtbot, long_review):
    review = long_review.review
    _click_row(qtbot, review, 2)
    _all_show(qtbot, review)
    cal = next(box for box in review.coder_boxes.values() if box.text() == "Cal")
    qtbot.mouseClick(cal, Qt.MouseButton.LeftButton)  # untick: the panes are rebuilt for two coders
    assert len(review.panes) == 2
    _all_show(qtbot, review)
    qtbot.mouseClick(cal, Qt.MouseButton.LeftButton)
    assert len(review.panes) == 3
    _all_show(qtbot, review)


def test_scrolling_one_pane_scrolls_the_others_to_the_same_text(qtbot, long_review):
    review = long_review.review
    _click_row(qtbot, review, 1)
    _all_show(qtbot, review)
    first = review.panes[0].editor
    qtbot.keyClick(first, Qt.Key.Key_PageDown)  # the user scrolls the first pane
    qtbot.keyClick(first, Qt.Key.Key_PageDown)
    top = first.top_position()
    for pane in review.panes[1:]:
        assert abs(pane.editor.top_position() - top) <= len(PARAGRAPH)  # the same text, within a line
