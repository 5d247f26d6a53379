"""The project event bus: every change announced once, every view refreshed from it (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from annotator.core import commands
from annotator.core.store import Project


@pytest.fixture
def new_window(qtbot, tmp_path):
    """A window on a brand-new project file, as after File ▸ New project."""
    from annotator.gui.main_window import MainWindow

    project = Project.create(tmp_path / "new.annotator")
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.stack.clear()
    win.close()
    win.project.close()


def _answer(monkeypatch, text: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (text, True)))


def _items(widget) -> list[str]:
    return [widget.item(i).text().strip() for i in range(widget.count())]


def _pane_shows_what_it_names(window, pane) -> None:
    if pane.document_id is None:
        assert pane.picker.current_id is None and pane.picker.text() == "" and pane.editor.toPlainText() == ""
        return
    assert pane.picker.current_id == pane.document_id
    assert pane.picker.text() == window.project.listed_documents([pane.document_id])[0].label
    assert pane.editor.toPlainText() == window.project.document_text(pane.document_id)


def test_agreement_lists_new_coders_codes_and_documents_at_once(qtbot, new_window, monkeypatch, tmp_path):
    window = new_window
    window.show_view("agreement")  # the tab is open while the project fills up
    _answer(monkeypatch, "Ben")
    window.act_add_coder.trigger()
    _answer(monkeypatch, "Frame/Conflict")
    window.coding.codebook.add_code()
    article = tmp_path / "strike.txt"
    article.write_text("Dock workers strike\n\nThe port is closed for a third day.\n", encoding="utf-8")
    with qtbot.waitSignal(window.bus.changed, timeout=20000):
        window.files.import_paths([str(article)])

    agreement = window.agreement
    assert "Ben" in _items(agreement.coder_list)
    assert ["Frame", "Conflict"] == _items(agreement.code_list)
    assert agreement.doc_list.total == 1
    window.show_view("search")  # a view in another tab catches up when it is shown
    search = window.search_view
    assert search.code_for_hits.findText("Frame/Conflict") >= 0 and search.coder_for_hits.findText("Ben") >= 0
    assert window.coder_combo.currentText() == "Ben"  # the coder just added codes now


def test_an_imported_document_shows_its_text_in_the_pane_that_names_it(qtbot, new_window, tmp_path):
    window = new_window
    for pane in window.coding.panes:
        _pane_shows_what_it_names(window, pane)
    article = tmp_path / "strike.txt"
    article.write_text("Dock workers strike\n\nThe port is closed for a third day.\n", encoding="utf-8")
    with qtbot.waitSignal(window.bus.changed, timeout=20000):
        window.files.import_paths([str(article)])
    first = window.coding.panes[0]
    assert first.document_id is not None and "third day" in first.editor.toPlainText()
    for pane in window.coding.panes:
        _pane_shows_what_it_names(window, pane)


def test_each_edit_undo_and_redo_is_announced_once(window):
    announced = []
    window.bus.changed.connect(announced.append)
    doc = window.project.document("en", with_text=False)
    pane = window.coding.panes[0]
    window.coding.open_document(doc.id, pane)
    pane.select_span(0, 6)
    window.coding.apply_code(window.project.code("Crime").id)
    window.act_undo.trigger()
    window.act_redo.trigger()
    assert len(announced) == 3
    assert all(doc.id in c.documents and c.assignments for c in announced)


def test_views_refresh_from_the_bus_not_from_each_other(qtbot, window):
    """A code added by a command performed on the bus (no view involved) reaches every view: the one
    shown at once, the others (in other tabs) as soon as they are shown."""
    window.bus.execute(commands.AddCode("Economy/Trade"))
    assert not window.views["agreement"].built  # a tab not shown yet is not even built (it does no work)
    window.show_view("agreement")
    assert window.agreement.code_list.count() == 5
    window.show_view("search")
    assert window.search_view.code_for_hits.findText("Economy/Trade") >= 0
    window.show_view("main")
    paths = [window.coding.codebook.tree.topLevelItem(i).text(0)
             for i in range(window.coding.codebook.tree.topLevelItemCount())]
    assert "Economy" in paths
    window.act_undo.trigger()
    window.show_view("agreement")
    assert window.agreement.code_list.count() == 3


def test_switching_project_replaces_it_in_every_view(qtbot, window, tmp_path):
    other = tmp_path / "other.annotator"
    assert window.switch_project(str(other), create=True)
    for view in (window.coding, window.agreement, window.review, window.search_view, window.analysis_view):
        assert view.project is window.project
    for name in ("agreement", "search"):
        window.show_view(name)
    assert window.agreement.doc_list.total == 0
    assert window.search_view.code_for_hits.count() == 0


def test_a_search_hit_opens_through_the_bus(qtbot, window):
    """Search asks the bus for the place; the window shows it in the pane that has the document."""
    zh = window.project.document("zh", with_text=False)
    right = next(p for p in window.coding.panes if p.document_id == zh.id)
    from annotator.gui.project_bus import Place

    window.show_view("search")
    window.bus.show_place(Place(zh.id, 8, 12))
    assert window.tabs.currentWidget() is window.coding
    assert right.selected_span() == (8, 12)  # not replaced in the other pane
    assert window.coding.active_pane is right


def test_coding_with_a_grouping_code_is_refused_with_a_message(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.project.update_code(window.project.code("Security").id, codable=False)
    pane = window.coding.panes[0]
    window.coding.open_document(window.project.document("en", with_text=False).id, pane)
    pane.select_span(0, 6)
    assert window.coding.apply_code(window.project.code("Security").id) is False
    assert len(shown) == 1 and "'Security' only groups other codes" in shown[0]
    assert window.project.segments() == [] and not window.stack.canUndo()
    assert window.coding.apply_code(window.project.code("Security/Biosecurity").id) is True
