"""Queries on the ``coders`` table: the people (and the consensus) whose codings are compared."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
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
        if found is None and isinstance(key, str):
            found = self.find_coder(key)
        if found is None:
            raise InputError(f"no coder named '{key}'" if column == "name" else f"no coder with id {key}")
        return found

    def find_coder(self, name: str) -> Coder | None:
        """The coder of that name, also when one of the two spellings is decomposed (``Zoe`` + U+0308, as
        macOS file systems and some tools write it) and the other composed: one person, one coder."""
        name = name.strip()
        found = one_object(self.db.execute(f"{_SELECT} WHERE name = ?", (name,)), Coder)
        if found is None and not name.isascii():
            wanted = unicodedata.normalize("NFC", name)
            found = next((c for c in self.coders() if unicodedata.normalize("NFC", c.name) == wanted), None)
        return found

    def coder_by_guid(self, guid: str) -> Coder | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE guid = ?", (guid,)), Coder)

    def ensure_coder(self, name: str, *, guid: str | None = None, color: str | None = None,
                     role: str | None = None) -> Coder:
        """The coder of that name, created if new (coders are people, identified by name)."""
        name = unicodedata.normalize("NFC", name.strip())
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
        name = unicodedata.normalize("NFC", name.strip())
        if not name:
            raise InputError("a coder needs a name")
        other = self.find_coder(name)
        if other is not None and other.id != coder_id:
            raise InputError(f"a coder named '{other.name}' already exists")
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

    def coder_usage(self) -> dict[int, tuple[int, int]]:
        """Coder id -> (segments, documents coded): for lists and for "delete N codings?" prompts."""
        return {c: (n, d) for c, n, d in self.db.execute(
            "SELECT coder_id, count(*), count(DISTINCT document_id) FROM segments GROUP BY coder_id")}

    def merge_coder(self, from_id: int, into_id: int) -> int:
        """Make ``from_id``'s work ``into_id``'s (two names of one person) in a few set operations, then
        delete ``from_id``. Returns the number of segments moved.

        A segment both names coded identically (document, code, span) is kept once, the copy's memo
        carried over where the kept one has none. An assignment keeps the further status (done over in
        progress over assigned). Memos and adjudication decisions follow the coder.
        """
        if from_id == into_id:
            raise InputError("a coder cannot be merged into itself")
        twin = ("t.coder_id = :into AND t.document_id = segments.document_id AND t.code_id = segments.code_id "
                'AND t.start = segments.start AND t."end" = segments."end"')
        same = ("f.coder_id = :from AND f.document_id = segments.document_id AND f.code_id = segments.code_id "
                'AND f.start = segments.start AND f."end" = segments."end" AND f.memo <> \'\'')
        rank = "CASE {0} WHEN 'assigned' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END"
        ids = {"from": from_id, "into": into_id}
        with self.transaction():
            self.coder(from_id), self.coder(into_id)  # both must exist
            self.db.execute(f"UPDATE segments SET memo = (SELECT f.memo FROM segments f WHERE {same} LIMIT 1) "
                            f"WHERE coder_id = :into AND memo = '' AND EXISTS (SELECT 1 FROM segments f WHERE {same})",
                            ids)
            self.db.execute(f"DELETE FROM segments WHERE coder_id = :from AND EXISTS "
                            f"(SELECT 1 FROM segments t WHERE {twin})", ids)
            moved = self.db.execute("UPDATE segments SET coder_id = :into WHERE coder_id = :from", ids).rowcount
            self.db.execute(
                "INSERT INTO assignments (document_id, coder_id, status, updated) "
                "SELECT document_id, :into, status, updated FROM assignments WHERE coder_id = :from "
                "ON CONFLICT (document_id, coder_id) DO UPDATE SET status = excluded.status, updated = excluded.updated "
                f"WHERE {rank.format('excluded.status')} > {rank.format('assignments.status')}", ids)
            self.db.execute("UPDATE memos SET coder_id = :into WHERE coder_id = :from", ids)
            self._merge_decisions(from_id, into_id)
            self.db.execute("DELETE FROM coders WHERE id = :from", ids)
        return moved

    def _merge_decisions(self, from_id: int, into_id: int) -> None:
        """Adjudication decisions of ``from_id`` become ``into_id``'s, and lists of accepted coders name
        ``into_id`` instead (rows are few: one per settled disagreement)."""
        self.db.execute("UPDATE OR IGNORE adjudication_decisions SET consensus_coder_id = ? "
                        "WHERE consensus_coder_id = ?", (into_id, from_id))
        rows = self.db.execute(
            'SELECT consensus_coder_id, document_id, code_id, start, "end", accepted FROM adjudication_decisions '
            "WHERE EXISTS (SELECT 1 FROM json_each(accepted) WHERE value = ?)", (from_id,)).fetchall()
        for *key, accepted in rows:
            coders = list(dict.fromkeys(into_id if c == from_id else c for c in json.loads(accepted)))
            self.db.execute('UPDATE adjudication_decisions SET accepted = ? WHERE consensus_coder_id = ? AND '
                            'document_id = ? AND code_id = ? AND start = ? AND "end" = ?', (json.dumps(coders), *key))
