"""Corpus search with keyword-in-context (KWIC) results, and coding every hit at once.

A query is segmented with the project's tokenizer and matched as a phrase of search-form tokens
(simplified Chinese, lower case), so 孕妇 finds 孕婦 and "Hong Kong" finds "HONG KONG". SQLite FTS5 over
the token cache narrows the corpus to documents holding the phrase; the cached token offsets then give
each hit's exact span in the stored text.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.commands import Changes, Command
from annotator.core.errors import InputError
from annotator.core.model import Segment
from annotator.core.segmentation import ensure_segmented, project_tokenizer
from annotator.core.store import Project
from annotator.core.tokens import normalised_tokens, word_spans


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
    spans = word_spans(query, tokenizer=project_tokenizer(project))
    words = normalised_tokens(query, spans)
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
    where = ["search_index MATCH ?"]
    params: list[object] = [parsed.fts]
    if filters.outlet is not None:
        where.append("d.outlet = ?")
        params.append(filters.outlet)
    if filters.language is not None:
        where.append("d.language = ?")
        params.append(filters.language)
    if filters.date_from:
        where.append("d.date >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        # "2020-12" as an upper bound includes all of December.
        where.append("substr(d.date, 1, ?) <= ?")
        params.extend([len(filters.date_to), filters.date_to])
    code_ids = project.descendant_ids(filters.code_id) if filters.code_id is not None else None
    segment_where, segment_params = _segment_filter(code_ids, filters.coder_id)
    if segment_where:
        where.append(f"EXISTS (SELECT 1 FROM segments s WHERE s.document_id = d.id AND {segment_where})")
        params.extend(segment_params)
    sql = (
        "SELECT d.id, d.name, d.outlet, d.date, t.tokens, t.offsets, d.text FROM search_index "
        "JOIN token_cache t ON t.document_id = search_index.rowid "
        "JOIN documents d ON d.id = t.document_id "
        f"WHERE {' AND '.join(where)} ORDER BY d.id"
    )
    hits: list[Hit] = []
    size = len(parsed.words)
    for document_id, name, outlet, date, tokens, offsets, text in project.db.execute(sql, params):
        positions = _find(tokens, parsed.needle)
        if not positions:
            continue
        flat = array("i")
        flat.frombytes(offsets)  # start0, end0, start1, end1, ...
        spans = [(flat[2 * i], flat[2 * (i + size - 1) + 1]) for i in positions]
        if segment_where:
            segments = project.db.execute(
                f'SELECT start, "end" FROM segments s WHERE s.document_id = ? AND {segment_where}',
                (document_id, *segment_params)).fetchall()
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


def _segment_filter(code_ids: list[int] | None, coder_id: int | None) -> tuple[str, list[object]]:
    parts, params = [], []
    if code_ids is not None:
        parts.append(f"s.code_id IN ({', '.join('?' * len(code_ids))})")
        params.extend(code_ids)
    if coder_id is not None:
        parts.append("s.coder_id = ?")
        params.append(coder_id)
    return " AND ".join(parts), params


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
    project.coder(coder_id)
    project.code(code_id)
    created: list[int] = []
    with project.transaction():
        for hit in hits:
            exists = project.db.execute(
                'SELECT 1 FROM segments WHERE document_id = ? AND coder_id = ? AND code_id = ? '
                'AND start = ? AND "end" = ?',
                (hit.document_id, coder_id, code_id, hit.start, hit.end)).fetchone()
            if exists:
                continue
            created.append(project.add_segment(hit.document_id, coder_id, code_id, hit.start, hit.end).id)
    return created


def delete_segments(project: Project, segment_ids: Sequence[int]) -> None:
    """Undo ``code_hits``: remove the segments it created, in one transaction."""
    with project.transaction():
        for segment_id in segment_ids:
            project.delete_segment(segment_id)


class CodeHits(Command):
    """"Code all hits" as one undoable edit (for the GUI's undo stack via ``gui.undo.perform``)."""

    def __init__(self, hits: Sequence[Hit], coder_id: int, code_id: int, *, code_name: str = "") -> None:
        self.hits = list(hits)
        self.coder_id = coder_id
        self.code_id = code_id
        self.segments: list[Segment] = []
        self.text = f"code {len(self.hits)} hit(s) as '{code_name}'" if code_name else \
            f"code {len(self.hits)} hit(s)"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            if not self.segments:
                ids = code_hits(project, self.hits, self.coder_id, self.code_id)
                self.segments = [project.segment(i) for i in ids]
            else:  # redo: the same ids and guids, so later commands referring to them stay valid
                for s in self.segments:
                    project.add_segment(s.document_id, s.coder_id, s.code_id, s.start, s.end, s.memo,
                                        segment_id=s.id, guid=s.guid, created=s.created, updated=s.updated)
        return self._changes()

    def undo(self, project: Project) -> Changes:
        delete_segments(project, [s.id for s in self.segments])
        return self._changes()

    def _changes(self) -> Changes:
        return Changes({s.document_id for s in self.segments}, segment_ids={s.id for s in self.segments},
                       assignments=True)
