"""Queries on the ``coders`` table: the people (and the consensus) whose codings are compared."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import CODER_ROLES, Coder
from annotator.core.store.rows import PALETTE, check_colour, new_guid, objects, one_object

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = "SELECT id, guid, name, color, role FROM coders"


class CoderQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def coders(self) -> list[Coder]:
        return objects(self.db.execute(_SELECT + " ORDER BY id"), Coder)

    def coder(self, key: int | str) -> Coder:
        column = "id" if isinstance(key, int) else "name"
        found = one_object(self.db.execute(f"{_SELECT} WHERE {column} = ?", (key,)), Coder)
        if found is None:
            raise InputError(f"no coder named '{key}'" if column == "name" else f"no coder with id {key}")
        return found

    def find_coder(self, name: str) -> Coder | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE name = ?", (name.strip(),)), Coder)

    def coder_by_guid(self, guid: str) -> Coder | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE guid = ?", (guid,)), Coder)

    def ensure_coder(self, name: str, *, guid: str | None = None, color: str | None = None,
                     role: str | None = None) -> Coder:
        """The coder of that name, created if new (coders are people, identified by name)."""
        name = name.strip()
        if not name:
            raise InputError("a coder needs a name")
        found = self.find_coder(name)
        if found:
            return found
        if role is not None and role not in CODER_ROLES:
            raise InputError(f"unknown coder role '{role}' (use {', '.join(CODER_ROLES)})")
        with self.transaction():
            count = self.db.execute("SELECT count(*) FROM coders").fetchone()[0]
            colour = color or PALETTE[(count * 5 + 2) % len(PALETTE)]
            cursor = self.db.execute(
                "INSERT INTO coders (guid, name, color, role) VALUES (?, ?, ?, ?)",
                (guid or new_guid(), name, colour, role or "coder"))
            return self.coder(cursor.lastrowid)

    def rename_coder(self, coder_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise InputError("a coder needs a name")
        with self.transaction():
            try:
                cursor = self.db.execute("UPDATE coders SET name = ? WHERE id = ?", (name, coder_id))
            except sqlite3.IntegrityError:
                raise InputError(f"a coder named '{name}' already exists") from None
            if cursor.rowcount == 0:
                raise InputError(f"no coder with id {coder_id}")

    def set_coder_role(self, coder_id: int, role: str) -> None:
        if role not in CODER_ROLES:
            raise InputError(f"unknown coder role '{role}' (use {', '.join(CODER_ROLES)})")
        with self.transaction():
            if self.db.execute("UPDATE coders SET role = ? WHERE id = ?", (role, coder_id)).rowcount == 0:
                raise InputError(f"no coder with id {coder_id}")

    def set_coder_color(self, coder_id: int, color: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE coders SET color = ? WHERE id = ?", (check_colour(color), coder_id))

    def delete_coder(self, coder_id: int) -> None:
        """Delete a coder with their segments and assignments (memos they wrote stay, unsigned)."""
        with self.transaction():
            self.db.execute("DELETE FROM coders WHERE id = ?", (coder_id,))

    def restore_coder(self, coder: Coder) -> None:
        """Re-insert a deleted coder with the same id and guid (undo)."""
        with self.transaction():
            self.db.execute("INSERT INTO coders (id, guid, name, color, role) VALUES (?, ?, ?, ?, ?)",
                            (coder.id, coder.guid, coder.name, coder.color, coder.role))
