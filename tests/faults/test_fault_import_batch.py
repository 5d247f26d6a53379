"""One import command is all or nothing, every message is one line naming the file, and nothing about a
file's name or encoding ends in a traceback (issue 16)."""

from __future__ import annotations

import os
import sqlite3
import sys
import zipfile

import pytest
from conftest import fingerprint, small_project

from annotator.cli import main
from annotator.core.importers import read_documents
from annotator.core.store import Project

HONG_KONG = "香港電台報道：佢哋喺度傾偈，講咗好耐。政府發言人表示會盡快處理。嘅啲咗喺"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([a if isinstance(a, (str, bytes)) else str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_bad_qdpx_after_good_articles_stores_nothing(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    article = tmp_path / "a.txt"
    article.write_text("A good article about the flood.\nIt rained for days.", encoding="utf-8")
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0' name='x'><Sources>")
    code, _out, err = run(capsys, "import", project, article, bad)
    assert code == 2 and err.count("\n") == 1 and "bad.qdpx" in err
    with Project.open(project, readonly=True) as p:
        assert p.document_count() == 3


def test_a_bad_file_in_the_middle_stores_nothing(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "b.csv").write_text("name,text\nx,fine\ny,\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Third article text.", encoding="utf-8")
    before = fingerprint(project)
    code, _out, err = run(capsys, "import", project, tmp_path / "a.txt", tmp_path / "b.csv", tmp_path / "c.txt")
    assert code == 2 and "b.csv, line 3" in err
    assert fingerprint(project) == before


def test_a_nul_byte_deep_inside_a_text_file_is_refused_with_its_line(tmp_path, capsys):
    """A NUL after the first 64 KB was accepted, and every later segment exported with empty text."""
    project = small_project(tmp_path / "study.annotator")
    article = tmp_path / "long.txt"
    article.write_bytes(("An ordinary line of news text.\n" * 3000).encode() + b"bad\x00byte\n" + b"more text\n")
    code, _out, err = run(capsys, "import", project, article)
    assert code == 2 and "long.txt" in err and "NUL" in err and "line 3001" in err
    with Project.open(project, readonly=True) as p:
        assert p.document_count() == 3


def test_other_control_characters_are_kept_faithfully(tmp_path):
    path = tmp_path / "form.txt"
    path.write_text("Heading\x0cA form feed and a bell\x07 in one article text.", encoding="utf-8")
    [document] = read_documents(path)
    with Project.create(tmp_path / "p.annotator") as project:
        project.add_documents([document])
        assert "\x07" in project.document_text(1) and "\x0c" in project.document_text(1)


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux keeps file names as raw bytes")
def test_a_gbk_file_name_imports_and_prints(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    raw_name = os.fsencode(tmp_path) + b"/" + "新闻报道.txt".encode("gbk")
    with open(raw_name, "wb") as handle:
        handle.write("一篇用GBK文件名保存的报道。".encode("utf-8"))
    code, out, err = run(capsys, "import", project, os.fsdecode(raw_name))
    assert code == 0, err
    assert "新闻报道.txt: 1 document read" in out
    with Project.open(project, readonly=True) as p:
        assert "新闻报道" in {d.name for d in p.documents()}


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux passes arguments as raw bytes")
def test_a_coder_name_typed_in_a_gbk_terminal(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    coder = os.fsdecode("张三".encode("gbk"))  # what Python makes of GBK bytes in argv
    code, out, err = run(capsys, "code", project, "--document", "doc0", "--coder", coder, "--code",
                         "Economic/Costs", "--start", "0", "--end", "4")
    assert code == 0 and "Traceback" not in err, err
    with Project.open(project, readonly=True) as p:
        assert "张三" in {c.name for c in p.coders()}


def test_big5_hkscs_hong_kong_text_is_decoded(tmp_path):
    path = tmp_path / "hk.txt"
    path.write_bytes(HONG_KONG.encode("big5hkscs"))
    with pytest.raises(UnicodeEncodeError):
        HONG_KONG.encode("big5")  # Cantonese characters plain Big5 lacks
    [document] = read_documents(path)
    assert document.text == HONG_KONG


def test_every_warning_of_an_import_is_printed(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    qde = ("<Project xmlns='urn:QDA-XML:project:1.0' name='x'><Sources>"
           + "".join(f"<PictureSource guid='{i:08X}-2222-3333-4444-555555555555' name='p{i}'/>" for i in range(5))
           + "</Sources></Project>")
    path = tmp_path / "pictures.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    code, out, _err = run(capsys, "import", project, path)
    assert code == 0
    assert "warning: 5 PictureSource item(s) (only plain-text sources are supported) skipped" in out


def test_a_codebook_deeper_than_the_limit_is_refused_and_an_old_one_still_exports(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    deep = tmp_path / "deep.csv"
    deep.write_text("path\n" + "/".join(f"L{i}" for i in range(1200)) + "\n", encoding="utf-8")
    code, _out, err = run(capsys, "codebook", "import", project, deep)
    assert code == 2 and "at most 64" in err and "deep.csv" in err
    # A file made before the limit (written here directly) must still show, check and export.
    conn = sqlite3.connect(project)
    parent = None
    for i in range(1200):
        path = "/".join(f"L{j}" for j in range(i + 1))
        parent = conn.execute("INSERT INTO codes (guid, path, name, parent_id, color) VALUES (?, ?, ?, ?, '#123456')",
                              (f"{i:08X}-0000-0000-0000-000000000000", path, f"L{i}", parent)).lastrowid
    conn.commit()
    conn.close()
    for argv in (["info", project], ["export", project, "--qdpx", tmp_path / "d.qdpx", "--qdc", tmp_path / "d.qdc",
                                    "--codebook", tmp_path / "d.csv"], ["check", project]):
        code, _out, err = run(capsys, *argv)
        assert "Traceback" not in err and "Recursion" not in err and code in (0, 1), err
