"""Queries on the ``segments`` table: coded spans (code points into the stored text, end exclusive).

Bulk edits are set operations (``executemany``, ``WHERE id IN (...)``): "code all hits" on thousands of
hits, or undoing a merge of two codes, is a handful of statements, not a loop of single-row writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import Segment, SegmentRecord
from annotator.core.store.rows import check_span, chunks, new_guid, new_guids, now, objects, one_object, placeholders

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = 'SELECT id, guid, document_id, coder_id, code_id, start, "end", memo, created, updated FROM segments'
EDITABLE_FIELDS = ("code_id", "start", "end", "memo", "coder_id")
SpanRow = tuple[int, int, int, int, int, str]  # document_id, coder_id, code_id, start, end, memo
# document_id, coder_id, code_id, start, end, memo, guid, created, updated (the last three may be None)
MergeRow = tuple[int, int, int, int, int, str, "str | None", "str | None", "str | None"]


class SegmentQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]
    _document_length: Callable[[int], int]
    _mark_in_progress: Callable[[int, int], None]
    _mark_many_in_progress: Callable[[Iterable[tuple[int, int]]], None]
    document_lengths: Callable[[], dict[int, int]]

    def add_segment(
        self,
        document_id: int,
        coder_id: int,
        code_id: int,
        start: int,
        end: int,
        memo: str = "",
        *,
        segment_id: int | None = None,
        guid: str | None = None,
        created: str | None = None,
        updated: str | None = None,
    ) -> Segment:
        """Record one coded span (code points, end exclusive); ids may be given to redo a deletion."""
        check_span(start, end, self._document_length(document_id))
        stamp = now()
        with self.transaction():
            cursor = self.db.execute(
                'INSERT INTO segments (id, guid, document_id, coder_id, code_id, start, "end", memo, created, '
                "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (segment_id, guid or new_guid(), document_id, coder_id, code_id, start, end, memo,
                 created or stamp, updated or stamp),
            )
            self._mark_in_progress(document_id, coder_id)
        return self.segment(cursor.lastrowid)

    def add_segments(self, rows: Sequence[SpanRow], *, mark_in_progress: bool = False) -> list[int]:
        """Bulk insert (document_id, coder_id, code_id, start, end, memo) in one transaction; the new ids.

        Every span is checked against its document first, so one bad row stores nothing.
        """
        return [r[0] for r in self.create_segment_rows(rows, mark_in_progress=mark_in_progress)]

    def create_segments(self, rows: Sequence[SpanRow], *, mark_in_progress: bool = False) -> list[Segment]:
        """``add_segments``, returning the new segments themselves, built from what was written (no read
        back)."""
        return [Segment(*row) for row in self.create_segment_rows(rows, mark_in_progress=mark_in_progress)]

    def create_segment_rows(self, rows: Sequence[SpanRow], *,
                            mark_in_progress: bool = False) -> list[SegmentRecord]:
        """``create_segments`` as plain tuples in ``Segment``'s field order: an undoable bulk edit keeps
        them to redo itself with the same ids and guids (5,000 tuples cost a tenth of 5,000 Segments)."""
        stamp = now()
        with self.transaction():
            lengths = self._lengths_of({r[0] for r in rows})
            for document_id, _coder, _code, start, end, _memo in rows:
                if document_id not in lengths:
                    raise InputError(f"no document with id {document_id}")
                check_span(start, end, lengths[document_id])
            guids = new_guids(len(rows))
            (before,) = self.db.execute("SELECT coalesce(max(id), 0) FROM segments").fetchone()
            self.db.conn.executemany(
                'INSERT INTO segments (guid, document_id, coder_id, code_id, start, "end", memo, created, updated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(g, d, c, k, s, e, m, stamp, stamp) for g, (d, c, k, s, e, m) in zip(guids, rows)],
            )
            (after,) = self.db.execute("SELECT coalesce(max(id), 0) FROM segments").fetchone()
            # Holding the write lock, SQLite numbers new rows max(id) + 1, + 2, ...; look the ids up by guid
            # only in the (theoretical) case it did not.
            ids = list(range(before + 1, after + 1)) if after - before == len(rows) else self._ids_of_guids(guids)
            if mark_in_progress:
                self._mark_many_in_progress({(r[0], r[1]) for r in rows})
        return [(i, g, d, c, k, s, e, m, stamp, stamp) for i, g, (d, c, k, s, e, m) in zip(ids, guids, rows)]

    def segment_places(self, coder_id: int, code_id: int) -> set[tuple[int, int, int]]:
        """(document, start, end) of every segment of one coder and code (what "code all hits" skips)."""
        return set(self.db.execute('SELECT document_id, start, "end" FROM segments WHERE coder_id = ? AND code_id = ?',
                                   (coder_id, code_id)))

    def segment_code_states(self, code_ids: Sequence[int]) -> list[tuple[int, int, int, str]]:
        """(id, document_id, code_id, updated) of the segments of these codes: what re-coding them changes,
        kept to undo it (reading 5,000 of these is several times cheaper than 5,000 ``Segment`` objects)."""
        found: list[tuple[int, int, int, str]] = []
        for batch in chunks(list(code_ids)):
            found.extend(self.db.execute(
                f"SELECT id, document_id, code_id, updated FROM segments WHERE code_id IN ({placeholders(batch)})",
                batch).fetchall())
        return found

    def restore_segment_codes(self, states: Sequence[tuple[int, int, int, str]]) -> None:
        """Put back the code and time stamp of each segment as ``segment_code_states`` read them."""
        with self.transaction():
            self.db.conn.executemany("UPDATE segments SET code_id = ?, updated = ? WHERE id = ?",
                                     [(code, updated, seg) for seg, _doc, code, updated in states])

    def merge_segments(self, rows: Iterable[MergeRow], *, mark_in_progress: bool = True
                       ) -> tuple[int, int, list[tuple[str, int, int]]]:
        """Add the segments that are not here yet, as a set, whatever their number.

        ``rows``: (document_id, coder_id, code_id, start, end, memo, guid, created, updated); guid and time
        stamps may be None. A row is a duplicate when a segment with the same document, coder, code, start
        and end is stored (or came earlier in ``rows``). A guid that another segment here already has is
        replaced by a new one. Spans must already have been checked against their documents. The rows go
        into a temporary table in slices, and three statements do the rest. Returns (added, duplicates,
        [(guid, start, end) of each guid that was taken]). Coding a document puts its assignment in
        progress, as ``add_segments`` does.
        """
        stamp = now()
        with self.transaction():
            self.db.execute('CREATE TEMP TABLE IF NOT EXISTS merge_incoming (seq INTEGER PRIMARY KEY, document_id, '
                            'coder_id, code_id, start, "end", memo, guid, created, updated)')
            self.db.execute("DELETE FROM merge_incoming")
            total = 0
            for batch in chunks(rows, 5000):
                self.db.conn.executemany(
                    'INSERT INTO merge_incoming (document_id, coder_id, code_id, start, "end", memo, guid, created, '
                    "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
                total += len(batch)
            if not total:
                return 0, 0, []
            self.db.execute('CREATE INDEX IF NOT EXISTS temp.merge_incoming_key ON merge_incoming '
                            '(document_id, coder_id, code_id, start, "end")')
            self.db.execute('DELETE FROM merge_incoming WHERE seq NOT IN (SELECT min(seq) FROM merge_incoming '
                            'GROUP BY document_id, coder_id, code_id, start, "end")')
            self.db.execute(
                "DELETE FROM merge_incoming WHERE EXISTS (SELECT 1 FROM segments s WHERE s.document_id = "
                "merge_incoming.document_id AND s.coder_id = merge_incoming.coder_id AND s.code_id = "
                'merge_incoming.code_id AND s.start = merge_incoming.start AND s."end" = merge_incoming."end")')
            clashes = [tuple(r) for r in self.db.execute(
                'SELECT guid, start, "end" FROM merge_incoming WHERE guid IN (SELECT guid FROM segments) ORDER BY seq')]
            self.db.execute("UPDATE merge_incoming SET guid = NULL WHERE guid IN (SELECT guid FROM segments) OR seq NOT "
                            "IN (SELECT min(seq) FROM merge_incoming WHERE guid IS NOT NULL GROUP BY guid)")
            unnamed = [r[0] for r in self.db.execute("SELECT seq FROM merge_incoming WHERE guid IS NULL")]
            self.db.conn.executemany("UPDATE merge_incoming SET guid = ? WHERE seq = ?",
                                     [(new_guid(), seq) for seq in unnamed])
            added = self.db.execute(
                'INSERT INTO segments (guid, document_id, coder_id, code_id, start, "end", memo, created, updated) '
                'SELECT guid, document_id, coder_id, code_id, start, "end", coalesce(memo, \'\'), coalesce(created, ?), '
                "coalesce(updated, created, ?) FROM merge_incoming ORDER BY seq", (stamp, stamp)).rowcount
            if mark_in_progress:
                self.db.execute(
                    "INSERT INTO assignments (document_id, coder_id, status, updated) SELECT DISTINCT document_id, "
                    "coder_id, 'in_progress', ? FROM merge_incoming WHERE true ON CONFLICT (document_id, coder_id) "
                    "DO UPDATE SET status = 'in_progress', updated = excluded.updated WHERE status = 'assigned'",
                    (stamp,))
            self.db.execute("DELETE FROM merge_incoming")
        return added, total - added, clashes  # type: ignore[return-value]

    def segment_records(self, slice_size: int = 5000) -> Iterator[tuple[int, str, int, int, int, int, int, str, str, str]]:
        """(id, guid, document_id, coder_id, code_id, start, end, memo, created, updated) of every segment, in id
        order, read a slice at a time (a merge streams another project's segments with it)."""
        last = 0
        while True:
            rows = self.db.execute(
                'SELECT id, guid, document_id, coder_id, code_id, start, "end", memo, created, updated FROM segments '
                "WHERE id > ? ORDER BY id LIMIT ?", (last, slice_size)).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def restore_segments(self, segments: Sequence[Segment], *, mark_in_progress: bool = False) -> None:
        """Re-insert deleted segments exactly (ids, guids, time stamps), in one statement (undo / redo).

        Assignments are left alone unless ``mark_in_progress`` (a redo of coding, which starts a document).
        """
        self.restore_segment_rows([(s.id, s.guid, s.document_id, s.coder_id, s.code_id, s.start, s.end, s.memo,
                                    s.created, s.updated) for s in segments], mark_in_progress=mark_in_progress)

    def restore_segment_rows(self, rows: Sequence[SegmentRecord], *, mark_in_progress: bool = False) -> None:
        """``restore_segments`` from ``create_segment_rows``' tuples."""
        if not rows:
            return
        with self.transaction():
            if mark_in_progress:
                self._mark_many_in_progress({(r[2], r[3]) for r in rows})
            self.db.conn.executemany(
                'INSERT INTO segments (id, guid, document_id, coder_id, code_id, start, "end", memo, created, '
                "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def segment(self, segment_id: int) -> Segment:
        found = one_object(self.db.execute(_SELECT + " WHERE id = ?", (segment_id,)), Segment)
        if found is None:
            raise InputError(f"no segment with id {segment_id}")
        return found

    def segments_by_id(self, segment_ids: Iterable[int]) -> list[Segment]:
        """The segments with these ids (missing ids are an error), ordered by document then start."""
        wanted = sorted(set(segment_ids))
        found: list[Segment] = []
        for batch in chunks(wanted):
            found.extend(objects(self.db.execute(f"{_SELECT} WHERE id IN ({placeholders(batch)})", batch), Segment))
        if len(found) != len(wanted):
            missing = sorted(set(wanted) - {s.id for s in found})
            raise InputError(f"no segment with id {missing[0]}")
        found.sort(key=lambda s: (s.document_id, s.start, s.end, s.id))
        return found

    def segments(
        self,
        *,
        document_id: int | None = None,
        coder_ids: Iterable[int] | None = None,
        code_ids: Iterable[int] | None = None,
        document_ids: Iterable[int] | None = None,
    ) -> list[Segment]:
        """Segments, optionally filtered, ordered by document then start."""
        where, params = [], []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        for column, ids in (("coder_id", coder_ids), ("code_id", code_ids), ("document_id", document_ids)):
            if ids is not None:
                ids = list(ids)
                where.append(f"{column} IN ({placeholders(ids)})")
                params.extend(ids)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + ' ORDER BY document_id, start, "end", id'
        return objects(self.db.execute(sql, params), Segment)

    def segment_codings(self, document_id: int, coder_ids: Iterable[int] | None = None
                        ) -> list[tuple[int, int, int, int, int, int]]:
        """(id, coder_id, code_id, start, end, has a memo) of a document's segments, unordered: what drawing
        them needs (about 4x cheaper than ``segments()`` for 50,000 codings: no sort, no full rows)."""
        sql = 'SELECT id, coder_id, code_id, start, "end", memo != \'\' FROM segments WHERE document_id = ?'
        params: list[int] = [document_id]
        if coder_ids is not None:
            ids = list(coder_ids)
            sql += f" AND coder_id IN ({placeholders(ids)})"
            params.extend(ids)
        return self.db.execute(sql, params).fetchall()

    def segment_tuples(self, coder_ids: Sequence[int], *, code_ids: Sequence[int] | None = None,
                       document_ids: Sequence[int] | None = None) -> list[tuple[int, ...]]:
        """(document_id, coder_id, code_id, start, end) of the given coders: the agreement engine's input."""
        return [row for chunk in self.segment_tuple_chunks(coder_ids, code_ids=code_ids, document_ids=document_ids)
                for row in chunk]

    def segment_tuple_chunks(self, coder_ids: Sequence[int], *, code_ids: Sequence[int] | None = None,
                             document_ids: Sequence[int] | None = None, documents_only: bool = False,
                             size: int = 65536) -> Iterator[list[tuple[int, ...]]]:
        """The agreement engine's input in chunks (so memory stays flat on a large archive):
        (document_id, coder_id, code_id, start, end), or with ``documents_only`` (document_id, coder_id,
        code_id), all that document-level agreement reads. ``code_ids`` / ``document_ids`` narrow it to a
        small scope (one code, twenty documents) so that only what is compared is read."""
        where, params = [f"coder_id IN ({placeholders(coder_ids)})"], list(coder_ids)
        for column, ids in (("code_id", code_ids), ("document_id", document_ids)):
            if ids is not None:
                where.append(f"{column} IN ({placeholders(ids)})")
                params.extend(ids)
        columns = "document_id, coder_id, code_id" + ("" if documents_only else ', start, "end"')
        cursor = self.db.execute(f"SELECT {columns} FROM segments WHERE {' AND '.join(where)}", params)
        while True:
            rows = cursor.fetchmany(size)
            if not rows:
                return
            yield rows

    def used_code_ids(self, coder_ids: Sequence[int]) -> set[int]:
        """Codes that at least one of these coders applied somewhere."""
        return {row[0] for row in self.db.execute(
            f"SELECT DISTINCT code_id FROM segments WHERE coder_id IN ({placeholders(coder_ids)})", list(coder_ids))}

    def segment_keys(self) -> set[tuple[int, int, int, int, int]]:
        """(document, coder, code, start, end) of every segment: how imports and merges skip copies."""
        return set(self.db.execute('SELECT document_id, coder_id, code_id, start, "end" FROM segments'))

    def segment_count(self, *, code_ids: Sequence[int] | None = None, coder_id: int | None = None) -> int:
        where, params = [], []
        if code_ids is not None:
            where.append(f"code_id IN ({placeholders(code_ids)})")
            params.extend(code_ids)
        if coder_id is not None:
            where.append("coder_id = ?")
            params.append(coder_id)
        sql = "SELECT count(*) FROM segments" + (" WHERE " + " AND ".join(where) if where else "")
        return self.db.execute(sql, params).fetchone()[0]

    def segment_counts_by_code(self, *, coder_id: int | None = None,
                               document_id: int | None = None) -> dict[int, int]:
        """Code id -> number of segments, for all coders or one, in the project or one document."""
        where, params = [], []
        if coder_id is not None:
            where.append("coder_id = ?")
            params.append(coder_id)
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        sql = "SELECT code_id, count(*) FROM segments" + (" WHERE " + " AND ".join(where) if where else "") + \
            " GROUP BY code_id"
        return dict(self.db.execute(sql, params).fetchall())

    def segment_count_estimate(self) -> int:
        """An upper bound of the number of segments, at once (the largest id; ids are not reused often)."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM segments").fetchone()[0])

    def segment_counts_by_document(self) -> dict[int, int]:
        """Document id -> number of segments (all coders)."""
        return dict(self.db.execute("SELECT document_id, count(*) FROM segments GROUP BY document_id").fetchall())

    def find_segment(self, document_id: int, coder_id: int, code_id: int, start: int, end: int) -> Segment | None:
        return one_object(self.db.execute(
            f'{_SELECT} WHERE document_id = ? AND coder_id = ? AND code_id = ? AND start = ? AND "end" = ?',
            (document_id, coder_id, code_id, start, end)), Segment)

    def update_segment(self, segment_id: int, **fields: object) -> Segment:
        """Change a segment's code, boundaries or memo."""
        bad = set(fields) - set(EDITABLE_FIELDS)
        if bad:
            raise InputError(f"cannot change segment field(s): {', '.join(sorted(bad))}")
        with self.transaction():
            current = self.segment(segment_id)
            start = int(fields.get("start", current.start))  # type: ignore[arg-type]
            end = int(fields.get("end", current.end))  # type: ignore[arg-type]
            check_span(start, end, self._document_length(current.document_id))
            fields["updated"] = now()
            sets = ", ".join(f'"{k}" = ?' for k in fields)
            self.db.execute(f"UPDATE segments SET {sets} WHERE id = ?", (*fields.values(), segment_id))
            return self.segment(segment_id)

    def recode_segments(self, segment_ids: Sequence[int], code_id: int) -> None:
        """Give many segments one code in one statement per slice (merging codes, re-coding a list)."""
        stamp = now()
        with self.transaction():
            for batch in chunks(segment_ids):
                self.db.execute(f"UPDATE segments SET code_id = ?, updated = ? WHERE id IN ({placeholders(batch)})",
                                (code_id, stamp, *batch))

    def set_segment_fields(self, segments: Sequence[Segment]) -> None:
        """Write back code, coder, boundaries, memo and time stamp of each segment as given (undo of edits)."""
        with self.transaction():
            self.db.conn.executemany(
                'UPDATE segments SET code_id = ?, coder_id = ?, start = ?, "end" = ?, memo = ?, updated = ? '
                "WHERE id = ?",
                [(s.code_id, s.coder_id, s.start, s.end, s.memo, s.updated, s.id) for s in segments])

    def delete_segment(self, segment_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM segments WHERE id = ?", (segment_id,))

    def delete_segments(self, segment_ids: Iterable[int]) -> None:
        with self.transaction():
            for batch in chunks(list(segment_ids)):
                self.db.execute(f"DELETE FROM segments WHERE id IN ({placeholders(batch)})", batch)

    def _ids_of_guids(self, guids: Sequence[str]) -> list[int]:
        found: dict[str, int] = {}
        for batch in chunks(guids):
            found.update(self.db.execute(
                f"SELECT guid, id FROM segments WHERE guid IN ({placeholders(batch)})", batch).fetchall())
        return [found[g] for g in guids]

    def _lengths_of(self, document_ids: Iterable[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for batch in chunks(sorted(document_ids)):
            out.update(self.db.execute(
                f"SELECT id, length FROM documents WHERE id IN ({placeholders(batch)})", batch).fetchall())
        return out
