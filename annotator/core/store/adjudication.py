"""Queries on ``adjudication_decisions``: how each disagreement was settled for a consensus coder."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.store.rows import now, placeholders

if TYPE_CHECKING:
    import sqlite_utils

Key = tuple[int, int, int, int]  # document_id, code_id, start, end
_WHERE_KEY = 'consensus_coder_id = ? AND document_id = ? AND code_id = ? AND start = ? AND "end" = ?'
_COLUMNS = 'consensus_coder_id, document_id, code_id, start, "end", decision, accepted, decided'


class AdjudicationQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def decision_keys(self, consensus_id: int, document_ids: Sequence[int]) -> set[Key]:
        """Keys of the stored decisions of a consensus coder in those documents."""
        if not document_ids:
            return set()
        return {tuple(r) for r in self.db.execute(  # type: ignore[misc]
            f'SELECT document_id, code_id, start, "end" FROM adjudication_decisions WHERE consensus_coder_id = ? '
            f"AND document_id IN ({placeholders(document_ids)})", (consensus_id, *document_ids))}

    def consensus_spans(self, consensus_id: int, document_ids: Sequence[int]) -> list[tuple[int, int, int, int]]:
        """(document, code, start, end) of the consensus coder's segments in those documents."""
        if not document_ids:
            return []
        return self.db.execute(
            f'SELECT document_id, code_id, start, "end" FROM segments WHERE coder_id = ? '
            f"AND document_id IN ({placeholders(document_ids)})", (consensus_id, *document_ids)).fetchall()

    def decision_of(self, consensus_id: int, key: Key) -> tuple[str, list[int]] | None:
        """(choice, accepted coder ids) stored for one disagreement, or None."""
        row = self.db.execute(f"SELECT decision, accepted FROM adjudication_decisions WHERE {_WHERE_KEY}",
                              (consensus_id, *key)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def decision_row(self, consensus_id: int, key: Key) -> tuple[Any, ...] | None:
        """The whole stored row (to put it back on undo)."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM adjudication_decisions WHERE {_WHERE_KEY}",
                              (consensus_id, *key)).fetchone()
        return None if row is None else tuple(row)

    def record_decision(self, consensus_id: int, key: Key, choice: str, accepted: Sequence[int]) -> None:
        with self.transaction():
            self.db.execute(f"INSERT OR REPLACE INTO adjudication_decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (consensus_id, *key, choice, json.dumps(list(accepted)), now()))

    def forget_decision(self, consensus_id: int, key: Key) -> None:
        with self.transaction():
            self.db.execute(f"DELETE FROM adjudication_decisions WHERE {_WHERE_KEY}", (consensus_id, *key))

    def restore_decision_row(self, row: tuple[Any, ...]) -> None:
        with self.transaction():
            self.db.execute(f"INSERT OR REPLACE INTO adjudication_decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            row)

    def decision_rows_mentioning(self, coder_ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """Decisions made by these coders or accepting one of them (to put back after a coder edit)."""
        return [tuple(r) for r in self.db.execute(
            f"SELECT {_COLUMNS} FROM adjudication_decisions WHERE {_mentioning(coder_ids)}", (*coder_ids, *coder_ids))]

    def replace_decisions_mentioning(self, coder_ids: Sequence[int], rows: Sequence[tuple[Any, ...]]) -> None:
        """Drop the decisions that mention these coders and store ``rows`` instead (undo)."""
        with self.transaction():
            self.db.execute(f"DELETE FROM adjudication_decisions WHERE {_mentioning(coder_ids)}",
                            (*coder_ids, *coder_ids))
            self.db.conn.executemany(
                f"INSERT OR REPLACE INTO adjudication_decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def decision_rows_of_documents(self, document_ids: Sequence[int]) -> list[tuple[Any, ...]]:
        if not document_ids:
            return []
        return [tuple(r) for r in self.db.execute(
            f"SELECT {_COLUMNS} FROM adjudication_decisions WHERE {_of_documents(document_ids)}", list(document_ids))]

    def restore_decision_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        with self.transaction():
            self.db.conn.executemany(
                f"INSERT OR REPLACE INTO adjudication_decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _mentioning(coder_ids: Sequence[int]) -> str:
    marks = placeholders(coder_ids)
    return (f"consensus_coder_id IN ({marks}) OR EXISTS (SELECT 1 FROM json_each(accepted) "
            f"WHERE value IN ({marks}))")


def _of_documents(document_ids: Sequence[int]) -> str:
    return f"document_id IN ({placeholders(document_ids)})"
