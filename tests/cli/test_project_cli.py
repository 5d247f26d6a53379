"""The project commands as a researcher types them: init, import, code, segments/assignments import, info."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.store import Project

GB_ARTICLE = "高铁票价调整引发热议\n多家媒体报道了这次调整，乘客们表示希望票价更加透明。🚄 铁路部门回应称将听取意见。"


@pytest.fixture
def project_path(tmp_path) -> Path:
    path = tmp_path / "study.annotator"
    assert main(["init", str(path)]) == 0
    return path


def counts(path: Path) -> dict[str, int]:
    with Project.open(path, readonly=True) as project:
        return project.counts()


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize("command", [
    ["init"], ["import"], ["code"], ["segments"], ["segments", "import"], ["assignments"],
    ["assignments", "import"], ["info"],
])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: annotator " + " ".join(command) in capsys.readouterr().out


def test_python_dash_m_annotator_help():
    result = subprocess.run([sys.executable, "-m", "annotator", "--help"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0
    for command in ("init", "import", "code", "segments", "assignments", "info"):
        assert command in result.stdout


def test_init_creates_an_empty_project_and_refuses_to_overwrite(project_path, capsys):
    assert counts(project_path)["codes"] == 0
    assert main(["init", str(project_path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_init_with_a_template(tmp_path, capsys):
    pytest.importorskip("annotator.core.codebook")
    path = tmp_path / "frames.annotator"
    assert main(["init", str(path), "--codebook", "policy-frames"]) == 0
    assert counts(path)["codes"] > 0
    assert f"created {path}" in capsys.readouterr().out


def test_init_with_an_unknown_template_leaves_no_file(tmp_path, capsys):
    pytest.importorskip("annotator.core.codebook")
    path = tmp_path / "bad.annotator"
    assert main(["init", str(path), "--codebook", "no-such-template"]) == 2
    assert not path.exists()
    assert capsys.readouterr().err.startswith("annotator: ")


def test_import_reads_every_format_in_one_batch(project_path, tmp_path, capsys):
    txt = tmp_path / "rail.txt"
    txt.write_bytes(GB_ARTICLE.encode("gb18030"))
    table = write_csv(tmp_path / "more.csv", [["name", "text", "section"],
                                              ["m1", "The fare rise angered commuters, who said it was unfair to the poor.", "transport"],
                                              ["m2", "票价问题仍在讨论。", "transport"]])
    assert main(["import", str(project_path), str(txt), str(table), "--outlet", "Morning Post"]) == 0
    out = capsys.readouterr().out
    assert "rail.txt: 1 document read" in out and "more.csv: 2 documents read" in out
    assert "3 imported, 0 skipped" in out
    with Project.open(project_path) as project:
        rail = project.document("rail")
        assert rail.text == GB_ARTICLE
        assert rail.outlet == "Morning Post" and rail.language == "zh" and rail.title == "高铁票价调整引发热议"
        assert project.document("m1").attributes == {"section": "transport"}
        assert project.document("m1").language == "en"


def test_import_skips_duplicates_and_says_so(project_path, tmp_path, capsys):
    first = tmp_path / "a.txt"
    first.write_text(GB_ARTICLE, encoding="utf-8")
    same = tmp_path / "a-copy.txt"
    same.write_bytes(GB_ARTICLE.encode("utf-16"))  # same article, other encoding: same content hash
    assert main(["import", str(project_path), str(first)]) == 0
    assert main(["import", str(project_path), str(same)]) == 0
    out = capsys.readouterr().out
    assert "skipped a-copy.txt: same text as document 'a'" in out
    assert "0 imported, 1 skipped" in out
    assert counts(project_path)["documents"] == 1


def test_import_language_option_overrides_detection(project_path, tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("OK 好", encoding="utf-8")
    assert main(["import", str(project_path), str(path), "--language", "en"]) == 0
    with Project.open(project_path) as project:
        assert project.document("short").language == "en"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("binary.txt", b"\x00\x01\x02\x03binary", "binary.txt: looks like a binary file"),
    ("empty.txt", b"", "empty.txt: the file is empty"),
    ("broken.csv", b"name,text\r\na,ok\r\nb,\r\n", "broken.csv, line 3: the text cell is empty"),
    ("broken.docx", b"not a zip", "broken.docx: not a Word .docx file"),
])
def test_one_bad_file_imports_nothing(project_path, tmp_path, capsys, name, data, message):
    good = tmp_path / "good.txt"
    good.write_text(GB_ARTICLE, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    assert main(["import", str(project_path), str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == f"annotator: {message}" + err[len(f"annotator: {message}"):]
    assert err.count("\n") == 1
    assert counts(project_path)["documents"] == 0


def test_name_clash_with_stored_document_imports_nothing(project_path, tmp_path, capsys):
    first = tmp_path / "story.txt"
    first.write_text("First version of the story.", encoding="utf-8")
    assert main(["import", str(project_path), str(first)]) == 0
    other = tmp_path / "other.txt"
    other.write_text("An unrelated article.", encoding="utf-8")
    first.write_text("A rewritten story with the same file name.", encoding="utf-8")
    assert main(["import", str(project_path), str(other), str(first)]) == 2
    assert "a different document named 'story'" in capsys.readouterr().err
    assert counts(project_path)["documents"] == 1


def test_two_files_giving_one_name_to_different_texts_import_nothing(project_path, tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_text("Morning edition of the report.", encoding="utf-8")
    (tmp_path / "b" / "report.txt").write_text("Evening edition of the report.", encoding="utf-8")
    assert main(["import", str(project_path), str(tmp_path / "a" / "report.txt"),
                 str(tmp_path / "b" / "report.txt")]) == 2
    assert "name 'report'" in capsys.readouterr().err
    assert counts(project_path)["documents"] == 0


def test_import_of_a_refi_codebook_is_delegated(project_path, shared, capsys):
    pytest.importorskip("annotator.core.exchange.refi")
    sample = shared / "reference" / "refi-qda" / "samples" / "atlas-ti-23-codebook.qdpx"
    assert main(["import", str(project_path), str(sample)]) == 0
    assert capsys.readouterr().out.startswith("atlas-ti-23-codebook.qdpx: ")
    assert counts(project_path)["codes"] > 0


@pytest.fixture
def with_article(project_path, tmp_path):
    path = tmp_path / "rail.txt"
    path.write_text(GB_ARTICLE, encoding="utf-8")
    assert main(["import", str(project_path), str(path)]) == 0
    with Project.open(project_path) as project:
        project.add_code("Economic/Costs")
    return project_path


def test_code_records_a_segment_and_prints_it(with_article, capsys):
    capsys.readouterr()
    start = GB_ARTICLE.find("票价更加透明")
    assert main(["code", str(with_article), "--document", "rail", "--coder", "Chen", "--code", "Economic/Costs",
                 "--start", str(start), "--end", str(start + 6), "--memo", "fairness"]) == 0
    out = capsys.readouterr().out
    assert "added coder 'Chen'" in out
    assert "segment 1: rail" in out and "票价更加透明" in out
    with Project.open(with_article) as project:
        [segment] = project.segments()
        assert project.document_text(segment.document_id)[segment.start:segment.end] == "票价更加透明"
        assert segment.memo == "fairness"


@pytest.mark.parametrize(("options", "message"), [
    (["--document", "nope"], "no document named 'nope'"),
    (["--code", "Economic/Gains"], "no code 'Economic/Gains'"),
    (["--start", "5", "--end", "5"], "span 5-5 is outside the document"),
    (["--end", "100000"], "is outside the document"),
])
def test_code_refuses_bad_input_and_changes_nothing(with_article, capsys, options, message):
    args = {"--document": "rail", "--coder": "Chen", "--code": "Economic/Costs", "--start": "0", "--end": "4"}
    for flag, value in zip(options[::2], options[1::2]):
        args[flag] = value
    before = counts(with_article)
    assert main(["code", str(with_article), *[x for pair in args.items() for x in pair]]) == 2
    assert message in capsys.readouterr().err
    assert counts(with_article) == before


def test_segments_and_assignments_import(with_article, tmp_path, capsys):
    start = GB_ARTICLE.find("铁路部门")
    segments = write_csv(tmp_path / "segments.csv", [
        ["document", "coder", "code", "start", "end", "text"],
        ["rail", "Chen", "Economic/Costs", start, start + 4, "铁路部门"],
    ], encoding="utf-8-sig")
    plan = write_csv(tmp_path / "plan.csv", [["document", "coder", "status"], ["rail", "Dana", "assigned"]])
    assert main(["segments", "import", str(with_article), str(segments), "--mark-done"]) == 0
    assert main(["assignments", "import", str(with_article), str(plan)]) == 0
    out = capsys.readouterr().out
    assert "1 segments imported" in out and "1 assignments set" in out
    with Project.open(with_article) as project:
        statuses = {project.coder(a.coder_id).name: a.status for a in project.assignments()}
    assert statuses == {"Chen": "done", "Dana": "assigned"}


def test_bad_segments_file_exits_2_naming_the_line(with_article, tmp_path, capsys):
    segments = write_csv(tmp_path / "segments.csv", [
        ["document", "coder", "code", "start", "end"], ["rail", "Chen", "Economic/Costs", 0, 4],
        ["rail", "Chen", "Missing", 0, 4]])
    assert main(["segments", "import", str(with_article), str(segments)]) == 2
    assert "segments.csv, line 3: no code 'Missing'" in capsys.readouterr().err
    assert counts(with_article)["segments"] == 0


def test_info_as_table_and_json(with_article, capsys):
    main(["code", str(with_article), "--document", "rail", "--coder", "Chen", "--code", "Economic/Costs",
          "--start", "0", "--end", "4"])
    capsys.readouterr()
    assert main(["info", str(with_article)]) == 0
    table = capsys.readouterr().out
    assert "1 documents, 2 codes, 1 coders, 1 segments" in table
    assert any(line.split()[:2] == ["Chen", "1"] for line in table.splitlines())
    assert main(["info", str(with_article), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["segments"] == 1
    assert data["coders"] == [{"name": "Chen", "segments": 1, "documents": 1, "assigned": 0,
                               "in_progress": 1, "done": 0}]
    assert {c["name"]: c["segments"] for c in data["codes"]} == {"Economic": 0, "Economic/Costs": 1}
    assert data["documents"][0]["name"] == "rail" and data["documents"][0]["language"] == "zh"


def test_info_on_a_missing_project_exits_2(tmp_path, capsys):
    assert main(["info", str(tmp_path / "none.annotator")]) == 2
    assert "no such project file" in capsys.readouterr().err


def test_shared_corpus_coded_right_after_an_emoji(shared, project_path, capsys):
    """Offsets survive emoji: the span the CLI stores is exactly the characters selected after one."""
    files = sorted((shared / "corpus").glob("*.txt"))
    assert len(files) == 2
    assert main(["import", str(project_path), *map(str, files)]) == 0
    assert "2 imported, 0 skipped" in capsys.readouterr().out
    with Project.open(project_path) as project:
        project.add_code("Responsibility/Government")
        names = {d.name for d in project.documents()}
    with_emoji = next(f for f in files if any(ord(c) >= 0x1F000 for c in f.read_text(encoding="utf-8")))
    source = with_emoji.read_text(encoding="utf-8")
    emoji_at = next(i for i, c in enumerate(source) if ord(c) >= 0x1F000)
    phrase = source[emoji_at + 1:].lstrip()[:24]
    start = source.find(phrase, emoji_at)
    assert start > emoji_at and with_emoji.stem in names
    assert main(["code", str(project_path), "--document", with_emoji.stem, "--coder", "Reader",
                 "--code", "Responsibility/Government", "--start", str(start),
                 "--end", str(start + len(phrase))]) == 0
    assert phrase.replace("\n", "\u21b5") in capsys.readouterr().out
    with Project.open(project_path) as project:
        [segment] = project.segments()
        assert project.document_text(segment.document_id)[segment.start:segment.end] == phrase
    # The exported `text` column is those very characters (read back with the BOM the export writes).
    import csv

    exported = project_path.with_name("segments.csv")
    assert main(["export", str(project_path), "--segments", str(exported), "--no-formula-protection"]) == 0
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["text"] == phrase
    assert (int(row["start"]), int(row["end"])) == (start, start + len(phrase))
