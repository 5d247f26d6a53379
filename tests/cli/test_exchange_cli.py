"""`annotator codebook`, `annotator export` and `annotator merge` as a user types them."""

from __future__ import annotations

import zipfile

from annotator.cli import main
from annotator.core.model import DocumentInput
from annotator.core.store import Project


def make_project(path, coder="ann"):
    with Project.create(path) as project:
        project.add_documents([DocumentInput(text="=2+3 is not a formula. Blame the mayor.", name="d1")])
        code = project.add_code("Responsibility")
        who = project.ensure_coder(coder)
        project.add_segment(project.document("d1").id, who.id, code.id, 0, 4)
    return path


def test_codebook_export_import(tmp_path, capsys):
    project = make_project(tmp_path / "p.annotator")
    assert main(["codebook", "export", str(project), str(tmp_path / "cb.csv"), "--quotes", "1"]) == 0
    text = (tmp_path / "cb.csv").read_text(encoding="utf-8-sig")
    assert "segments:ann,documents:ann,quote_1" in text and ",'=2+3" in text
    fresh = tmp_path / "fresh.annotator"
    Project.create(fresh).close()
    assert main(["codebook", "import", str(fresh), str(tmp_path / "cb.csv")]) == 0
    assert "1 codes added" in capsys.readouterr().out
    assert main(["codebook", "import", str(fresh), "generic-frames"]) == 0


def test_codebook_import_error_is_one_line(tmp_path, capsys):
    project = make_project(tmp_path / "p.annotator")
    (tmp_path / "bad.csv").write_text("path,colour\nX,notacolour\n")
    assert main(["codebook", "import", str(project), str(tmp_path / "bad.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "line 2" in err and "invalid colour" in err


def test_export_several_at_once(tmp_path, capsys):
    project = make_project(tmp_path / "p.annotator")
    files = {k: tmp_path / f"out.{k}" for k in ("codebook", "segments", "assignments", "matrix", "qdc", "qdpx")}
    argv = ["export", str(project), "--delimiter", ";", "--no-bom"]
    for kind, path in files.items():
        argv += [f"--{kind}", str(path)]
    assert main(argv) == 0
    assert all(p.exists() for p in files.values())
    segments = files["segments"].read_text(encoding="utf-8")
    assert segments.startswith("segment_id;guid;document;") and ";'=2+3;" in segments
    assert zipfile.is_zipfile(files["qdpx"])
    assert main(["export", str(project), "--segments", str(tmp_path / "raw.csv"), "--no-formula-protection"]) == 0
    assert ",=2+3," in (tmp_path / "raw.csv").read_text(encoding="utf-8-sig")
    assert main(["export", str(project)]) == 2
    assert "nothing to export" in capsys.readouterr().err


def test_merge_twice(tmp_path, capsys):
    lead = make_project(tmp_path / "lead.annotator", "ann")
    other = make_project(tmp_path / "other.annotator", "bo")
    assert main(["merge", str(lead), str(other)]) == 0
    assert "1 coders added, 1 segments added" in capsys.readouterr().out
    assert main(["merge", str(lead), str(other)]) == 0
    assert "0 coders added, 0 segments added (1 duplicates skipped)" in capsys.readouterr().out
    with Project.open(lead) as project:
        assert project.counts()["segments"] == 2
