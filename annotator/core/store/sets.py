"""Queries on document sets: named groups of documents (an outlet, a wave, a sample)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import DocumentSet
from annotator.core.store.rows import chunks, new_guid, now, objects, one_object, placeholders

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = "SELECT id, guid, name, description, created FROM document_sets"


class SetQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def document_sets(self) -> list[DocumentSet]:
        return objects(self.db.execute(_SELECT + " ORDER BY name COLLATE NOCASE, id"), DocumentSet)

    def document_set(self, key: int | str) -> DocumentSet:
        column = "id" if isinstance(key, int) else "name"
        found = one_object(self.db.execute(f"{_SELECT} WHERE {column} = ?", (key,)), DocumentSet)
        if found is None:
            raise InputError(f"no document set named '{key}'" if column == "name" else f"no document set with id {key}")
        return found

    def find_document_set(self, name: str) -> DocumentSet | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE name = ?", (name.strip(),)), DocumentSet)

    def ensure_document_set(self, name: str, *, description: str = "", guid: str | None = None) -> DocumentSet:
        name = name.strip()
        if not name:
            raise InputError("a document set needs a name")
        found = self.find_document_set(name)
        if found is not None:
            return found
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO document_sets (guid, name, description, created) VALUES (?, ?, ?, ?)",
                (guid or new_guid(), name, description, now()))
            return self.document_set(cursor.lastrowid)

    def rename_document_set(self, set_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise InputError("a document set needs a name")
        with self.transaction():
            try:
                self.db.execute("UPDATE document_sets SET name = ? WHERE id = ?", (name, set_id))
            except sqlite3.IntegrityError:
                raise InputError(f"a document set named '{name}' already exists") from None

    def delete_document_set(self, set_id: int) -> None:
        """Delete the set (its documents stay in the project)."""
        with self.transaction():
            self.db.execute("DELETE FROM document_sets WHERE id = ?", (set_id,))

    def restore_document_set(self, document_set: DocumentSet, members: Iterable[int]) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO document_sets (id, guid, name, description, created) VALUES (?, ?, ?, ?, ?)",
                            (document_set.id, document_set.guid, document_set.name, document_set.description,
                             document_set.created))
            self.add_to_set(document_set.id, members)

    def add_to_set(self, set_id: int, document_ids: Iterable[int]) -> list[int]:
        """Put documents in a set; returns those that were not in it yet."""
        with self.transaction():
            before = set(self.set_members(set_id))
            new = [d for d in dict.fromkeys(document_ids) if d not in before]
            self.db.conn.executemany("INSERT INTO document_set_members (set_id, document_id) VALUES (?, ?)",
                                     [(set_id, d) for d in new])
        return new

    def remove_from_set(self, set_id: int, document_ids: Iterable[int]) -> list[int]:
        """Take documents out of a set; returns those that were in it."""
        with self.transaction():
            before = set(self.set_members(set_id))
            gone = [d for d in dict.fromkeys(document_ids) if d in before]
            for batch in chunks(gone):
                self.db.execute(f"DELETE FROM document_set_members WHERE set_id = ? AND document_id IN "
                                f"({placeholders(batch)})", (set_id, *batch))
        return gone

    def set_members(self, set_id: int) -> list[int]:
        """Document ids in the set, in import order."""
        return [r[0] for r in self.db.execute(
            "SELECT document_id FROM document_set_members WHERE set_id = ? ORDER BY document_id", (set_id,))]

    def sets_of_documents(self) -> dict[int, list[str]]:
        """Document id -> names of the sets it is in (for lists and exports)."""
        out: dict[int, list[str]] = {}
        for document_id, name in self.db.execute(
                "SELECT m.document_id, s.name FROM document_set_members m JOIN document_sets s ON s.id = m.set_id "
                "ORDER BY s.name COLLATE NOCASE"):
            out.setdefault(document_id, []).append(name)
        return out

    def set_memberships(self, document_ids: Iterable[int]) -> list[tuple[int, int]]:
        """(set id, document id) of every membership of these documents."""
        out: list[tuple[int, int]] = []
        for batch in chunks(sorted(set(document_ids))):
            out.extend(self.db.execute(
                f"SELECT set_id, document_id FROM document_set_members WHERE document_id IN ({placeholders(batch)})",
                batch).fetchall())
        return out

    def add_memberships(self, pairs: Iterable[tuple[int, int]]) -> None:
        with self.transaction():
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO document_set_members (set_id, document_id) VALUES (?, ?)", list(pairs))

    def set_sizes(self) -> dict[int, int]:
        """Set id -> number of documents in it."""
        return dict(self.db.execute("SELECT set_id, count(*) FROM document_set_members GROUP BY set_id"))
