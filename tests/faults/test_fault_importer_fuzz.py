"""Every importer, fuzzed: random bytes, random text in random encodings, damaged .docx/.pdf/.csv, sizes
from empty to a megabyte. ``read_documents`` + ``Project.add_documents`` must either store documents or
raise an ``AnnotatorError`` (one line for the user) that leaves the project exactly as it was: never
another exception (a traceback in the GUI) and never a partial import."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentInput
from annotator.core.store import Project

importers = pytest.importorskip("annotator.core.importers")
read_documents = getattr(importers, "read_documents", None)
if read_documents is None:
    pytest.skip("annotator.core.importers.read_documents has not landed yet", allow_module_level=True)

SUFFIXES = [".txt", ".csv", ".html", ".htm", ".docx", ".pdf", ".md", ".doc", ""]
TEXT_SUFFIXES = [".txt", ".csv", ".html", ".md"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "big5",
             "latin-1", "cp1252", "shift_jis"]
# ANNOTATOR_FUZZ_EXAMPLES=2000 hunts harder (and randomly); by default a fixed, quick sample for make test.
_EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=_EXAMPLES, deadline=None, derandomize="ANNOTATOR_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
_counter = itertools.count()


def import_must_be_clean(folder: Path, suffix: str, data: bytes) -> None:
    """The property itself: documents stored, or a one-line AnnotatorError and nothing stored."""
    path = folder / f"fuzzed-{next(_counter)}{suffix}"
    path.write_bytes(data)
    project = Project.memory()
    try:
        before = project.counts()
        try:
            inputs = read_documents(path)
            assert isinstance(inputs, list) and all(isinstance(d, DocumentInput) for d in inputs)
            report = project.add_documents(inputs)
        except AnnotatorError as exc:
            assert str(exc).strip(), "an error without a message"
            assert project.counts() == before, "a failed import stored something"
        else:
            after = project.counts()
            assert after["documents"] == before["documents"] + len(report.added)
            for doc in report.added:
                assert project.document_text(doc.id).strip()
    finally:
        project.close()
        path.unlink()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=4096))
def test_random_bytes(folder: Path, suffix: str, data: bytes) -> None:
    """Protects against a crash on any file at all (a renamed binary, a corrupt download)."""
    import_must_be_clean(folder, suffix, data)


@FUZZ
@given(suffix=st.sampled_from(TEXT_SUFFIXES), encoding=st.sampled_from(ENCODINGS),
       text=st.text(max_size=800), repeat=st.sampled_from([1, 1, 1, 50, 1200]))
def test_random_text_in_random_encodings(folder: Path, suffix: str, encoding: str, text: str,
                                         repeat: int) -> None:
    """Protects decoding: any text in any encoding (and sizes up to about a megabyte) imports or is
    refused cleanly, never stored as a crash."""
    import_must_be_clean(folder, suffix, (text * repeat).encode(encoding, errors="ignore"))


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=40), min_size=0, max_size=6), max_size=20),
       header=st.sampled_from([["name", "text"], ["title", "text", "date"], ["text"], ["foo", "bar"], []]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_random_csv_tables(folder: Path, rows: list[list[str]], header: list[str], encoding: str) -> None:
    """Protects CSV import against ragged rows, missing columns, empty cells, odd quoting."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    import_must_be_clean(folder, ".csv", buffer.getvalue().encode(encoding, errors="ignore"))


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("政府宣布新的刺激政策", level=1)
    for i in range(8):
        document.add_paragraph(f"第{i}段。经济增长放缓，专家认为效果仍待观察。Paragraph {i} in English.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for i in range(20):
        pdf.cell(0, 8, f"Line {i}: the central bank kept rates unchanged.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


_VALID: dict[str, bytes] = {}


def valid(suffix: str) -> bytes:
    if suffix not in _VALID:
        _VALID[suffix] = _docx_bytes() if suffix == ".docx" else _pdf_bytes()
    return _VALID[suffix]


@FUZZ
@given(suffix=st.sampled_from([".docx", ".pdf"]),
       flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_damaged_docx_and_pdf(folder: Path, suffix: str, flips: list[tuple[float, int]],
                              cut: float | None) -> None:
    """Protects the binary importers against damaged and truncated files (the usual real-world case)."""
    data = bytearray(valid(suffix))
    for where, value in flips:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    import_must_be_clean(folder, suffix, bytes(data))


def test_valid_docx_and_pdf_import(folder: Path) -> None:
    """Guards the fuzzers above: undamaged files do import, so 'clean refusal' is not all they test."""
    for suffix in (".docx", ".pdf"):
        path = folder / f"valid{suffix}"
        path.write_bytes(valid(suffix))
        documents = read_documents(path)
        assert documents and documents[0].text.strip()


@pytest.mark.parametrize("where", [0.125])
def test_docx_with_damaged_compressed_data(folder: Path, where: float) -> None:
    """Protects against a .docx whose zip entries are corrupt (a truncated e-mail attachment): a clean
    refusal, not a zlib traceback."""
    data = bytearray(valid(".docx"))
    data[int(where * len(data))] = 0
    import_must_be_clean(folder, ".docx", bytes(data))
