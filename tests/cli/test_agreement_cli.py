"""``annotator agreement`` and ``annotator disagreements`` as a researcher types them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.model import DocumentInput
from annotator.core.store import Project


@pytest.fixture
def study(tmp_path) -> Path:
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        project.add_documents([
            DocumentInput(text="经济下滑。政府回应！Markets fell sharply today.", name="one"),
            DocumentInput(text="A protest turned into a clash. Police responded.", name="two"),
            DocumentInput(text="Nothing to see in this short note.", name="three"),
        ])
        economic = project.add_code("Frames/Economic").id
        conflict = project.add_code("Frames/Conflict").id
        project.update_code(project.code("Frames").id, exclusive=True)
        ann, bob = project.ensure_coder("ann").id, project.ensure_coder("bob").id
        one, two, three = (d.id for d in project.documents())
        project.add_segment(one, ann, economic, 0, 5)
        project.add_segment(one, bob, economic, 0, 4)
        project.add_segment(two, ann, conflict, 0, 30)
        project.add_segment(two, bob, conflict, 2, 30)
        project.add_segment(three, bob, economic, 0, 7)
        for doc in (one, two, three):
            for coder in (ann, bob):
                project.set_assignment(doc, coder, "done")
    return path


@pytest.mark.parametrize("command", [["agreement"], ["disagreements"]])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--unit" in out and "default: document" in out


def test_json_layout(study, capsys):
    assert main(["agreement", str(study), "--format", "json", "--bootstrap", "200", "--seed", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit"] == "document" and data["coders"] == ["ann", "bob"] and data["documents"] == 3
    economic = data["codes"]["Frames/Economic"]
    for key in ("krippendorff_alpha", "percent_agreement", "cohen_kappa", "fleiss_kappa", "scott_pi",
                "gwet_ac1", "brennan_prediger", "units", "ci"):
        assert key in economic
    assert economic["percent_agreement"] == pytest.approx(2 / 3)
    assert economic["ci"]["resamples"] == 200
    assert "Frames" in data["groups"]


def test_table_and_output_file(study, tmp_path, capsys):
    assert main(["agreement", str(study), "--unit", "character", "--codes", "Frames/Economic"]) == 0
    out = capsys.readouterr().out
    assert "unit: character" in out and "Frames/Economic" in out and "alpha" in out
    target = tmp_path / "out.csv"
    assert main(["agreement", str(study), "--format", "csv", "--output", str(target)]) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["code"] for r in rows] == ["Frames/Economic", "Frames/Conflict", "Frames", "(all codes)"]


def test_span_unit(study, capsys):
    assert main(["agreement", str(study), "--unit", "span", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["alpha_u"] is not None
    assert "alpha_u" in data["codes"]["Frames/Conflict"]
    assert "u_alpha" in data and "binary_u_alpha" in data


def test_disagreements_csv_and_json(study, capsys):
    assert main(["disagreements", str(study), "--unit", "character"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document"], r["start"], r["end"], r["code"], r["coded_by"], r["not_coded_by"], r["versions"])
            for r in rows] == [
        ("one", "0", "5", "Frames/Economic", "ann;bob", "", "ann: 0-5; bob: 0-4"),
        ("two", "0", "30", "Frames/Conflict", "ann;bob", "", "ann: 0-30; bob: 2-30"),
        ("three", "0", "7", "Frames/Economic", "bob", "ann", "ann: -; bob: 0-7"),
    ]
    assert {r["kind"] for r in rows} == {"disagreement"} and {r["unit"] for r in rows} == {"character"}
    assert main(["disagreements", str(study), "--format", "json", "--documents", "three"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"kind": "disagreement", "document": "three", "start": 0, "end": 34, "code": "Frames/Economic",
         "unit": "document", "coded_by": ["bob"], "not_coded_by": ["ann"], "versions": {"bob": [[0, 7]], "ann": []}}]


def test_sentence_disagreements_ignore_boundary_slips(study, capsys):
    """At sentence level ann's 0-5 and bob's 0-4 both code the first sentence: agreed."""
    assert main(["disagreements", str(study), "--unit", "sentence", "--format", "json"]) == 0
    assert [(d["document"], d["code"]) for d in json.loads(capsys.readouterr().out)] == [
        ("three", "Frames/Economic")]


def test_exclusive_group_conflicts_are_listed(study, capsys):
    with Project.open(study) as project:
        one = project.document("one").id
        project.add_segment(one, project.coder("ann").id, project.code("Frames/Conflict").id, 2, 9)
    assert main(["agreement", str(study), "--unit", "character", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["conflicts"] == [{"document": "one", "coder": "ann", "start": 2, "end": 5, "group": "Frames",
                                  "codes": ["Frames/Conflict", "Frames/Economic"]}]
    assert data["groups"]["Frames"]["conflicts"] == data["conflicts"]
    assert "conflicts" in data["groups"]["Frames"]["notes"]
    assert main(["disagreements", str(study), "--unit", "character"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["kind"], r["document"], r["start"], r["end"], r["coded_by"], r["versions"]) for r in rows
            if r["kind"] == "conflict"] == [("conflict", "one", "2", "5", "ann", "Frames/Conflict;Frames/Economic")]


def test_categories_and_q_are_reported_and_can_be_given(study, capsys):
    assert main(["agreement", str(study), "--format", "json"]) == 0
    group = json.loads(capsys.readouterr().out)["groups"]["Frames"]
    # document three: ann left it without a child of Frames, so "(none)" is a category
    assert group["categories"] == ["(none)", "Frames/Economic", "Frames/Conflict"] and group["q"] == 3
    assert "(none)" in group["notes"]["categories"]
    assert main(["agreement", str(study), "--format", "json", "--categories", "6"]) == 0
    wider = json.loads(capsys.readouterr().out)["groups"]["Frames"]
    assert wider["q"] == 6 and wider["brennan_prediger"] > group["brennan_prediger"]
    assert wider["krippendorff_alpha"] == group["krippendorff_alpha"]
    assert main(["agreement", str(study), "--categories", "2"]) == 2
    assert "fewer than the 3 categories" in capsys.readouterr().err


def test_adjudicator_left_out_by_default_and_named_in(study, capsys):
    with Project.open(study) as project:
        consensus = project.ensure_coder("Consensus", role="adjudicator").id
        for doc in project.documents():
            project.set_assignment(doc.id, consensus, "done")
    assert main(["agreement", str(study), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coders"] == ["ann", "bob"] and data["left_out_coders"] == ["Consensus"]
    assert data["codes"]["Frames/Economic"]["cohen_kappa"] is not None  # still two coders
    assert main(["agreement", str(study), "--format", "json", "--coders", "ann,bob,Consensus"]) == 0
    assert json.loads(capsys.readouterr().out)["coders"] == ["ann", "bob", "Consensus"]
    assert main(["disagreements", str(study), "--format", "json"]) == 0
    assert all("Consensus" not in d["versions"] for d in json.loads(capsys.readouterr().out))


def test_review_list_decide_copy_agreed(study, capsys):
    assert main(["review", str(study), "list", "--unit", "character"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["number"] for r in rows] == ["1", "2", "3"] and {r["settled"] for r in rows} == {"no"}
    assert main(["review", str(study), "decide", "1", "--accept", "ann"]) == 0
    assert "decided 1" in capsys.readouterr().out
    assert main(["review", str(study), "decide", "3", "--none"]) == 0
    capsys.readouterr()
    assert main(["review", str(study), "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["settled"]) for r in listed] == [(1, True), (2, False), (3, True)]
    assert listed[0]["decision"] == {"choice": "accept", "accepted": ["ann"]}
    assert main(["review", str(study), "list", "--remaining", "--format", "json"]) == 0
    assert [r["number"] for r in json.loads(capsys.readouterr().out)] == [2]
    with Project.open(study, readonly=True) as project:
        consensus = project.coder("Consensus")
        assert consensus.role == "adjudicator"
        assert [(s.start, s.end) for s in project.segments(coder_ids=[consensus.id])] == [(0, 5)]
    assert main(["review", str(study), "decide", "9", "--none"]) == 2
    assert "no disagreement number 9" in capsys.readouterr().err
    assert main(["review", str(study), "decide", "2", "--accept", "zed"]) == 2
    capsys.readouterr()
    # At sentence level both documents one and two agree (boundary slips inside one sentence); one's
    # union 0-5 is already the consensus's (decision 1), so only two's 0-30 is new.
    assert main(["review", str(study), "copy-agreed", "--unit", "sentence"]) == 0
    assert "copied 1 agreed codings" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--coders", "ann"], "at least two coders"),
    (["--codes", "Missing"], "no code 'Missing'"),
    (["--codes", "Frames/Economic", "--group", "Frames"], "either --codes or --group"),
    (["--bootstrap", "-1"], "--bootstrap"),
])
def test_bad_scope_is_one_line_exit_2(study, capsys, args, message):
    assert main(["agreement", str(study), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_table_lists_coder_pairs_with_three_coders(study, capsys):
    with Project.open(study) as project:
        cai = project.ensure_coder("cai").id
        for doc in project.documents():
            project.set_assignment(doc.id, cai, "done")
    assert main(["agreement", str(study), "--unit", "sentence"]) == 0
    out = capsys.readouterr().out
    assert "coder pairs, all codes pooled:" in out and "ann / cai" in out and "kappa" in out
