"""`annotator search`, `analyze`, `dictionary` and `segment` as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.cli import main
from annotator.core.model import DocumentInput
from annotator.core.store import Project


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "news.annotator"
    with Project.create(path) as project:
        project.add_documents([
            DocumentInput(text="研究人员表示，孕妇血样检测有助于保障生物安全。", name="xinhua-1", outlet="新华社"),
            DocumentInput(text="香港大學研究團隊發現，孕婦血樣中的病毒含量偏低。", name="mingpao-1", outlet="明報"),
        ])
        coder = project.ensure_coder("Ana")
        code = project.add_code("Frames/Health")
        project.add_segment(1, coder.id, code.id, 7, 23)
    return str(path)


def test_search_json_gives_document_offsets_and_context(project_file, capsys):
    assert main(["search", project_file, "孕婦", "--format", "json", "--context", "3"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["document"], r["start"], r["end"], r["left"], r["keyword"], r["right"]) for r in rows] == [
        ("xinhua-1", 7, 9, "表示，", "孕妇", "血样检"), ("mingpao-1", 11, 13, "發現，", "孕婦", "血樣中")]


def test_search_csv_with_filters(project_file, capsys):
    assert main(["search", project_file, "孕妇", "--format", "csv", "--outlet", "明報"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document"], r["start"], r["end"]) for r in rows] == [("mingpao-1", "11", "13")]
    assert main(["search", project_file, "孕妇", "--format", "csv", "--code", "Frames/Health",
                 "--coder", "Ana"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["document"] for r in rows] == ["xinhua-1"]


def test_search_table_aligns_chinese(project_file, capsys):
    assert main(["search", project_file, "研究"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["document", "start", "end", "left", "keyword", "right"]
    assert len(lines) == 3 and "2 hit(s)" in captured.err


def test_dictionary_add_list_remove(project_file, capsys):
    assert main(["dictionary", project_file, "add", "孕妇血样"]) == 0
    assert "2 document(s) segmented again" in capsys.readouterr().err
    assert main(["dictionary", project_file, "list"]) == 0
    assert capsys.readouterr().out.split() == ["孕妇血样"]
    assert main(["search", project_file, "孕妇血样", "--format", "json"]) == 0
    assert [(r["start"], r["end"]) for r in json.loads(capsys.readouterr().out)] == [(7, 11), (11, 15)]
    assert main(["dictionary", project_file, "remove", "孕妇血样"]) == 0
    assert main(["dictionary", project_file, "remove", "孕妇血样"]) == 2
    assert "not in the project dictionary" in capsys.readouterr().err


def test_segment_then_nothing_left(project_file, capsys):
    assert main(["segment", project_file]) == 0
    assert "2 document(s)" in capsys.readouterr().err
    assert main(["segment", project_file]) == 0
    assert "0 document(s)" in capsys.readouterr().err


def test_analyze_words_frames_and_cooccurrence(project_file, capsys):
    assert main(["analyze", project_file, "--words", "Frames/Health", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # every word occurs once: below min_count
    assert main(["analyze", project_file, "--frames-by-outlet", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["outlet"], r["documents_with_frame"], r["share"]) for r in rows] == [
        ("新华社", "1", "1.0"), ("明報", "0", "0.0")]
    assert main(["analyze", project_file, "--cooccurrence", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"code": "Frames/Health", "Frames/Health": 1}]


def test_bad_input_is_one_line_exit_2(project_file, capsys):
    assert main(["search", project_file, "。"]) == 2
    assert main(["analyze", project_file, "--words", "Nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["annotator: the query '。' holds no word to search for", "annotator: no code 'Nope'"]
