"""The inspector and its outline, driven with mouse and keys (issue 13 symptoms)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from tests.gui.conftest import CHINESE, ENGLISH


def _click_at(qtbot, pane, offset):
    cursor = QTextCursor(pane.editor.document())
    cursor.setPosition(pane.editor.offsets.to_qt(offset))
    rect = pane.editor.cursorRect(cursor)
    qtbot.mouseClick(pane.editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _outlined(pane) -> list[tuple[int, int]]:
    editor = pane.editor
    return [(editor.offsets.from_qt(s.cursor.selectionStart()), editor.offsets.from_qt(s.cursor.selectionEnd()))
            for s in editor.extraSelections()]


def _panes(window):
    en = window.project.document("en", with_text=False)
    zh = window.project.document("zh", with_text=False)
    left = next(p for p in window.coding.panes if p.document_id == en.id)
    right = next(p for p in window.coding.panes if p.document_id == zh.id)
    return left, right


def test_the_outline_appears_only_in_its_own_document_and_clears(qtbot, window):
    left, right = _panes(window)
    word = ENGLISH.index("smuggling")
    left.select_span(word, word + 9)
    qtbot.keyClick(left.editor, Qt.Key.Key_1)
    right.select_span(0, 2)
    qtbot.keyClick(right.editor, Qt.Key.Key_2)  # the right pane is the active one now

    _click_at(qtbot, left, word + 3)
    assert window.coding.inspector.current().start == word
    assert _outlined(left) == [(word, word + 9)]
    assert _outlined(right) == []  # not on the same character numbers of the other document

    _click_at(qtbot, left, ENGLISH.index("border") + 2)  # uncoded text: nothing inspected
    assert window.coding.inspector.current() is None
    assert _outlined(left) == [] and _outlined(right) == []

    _click_at(qtbot, left, word + 3)
    ben = window.project.coder("Ben")
    window.coder_combo.setCurrentIndex(window.coder_combo.findData(ben.id))
    window.coder_combo.activated.emit(window.coder_combo.currentIndex())
    assert window.coding.inspector.current() is None
    assert _outlined(left) == [] and _outlined(right) == []


def test_the_outline_follows_its_document_into_another_pane(qtbot, window):
    left, right = _panes(window)
    left.select_span(0, 6)
    qtbot.keyClick(left.editor, Qt.Key.Key_1)
    _click_at(qtbot, left, 2)
    en = left.document_id
    window.coding.open_document(right.document_id, left)  # the left pane now shows the Chinese text
    assert _outlined(left) == []
    window.coding.open_document(en, right)
    assert _outlined(right) == [(0, 6)]


def test_the_inspector_follows_the_last_coding_made(qtbot, window):
    left, right = _panes(window)
    crime = window.project.code("Crime")
    left.select_span(0, 6)
    qtbot.keyClick(left.editor, Qt.Key.Key_1)  # by key
    _click_at(qtbot, left, 2)
    first = window.coding.inspector.current()
    assert (first.start, first.end) == (0, 6)

    start = ENGLISH.index("ring")
    left.select_span(start, start + 4)
    window.act_repeat.trigger()  # Ctrl+R
    assert (window.coding.inspector.current().start, window.coding.inspector.current().end) == (start, start + 4)

    start = CHINESE.index("国家")
    right.select_span(start, start + 4)
    menu = QMenu()
    window.coding.fill_context_menu(right, menu, start)  # right click ▸ Code selection as ▸ Security
    code_menu = menu.actions()[0].menu()
    next(a for a in code_menu.actions() if a.text().strip() == "Security").trigger()
    current = window.coding.inspector.current()
    assert current.document_id == right.document_id and current.code_id == window.project.code("Security").id
    assert _outlined(right) == [(current.start, current.end)] and _outlined(left) == []
    assert window.coding.inspector.code_label.text() == "Security"
    assert crime.id != current.code_id
