"""Queries on the ``memos`` table: notes on a document, on a code, or in the project journal."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import Memo
from annotator.core.store.rows import dicts, now, objects, one_object

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = "SELECT id, document_id, code_id, coder_id, text, created, updated, guid FROM memos"


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
                 updated: str | None = None, guid: str | None = None) -> Memo:
        """A memo on a document or a code; with neither, an entry of the project journal. ``guid`` (an
        exchange file's note) is kept when free; otherwise one is made."""
        if document_id is not None and code_id is not None:
            raise InputError("a memo belongs to a document, a code or the project, not to two of them")
        stamp = now()
        with self.transaction():
            if guid and self.db.execute("SELECT 1 FROM memos WHERE guid = ?", (guid,)).fetchone():
                guid = None
            cursor = self.db.execute(
                "INSERT INTO memos (id, document_id, code_id, coder_id, text, created, updated, guid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (memo_id, document_id, code_id, coder_id, text, created or stamp, updated or stamp, guid or None))
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

    def memo_ids_of_coder(self, coder_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM memos WHERE coder_id = ? ORDER BY id", (coder_id,))]

    def set_memo_coder(self, memo_ids: list[int], coder_id: int | None) -> None:
        """Sign many memos with one coder (undoing a merge or deletion of coders)."""
        with self.transaction():
            self.db.conn.executemany("UPDATE memos SET coder_id = ? WHERE id = ?", [(coder_id, m) for m in memo_ids])

    def restore_memos(self, memos: Iterable[Memo]) -> None:
        """Re-insert deleted memos with their ids, guids and time stamps, in one statement (undo)."""
        with self.transaction():
            self.db.conn.executemany(
                "INSERT INTO memos (id, document_id, code_id, coder_id, text, created, updated, guid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(m.id, m.document_id, m.code_id, m.coder_id, m.text, m.created, m.updated, m.guid or None)
                 for m in memos])

    def codes_with_memos(self) -> set[int]:
        """Ids of the codes that have a memo (the codebook marks them)."""
        return {r[0] for r in self.db.execute("SELECT DISTINCT code_id FROM memos WHERE code_id IS NOT NULL")}

    def memos_of_documents(self, document_ids: Iterable[int]) -> list[Memo]:
        ids = sorted(set(document_ids))
        return objects(self.db.execute(
            f"{_SELECT} WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY id", (json.dumps(ids),)), Memo)

    def memo_rows(self) -> list[dict[str, Any]]:
        """Every document, code and project memo with the names it refers to, journal entries first."""
        return list(dicts(self.db.execute(
            "SELECT m.id, m.document_id, d.name AS document, m.code_id, c.path AS code, m.coder_id, "
            "r.name AS coder, m.text, m.created, m.updated FROM memos m "
            "LEFT JOIN documents d ON d.id = m.document_id LEFT JOIN codes c ON c.id = m.code_id "
            "LEFT JOIN coders r ON r.id = m.coder_id "
            "ORDER BY m.document_id IS NOT NULL, m.code_id IS NOT NULL, m.document_id, c.path, m.id")))
