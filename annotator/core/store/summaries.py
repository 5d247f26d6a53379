"""Read-only queries that summarise a project or feed an export: counts, info tables, export rows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

SEGMENT_EXPORT_SELECT = (
    'SELECT s.id, s.guid, d.name, d.title, d.outlet, d.date, d.language, r.name, c.path, s.start, s."end", '
    'substr(d.text, s.start + 1, s."end" - s.start), s.memo, s.created, s.updated '
    "FROM segments s JOIN documents d ON d.id = s.document_id JOIN coders r ON r.id = s.coder_id "
    'JOIN codes c ON c.id = s.code_id {where} ORDER BY d.id, s.start, s."end", r.name, c.path, s.id')


class SummaryQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    codes: Any

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "codes", "coders", "segments", "memos", "assignments")}

    def segment_export_rows(self, document_ids: Sequence[int] | None = None) -> Iterator[tuple[Any, ...]]:
        """One row per segment for the tidy segments CSV (see ``exporters.segments``), streamed; with
        ``document_ids`` (a document set) only those documents'."""
        where, params = ("", []) if document_ids is None else \
            ("WHERE s.document_id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(document_ids))])
        yield from self.db.execute(SEGMENT_EXPORT_SELECT.format(where=where), params)

    def segment_counts_by_place(self) -> list[tuple[int, int, int, int]]:
        """(document, coder, code, number of segments): the document x code matrix."""
        return self.db.execute(
            "SELECT document_id, coder_id, code_id, count(*) FROM segments GROUP BY 1, 2, 3").fetchall()

    def segment_counts_in(self, document_ids: list[int]) -> list[tuple[int, int, int, int]]:
        """(document, coder, code, number of segments) for some documents: the matrix, a slice at a time."""
        return self.db.execute(
            f"SELECT document_id, coder_id, code_id, count(*) FROM segments WHERE document_id IN "
            f"({', '.join('?' * len(document_ids))}) GROUP BY 1, 2, 3", document_ids).fetchall()

    def assignment_pairs_in(self, document_ids: list[int]) -> list[tuple[int, int]]:
        """(document, coder) of the assignments of some documents."""
        return self.db.execute(
            f"SELECT document_id, coder_id FROM assignments WHERE document_id IN "
            f"({', '.join('?' * len(document_ids))})", document_ids).fetchall()

    def selections_in(self, document_ids: list[int]) -> list[tuple[Any, ...]]:
        """(document_id, guid, coder_id, code_id, start, end, memo, created, updated) of the segments of some
        documents, in document and text order: the .qdpx export, a slice at a time (plain tuples: a
        100,000-article archive has millions)."""
        return self.db.execute(
            f'SELECT document_id, guid, coder_id, code_id, start, "end", memo, created, updated FROM segments '
            f"WHERE document_id IN ({', '.join('?' * len(document_ids))}) ORDER BY document_id, start, \"end\", id",
            document_ids).fetchall()

    def assignments_in(self, document_ids: list[int]) -> list[tuple[int, int, str]]:
        """(document, coder, status) of the assignments of some documents."""
        return self.db.execute(
            f"SELECT document_id, coder_id, status FROM assignments WHERE document_id IN "
            f"({', '.join('?' * len(document_ids))}) ORDER BY document_id, coder_id", document_ids).fetchall()

    def code_usage_by_coder(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(code, coder) -> (segments, documents): the codebook export's usage columns."""
        return {(code_id, coder_id): (n, docs) for code_id, coder_id, n, docs in self.db.execute(
            "SELECT code_id, coder_id, count(*), count(DISTINCT document_id) FROM segments GROUP BY 1, 2")}

    def code_quotes(self, code_id: int, limit: int) -> list[str]:
        """The first ``limit`` coded passages of a code, in document and text order."""
        return [t for (t,) in self.db.execute(
            'SELECT substr(d.text, s.start + 1, s."end" - s.start) FROM segments s '
            "JOIN documents d ON d.id = s.document_id WHERE s.code_id = ? "
            "ORDER BY s.document_id, s.start, s.id LIMIT ?", (code_id, limit))]

    def summary(self) -> dict[str, Any]:
        """Totals plus per-coder, per-code and per-document counts, as plain data (``annotator info``)."""
        db = self.db
        coders = {cid: name for cid, name in db.execute("SELECT id, name FROM coders ORDER BY id")}
        status_counts = Counter(db.execute("SELECT coder_id, status FROM assignments").fetchall())
        per_coder = {cid: (n, d) for cid, n, d in db.execute(
            "SELECT coder_id, count(*), count(DISTINCT document_id) FROM segments GROUP BY coder_id")}
        per_code = {cid: (n, d, c) for cid, n, d, c in db.execute(
            "SELECT code_id, count(*), count(DISTINCT document_id), count(DISTINCT coder_id) FROM segments "
            "GROUP BY code_id")}
        per_document = {did: (n, c) for did, n, c in db.execute(
            "SELECT document_id, count(*), count(DISTINCT coder_id) FROM segments GROUP BY document_id")}
        return {
            "totals": self.counts(),
            "coders": [
                {"name": name, "segments": per_coder.get(cid, (0, 0))[0],
                 "documents": per_coder.get(cid, (0, 0))[1],
                 **{status: status_counts[(cid, status)] for status in ("assigned", "in_progress", "done")}}
                for cid, name in coders.items()],
            "codes": [
                {"name": code.path, "segments": per_code.get(code.id, (0, 0, 0))[0],
                 "documents": per_code.get(code.id, (0, 0, 0))[1], "coders": per_code.get(code.id, (0, 0, 0))[2]}
                for code in self.codes()],
            "documents": [
                {"name": name, "length": length, "language": language,
                 "segments": per_document.get(did, (0, 0))[0], "coders": per_document.get(did, (0, 0))[1]}
                for did, name, length, language in db.execute(
                    "SELECT id, name, length, language FROM documents ORDER BY id")],
        }
