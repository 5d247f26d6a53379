"""The coder's daily loop (issue 14), driven in the real window with keys and clicks, checked in the database:
exclusive groups, word nudging, retrieval, document properties and sets, coders, memos, keyboard flow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QInputDialog, QLineEdit, QMenu, QMessageBox, QPushButton,
)

from annotator.core.model import DocumentInput
from tests.gui.conftest import CHINESE, ENGLISH


def pane_for(window, name, index=0):
    doc = window.project.document(name, with_text=False)
    pane = window.coding.panes[index]
    window.coding.open_document(doc.id, pane)
    return pane, doc


def when_shown(qtbot, act: Callable[[object], None], popup: bool = False) -> None:
    """Run ``act`` on the next modal dialog (or popup menu) once it is open: how a test answers exec()."""
    def poll() -> None:
        widget = QApplication.activePopupWidget() if popup else QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            QTimer.singleShot(20, poll)
            return
        act(widget)
    QTimer.singleShot(0, poll)


def choose_from_menu(qtbot, text: str) -> None:
    """Trigger the menu entry ``text`` (searching submenus) of the popup menu about to open."""
    def act(menu) -> None:
        stack = [menu]
        while stack:
            current = stack.pop()
            for action in current.actions():
                if action.menu():
                    stack.append(action.menu())
                elif action.text() == text:
                    menu.close()
                    action.trigger()
                    return
        raise AssertionError(f"no menu entry {text!r}")
    when_shown(qtbot, act, popup=True)


def answer_text(monkeypatch, text: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (text, True)))


@pytest.fixture
def frames(window):
    project = window.project
    project.add_code("Primary frame", exclusive=True)
    project.add_code("Primary frame/Crime", shortcut="7")
    project.add_code("Primary frame/Security", shortcut="8")
    from annotator.core.commands import Changes

    window.bus.announce(Changes(codebook=True))
    return window


def test_an_exclusive_child_replaces_its_sibling_and_undo_brings_it_back(frames, qtbot):
    window = frames
    pane, doc = pane_for(window, "en")
    headline = ENGLISH.splitlines()[0]
    pane.select_span(0, len(headline))
    qtbot.keyClick(pane.editor, Qt.Key.Key_7)
    crime = window.project.code("Primary frame/Crime").id
    security = window.project.code("Primary frame/Security").id
    assert [s.code_id for s in window.project.segments(document_id=doc.id)] == [crime]
    pane.select_span(7, 20)
    qtbot.keyClick(pane.editor, Qt.Key.Key_8)
    assert [s.code_id for s in window.project.segments(document_id=doc.id)] == [security]
    assert "replacing 'Primary frame/Crime'" in window.statusBar().currentMessage()
    window.act_undo.trigger()  # one edit: the sibling is back, the new coding gone
    assert [(s.code_id, s.start, s.end) for s in window.project.segments(document_id=doc.id)] == [
        (crime, 0, len(headline))]


@pytest.mark.parametrize(("name", "text", "word", "after"), [
    ("en", ENGLISH, "Police", "Police broke"),
    ("zh", CHINESE, "警方", "警方破获"),
])
def test_alt_shift_right_moves_the_end_one_word(window, qtbot, name, text, word, after):
    pane, doc = pane_for(window, name)
    pane.select_span(0, len(word))
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    window.coding._segments_clicked(pane, [seg.id])
    qtbot.keyClick(pane.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    moved = window.project.segment(seg.id)
    assert text[moved.start:moved.end] == after


def test_retrieval_lists_exactly_the_database_and_jumps_to_each(window, qtbot):
    project = window.project
    ana = project.coder("Ana")
    en, zh = project.document("en"), project.document("zh")
    for doc, coder, code, phrase in ((en, "Ana", "Crime", "smuggling"), (zh, "Ben", "Security/Biosecurity", "生物安全"),
                                     (en, "Ben", "Security", "biosecurity")):
        start = doc.text.index(phrase)
        project.add_segment(doc.id, project.coder(coder).id, project.code(code).id, start, start + len(phrase))
    window.bus.announce(__import__("annotator.core.commands", fromlist=["Changes"]).Changes(all_segments=True))
    window.show_view("retrieval")
    view = window.daily.retrieval
    listed = [(r.document, r.coder, r.code, r.start, r.end) for r in view.model.rows]
    names, coders, codes = project.document_names(), {c.id: c.name for c in project.coders()}, \
        {c.id: c.path for c in project.codes()}
    assert sorted(listed) == sorted((names[s.document_id], coders[s.coder_id], codes[s.code_id], s.start, s.end)
                                    for s in project.segments())
    # Tick "Security": its sub-code comes too; choose a coder in the filter.
    item = next(i for i in view._all_code_items() if i.text(0) == "Security")
    item.setCheckState(0, Qt.CheckState.Checked)
    assert {r.code for r in view.model.rows} == {"Security", "Security/Biosecurity"}
    view.coder.setCurrentIndex(view.coder.findText("Ben"))
    assert len(view.model.rows) == 2
    for row, seg in enumerate(list(view.model.rows)):
        window.show_view("retrieval")
        qtbot.waitUntil(lambda: view.table.viewport().isVisible() and view.table.viewport().height() > 50)
        rect = view.table.visualRect(view.model.index(row, 3))
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.tabs.currentWidget() is window.coding
        pane = next(p for p in window.coding.panes if p.document_id == seg.document_id)
        assert pane.selected_span() == (seg.start, seg.end)
        assert window.coding.coder_id == ana.id  # still Ana: another coder's coding is shown, not adopted
        assert window.coding.show_others == (seg.coder_id != ana.id)
    # Re-code and delete from the list, each one undoable.
    window.show_view("retrieval")
    view.table.selectRow(0)
    first = view.model.rows[0]
    view.recode(project.code("Crime").id)
    assert project.segment(first.id).code_id == project.code("Crime").id
    window.act_undo.trigger()
    assert project.segment(first.id).code_id == first.code_id
    view.text.setText("生物")
    assert [r.id for r in view.model.rows] == [s.id for s in project.segments(document_id=zh.id)]
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert project.segments(document_id=zh.id) == []
    window.act_undo.trigger()
    assert len(project.segments(document_id=zh.id)) == 1
    assert ana.id in {s.coder_id for s in project.segments()}


def test_retrieval_memo_edit_and_export(window, qtbot, monkeypatch, tmp_path):
    project = window.project
    doc = project.document("en")
    project.add_segment(doc.id, project.coder("Ana").id, project.code("Crime").id, 0, 6)
    from annotator.core.commands import Changes
    window.bus.announce(Changes(all_segments=True))
    view = window.daily.retrieval
    assert view._stale_rows  # a hidden tab reads nothing: it is read when shown
    window.show_view("retrieval")
    assert not view._stale_rows and view.model.rowCount() == 1
    view.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("why: the verb", True)))
    view.memo_button.click()
    assert project.segments()[0].memo == "why: the verb"
    assert view.model.data(view.model.index(0, 4)).endswith("why: the verb")
    from PySide6.QtWidgets import QFileDialog
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    view.export_button.click()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "document,coder,code,start,end,text,memo" and "why: the verb" in lines[1]


def test_document_properties_edits_persist_and_undo(window, qtbot):
    view = window.coding
    row = next(r for r in range(view.doc_proxy.rowCount())
               if view.doc_proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) == window.project.document("en").id)
    point = view.doc_table.visualRect(view.doc_proxy.index(row, 0)).center()

    def fill(dialog) -> None:
        dialog.title.selectAll()
        qtbot.keyClicks(dialog.title, "Border ring broken up")
        dialog.outlet.setCurrentText("Pacific Newswire")
        qtbot.keyClicks(dialog.date, "2025-06-12")
        dialog.url.setText("https://example.org/ring")
        dialog._add_attribute_row("wave", "2")
        qtbot.keyClicks(dialog.new_set, "Wire services")
        qtbot.keyClick(dialog.new_set, Qt.Key.Key_Return)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    choose_from_menu(qtbot, "Properties…")
    when_shown(qtbot, fill)
    view._document_context_menu(point)
    qtbot.waitUntil(lambda: window.project.document("en").title == "Border ring broken up", timeout=5000)
    doc = window.project.document("en", with_text=False)
    assert (doc.outlet, doc.date, doc.url, doc.attributes) == ("Pacific Newswire", "2025-06-12",
                                                               "https://example.org/ring", {"wave": "2"})
    wire = window.project.document_set("Wire services")
    assert window.project.set_members(wire.id) == [doc.id]
    assert view.doc_set.findText("Set: Wire services") >= 0  # the list can now be filtered by it
    view.doc_set.setCurrentIndex(view.doc_set.findText("Set: Wire services"))
    assert view.doc_proxy.rowCount() == 1
    window.act_undo.trigger()  # title, attributes and the set in one edit
    assert window.project.document("en", with_text=False).title == "Ring broken up"
    assert window.project.find_document_set("Wire services") is None


def test_delete_document_says_how_many_codings_and_undo_restores(window, qtbot, monkeypatch):
    project = window.project
    doc = project.document("zh")
    project.add_segment(doc.id, project.coder("Ana").id, project.code("Crime").id, 0, 2)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _parent, _title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes))
    from annotator.gui.document_menu import delete_documents
    delete_documents(window.coding, [doc.id], window)
    assert "1 codings" in asked[0]
    assert project.find_document_set is not None and "zh" not in project.document_names().values()
    window.act_undo.trigger()
    assert len(project.segments(document_id=doc.id)) == 1


def test_coders_rename_and_merge_without_losing_a_segment(window, qtbot, monkeypatch):
    project = window.project
    en = project.document("en")
    for coder, start in (("Ana", 0), ("Ben", 7), ("Ben", 0)):
        project.add_segment(en.id, project.coder(coder).id, project.code("Crime").id, start, start + 5)
    total = len(project.segments())
    from annotator.gui.coders_dialog import CodersDialog
    dialog = CodersDialog(window.bus, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(1)  # Ben
    answer_text(monkeypatch, "Ben Li")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert project.coder(project.coder("Ben Li").id).name == "Ben Li"
    assert window.coder_combo.findText("Ben Li") >= 0  # the toolbar follows at once
    dialog.table.selectRow(1)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Ana", True)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in project.coders()] == ["Ana"]
    assert len(project.segments()) == total - 1  # Ben's copy of Ana's 0-5 is kept once
    assert {(s.start, s.end) for s in project.segments()} == {(0, 5), (7, 12)}
    window.act_undo.trigger()
    assert [c.name for c in project.coders()] == ["Ana", "Ben Li"] and len(project.segments()) == total
    role = dialog.table.cellWidget(1, 1)
    role.setCurrentIndex(role.findData("adjudicator"))
    assert project.coder("Ben Li").is_adjudicator
    dialog.close()


def test_a_new_project_has_no_login_coder_and_asks_who_is_coding(qtbot, tmp_path, monkeypatch):
    from annotator.core.store import Project
    from annotator.gui.main_window import MainWindow

    project = Project.create(tmp_path / "new.annotator")
    project.add_documents([DocumentInput(text=ENGLISH, name="en")])
    project.add_code("Crime")
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert project.coders() == [] and window.coder_combo.count() == 0
    pane = window.coding.panes[0]
    pane.select_span(0, 6)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Chen", True)))
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    assert [c.name for c in project.coders()] == ["Chen"]
    assert [s.coder_id for s in project.segments()] == [project.coder("Chen").id]
    window.close()
    project.close()


def test_the_active_coder_is_remembered_per_project(window, qtbot, tmp_path):
    ben = window.project.coder("Ben")
    window.coder_combo.setCurrentIndex(window.coder_combo.findData(ben.id))
    window.coder_combo.activated.emit(window.coder_combo.currentIndex())
    from annotator.core.store import Project
    other = tmp_path / "other.annotator"
    with Project.create(other) as project:
        project.ensure_coder("Ana")
        project.ensure_coder("Ben")
        project.add_documents([DocumentInput(text="Another text.", name="o")])
    assert window.switch_project(str(other))
    window.coder_combo.setCurrentIndex(window.coder_combo.findText("Ana"))
    window.coder_combo.activated.emit(window.coder_combo.currentIndex())
    first = window.settings.value("recent/last")
    assert first.endswith("other.annotator")
    assert window.switch_project(str(window.project.path))  # reopen: still Ana here
    assert window.coding.coder_name(window.coding.coder_id) == "Ana"


def test_ctrl_f_highlights_every_hit_and_steps(window, qtbot):
    pane, doc = pane_for(window, "en")
    pane.editor.setFocus()
    qtbot.keyClick(pane.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible()
    qtbot.keyClicks(pane.find_bar.field, "the")
    hits = pane.find.hits
    text = window.project.document_text(doc.id)
    assert [text[s:e].lower() for s, e in hits] == ["the"] * text.lower().count("the")
    assert len(pane.editor.extraSelections()) == len(hits)
    assert pane.find_bar.count.text() == f"1 of {len(hits)}"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)
    assert pane.find_bar.count.text() == f"2 of {len(hits)}"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible() and pane.editor.extraSelections() == []


def test_keyboard_flow_next_document_coding_done_and_quick_pick(window, qtbot, monkeypatch):
    coding = window.coding
    listed = [coding.doc_proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(coding.doc_proxy.rowCount())]
    pane = coding.panes[0]
    coding.open_document(listed[0], pane)
    pane.editor.setFocus()
    qtbot.keyClick(pane.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert pane.document_id == listed[1]  # the next one down the list, as it is sorted
    qtbot.keyClick(pane.editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert pane.document_id == listed[0]
    qtbot.keyClick(pane.editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert pane.document_id == listed[0] and "first" in window.statusBar().currentMessage()
    pane, doc = pane_for(window, "en")
    project = window.project
    for start in (20, 0):
        project.add_segment(doc.id, coding.coder_id, project.code("Crime").id, start, start + 5)
    from annotator.core.commands import Changes
    window.bus.announce(Changes({doc.id}))
    pane.editor.moveCursor(pane.editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(pane.editor, Qt.Key.Key_F8)
    assert pane.selected_span() == (0, 5)
    qtbot.keyClick(pane.editor, Qt.Key.Key_F8)
    assert pane.selected_span() == (20, 25)
    qtbot.keyClick(pane.editor, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert pane.selected_span() == (0, 5)
    qtbot.keyClick(pane.editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert project.assignment_status(doc.id, coding.coder_id) == "done"
    qtbot.keyClick(pane.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert coding.codebook.filter.hasFocus()
    # More codes than number keys: type a name.
    start = ENGLISH.index("biosecurity")
    pane.select_span(start, start + len("biosecurity"))

    def pick(picker) -> None:
        qtbot.waitUntil(picker.field.hasFocus)  # typing goes to the name field, without a click
        qtbot.keyClicks(picker.field, "biosec")
        qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    when_shown(qtbot, pick)
    qtbot.keyClick(pane.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert project.segments(document_id=doc.id)[-1].code_id == project.code("Security/Biosecurity").id


def test_memos_in_the_memos_tab_and_marks_in_lists(window, qtbot, monkeypatch):
    project = window.project
    view = window.daily.memos
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Headlines only. 标题", True)))
    view.new_entry.click()
    journal = project.memos(kind="project")
    assert [m.text for m in journal] == ["Headlines only. 标题"]
    view.search.setText("標題")
    assert [e.id for e in view.entries] == [journal[0].id]
    view.table.selectRow(0)
    view.editor.setPlainText("Headlines and leads.")
    view.save.click()
    assert project.memos_by_id(journal[0].id).text == "Headlines and leads."
    window.act_undo.trigger()
    assert project.memos_by_id(journal[0].id).text == "Headlines only. 标题"
    from annotator.gui.memos_view import edit_memo_on
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Check the date", True)))
    doc = project.document("en", with_text=False)
    edit_memo_on(window.bus, window, document_id=doc.id)
    row = next(r for r in range(window.coding.doc_model.rowCount())
               if window.coding.doc_model.document_at(r).id == doc.id)
    assert window.coding.doc_model.data(window.coding.doc_model.index(row, 0)).startswith("\u270e")


def test_search_hit_opens_in_the_right_pane_centred(window, qtbot):
    from annotator.gui.project_bus import Place

    left, _ = pane_for(window, "en", 0)
    right, _ = pane_for(window, "emoji", 1)
    zh = window.project.document("zh")
    window.bus.show_place(Place(zh.id, 0, 2))
    assert left.document_id == window.project.document("en").id  # the left pane keeps what it showed
    assert right.document_id == zh.id and right.selected_span() == (0, 2)
    en = window.project.document("en")
    window.bus.show_place(Place(en.id, 7, 12))  # shown already: that pane, not the other
    assert left.selected_span() == (7, 12) and right.document_id == zh.id


def test_new_project_offers_templates_and_shows_the_import_hint(window, qtbot, tmp_path):
    from annotator.gui.new_project_dialog import NewProjectDialog

    def fill(dialog) -> None:
        assert isinstance(dialog, NewProjectDialog)
        dialog.file.setText(str(tmp_path / "study.annotator"))
        dialog.buttons["generic-frames"].click()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_shown(qtbot, fill)
    window.files.new_project()
    assert window.project.path == tmp_path / "study.annotator"
    assert len(window.project.codes()) > 3 and window.project.coders() == []
    assert window.coding.middle.currentWidget() is window.coding.import_hint
    assert "Import articles next" in window.statusBar().currentMessage()


def test_save_a_copy_and_dialogs_start_in_the_project_folder(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    seen = []
    target = tmp_path / "copy.annotator"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, start, *a, **k: seen.append(start) or (str(target), "")))
    job = window.files.save_copy()
    job.wait()
    assert target.is_file() and seen[0].startswith(str(window.project.path.parent))
    from annotator.core.store import Project
    with Project.open(target, readonly=True) as copy:
        assert copy.counts() == window.project.counts()


def test_a_coding_with_a_memo_is_marked_in_the_margin_and_the_inspector(window, qtbot):
    from PySide6.QtGui import QImage
    from annotator.gui.highlighting import MEMO_COLOUR

    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]

    def notch_drawn() -> bool:
        image = QImage(pane.editor.margin.size(), QImage.Format.Format_RGB32)
        pane.editor.margin.render(image)
        return any(image.pixelColor(x, y) == MEMO_COLOUR for x in range(image.width()) for y in range(12))

    assert not notch_drawn()
    window.coding._segments_clicked(pane, [seg.id])
    inspector = window.coding.inspector
    inspector.memo.setPlainText("strong verb")
    inspector.save_memo.click()
    assert notch_drawn()
    assert inspector.list.item(0).text().endswith("\u270e")


def test_the_inspector_s_boundary_buttons_move_by_words(window, qtbot):
    """For desktops that take Alt+Ctrl/Alt+Shift+arrows for switching workspaces."""
    pane, doc = pane_for(window, "zh")
    pane.select_span(0, 2)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    window.coding._segments_clicked(pane, [seg.id])
    start_left, start_right, end_left, end_right = window.coding.inspector.nudges
    qtbot.mouseClick(end_right, Qt.MouseButton.LeftButton)
    assert CHINESE[seg.start:window.project.segment(seg.id).end] == "警方破获"
    qtbot.mouseClick(end_left, Qt.MouseButton.LeftButton)
    assert window.project.segment(seg.id).end == seg.end


def test_switching_to_an_empty_project_clears_the_panes_and_the_counts(window, qtbot, tmp_path):
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    from annotator.core.store import Project
    empty = tmp_path / "empty.annotator"
    with Project.create(empty) as project:
        project.add_code("Crime")
    assert window.switch_project(str(empty))
    tree = window.coding.codebook.tree
    assert [tree.topLevelItem(0).text(c) for c in (2, 3)] == ["", ""]
    assert all(p.document_id is None and p.editor.toPlainText() == "" for p in window.coding.panes)
    assert window.coding.middle.currentWidget() is window.coding.import_hint


def test_a_big_list_is_read_off_the_gui_thread(window, qtbot, monkeypatch):
    import annotator.gui.retrieval_view as retrieval_view

    monkeypatch.setattr(retrieval_view, "IN_PLACE", 0)
    project = window.project
    project.add_segment(project.document("en").id, project.coder("Ana").id, project.code("Crime").id, 0, 6)
    view = window.daily.retrieval
    window.show_view("retrieval")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    assert "1 codings" in view.count.text()
