"""Segment, assignment and matrix CSV exports: exact text, BOM, delimiter, formula protection."""

from __future__ import annotations

import csv
import io

import pytest

from annotator.core.errors import InputError
from annotator.core.exporters.assignments import export_assignments_csv
from annotator.core.exporters.csv_export import CsvOptions, protect, unprotect
from annotator.core.exporters.matrix import export_matrix_csv
from annotator.core.exporters.segments import SEGMENT_COLUMNS, export_segments_csv
from annotator.core.model import DocumentInput
from annotator.core.store import Project

TEXT = "=HYPERLINK(\"http://x\") 😀 emoji first.\n中文引语：“血样”。 +1 @all -minus"


@pytest.fixture
def coded() -> Project:
    project = Project.memory()
    project.add_documents([DocumentInput(text=TEXT, name="story", title="A story", outlet="Daily", date="2024-01-02"),
                           DocumentInput(text="Plain second article.", name="second")])
    doc, second = project.document("story"), project.document("second")
    ann, bo = project.ensure_coder("ann"), project.ensure_coder("bo")
    econ, crime = project.add_code("Economic"), project.add_code("Frames/Crime")
    project.add_segment(doc.id, ann.id, econ.id, 0, 22, "memo, with comma")
    project.add_segment(doc.id, ann.id, econ.id, 23, 24)  # the emoji: one code point
    project.add_segment(doc.id, bo.id, crime.id, TEXT.index("中"), TEXT.index("。") + 1)
    project.add_segment(doc.id, bo.id, crime.id, TEXT.index("+1"), len(TEXT))
    project.set_assignment(second.id, bo.id, "done")
    return project


def read(path, delimiter=","):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=delimiter))


def test_protect_round_trip():
    for value in ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''-y", "plain", "'plain", "", "a=b"]:
        assert unprotect(protect(value)) == value
    assert protect("=1") == "'=1" and protect("plain") == "plain" and protect("'=x") == "''=x"


def test_segments_text_matches_offsets(coded, tmp_path):
    export_segments_csv(coded, tmp_path / "s.csv", CsvOptions(protect_formulas=False))
    rows = read(tmp_path / "s.csv")
    assert tuple(rows[0]) == SEGMENT_COLUMNS
    assert len(rows) == 5
    for row in rows[1:]:
        record = dict(zip(rows[0], row))
        assert record["text"] == TEXT[int(record["start"]):int(record["end"])]
    first = dict(zip(rows[0], rows[1]))
    assert (first["document"], first["title"], first["outlet"], first["coder"], first["memo"]) == \
        ("story", "A story", "Daily", "ann", "memo, with comma")
    assert dict(zip(rows[0], rows[2]))["text"] == "😀"


def test_formula_protection_adds_apostrophe_only(coded, tmp_path):
    export_segments_csv(coded, tmp_path / "s.csv")
    rows = read(tmp_path / "s.csv")
    texts = {r[9]: r[11] for r in rows[1:]}  # start -> text
    assert texts["0"] == "'" + TEXT[:22]
    start = TEXT.index("+1")
    assert texts[str(start)] == "'" + TEXT[start:]
    # Offsets are untouched: the unprotected cell is exactly the document slice.
    assert unprotect(texts["0"]) == TEXT[0:22]
    for row in rows[1:]:
        assert not row[11].startswith(("=", "+", "-", "@"))


def test_delimiter_and_no_bom(coded, tmp_path):
    export_segments_csv(coded, tmp_path / "s.csv", CsvOptions(bom=False, delimiter=";"))
    raw = (tmp_path / "s.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode(), newline=""), delimiter=";"))
    assert rows[0][:3] == ["segment_id", "guid", "document"]
    with pytest.raises(InputError, match="delimiter"):
        CsvOptions(delimiter="ab")


def test_assignments(coded, tmp_path):
    export_assignments_csv(coded, tmp_path / "a.csv")
    rows = read(tmp_path / "a.csv")
    assert rows[0] == ["document", "coder", "status", "updated"]
    assert [r[:3] for r in rows[1:]] == [["story", "ann", "in_progress"], ["story", "bo", "in_progress"],
                                         ["second", "bo", "done"]]


def test_matrix_presence_and_counts(coded, tmp_path):
    export_matrix_csv(coded, tmp_path / "m.csv")
    rows = read(tmp_path / "m.csv")
    assert rows[0] == ["document", "coder", "Economic", "Economic (n)", "Frames", "Frames (n)",
                       "Frames/Crime", "Frames/Crime (n)"]
    assert rows[1:] == [["story", "ann", "1", "2", "0", "0", "0", "0"],
                        ["story", "bo", "0", "0", "0", "0", "1", "2"],
                        ["second", "bo", "0", "0", "0", "0", "0", "0"]]
