"""Large input: a 20 MB article (a full report, a book-length transcript) imports and opens; beyond
``MAX_DOCUMENT_CHARS`` the import is refused with a message naming the document, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.store import Project
from annotator.core.text import MAX_DOCUMENT_CHARS

PARAGRAPH = "经济增长放缓，政府宣布新的刺激政策。The central bank said rates would stay unchanged.\n"


def big_text(megabytes: int) -> str:
    unit = PARAGRAPH.encode("utf-8")
    return PARAGRAPH * (megabytes * 1024 * 1024 // len(unit) + 1)


def test_twenty_megabyte_article_imports_and_opens(tmp_path: Path) -> None:
    """Protects importing and reopening a very long article (about 20 MB of UTF-8)."""
    text = big_text(20)
    assert len(text.encode("utf-8")) >= 20 * 1024 * 1024
    source = tmp_path / "long-report.txt"
    source.write_text(text, encoding="utf-8")
    try:
        from annotator.core.importers import read_documents
        inputs = read_documents(source)
    except ImportError:
        inputs = [DocumentInput(text=text, name="long-report")]
    path = tmp_path / "large.annotator"
    with Project.create(path) as project:
        report = project.add_documents(inputs)
        assert len(report.added) == 1
        doc_id = report.added[0].id
    with Project.open(path) as project:
        stored = project.document_text(doc_id)
        assert stored == text
        assert project.document(doc_id).length == len(text)
        coder = project.ensure_coder("reader")
        code = project.add_code("Economic")
        end = len(stored)
        segment = project.add_segment(doc_id, coder.id, code.id, end - 10, end)
        assert stored[segment.start:segment.end] == text[-10:]


def test_article_over_the_limit_is_refused_with_its_name(project: Project) -> None:
    """Protects against a runaway file (a log, a database dump) being stored as one article."""
    huge = "x" * (MAX_DOCUMENT_CHARS + 1)
    batch = [DocumentInput(text="A normal article.", name="fine"), DocumentInput(text=huge, name="dump")]
    with pytest.raises(InputError) as info:
        project.add_documents(batch)
    message = str(info.value)
    assert "dump" in message and f"{MAX_DOCUMENT_CHARS:,}" in message and "\n" not in message
    assert project.counts()["documents"] == 0  # the batch is all or nothing


def test_article_at_the_limit_is_accepted(monkeypatch: pytest.MonkeyPatch, project: Project) -> None:
    """Protects the boundary: exactly ``MAX_DOCUMENT_CHARS`` is allowed, one more is not."""
    import annotator.core.store.documents as documents

    monkeypatch.setattr(documents, "MAX_DOCUMENT_CHARS", 1000)
    project.add_documents([DocumentInput(text="y" * 1000, name="at-limit")])
    with pytest.raises(InputError, match="1,000"):
        project.add_documents([DocumentInput(text="z" * 1001, name="over-limit")])
    assert [d.name for d in project.documents()] == ["at-limit"]
