"""What a second new user met walking the tutorial in the real window (the `trial2` notes), each driven with
keys and clicks where the keyboard focus really is, and checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.agreement_fixtures import main_window, three_coders  # noqa: F401 (fixtures)
from tests.gui.test_translation import chinese  # noqa: F401 (fixture)


def _type(qtbot, key: Qt.Key) -> None:
    """A key pressed as a user presses it: to whatever widget holds the keyboard focus."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key)


def test_review_keys_work_when_the_tab_is_opened_from_the_coding_view(main_window, qtbot):
    """Coding, then a click on the Review tab: the focus landed in the "Consensus coder" field, so N typed
    "Consensusn", 1 typed "Consensusn1", and the next accept recorded the consensus under a new coder of that
    name (seen under Xvfb)."""
    pane = main_window.coding.panes[0]
    pane.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.editor)
    main_window.show_view("review")
    review = main_window.review
    qtbot.waitUntil(lambda: review.model.rowCount() > 0)
    assert review.current_row() == 0
    _type(qtbot, Qt.Key.Key_N)
    assert review.current_row() == 1
    _type(qtbot, Qt.Key.Key_P)
    assert review.current_row() == 0
    _type(qtbot, Qt.Key.Key_1)  # accept the first coder's version
    assert review.consensus_edit.text() == "Consensus"
    names = {c.name for c in main_window.project.coders()}
    assert "Consensus" in names and not any(n.startswith("Consensus") and n != "Consensus" for n in names)


def test_export_from_the_demo_proposes_a_file_outside_the_app_data_folder(filled, qtbot):
    """With the demo open (it lives in the app's data folder) the Export dialog proposed
    ~/.local/share/Annotator/Annotator/demo-segments.csv: the file went where the user never looks, while
    every other file dialog starts in the documents folder for the demo."""
    from pathlib import Path

    from annotator.gui.export_dialog import ExportDialog
    from annotator.gui.file_dialogs import start_dir

    filled.set_meta("demo", "1")
    dialog = ExportDialog(filled)
    qtbot.addWidget(dialog)
    proposed = Path(dialog.path_edit.text())
    assert proposed.parent != Path(filled.path).parent
    assert proposed.parent == Path(start_dir(filled))
    assert proposed.name == f"{Path(filled.path).stem}-{dialog.kind.key}.csv"


def test_review_panes_are_emptied_when_a_set_has_no_disagreements(main_window, qtbot):
    """Set: chosen for a set without disagreements: the list emptied and said so, but both panes went on
    showing the previous place, its spans emphasised, under "Not settled yet" (seen under Xvfb)."""
    from annotator.core.commands import Changes
    from annotator.core.model import DocumentInput

    project = main_window.project
    project.add_documents([DocumentInput(text="Nothing anyone coded.", name="quiet", language="en")])
    quiet = project.document("quiet", with_text=False).id
    for coder in ("Ana", "Ben", "Cal"):
        project.set_assignment(quiet, project.coder(coder).id, "done")
    wires = project.ensure_document_set("Wires")
    project.add_to_set(wires.id, [quiet])
    main_window.bus.announce(Changes(document_list=True, documents_added=True, assignments=True, sets=True))
    main_window.show_view("review")
    review = main_window.review
    qtbot.waitUntil(lambda: review.model.rowCount() > 0)
    assert review.panes[0].document_id is not None
    review.doc_set.setCurrentIndex(review.doc_set.findText("Wires"))
    assert review.model.rowCount() == 0
    assert "No disagreements" in review.place_label.text()
    assert all(pane.document_id is None and pane.editor.toPlainText() == "" for pane in review.panes)
    assert review.decision_label.text() == ""


def test_a_code_key_after_choosing_the_coder_codes_the_selection(window, qtbot):
    """Select a passage, choose the coder in the toolbar, press the code's key: nothing was coded (the key
    went to the coder box, which kept the keyboard; seen under Xvfb)."""
    from tests.gui.test_daily_loop import pane_for

    pane, doc = pane_for(window, "en")
    window.coding.active_pane = pane
    ben = window.project.coder("Ben")
    pane.select_span(0, 6)
    combo = window.coder_combo
    combo.setFocus()  # clicked, as a user does
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    while combo.itemData(combo.currentIndex()) != ben.id:
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # a choice of the user's: activated
    assert window.bus.coder_id == ben.id
    _type(qtbot, Qt.Key.Key_1)
    assert [s.coder_id for s in window.project.segments(document_id=doc.id)] == [ben.id]


def test_the_import_line_in_the_status_bar_is_chinese_in_the_chinese_window(chinese, qtbot, project, tmp_path):
    """Ctrl+I in the Chinese window: the status bar said "1 imported, 0 skipped" (core's English summary)."""
    from annotator.gui.main_window import MainWindow

    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    article = tmp_path / "报道.txt"
    article.write_text("记者调查发现，血样走私案引发关注。\n", encoding="utf-8")
    window.files.import_paths([str(article)])
    qtbot.waitUntil(lambda: window.coding.doc_model.rowCount() == 1, timeout=20000)
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=20000)
    shown = window.statusBar().currentMessage()
    assert "imported" not in shown and "导入 1" in shown, shown
    window.stack.clear()


def test_review_says_which_documents_it_left_out_as_unfinished(main_window, qtbot):
    """A set whose article only one coder had finished: Review said "No disagreements", as if the coders
    agreed there; Agreement says the document was left out (not finished by two coders)."""
    from annotator.core.commands import Changes

    project = main_window.project
    en = project.document("en", with_text=False).id
    for coder in ("Ben", "Cal"):
        project.set_assignment(en, project.coder(coder).id, "in_progress")
    wires = project.ensure_document_set("Wires")
    project.add_to_set(wires.id, [en])
    main_window.bus.announce(Changes(assignments=True, sets=True))
    main_window.show_view("review")
    review = main_window.review
    qtbot.waitUntil(lambda: review.model.rowCount() > 0)
    assert "documents left out: 1" in review.remaining_label.text()
    review.set_document_set("Wires")
    assert review.model.rowCount() == 0
    assert "documents left out: 1" in review.remaining_label.text()
    assert "not finished by two" in review.remaining_label.toolTip()


def test_undoing_an_accept_leaves_the_consensus_coder_as_it_was(main_window, qtbot):
    """Accept (1) then Ctrl+Z in Review: the consensus segment went, but the consensus coder stayed "in
    progress" on the document, as if it had started coding there."""
    main_window.coding.panes[0].editor.setFocus()
    main_window.show_view("review")
    review = main_window.review
    qtbot.waitUntil(lambda: review.model.rowCount() > 0)
    document_id = review.current.document_id
    _type(qtbot, Qt.Key.Key_1)
    project = main_window.project
    consensus = project.coder("Consensus").id
    assert project.assignment_status(document_id, consensus) == "in_progress"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.segments(document_id=document_id, coder_ids=[consensus]) == []
    assert project.assignment_status(document_id, consensus) is None
