"""Queries on the ``assignments`` table: which coder codes which document, and how far they got."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import ASSIGNMENT_STATUSES, Assignment
from annotator.core.store.rows import now, objects

if TYPE_CHECKING:
    import sqlite_utils

Pair = tuple[int, int]  # (document_id, coder_id)

_UPSERT = ("INSERT INTO assignments (document_id, coder_id, status, updated) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (document_id, coder_id) DO UPDATE SET status = excluded.status, updated = excluded.updated")
# Coding a document means working on it: create or advance the assignment, never undo 'done'.
_IN_PROGRESS = ("INSERT INTO assignments (document_id, coder_id, status, updated) VALUES (?, ?, 'in_progress', ?) "
                "ON CONFLICT (document_id, coder_id) DO UPDATE SET status = 'in_progress', "
                "updated = excluded.updated WHERE status = 'assigned'")


class AssignmentQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def assignments(self, *, coder_id: int | None = None) -> list[Assignment]:
        sql = "SELECT document_id, coder_id, status, updated FROM assignments"
        params: list[Any] = []
        if coder_id is not None:
            sql += " WHERE coder_id = ?"
            params.append(coder_id)
        return objects(self.db.execute(sql + " ORDER BY document_id, coder_id", params), Assignment)

    def assignment_status(self, document_id: int, coder_id: int) -> str | None:
        row = self.db.execute("SELECT status FROM assignments WHERE document_id = ? AND coder_id = ?",
                              (document_id, coder_id)).fetchone()
        return row[0] if row else None

    def coders_who_finished(self) -> set[int]:
        """Coders who marked at least one document done: the ones an agreement or a review can compare by
        default (a coder who finished nothing is missing everywhere, and alpha_U needs every coder)."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT coder_id FROM assignments WHERE status = 'done'")}

    def assignment_statuses(self, pairs: Iterable[Pair]) -> dict[Pair, str | None]:
        """The status of each (document, coder) pair, None where there is no assignment (for undo)."""
        wanted = set(pairs)
        if not wanted:
            return {}
        coders = sorted({c for _d, c in wanted})
        found = {(d, c): s for d, c, s in self.db.execute(
            f"SELECT document_id, coder_id, status FROM assignments WHERE coder_id IN ({', '.join('?' * len(coders))})",
            coders)}
        return {pair: found.get(pair) for pair in wanted}

    def set_assignment(self, document_id: int, coder_id: int, status: str | None) -> None:
        """Set (or with None, remove) a coder's assignment to a document."""
        self.set_assignments({(document_id, coder_id): status})

    def set_assignments(self, statuses: Mapping[Pair, str | None]) -> None:
        """Set many assignments at once (None removes one): restoring what an undone bulk edit changed."""
        bad = {s for s in statuses.values() if s is not None and s not in ASSIGNMENT_STATUSES}
        if bad:
            raise InputError(f"unknown status '{sorted(bad)[0]}' (use {', '.join(ASSIGNMENT_STATUSES)})")
        stamp = now()
        with self.transaction():
            self.db.conn.executemany("DELETE FROM assignments WHERE document_id = ? AND coder_id = ?",
                                     [pair for pair, s in statuses.items() if s is None])
            self.db.conn.executemany(_UPSERT, [(d, c, s, stamp) for (d, c), s in statuses.items() if s is not None])

    def restore_assignments(self, assignments: Iterable[Assignment]) -> None:
        """Put assignments back exactly, time stamps included (undo of deleting a document or coder)."""
        with self.transaction():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO assignments (document_id, coder_id, status, updated) VALUES (?, ?, ?, ?)",
                [(a.document_id, a.coder_id, a.status, a.updated) for a in assignments])

    def _mark_in_progress(self, document_id: int, coder_id: int) -> None:
        self.db.execute(_IN_PROGRESS, (document_id, coder_id, now()))

    def _mark_many_in_progress(self, pairs: Iterable[Pair]) -> None:
        stamp = now()
        self.db.conn.executemany(_IN_PROGRESS, [(d, c, stamp) for d, c in pairs])

    def done_pairs(self) -> set[Pair]:
        """(document, coder) of every finished assignment."""
        return set(self.db.execute("SELECT document_id, coder_id FROM assignments WHERE status = 'done'"))

    def assignment_export_rows(self) -> list[list[Any]]:
        """document name, coder name, status, updated: the assignments export, in document and coder order."""
        return [list(r) for r in self.db.execute(
            "SELECT d.name, c.name, a.status, a.updated FROM assignments a "
            "JOIN documents d ON d.id = a.document_id JOIN coders c ON c.id = a.coder_id "
            "ORDER BY d.id, c.name")]
