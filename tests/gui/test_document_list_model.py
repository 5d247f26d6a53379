"""The lazy document list and the searchable pickers: SQL sorting/filtering, fetchMore, no item per document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import DocumentInput
from annotator.gui.models.document_table import DocumentTableModel

MANY = 2_500  # more than one fetchMore step (DocumentTableModel.FETCH)


@pytest.fixture
def many(project):
    project.add_documents([DocumentInput(text=f"Article {i} about the harbour strike.", name=f"doc-{i:05d}",
                                         title=f"Story {i}", outlet=("Ledger", "Wire")[i % 2],
                                         date=f"2024-{1 + i % 12:02d}-01", language="en") for i in range(MANY)])
    project.ensure_coder("Ana")
    project.add_code("Strike")  # gets the shortcut key 1
    return project


def test_lazy_model_passes_the_model_tester_and_fetches_more_on_demand(qtmodeltester, many):
    model = DocumentTableModel(lambda: many)
    model.refresh()
    assert model.total == MANY and model.rowCount() == DocumentTableModel.FETCH and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == MANY
    assert model.data(model.index(MANY - 1, 0)) == f"Story {MANY - 1}"


def test_sorting_and_filtering_are_sql_queries(many):
    model = DocumentTableModel(lambda: many)
    model.refresh()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "title" and model.data(model.index(0, 0)) == "Story 999"
    model.sort(2)
    assert model.data(model.index(0, 2)) == "2024-01-01"
    model.set_query(text="story 24")
    assert model.total == 111 and model.data(model.index(0, 0)).startswith("Story 24")
    model.sort(-1)
    assert model.query.sort == "id"
    far = many.document(f"doc-{MANY - 1:05d}").id
    model.set_query(text="")
    assert model.row_of(far) == MANY - 1 and model.rowCount() == MANY  # fetched up to it


def test_status_and_memo_marks_are_read_with_the_rows(many):
    ana = many.coders()[0].id
    model = DocumentTableModel(lambda: many)
    model.set_query(coder_id=ana)
    first = model.document_id(0)
    assert model.data(model.index(0, 4)) == ""
    many.set_assignment(first, ana, "done")
    many.add_memo("check", document_id=first, coder_id=ana)
    model.reload_rows()
    assert model.data(model.index(0, 4)) == "done" and model.data(model.index(0, 0)).startswith("\u270e ")


@pytest.fixture
def big_window(qtbot, many):
    from annotator.gui.main_window import MainWindow

    win = MainWindow(many)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.stack.clear()


def test_coding_list_filters_in_sql_and_steps_past_the_fetched_rows(qtbot, big_window):
    coding = big_window.coding
    assert coding.doc_model.rowCount() == DocumentTableModel.FETCH  # not 2,500 rows at start
    qtbot.keyClicks(coding.doc_filter, "Story 249")
    assert coding.doc_model.total == 11
    coding.doc_filter.clear()
    pane = coding.panes[0]
    coding.open_document(many_id(big_window, 999), pane)
    coding.active_pane = pane
    coding.step_document(1)
    assert pane.document_id == many_id(big_window, 1000)  # row 1000 had not been fetched yet
    assert coding.doc_table.currentIndex().row() == 1000


def many_id(window, i: int) -> int:
    return window.project.document(f"doc-{i:05d}").id


def test_pane_picker_finds_a_document_by_typing(qtbot, big_window):
    pane = big_window.coding.panes[0]
    picker = pane.picker
    qtbot.mouseClick(picker.edit, Qt.MouseButton.LeftButton)  # the name is selected: typing replaces it
    qtbot.waitUntil(lambda: picker.edit.selectedText() == picker.text())
    qtbot.keyClicks(picker.edit, "story 1234")
    assert picker.popup.isVisible() and picker.model.total == 1
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert pane.document_id == many_id(big_window, 1234)
    assert picker.text() == "Story 1234" and not picker.popup.isVisible()
    assert pane.editor.toPlainText() == big_window.project.document_text(pane.document_id)
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "x")  # typing goes on in the field while the list is open
    qtbot.keyClick(picker.popup if picker.popup.isVisible() else picker.edit, Qt.Key.Key_Escape)
    assert picker.text() == "Story 1234" and pane.document_id == many_id(big_window, 1234)


def test_agreement_checklist_ticks_what_a_filter_finds(qtbot, big_window, qtmodeltester):
    agreement = big_window.agreement
    big_window.show_view("agreement")
    checklist = agreement.doc_list
    assert checklist.total == MANY and checklist.view.model().rowCount() <= DocumentTableModel.FETCH
    qtbot.keyClicks(checklist.filter, "story 77")
    checklist.tick_listed()
    assert len(checklist.ticked()) == 11 and set(agreement.scope().documents) == set(checklist.ticked())
    index = checklist.model.index(0, 0)
    assert checklist.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    checklist.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(checklist.ticked()) == 10
    qtmodeltester.check(checklist.model)
    agreement.set_scope(documents=["doc-00001"])
    assert agreement.scope().documents == ("doc-00001",)


def test_digits_typed_into_the_picker_do_not_code_the_selection(qtbot, big_window):
    """Digits are code shortcuts in the coding view; while the picker's list is open they are typing."""
    pane = big_window.coding.panes[0]
    pane.select_span(0, 7)
    before = len(big_window.project.segments())
    coded: list[int] = []
    big_window.coding.apply_code = lambda code_id, **_kw: coded.append(code_id)  # what a shortcut would call
    picker = pane.picker
    big_window.activateWindow()
    qtbot.waitUntil(big_window.isActiveWindow)
    picker.edit.setFocus()  # the field (the popup's focus proxy) is inside the coding view, as for a user
    qtbot.waitUntil(picker.edit.hasFocus)
    picker.edit.selectAll()
    qtbot.keyClicks(picker.edit, "story ")
    assert picker.popup.isVisible()
    for digit in "2417":
        qtbot.keyClick(picker.popup, digit)
    assert picker.edit.text() == "story 2417"
    assert not coded and len(big_window.project.segments()) == before
