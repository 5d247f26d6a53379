"""Heavy edits run off the GUI thread (issue 13): "Code all hits" on hundreds of hits, its undo and redo,
merging codes; Undo waits for them, and undo restores exactly what changed (statuses included)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core import commands
from annotator.core.model import DocumentInput
from annotator.core.store import Project
from annotator.gui.project_bus import BACKGROUND_ROWS

DOCUMENTS = 60
PER_DOCUMENT = 6  # 360 hits: over BACKGROUND_ROWS


@pytest.fixture
def bulk_window(qtbot, tmp_path):
    from annotator.gui.main_window import MainWindow

    project = Project.create(tmp_path / "bulk.annotator")
    sentence = "Customs found smuggling rings at the port. "
    project.add_documents([DocumentInput(text=f"Report {i}. " + sentence * PER_DOCUMENT, name=f"a{i:02d}", language="en")
                           for i in range(DOCUMENTS)])
    ana = project.ensure_coder("Ana")
    project.add_code("Crime")
    project.add_code("Trade")
    project.set_assignment(1, ana.id, "assigned")
    project.set_assignment(2, ana.id, "done")
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.bus.set_coder(ana.id)
    yield win
    win.stack.clear()
    win.close()
    project.close()


def _wait_for_edit(qtbot, win):
    if win.bus.editing:
        with qtbot.waitSignal(win.bus.editing_changed, timeout=20000):
            pass


def test_code_all_hits_runs_off_the_gui_thread_and_undo_restores_statuses(qtbot, bulk_window):
    win = bulk_window
    project = win.project
    ana = project.coder("Ana").id
    view = win.search_view
    win.show_view("search")
    with qtbot.waitSignal(view.search_finished, timeout=20000):
        view.run_search("smuggling")
    hits = view.model.rowCount()
    assert hits == DOCUMENTS * PER_DOCUMENT >= BACKGROUND_ROWS
    view.set_current_code(project.code("Crime").id)
    view.set_current_coder(ana)

    with qtbot.waitSignal(view.hits_coded, timeout=20000) as coded:
        qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
        assert win.bus.editing  # the click returned while the hits are written in a job
        assert not win.act_undo.isEnabled()
        with pytest.raises(Exception, match="still being saved"):
            win.bus.execute(commands.AddCode("Other"))  # another edit waits for this one
    assert len(coded.args[0]) == hits == project.segment_count()
    assert project.assignment_status(1, ana) == "in_progress" and project.assignment_status(2, ana) == "done"
    assert project.assignment_status(3, ana) == "in_progress"
    assert win.act_undo.isEnabled() and "360 hit(s)" in win.act_undo.text()

    win.act_undo.trigger()
    assert win.bus.editing
    _wait_for_edit(qtbot, win)
    assert project.segment_count() == 0
    assert project.assignment_status(1, ana) == "assigned"  # exactly as before, not "in progress"
    assert project.assignment_status(2, ana) == "done" and project.assignment_status(3, ana) is None

    win.act_redo.trigger()
    _wait_for_edit(qtbot, win)
    assert project.segment_count() == hits
    assert sorted(s.id for s in project.segments()) == sorted(coded.args[0])  # the same ids again
    win.show_view("main")
    pane = win.coding.panes[0]
    assert len(pane.editor.span_index.segments) == PER_DOCUMENT  # the open pane shows them


def test_merging_codes_over_many_codings_and_undo(qtbot, bulk_window):
    win = bulk_window
    project = win.project
    crime, trade = project.code("Crime"), project.code("Trade")
    from annotator.core.search import code_hits, search

    code_hits(project, search(project, "smuggling"), project.coder("Ana").id, crime.id)
    win.bus.announce(commands.Changes.everything())
    before = {s.id: s for s in project.segments()}
    announced = []
    win.bus.changed.connect(announced.append)
    assert win.bus.perform(commands.MergeCodes(crime.id, trade.id), win)
    _wait_for_edit(qtbot, win)
    assert {s.code_id for s in project.segments()} == {trade.id}
    assert [c.path for c in project.codes()] == ["Trade"]
    assert announced and announced[-1].codebook
    win.act_undo.trigger()
    _wait_for_edit(qtbot, win)
    assert {s.id: s for s in project.segments()} == before  # codes and time stamps as they were
    assert [c.path for c in project.codes()] == ["Crime", "Trade"]
