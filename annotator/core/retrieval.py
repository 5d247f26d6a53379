"""Retrieved segments: every coding of the chosen codes (with their sub-codes), filtered by coder,
document, document set and text — MAXQDA's "Retrieved Segments", NVivo's node view, QualCoder's
"coded text". The GUI panel and ``annotator segments list`` show the same list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.errors import InputError
from annotator.core.store import Project, normalise_code_path
from annotator.core.tokens import to_simplified

EXPORT_COLUMNS = ("document", "coder", "code", "start", "end", "text", "memo")


@dataclass(frozen=True)
class RetrievedSegment:
    id: int
    document_id: int
    document: str
    title: str
    coder_id: int
    coder: str
    code_id: int
    code: str
    start: int
    end: int
    text: str
    memo: str
    created: str = ""
    updated: str = ""

    def as_dict(self) -> dict[str, object]:
        """The public row: ``document, coder, code, start, end, text, memo`` plus id and title."""
        return {"document": self.document, "coder": self.coder, "code": self.code, "start": self.start,
                "end": self.end, "text": self.text, "memo": self.memo, "id": self.id, "title": self.title}


@dataclass
class RetrievalFilter:
    """Which segments to list; None (or empty text) means no filter on that field."""

    code_ids: list[int] | None = None  # codes as chosen; their sub-codes are included
    coder_ids: list[int] | None = None
    document_ids: list[int] | None = None
    set_ids: list[int] | None = None
    text: str = ""  # in the coded text or the memo; case, and simplified/traditional script, ignored
    segment_ids: list[int] | None = field(default=None, repr=False)


def retrieve(project: Project, wanted: RetrievalFilter | None = None) -> list[RetrievedSegment]:
    """The segments matching ``wanted``, in document and text order."""
    wanted = wanted or RetrievalFilter()
    code_ids = None
    if wanted.code_ids is not None:
        code_ids = sorted({d for c in wanted.code_ids for d in project.descendant_ids(c)})
    rows = project.retrieval_rows(code_ids=code_ids, coder_ids=wanted.coder_ids, document_ids=wanted.document_ids,
                                  set_ids=wanted.set_ids, segment_ids=wanted.segment_ids)
    found = [RetrievedSegment(**row) for row in rows]
    needle = _searchable(wanted.text.strip())
    if needle:
        found = [s for s in found if needle in _searchable(s.text) or needle in _searchable(s.memo)]
    return found


def _searchable(text: str) -> str:
    return to_simplified(text).casefold() if text else ""


def filter_by_names(project: Project, *, codes: Sequence[str] = (), coders: Sequence[str] = (),
                    documents: Sequence[str] = (), document_set: str | None = None,
                    text: str = "") -> RetrievalFilter:
    """A filter from names as a user types them (code paths, coder and document names, a set name);
    an unknown name is an error naming it, never an empty list."""
    wanted = RetrievalFilter(text=text)
    if codes:
        wanted.code_ids = [project.code(normalise_code_path(p)).id for p in codes]
    if coders:
        wanted.coder_ids = [project.coder(n.strip()).id for n in coders]
    if documents:
        wanted.document_ids = [project.document(n.strip(), with_text=False).id for n in documents]
    if document_set is not None:
        if not document_set.strip():
            raise InputError("the document set needs a name")
        wanted.set_ids = [project.document_set(document_set.strip()).id]
    return wanted


def split_names(value: str | None) -> list[str]:
    """``"A,B, C"`` → ``["A", "B", "C"]`` (the CLI's comma lists)."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


__all__ = ["EXPORT_COLUMNS", "RetrievalFilter", "RetrievedSegment", "filter_by_names", "retrieve", "split_names"]
