"""Queries on the ``memos`` table: notes on a document, on a code, or in the project journal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import Memo
from annotator.core.store.rows import now, objects, one_object

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = "SELECT id, document_id, code_id, coder_id, text, created, updated FROM memos"


class MemoQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def memos(self, *, document_id: int | None = None, code_id: int | None = None,
              kind: str | None = None) -> list[Memo]:
        """Memos, optionally of one document or code, or of one kind ('document', 'code', 'project')."""
        where, params = [], []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if code_id is not None:
            where.append("code_id = ?")
            params.append(code_id)
        if kind is not None:
            where.append({"document": "document_id IS NOT NULL", "code": "code_id IS NOT NULL",
                          "project": "document_id IS NULL AND code_id IS NULL"}[kind])
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
        return objects(self.db.execute(sql + " ORDER BY id", params), Memo)

    def add_memo(self, text: str, *, document_id: int | None = None, code_id: int | None = None,
                 coder_id: int | None = None, memo_id: int | None = None, created: str | None = None,
                 updated: str | None = None) -> Memo:
        """A memo on a document or a code; with neither, an entry of the project journal."""
        if document_id is not None and code_id is not None:
            raise InputError("a memo belongs to a document, a code or the project, not to two of them")
        stamp = now()
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO memos (id, document_id, code_id, coder_id, text, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (memo_id, document_id, code_id, coder_id, text, created or stamp, updated or stamp))
        return self.memos_by_id(cursor.lastrowid)

    def memos_by_id(self, memo_id: int) -> Memo:
        found = one_object(self.db.execute(_SELECT + " WHERE id = ?", (memo_id,)), Memo)
        if found is None:
            raise InputError(f"no memo with id {memo_id}")
        return found

    def update_memo(self, memo_id: int, text: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE memos SET text = ?, updated = ? WHERE id = ?", (text, now(), memo_id))

    def delete_memo(self, memo_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM memos WHERE id = ?", (memo_id,))

    def memo_keys(self) -> set[tuple[int | None, int | None, str]]:
        """(document, code, text) of every memo: how a merge skips memos it already has."""
        return set(self.db.execute("SELECT document_id, code_id, text FROM memos"))
