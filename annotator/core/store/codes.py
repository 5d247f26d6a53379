"""Queries on the ``codes`` table: the codebook, a tree addressed by paths (``Frames/Security``).

Tree walks are iterative (an explicit stack), so a codebook thousands of levels deep from a hostile or
broken file cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.model import PATH_SEPARATOR, Code
from annotator.core.store.rows import (
    PALETTE,
    check_colour,
    new_guid,
    normalise_code_path,
    objects,
    one_object,
    placeholders,
)

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = ("SELECT id, guid, path, name, parent_id, color, description, inclusion, exclusion, example, "
           "shortcut, sort_order, exclusive, codable FROM codes")
EDITABLE_FIELDS = ("color", "description", "inclusion", "exclusion", "example", "shortcut", "sort_order",
                   "exclusive", "codable")


def tree_order(codes: list[Code]) -> list[Code]:
    """Parents before children, siblings by sort order then name (depth-first, without recursion)."""
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    for siblings in children.values():
        siblings.sort(key=lambda c: (c.sort_order, c.name.lower()))
    ordered: list[Code] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        code = stack.pop()
        ordered.append(code)
        stack.extend(reversed(children.get(code.id, [])))
    return ordered


class CodeQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def codes(self) -> list[Code]:
        """All codes in tree order (parents before children, siblings by sort order)."""
        return tree_order(objects(self.db.execute(_SELECT), Code, exclusive=bool, codable=bool))

    def code(self, key: int | str) -> Code:
        column = "id" if isinstance(key, int) else "path"
        found = one_object(self.db.execute(f"{_SELECT} WHERE {column} = ?", (key,)), Code, exclusive=bool, codable=bool)
        if found is None:
            raise InputError(f"no code '{key}'" if column == "path" else f"no code with id {key}")
        return found

    def find_code(self, path: str) -> Code | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE path = ?", (path,)), Code, exclusive=bool, codable=bool)

    def code_by_guid(self, guid: str) -> Code | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE guid = ?", (guid,)), Code, exclusive=bool, codable=bool)

    def code_ids_by_path(self) -> dict[str, int]:
        return {path: code_id for code_id, path in self.db.execute("SELECT id, path FROM codes")}

    def code_with_shortcut(self, shortcut: str) -> Code | None:
        return one_object(self.db.execute(f"{_SELECT} WHERE shortcut = ?", (shortcut,)), Code, exclusive=bool, codable=bool)

    def add_code(
        self,
        path: str,
        *,
        color: str | None = None,
        description: str = "",
        inclusion: str = "",
        exclusion: str = "",
        example: str = "",
        shortcut: str = "",
        sort_order: int | None = None,
        exclusive: bool = False,
        guid: str | None = None,
        code_id: int | None = None,
        create_parents: bool = True,
        codable: bool = True,
    ) -> Code:
        """Add a code by its full path; missing parents are created (or refused)."""
        path = normalise_code_path(path)
        with self.transaction():
            if self._has_path(path):
                raise InputError(f"the code '{path}' already exists")
            parent_path, _, name = path.rpartition(PATH_SEPARATOR)
            parent_id = None
            if parent_path:
                parent_id = self._ensure_parents(parent_path, create_parents)
            if shortcut:
                self._check_shortcut_free(shortcut, None)
            if sort_order is None:
                sort_order = self.db.execute(
                    "SELECT coalesce(max(sort_order) + 1, 0) FROM codes WHERE parent_id IS ?", (parent_id,)
                ).fetchone()[0]
            if color is None:
                count = self.db.execute("SELECT count(*) FROM codes").fetchone()[0]
                color = PALETTE[count % len(PALETTE)]
            row = {"id": code_id, "guid": guid or new_guid(), "path": path, "name": name, "parent_id": parent_id,
                   "color": check_colour(color), "description": description, "inclusion": inclusion,
                   "exclusion": exclusion, "example": example, "shortcut": shortcut, "sort_order": sort_order,
                   "exclusive": int(bool(exclusive))}
            if not codable:  # the column's default otherwise (and a file being upgraded may not have it yet)
                row["codable"] = 0
            cursor = self.db.execute(
                f"INSERT INTO codes ({', '.join(row)}) VALUES ({placeholders(row)})", tuple(row.values()))
            return self.code(cursor.lastrowid)

    def _ensure_parents(self, parent_path: str, create: bool) -> int:
        """The id of ``parent_path``, creating it and its missing ancestors (top down, no recursion)."""
        row = self.db.execute("SELECT id FROM codes WHERE path = ?", (parent_path,)).fetchone()
        if row is not None:
            return row[0]
        if not create:
            raise InputError(f"the parent code '{parent_path}' does not exist")
        levels = parent_path.split(PATH_SEPARATOR)
        parent_id: int | None = None
        for depth in range(1, len(levels) + 1):
            prefix = PATH_SEPARATOR.join(levels[:depth])
            row = self.db.execute("SELECT id FROM codes WHERE path = ?", (prefix,)).fetchone()
            if row is not None:
                parent_id = row[0]
                continue
            sort_order = self.db.execute(
                "SELECT coalesce(max(sort_order) + 1, 0) FROM codes WHERE parent_id IS ?", (parent_id,)).fetchone()[0]
            count = self.db.execute("SELECT count(*) FROM codes").fetchone()[0]
            parent_id = self.db.execute(
                "INSERT INTO codes (guid, path, name, parent_id, color, sort_order) VALUES (?, ?, ?, ?, ?, ?)",
                (new_guid(), prefix, levels[depth - 1], parent_id, PALETTE[count % len(PALETTE)], sort_order),
            ).lastrowid
        assert parent_id is not None
        return parent_id

    def update_code(self, code_id: int, **fields: object) -> Code:
        """Change a code's attributes (not its place: see ``move_code``)."""
        bad = set(fields) - set(EDITABLE_FIELDS)
        if bad:
            raise InputError(f"cannot change code field(s): {', '.join(sorted(bad))}")
        with self.transaction():
            if "color" in fields:
                fields["color"] = check_colour(str(fields["color"]))
            if fields.get("shortcut"):
                self._check_shortcut_free(str(fields["shortcut"]), code_id)
            if "exclusive" in fields:
                fields["exclusive"] = int(bool(fields["exclusive"]))
            if "codable" in fields:
                fields["codable"] = int(bool(fields["codable"]))
            if fields:
                sets = ", ".join(f"{k} = ?" for k in fields)
                self.db.execute(f"UPDATE codes SET {sets} WHERE id = ?", (*fields.values(), code_id))
            return self.code(code_id)

    def clear_shortcut(self, shortcut: str) -> None:
        """Free a shortcut key wherever it is used (an imported codebook takes it over)."""
        with self.transaction():
            self.db.execute("UPDATE codes SET shortcut = '' WHERE shortcut = ?", (shortcut,))

    def move_code(self, code_id: int, new_path: str) -> Code:
        """Rename and/or re-parent a code; descendants follow. Refuses cycles and taken paths."""
        new_path = normalise_code_path(new_path)
        with self.transaction():
            code = self.code(code_id)
            if new_path == code.path:
                return code
            if new_path.startswith(code.path + PATH_SEPARATOR):
                raise InputError(f"cannot move '{code.path}' inside itself")
            if self._has_path(new_path):
                raise InputError(f"the code '{new_path}' already exists")
            parent_path, _, name = new_path.rpartition(PATH_SEPARATOR)
            parent_id = self._ensure_parents(parent_path, True) if parent_path else None
            old_prefix = code.path + PATH_SEPARATOR
            self.db.execute("UPDATE codes SET path = ?, name = ?, parent_id = ? WHERE id = ?",
                            (new_path, name, parent_id, code_id))
            self.db.execute(
                "UPDATE codes SET path = ? || substr(path, ?) WHERE substr(path, 1, ?) = ?",
                (new_path + PATH_SEPARATOR, len(old_prefix) + 1, len(old_prefix), old_prefix),
            )
            return self.code(code_id)

    def delete_code(self, code_id: int) -> None:
        """Delete a code, its descendants and all their segments."""
        with self.transaction():
            self.db.execute("DELETE FROM codes WHERE id = ?", (code_id,))

    def descendant_ids(self, code_id: int, include_self: bool = True) -> list[int]:
        code = self.code(code_id)
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM codes WHERE substr(path, 1, ?) = ?",
            (len(code.path) + 1, code.path + PATH_SEPARATOR))]
        return ([code_id] if include_self else []) + ids

    def _has_path(self, path: str) -> bool:
        return self.db.execute("SELECT 1 FROM codes WHERE path = ?", (path,)).fetchone() is not None

    def _check_shortcut_free(self, shortcut: str, code_id: int | None) -> None:
        row = self.db.execute("SELECT path FROM codes WHERE shortcut = ? AND id IS NOT ?",
                              (shortcut, code_id)).fetchone()
        if row:
            raise InputError(f"the shortcut '{shortcut}' is already used by '{row[0]}'")
