"""Corpus search with keyword-in-context (KWIC) results, and coding every hit at once.

A query is segmented as the documents are (with the project's dictionary; query_segmenter.py) and matched as a phrase of search-form tokens
(simplified Chinese, lower case), so 孕妇 finds 孕婦 and "Hong Kong" finds "HONG KONG". SQLite FTS5 over
the token cache narrows the corpus to documents holding the phrase; the cached token offsets then give
each hit's exact span in the stored text.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.commands import Changes, Command, require_codable
from annotator.core.errors import InputError
from annotator.core.model import Segment, SegmentRecord
from annotator.core.query_segmenter import segment_query
from annotator.core.segmentation import dictionary_terms, ensure_segmented
from annotator.core.store import Project


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search. Dates compare as ISO strings (``2020-01-01``); ``code`` includes sub-codes.

    With ``code`` and/or ``coder``, a hit counts only inside a segment of that code / by that coder.
    """

    outlet: str | None = None
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    code_id: int | None = None
    coder_id: int | None = None
    document_ids: list[int] | None = None  # e.g. the documents of a document set


@dataclass(frozen=True)
class Hit:
    """One occurrence: ``text[start:end]`` is ``keyword``; contexts are on one line for display."""

    document_id: int
    document_name: str
    outlet: str
    date: str
    start: int
    end: int
    left: str
    keyword: str
    right: str

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document_name, "document_id": self.document_id, "outlet": self.outlet,
            "date": self.date, "start": self.start, "end": self.end,
            "left": self.left, "keyword": self.keyword, "right": self.right,
        }


@dataclass
class _Query:
    words: list[str]
    fts: str
    display: str = field(default="")

    @property
    def needle(self) -> str:
        return " " + " ".join(self.words) + " "


def parse_query(project: Project, query: str) -> _Query:
    """Segment the query as documents are segmented; the FTS5 phrase is the tokens in order."""
    words, _offsets = segment_query(query, dictionary_terms(project))
    if not words:
        raise InputError(f"the query '{query}' holds no word to search for")
    phrase = '"' + " ".join(w.replace('"', '""') for w in words) + '"'
    return _Query(words, phrase, query)


def search(project: Project, query: str, filters: SearchFilters | None = None, context: int = 40,
           limit: int | None = None) -> list[Hit]:
    """Every occurrence of ``query`` in the corpus, in document order; at most ``limit`` hits.

    Documents not segmented yet are segmented first (a read-only project searches what is cached).
    """
    filters = filters or SearchFilters()
    if context < 0:
        raise InputError("the context width cannot be negative")
    if not project.readonly:
        ensure_segmented(project)
    parsed = parse_query(project, query)
    code_ids = project.descendant_ids(filters.code_id) if filters.code_id is not None else None
    inside_segments = code_ids is not None or filters.coder_id is not None
    candidates = project.search_candidates(
        parsed.fts, outlet=filters.outlet, language=filters.language, date_from=filters.date_from,
        date_to=filters.date_to, document_ids=filters.document_ids, segment_filter=(code_ids, filters.coder_id))
    hits: list[Hit] = []
    size = len(parsed.words)
    for document_id, name, outlet, date, tokens, offsets, text in candidates:
        positions = _find(tokens, parsed.needle)
        if not positions:
            continue
        flat = array("i")
        flat.frombytes(offsets)  # start0, end0, start1, end1, ...
        spans = [(flat[2 * i], flat[2 * (i + size - 1) + 1]) for i in positions]
        if inside_segments:
            segments = project.segment_spans_matching(document_id, code_ids, filters.coder_id)
            spans = [(s, e) for s, e in spans if any(a <= s and e <= b for a, b in segments)]
            if not spans:
                continue
        for start, end in spans:
            hits.append(Hit(document_id, name, outlet, date, start, end,
                            _one_line(text[max(0, start - context):start]), text[start:end],
                            _one_line(text[end:end + context])))
            if limit is not None and len(hits) >= limit:
                return hits
    return hits


def _find(tokens: str, needle: str) -> list[int]:
    """Token indexes where the phrase starts, in a space-joined token string.

    ``needle`` is the phrase with a space either side; string search and space counting run in C,
    several times faster than comparing token lists in Python on a large corpus.
    """
    haystack = f" {tokens} "
    positions: list[int] = []
    index = 0
    counted = 0
    at = haystack.find(needle)
    while at >= 0:
        index += haystack.count(" ", counted, at)
        counted = at
        positions.append(index)
        at = haystack.find(needle, at + 1)
    return positions


def _one_line(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")


# ---- coding hits --------------------------------------------------------------------------------

def code_hits(project: Project, hits: Sequence[Hit], coder_id: int, code_id: int) -> list[int]:
    """Code each hit with ``code_id`` for ``coder_id`` in one transaction; returns the new segment ids.

    A hit already coded with exactly that span, code and coder is skipped rather than duplicated.
    """
    return [row[0] for row in _code_hit_rows(project, hits, coder_id, code_id)]


def _code_hit_rows(project: Project, hits: Sequence[Hit], coder_id: int, code_id: int) -> list[SegmentRecord]:
    project.coder(coder_id)
    project.code(code_id)
    with project.transaction():
        existing = project.segment_places(coder_id, code_id)
        rows = []
        for hit in hits:
            key = (hit.document_id, hit.start, hit.end)
            if key not in existing:
                existing.add(key)
                rows.append((hit.document_id, coder_id, code_id, hit.start, hit.end, ""))
        return project.create_segment_rows(rows, mark_in_progress=True)


def delete_segments(project: Project, segment_ids: Sequence[int]) -> None:
    """Undo ``code_hits``: remove the segments it created, in one transaction."""
    project.delete_segments(segment_ids)


class CodeHits(Command):
    """"Code all hits" as one undoable edit (for the GUI's undo stack via ``gui.undo.perform``).

    Undo removes exactly the segments it made and puts every touched assignment back as it was
    (coding marks a document "in progress"); redo re-inserts the same ids, so later edits stay valid.
    """

    def __init__(self, hits: Sequence[Hit], coder_id: int, code_id: int, *, code_name: str = "") -> None:
        self.hits = list(hits)
        self.coder_id = coder_id
        self.code_id = code_id
        self.rows: list[SegmentRecord] = []  # the segments made, as tuples (cheap to keep for 5,000)
        self.statuses: dict[tuple[int, int], str | None] = {}
        self.text = f"code {len(self.hits)} hit(s) as '{code_name}'" if code_name else \
            f"code {len(self.hits)} hit(s)"

    @property
    def segments(self) -> list[Segment]:
        """The segments this edit made (once done)."""
        return [Segment(*row) for row in self.rows]

    @property
    def segment_ids(self) -> list[int]:
        return [row[0] for row in self.rows]

    def weight(self, project: Project) -> int:
        return len(self.hits)

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.statuses = project.assignment_statuses({(h.document_id, self.coder_id) for h in self.hits})
            if not self.rows:
                require_codable(project, self.code_id)
                self.rows = _code_hit_rows(project, self.hits, self.coder_id, self.code_id)
            else:  # redo: the same ids and guids, so later commands referring to them stay valid
                project.restore_segment_rows(self.rows)
                coded = {row[2] for row in self.rows}
                project.set_assignments({pair: "in_progress" for pair, status in self.statuses.items()
                                         if status in (None, "assigned") and pair[0] in coded})
        return self._changes()

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            project.delete_segments(self.segment_ids)
            project.set_assignments(self.statuses)
        return self._changes()

    def _changes(self) -> Changes:
        return Changes({row[2] for row in self.rows}, segment_ids=set(self.segment_ids), assignments=True)
