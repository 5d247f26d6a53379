"""The search view driven like a user: type a word, read the concordance, code all hits, open a hit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import DocumentInput
from annotator.core.store import Project
from annotator.gui.search_view import KwicModel, SearchView

ARTICLES = [
    ("xinhua-1", "新华社", "研究人员表示，孕妇血样检测有助于保障生物安全。"),
    ("mingpao-1", "明報", "香港大學研究團隊發現，孕婦血樣中的病毒含量偏低。"),
    ("scmp-1", "SCMP", "Pregnant women in Hong Kong were offered free blood tests."),
]


@pytest.fixture
def file_project(tmp_path):
    path = tmp_path / "news.annotator"
    with Project.create(path) as project:
        project.add_documents([DocumentInput(text=t, name=n, outlet=o) for n, o, t in ARTICLES])
        project.ensure_coder("Ana")
        project.add_code("Frames/Health")
    project = Project.open(path)
    yield project
    project.close()


def test_search_in_a_worker_then_code_all_hits(qtbot, file_project):
    view = SearchView(file_project)
    qtbot.addWidget(view)
    view.query.insert("孕婦")  # keyClicks only types ASCII; an input method commits text like this
    with qtbot.waitSignal(view.search_finished, timeout=10000) as blocker:
        qtbot.keyClick(view.query, Qt.Key.Key_Return)
    assert blocker.args == [2]
    model = view.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert rows == [
        ["mingpao-1", "明報", "", "香港大學研究團隊發現，", "孕婦", "血樣中的病毒含量偏低。", 11, 13],
        ["xinhua-1", "新华社", "", "研究人员表示，", "孕妇", "血样检测有助于保障生物安全。", 7, 9],
    ]
    assert view.status.text() == "2 hit(s) in 2 document(s)"

    view.set_current_coder(file_project.coder("Ana").id)
    with qtbot.waitSignal(view.hits_coded) as coded:
        qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    assert len(coded.args[0]) == 2
    spans = sorted((s.document_id, s.start, s.end) for s in file_project.segments())
    assert spans == [(1, 7, 9), (2, 11, 13)]


def test_coding_hits_is_one_edit_announced_on_the_bus(qtbot):
    project = Project.memory()
    project.add_documents([DocumentInput(text=t, name=n, outlet=o) for n, o, t in ARTICLES])
    coder = project.ensure_coder("Ana")
    code = project.add_code("Frames/Health")
    view = SearchView(project)
    qtbot.addWidget(view)
    view.set_current_coder(coder.id)
    view.set_current_code(code.id)
    view.run_search("hong kong")  # in-memory project: searched in place
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    with qtbot.waitSignal(view.bus.changed) as announced:
        view.code_button.click()
    changes = announced.args[0]
    assert changes.documents == {3} and changes.assignments
    assert [(s.document_id, s.start, s.end) for s in project.segments()] == [(3, 18, 27)]
    view.bus.stack.undo()
    assert project.segments() == []


def test_filters_sorting_and_opening_a_hit(qtbot):
    project = Project.memory()
    project.add_documents([DocumentInput(text=t, name=n, outlet=o) for n, o, t in ARTICLES])
    view = SearchView(project)
    qtbot.addWidget(view)
    view.outlet.setCurrentIndex(view.outlet.findData("明報"))
    view.run_search("研究")
    assert [h.document_name for h in view.model.hits] == ["mingpao-1"]
    view.outlet.setCurrentIndex(0)
    view.run_search("研究")
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by outlet
    assert [h.outlet for h in view.model.hits] == ["明報", "新华社"]
    with qtbot.waitSignal(view.open_hit) as opened:
        view.table.doubleClicked.emit(view.model.index(1, 4))
    assert opened.args == [1, 0, 2]


def test_dictionary_change_from_the_view(qtbot):
    project = Project.memory()
    project.add_documents([DocumentInput(text=t, name=n, outlet=o) for n, o, t in ARTICLES])
    view = SearchView(project)
    qtbot.addWidget(view)
    view.query.setText("孕妇血样")
    view.change_dictionary(add=["孕妇血样"])
    assert [(h.start, h.end) for h in view.model.hits] == [(11, 15), (7, 11)] or \
        [(h.start, h.end) for h in view.model.hits] == [(7, 11), (11, 15)]
    assert "2 hit(s)" in view.status.text()


def test_kwic_model_passes_the_model_tester(qtmodeltester):
    project = Project.memory()
    project.add_documents([DocumentInput(text=t, name=n, outlet=o) for n, o, t in ARTICLES])
    from annotator.core.search import search

    model = KwicModel()
    model.set_hits(search(project, "研究"))
    qtmodeltester.check(model)


def test_installed_in_the_main_window_hits_open_and_coding_is_one_undo(qtbot, filled):
    from annotator.gui.main_window import MainWindow

    window = MainWindow(filled)
    qtbot.addWidget(window)
    view = window.search_view
    window.show_view("search")
    view.set_current_code(filled.code("Security/Biosecurity").id)
    view.run_search("孕妇血样")  # the conftest project lives in a file: the search runs in a worker
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    hit = view.model.hits[0]
    assert (hit.document_name, hit.start, hit.end, hit.keyword) == ("zh", 8, 12, "孕妇血样")

    view.table.doubleClicked.emit(view.model.index(0, 4))
    assert window.tabs.currentWidget() is window.coding
    assert window.coding.active_pane.selected_span() == (hit.start, hit.end)

    before = len(filled.segments())
    view.code_button.click()
    assert len(filled.segments()) == before + 1
    window.stack.undo()
    assert len(filled.segments()) == before
    window.stack.redo()
    assert len(filled.segments()) == before + 1
    window.stack.clear()


def test_search_says_a_hit_is_a_whole_word(qtbot):
    """A researcher counting mentions compared Search (3 hits of 生物安全) with Ctrl+F (4): Search matches
    whole words and 生物安全法 is one; nothing said so."""
    from annotator.core.store import Project
    from annotator.gui.search_view import SearchView

    view = SearchView(Project.memory())
    qtbot.addWidget(view)
    assert "whole words" in view.query.toolTip() and "Ctrl+F" in view.query.toolTip()
