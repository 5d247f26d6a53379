"""Queries on the token cache (jieba offsets per document), its FTS5 index and the user dictionary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.store.rows import chunks, now, placeholders

if TYPE_CHECKING:
    import sqlite_utils

CacheRow = tuple[int, str, str | bytes, bytes]  # document_id, dictionary version, tokens, packed offsets
WRITE_BATCH = 240  # cache rows per INSERT statement: 4 bound parameters each, under the 999 of old SQLites


class TokenCacheQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    # ---- user dictionary ---------------------------------------------------------------------------

    def dictionary_terms(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT term FROM user_dictionary ORDER BY term")]

    def insert_dictionary_terms(self, terms: Iterable[str]) -> None:
        stamp = now()
        with self.transaction():
            self.db.conn.executemany("INSERT OR IGNORE INTO user_dictionary (term, added) VALUES (?, ?)",
                                     [(t, stamp) for t in terms])

    def delete_dictionary_terms(self, terms: Iterable[str]) -> None:
        with self.transaction():
            self.db.conn.executemany("DELETE FROM user_dictionary WHERE term = ?", [(t,) for t in terms])

    # ---- cache rows ----------------------------------------------------------------------------------

    def cached_tokens(self, document_id: int) -> tuple[str, str, bytes] | None:
        """(dictionary version, tokens, offsets) of a document, or None when it was never segmented."""
        row = self.db.execute("SELECT dictionary, tokens, offsets FROM token_cache WHERE document_id = ?",
                              (document_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def cached_token_rows(self, document_ids: Sequence[int] | None = None, *,
                          version: str | None = None) -> Iterator[CacheRow]:
        """Cache rows in document order (all, or of ``document_ids``; only ``version`` if given)."""
        extra, params = "", []
        if version is not None:
            extra, params = " AND dictionary = ?", [version]
        if document_ids is None:
            yield from self.db.execute(
                "SELECT document_id, dictionary, tokens, offsets FROM token_cache WHERE 1" + extra +
                " ORDER BY document_id", params)
            return
        for batch in chunks(sorted(set(document_ids))):
            yield from self.db.execute(
                "SELECT document_id, dictionary, tokens, offsets FROM token_cache "
                f"WHERE document_id IN ({placeholders(batch)}){extra} ORDER BY document_id", [*batch, *params])

    def write_tokens(self, rows: Iterable[CacheRow]) -> None:
        """Store (document, version, tokens, offsets) rows, replacing what a document had.

        Up to ``WRITE_BATCH`` rows go in one multi-row INSERT: the search index's triggers still fire per
        row, but FTS5 flushes its pending index at every statement's savepoint, so one statement per row
        (executemany) left a tiny index segment per document for its merges to rewrite -- about a third
        of the index's cost when a corpus is segmented. ``tokens`` may come as its UTF-8 bytes (what a
        segmentation worker sends): stored as the same TEXT, with no decoding here and no encoding again.
        """
        for batch in chunks(rows, WRITE_BATCH):
            self.db.conn.execute(
                "INSERT INTO token_cache (document_id, dictionary, tokens, offsets) VALUES "
                + ", ".join(["(?, ?, CAST(? AS TEXT), ?)"] * len(batch))
                + " ON CONFLICT (document_id) DO UPDATE SET dictionary = excluded.dictionary, "
                "tokens = excluded.tokens, offsets = excluded.offsets",
                [value for row in batch for value in row])

    def relabel_token_cache(self, version: str) -> None:
        """Mark every cached row as cut with ``version`` (after a dictionary change that left them alone)."""
        self.db.execute("UPDATE token_cache SET dictionary = ?", (version,))

    def clear_token_cache(self) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM token_cache")

    def stale_token_documents(self, version: str) -> list[int]:
        """Documents with no cached tokens, or tokens cut with another dictionary version."""
        # Fast path for every search: when each document has tokens cut with this dictionary (an indexed
        # count, migration 4), skip the join over the whole corpus.
        documents = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        fresh = self.db.execute("SELECT count(*) FROM token_cache WHERE dictionary = ?", (version,)).fetchone()[0]
        if fresh == documents:
            return []
        return [r[0] for r in self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN token_cache t ON t.document_id = d.id "
            "WHERE t.document_id IS NULL OR t.dictionary != ? ORDER BY d.id", (version,))]

    # ---- full-text search ------------------------------------------------------------------------------

    def search_candidates(self, fts_phrase: str, *, outlet: str | None = None, language: str | None = None,
                          date_from: str | None = None, date_to: str | None = None,
                          document_ids: Sequence[int] | None = None,
                          segment_filter: tuple[Sequence[int] | None, int | None] = (None, None),
                          ) -> Iterator[tuple[int, str, str, str, str, bytes, str]]:
        """Documents whose token index holds the phrase, with their tokens, offsets and text, in id order.

        ``segment_filter`` is (code ids, coder id): only documents with such a segment qualify.
        Dates compare as ISO strings; ``date_to`` "2020-12" includes all of December.
        """
        where = ["search_index MATCH ?"]
        params: list[object] = [fts_phrase]
        if outlet is not None:
            where.append("d.outlet = ?")
            params.append(outlet)
        if language is not None:
            where.append("d.language = ?")
            params.append(language)
        if date_from:
            where.append("d.date >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(d.date, 1, ?) <= ?")
            params.extend([len(date_to), date_to])
        if document_ids is not None:
            ids = sorted(set(document_ids))
            where.append("d.id IN (SELECT value FROM json_each(?))")
            params.append("[" + ",".join(map(str, ids)) + "]")
        segment_where, segment_params = _segment_filter(*segment_filter)
        if segment_where:
            where.append(f"EXISTS (SELECT 1 FROM segments s WHERE s.document_id = d.id AND {segment_where})")
            params.extend(segment_params)
        sql = ("SELECT d.id, d.name, d.outlet, d.date, t.tokens, t.offsets, d.text FROM search_index "
               "JOIN token_cache t ON t.document_id = search_index.rowid "
               "JOIN documents d ON d.id = t.document_id "
               f"WHERE {' AND '.join(where)} ORDER BY d.id")
        yield from self.db.execute(sql, params)

    def segment_spans_matching(self, document_id: int, code_ids: Sequence[int] | None,
                               coder_id: int | None) -> list[tuple[int, int]]:
        """(start, end) of a document's segments of those codes / that coder (search inside codings)."""
        segment_where, segment_params = _segment_filter(code_ids, coder_id)
        return self.db.execute(
            f'SELECT start, "end" FROM segments s WHERE s.document_id = ? AND {segment_where or "1"}',
            (document_id, *segment_params)).fetchall()


def _segment_filter(code_ids: Sequence[int] | None, coder_id: int | None) -> tuple[str, list[object]]:
    clauses, params = [], []
    if code_ids is not None:
        clauses.append(f"s.code_id IN ({placeholders(code_ids)})")
        params.extend(code_ids)
    if coder_id is not None:
        clauses.append("s.coder_id = ?")
        params.append(coder_id)
    return " AND ".join(clauses), params
