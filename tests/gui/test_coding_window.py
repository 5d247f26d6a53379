"""Drive the real window like a coder: select, press a shortcut, see the database and the highlight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from tests.gui.conftest import EMOJI, ENGLISH


def pane_for(window, name):
    doc = window.project.document(name, with_text=False)
    pane = window.coding.panes[0]
    window.coding.open_document(doc.id, pane)
    return pane, doc


def formats_at(pane, offset):
    """Highlighter formats covering code-point ``offset`` in the pane."""
    editor = pane.editor
    position = editor.offsets.to_qt(offset)
    block = editor.document().findBlock(position)
    local = position - block.position()
    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= local < r.start + r.length]


def test_select_and_press_shortcut_codes_text(window, qtbot):
    pane, doc = pane_for(window, "en")
    start = ENGLISH.index("smuggling")
    pane.select_span(start + 2, start + 5)  # inside the word: snaps to "smuggling"
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    segments = window.project.segments(document_id=doc.id)
    assert [(s.start, s.end) for s in segments] == [(start, start + len("smuggling"))]
    assert segments[0].code_id == window.project.code("Crime").id
    backgrounds = [f.background().color() for f in formats_at(pane, start + 1)]
    assert backgrounds and backgrounds[0] != QColor(Qt.GlobalColor.white)
    assert window.act_undo.text() == "Undo code 'Crime'"


def test_undo_redo(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_2)
    assert len(window.project.segments(document_id=doc.id)) == 1
    window.act_undo.trigger()
    assert window.project.segments(document_id=doc.id) == []
    assert formats_at(pane, 1) == []
    window.act_redo.trigger()
    assert len(window.project.segments(document_id=doc.id)) == 1
    assert formats_at(pane, 1)


def test_alt_disables_snapping(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(1, 4)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert [(s.start, s.end) for s in window.project.segments(document_id=doc.id)] == [(1, 4)]


def test_code_by_clicking_codebook_and_repeat_last(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    item = window.coding.codebook.tree.topLevelItem(0)
    window.coding.codebook.tree.itemClicked.emit(item, 0)
    pane.select_span(7, 12)
    window.act_repeat.trigger()
    codes = {s.code_id for s in window.project.segments(document_id=doc.id)}
    assert codes == {window.project.code("Crime").id}
    assert len(window.project.segments(document_id=doc.id)) == 2


def test_blind_coding_hides_other_coders(window, qtbot):
    project = window.project
    doc = project.document("en", with_text=False)
    ben = project.coder("Ben")
    ana = project.coder("Ana")
    assert window.coding.coder_id == ana.id
    project.add_segment(doc.id, ben.id, project.code("Crime").id, 0, 6)
    pane, _ = pane_for(window, "en")
    assert formats_at(pane, 1) == []  # Ben's coding is hidden from Ana
    window.act_show_others.setChecked(True)
    fmt = formats_at(pane, 1)
    assert fmt and fmt[0].fontUnderline()
    assert fmt[0].underlineColor() == QColor(ben.color)
    window.act_show_others.setChecked(False)
    assert formats_at(pane, 1) == []


def test_switch_coder(window, qtbot):
    pane, doc = pane_for(window, "en")
    ben = window.project.coder("Ben")
    window.coder_combo.setCurrentIndex(window.coder_combo.findData(ben.id))
    window.coder_combo.activated.emit(window.coder_combo.currentIndex())
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    assert window.project.segments(document_id=doc.id)[0].coder_id == ben.id


def test_two_panes_and_add_remove(window, qtbot):
    coding = window.coding
    assert len(coding.panes) == 2
    en = window.project.document("en", with_text=False)
    zh = window.project.document("zh", with_text=False)
    assert {p.document_id for p in coding.panes} == {en.id, zh.id}
    right = next(p for p in coding.panes if p.document_id == zh.id)
    right.select_span(0, 2)
    qtbot.keyClick(right.editor, Qt.Key.Key_3)
    seg = window.project.segments(document_id=zh.id)[0]
    assert seg.code_id == window.project.code("Security/Biosecurity").id
    assert window.project.segments(document_id=en.id) == []
    third = coding.add_pane()
    assert len(coding.panes) == 3
    coding.remove_pane(third)
    assert len(coding.panes) == 2


def test_emoji_offsets(window, qtbot):
    pane, doc = pane_for(window, "emoji")
    start = EMOJI.index("loudly")
    pane.select_span(start, start + len("loudly"))
    assert pane.editor.textCursor().selectedText() == "loudly"
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    assert EMOJI[seg.start:seg.end] == "loudly"
    assert formats_at(pane, start) and not formats_at(pane, start - 2)


def test_click_highlight_inspects_and_edits(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    rect = pane.editor.cursorRect(_cursor_at(pane, 2))
    qtbot.mouseClick(pane.editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    inspector = window.coding.inspector
    assert inspector.current() and inspector.current().id == seg.id
    inspector.memo.setPlainText("strong verb")
    inspector.save_memo.click()
    assert window.project.segment(seg.id).memo == "strong verb"
    window.coding.adjust_boundary("end", 1)  # one word, not one character (issue 14)
    assert window.project.segment(seg.id).end == len("Police broke")
    window.act_undo.trigger()
    assert window.project.segment(seg.id).end == seg.end
    inspector.delete.click()
    assert window.project.segments(document_id=doc.id) == []
    window.act_undo.trigger()
    assert window.project.segment(seg.id).memo == "strong verb"


def _cursor_at(pane, offset):
    cursor = QTextCursor(pane.editor.document())
    cursor.setPosition(pane.editor.offsets.to_qt(offset))
    return cursor


def test_mark_document_done(window):
    pane, doc = pane_for(window, "en")
    window.act_done.trigger()
    ana = window.project.coder("Ana")
    assert window.project.assignment_status(doc.id, ana.id) == "done"
    model = window.coding.doc_model
    assert model.data(model.index(model.row_of(doc.id), 4)) == "done"


def test_codebook_panel_counts_and_filter(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    tree = window.coding.codebook.tree
    crime = tree.topLevelItem(0)
    assert (crime.text(0), crime.text(1), crime.text(2), crime.text(3)) == ("Crime", "1", "1", "1")
    window.coding.codebook.filter.setText("bio")
    assert crime.isHidden()
    assert not tree.topLevelItem(1).isHidden()  # Security stays: its child matches


def test_delete_code_from_panel_is_undoable(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    panel = window.coding.codebook
    panel.select_code(window.project.code("Crime").id)
    panel.delete_code()
    assert "1 coded segment(s)" in asked[0]
    assert window.project.segments() == []
    window.act_undo.trigger()
    assert len(window.project.segments()) == 1
    assert formats_at(pane, 1)


def test_context_menu_lists_codes(window):
    from PySide6.QtWidgets import QMenu

    pane, _ = pane_for(window, "en")
    pane.select_span(0, 6)
    menu = QMenu()
    window.coding.fill_context_menu(pane, menu, 0)
    code_menu = menu.actions()[0].menu()
    assert [a.text().strip() for a in code_menu.actions()] == ["Crime", "Security", "Biosecurity"]


def test_none_returning_calls_do_not_crash():
    """Regression: 50,000 calls of Qt methods returning None must not crash (PySide6 6.12.0 did)."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument("x" * 100)
    cursor = QTextCursor(document)
    fmt = QTextCharFormat()
    colour = QColor("#abcdef")
    for i in range(50_000):
        cursor.setPosition(i % 100)
        fmt.setBackground(colour)
    assert cursor.position() == 99


def test_unknown_view(window):
    import pytest

    with pytest.raises(KeyError, match="unknown view 'nope'"):
        window.show_view("nope")
    window.show_view("main")


def test_memo_saved_when_leaving_it(window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent

    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    window.coding._segments_clicked(pane, [seg.id])
    inspector = window.coding.inspector
    inspector.memo.setPlainText("typed then left")
    inspector.eventFilter(inspector.memo, QFocusEvent(QEvent.Type.FocusOut))
    assert window.project.segment(seg.id).memo == "typed then left"


def test_digits_typed_in_filter_boxes_and_memo_are_text(window, qtbot):
    """Code shortcuts must not steal keys from text fields inside the workspace."""
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    coding = window.coding
    qtbot.keyClicks(coding.doc_filter, "12")
    assert coding.doc_filter.text() == "12"
    qtbot.keyClicks(coding.codebook.filter, "3")
    assert coding.codebook.filter.text() == "3"
    assert window.project.segments(document_id=doc.id) == []


def test_ctrl_z_in_the_article_undoes_the_coding(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.segments(document_id=doc.id) == []
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.project.segments(document_id=doc.id)) == 1
    pane.select_span(7, 12)
    qtbot.keyClick(pane.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.segments(document_id=doc.id)) == 2


def test_adjust_boundaries_by_keyboard(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    window.coding._segments_clicked(pane, [seg.id])
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(pane.editor, Qt.Key.Key_Right, alt_shift)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Right, alt_shift)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
    moved = window.project.segment(seg.id)  # word by word: "Police" -> "broke up", not one character
    text = window.project.document_text(doc.id)
    assert text[moved.start:moved.end] == "broke up"
    assert window.coding.inspector.current().end == moved.end
    qtbot.keyClick(pane.editor, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Left, alt_shift)
    back = window.project.segment(seg.id)
    assert text[back.start:back.end] == "Police broke"


def test_the_counts_column_says_which_document_it_counts(window, qtbot):
    """The Doc count follows the pane the user works in, and the header names that document and coder."""
    coding = window.coding
    en = window.project.document("en", with_text=False)
    zh = window.project.document("zh", with_text=False)
    left = next(p for p in coding.panes if p.document_id == en.id)
    right = next(p for p in coding.panes if p.document_id == zh.id)
    left.select_span(0, 6)
    qtbot.keyClick(left.editor, Qt.Key.Key_1)
    header = coding.codebook.tree.headerItem()
    caption = coding.codebook.counts_caption
    crime = coding.codebook.tree.topLevelItem(0)
    assert header.text(2) == "Doc" and crime.text(2) == "1"  # a short header: the code names keep their room
    assert "Ana" in header.toolTip(2) and "Ring broken up" in header.toolTip(2)
    assert "Ring broken up" in caption.toolTip() and "Ana" in caption.toolTip()
    qtbot.mouseClick(right.editor.viewport(), Qt.MouseButton.LeftButton)  # click into the other article
    assert "血样案" in caption.toolTip() and coding.codebook.tree.topLevelItem(0).text(2) == ""
    assert coding.codebook.tree.topLevelItem(0).text(3) == "1"
    window.act_show_others.setChecked(True)
    assert "every coder" in header.toolTip(2) and "every coder" in header.toolTip(3)


def test_the_counts_caption_never_widens_the_codebook(window, qtbot):
    coding = window.coding
    panel = coding.codebook
    width = panel.width()
    coding.codebook.set_count_labels("一个非常非常长的中文标题" * 8, "Ana")
    qtbot.wait(10)
    assert panel.width() == width and panel.counts_caption.text().count("…") == 1
