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
    assert [(r["document"], r["start"], r["end"], r["code"], r["coded_by"], r["not_coded_by"]) for r in rows] == [
        ("one", "4", "5", "Frames/Economic", "ann", "bob"),
        ("two", "0", "2", "Frames/Conflict", "ann", "bob"),
        ("three", "0", "7", "Frames/Economic", "bob", "ann"),
    ]
    assert main(["disagreements", str(study), "--format", "json", "--documents", "three"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"document": "three", "start": 0, "end": 34, "code": "Frames/Economic", "coded_by": ["bob"],
         "not_coded_by": ["ann"]}]


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
