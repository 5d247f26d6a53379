"""The review screen: disagreements side by side, N/P, accept A / B, undo, consensus segments in the file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core import adjudication as adj
from tests.gui.agreement_fixtures import main_window, three_coders  # noqa: F401 (fixtures)


def consensus_spans(project):
    consensus = project.coder("Consensus").id
    return sorted((s.document_id, s.code_id, s.start, s.end) for s in project.segments(coder_ids=[consensus]))


def expected_disagreements(project, names=("Ana", "Ben", "Cal")):
    return adj.find_disagreements(project, adj.Scope([project.coder(n).id for n in names]))


def test_list_panes_and_navigation(main_window, qtbot):
    review = main_window.review
    main_window.show_view("review")
    project = main_window.project
    found = expected_disagreements(project)
    assert len(found) == review.model.rowCount() == 4
    assert review.remaining_label.text() == "4 of 4 disagreements remain"
    assert [review.coder_names[c] for c in review.pane_coders] == ["Ana", "Ben", "Cal"]
    assert review.current == found[0]
    # Each coder's pane shows the document, that coder's version emphasised.
    for i, cid in enumerate(review.pane_coders):
        assert review.panes[i].document_id == found[0].document_id
        assert review.emphasised_spans(i) == list(found[0].versions[cid])
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_N)
    assert review.current_row() == 1 and review.current == found[1]
    qtbot.keyClick(review.table, Qt.Key.Key_N)
    qtbot.keyClick(review.table, Qt.Key.Key_P)
    assert review.current_row() == 1
    review.previous()
    assert review.current_row() == 0
    review.previous()
    assert review.current_row() == 0  # stays on the first
    # The Chinese document's place is shown too.
    zh = project.document("zh", with_text=False).id
    row = next(i for i, d in enumerate(review.shown) if d.document_id == zh)
    review.select_row(row)
    assert review.panes[0].document_id == zh
    assert "血样案" in review.place_label.text()


def test_filters(main_window):
    review = main_window.review
    assert review.model.rowCount() == 0  # nothing computed until the view is first shown
    main_window.show_view("review")
    project = main_window.project
    economy = project.code("Economy").id
    review.code_filter.setCurrentIndex(review.code_filter.findData(economy))
    assert {d.code_id for d in review.shown} == {economy} and len(review.shown) == 2
    review.coder_filter.setCurrentIndex(review.coder_filter.findData(project.coder("Cal").id))
    assert len(review.shown) == 1
    review.code_filter.setCurrentIndex(0)
    review.coder_filter.setCurrentIndex(0)
    review.set_coders(["Ana", "Ben"])
    assert len(review.shown) == len(expected_disagreements(project, ("Ana", "Ben")))
    assert len(review.panes) == 2 and review.btn_all.text() == "Accept both"


def test_accept_a_then_b_undo_and_copy_agreed(main_window, qtbot):
    review = main_window.review
    main_window.show_view("review")
    project = main_window.project
    ana, ben = project.coder("Ana").id, project.coder("Ben").id
    first, second = expected_disagreements(project)[:2]

    review.accept_buttons[ana].click()  # accept Ana's version
    combo = main_window.coder_combo
    assert "Consensus" in [combo.itemText(i) for i in range(combo.count())]  # can now code by hand as it
    assert consensus_spans(project) == [(first.document_id, first.code_id, *span) for span in first.versions[ana]]
    assert review.remaining_label.text() == "3 of 4 disagreements remain"
    assert review.current == second  # moved on to the next open one
    review.accept([ben])
    ben_spans = [(second.document_id, second.code_id, *s) for s in second.versions[ben]]
    assert consensus_spans(project) == sorted(
        [(first.document_id, first.code_id, *s) for s in first.versions[ana]] + ben_spans)
    assert review.remaining_label.text() == "2 of 4 disagreements remain"
    assert main_window.act_undo.text() == "Undo accept Ben"

    main_window.act_undo.trigger()
    assert consensus_spans(project) == [(first.document_id, first.code_id, *s) for s in first.versions[ana]]
    assert review.remaining_label.text() == "3 of 4 disagreements remain"
    main_window.act_undo.trigger()
    assert consensus_spans(project) == []
    assert review.remaining_label.text() == "4 of 4 disagreements remain"
    main_window.act_redo.trigger()
    assert len(consensus_spans(project)) == len(first.versions[ana])

    review.btn_copy.click()
    agreed = adj.agreed_spans(project, review.scope())
    assert set(agreed) <= set(consensus_spans(project))
    assert main_window.act_undo.text() == "Undo copy agreed codings"
    main_window.act_undo.trigger()
    assert not set(agreed) & set(consensus_spans(project))

    # None: settled without segments; the decision is stored at once.
    review.select_row(3)
    review.btn_none.click()
    assert adj.decision(project, project.coder("Consensus").id, review.shown[3]) == ("none", [])
    assert review.remaining_label.text() == "2 of 4 disagreements remain"


def test_digit_keys_accept(main_window, qtbot):
    review = main_window.review
    main_window.show_view("review")
    project = main_window.project
    first = review.current
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_2)  # accept the second coder (Ben)
    ben = project.coder("Ben").id
    assert consensus_spans(project) == [(first.document_id, first.code_id, *s) for s in first.versions[ben]]


def test_disagreement_model_passes_model_tester(main_window, qtmodeltester):
    main_window.show_view("review")
    qtmodeltester.check(main_window.review.model)


def test_screenshots_of_agreement_and_review(three_coders, tmp_path, qapp):
    import argparse

    from PySide6.QtGui import QImage

    from annotator.gui.app import run_gui

    path = str(three_coders.path)
    three_coders.close()
    for view in ("agreement", "review"):
        out = tmp_path / f"{view}.png"
        ns = argparse.Namespace(project=path, screenshot=str(out), view=view, language=None)
        assert run_gui(ns) == 0
        assert not QImage(str(out)).isNull()


def test_edit_by_hand_opens_coding_view_as_consensus(main_window):
    review = main_window.review
    main_window.show_view("review")
    d = review.current
    review.btn_edit.click()
    consensus = main_window.project.coder("Consensus").id
    assert main_window.tabs.currentWidget() is main_window.coding
    assert main_window.coding.coder_id == consensus and main_window.coder_combo.currentData() == consensus
    pane = main_window.coding.active_pane
    assert pane.document_id == d.document_id and pane.selected_span() == (d.start, d.end)
    main_window.show_view("review")
    review.mark_edited()
    assert adj.decision(main_window.project, consensus, d) == ("edited", [])
    assert d.key in review.state.settled


def test_coder_who_did_not_finish_is_missing_not_empty(main_window):
    project = main_window.project
    zh = project.document("zh", with_text=False).id
    project.set_assignment(zh, project.coder("Cal").id, "in_progress")
    review = main_window.review
    main_window.show_view("review")
    rows = [i for i, d in enumerate(review.shown) if d.document_id == zh]
    assert rows and all(project.coder("Cal").id not in review.shown[i].versions for i in rows)
    review.select_row(rows[0])
    titles = [t.text() for t in review.pane_titles]
    assert titles[2].startswith("Cal") and "not finished" in titles[2] and titles[0] == "Ana"


def test_review_and_cli_list_the_same_disagreements_at_every_unit(main_window, qtbot, tmp_path):
    """One disagreement model: the Review tab and `annotator disagreements --unit U` give the same places."""
    import json

    from annotator.cli import main as cli_main

    review = main_window.review
    main_window.show_view("review")
    project = main_window.project
    names = {c.id: c.name for c in project.coders()}
    paths = {c.id: c.path for c in project.codes()}
    documents = project.document_names()
    counts = {}
    for unit in ("character", "token", "sentence", "paragraph", "document"):
        # The user picks the unit in "Disagree at:" (keyboard on the combo box, as with the mouse).
        review.unit.setFocus()
        while review.unit.currentData() != unit:
            qtbot.keyClick(review.unit, Qt.Key.Key_Down)
        out = tmp_path / f"{unit}.json"
        assert cli_main(["disagreements", str(project.path), "--unit", unit, "--format", "json",
                         "--output", str(out)]) == 0
        cli = [(d["document"], d["code"], d["start"], d["end"], tuple(sorted(d["coded_by"])))
               for d in json.loads(out.read_text(encoding="utf-8")) if d["kind"] == "disagreement"]
        shown = [(documents[d.document_id], paths[d.code_id], d.start, d.end,
                  tuple(sorted(names[c] for c in d.coders_with()))) for d in review.state.disagreements]
        assert shown == cli, unit
        assert review.model.rowCount() == len(cli)
        counts[unit] = len(cli)
    # Coarser units forgive boundary slips: fewer places disagree at sentences than at characters.
    assert counts["sentence"] <= counts["character"] and counts["document"] <= counts["paragraph"]


def test_consensus_made_in_review_is_an_adjudicator_left_out_of_agreement(main_window, qtbot):
    review = main_window.review
    main_window.show_view("review")
    assert review.accept([review.project.coder("Ana").id])
    consensus = review.project.coder("Consensus")
    assert consensus.role == "adjudicator"
    from annotator.core.agreement.report import AgreementScope, compute_agreement

    report = compute_agreement(review.project, AgreementScope(unit="document"))
    assert "Consensus" not in report.coders and report.left_out == ["Consensus"]


def test_a_document_set_narrows_the_review_as_the_cli_does(main_window, qtbot, tmp_path):
    """Review had no set filter: a lab reviewing one outlet's articles saw every outlet's disagreements."""
    import json
    import subprocess
    import sys

    from annotator.core.commands import Changes

    project = main_window.project
    review = main_window.review
    main_window.show_view("review")
    assert not review.doc_set.isVisible()  # no sets yet: nothing to choose
    chinese = project.ensure_document_set("Mainland press")
    project.add_to_set(chinese.id, [project.document("zh", with_text=False).id])
    main_window.bus.announce(Changes(sets=True))
    assert review.doc_set.isVisible()
    review.doc_set.setCurrentIndex(review.doc_set.findText("Mainland press"))
    zh = project.document("zh", with_text=False).id
    assert review.shown and {d.document_id for d in review.shown} == {zh}
    total = len(review.state.disagreements)
    assert review.remaining_label.text() == f"{total} of {total} disagreements remain"
    listed = subprocess.run([sys.executable, "-m", "annotator", "disagreements", str(project.path), "--unit",
                             "character", "--coders", "Ana,Ben,Cal", "--set", "Mainland press", "--format", "json"],
                            capture_output=True, text=True, check=True)
    assert len(json.loads(listed.stdout)) == total
    # All documents again: every disagreement is back.
    review.set_document_set(None)
    assert {d.document_id for d in review.shown} == {zh, project.document("en", with_text=False).id}
