"""Read-only queries that look for damage: SQLite's own checks, broken references, spans and texts that no
longer agree. ``annotator.core.checks`` turns their answers into findings for ``annotator check``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


class IntegrityQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"

    def sqlite_check(self, *, full: bool = True, limit: int = 100) -> list[str]:
        """SQLite's ``integrity_check`` (or the faster ``quick_check``, which skips index contents):
        the problems it lists, none when the file is sound."""
        pragma = "integrity_check" if full else "quick_check"
        lines = [r[0] for r in self.db.execute(f"PRAGMA {pragma}({int(limit)})")]
        return [] if lines == ["ok"] else lines

    def foreign_key_problems(self) -> list[tuple[str, int, str]]:
        """(table, rowid, referenced table) of every row whose reference points nowhere."""
        return [(r[0], r[1], r[2]) for r in self.db.execute("PRAGMA foreign_key_check")]

    def segments_outside_their_documents(self, limit: int = 1000) -> list[tuple[int, str, int, int, int]]:
        """(segment id, document name, start, end, document length) of spans the text cannot hold."""
        return self.db.execute(
            'SELECT s.id, d.name, s.start, s."end", d.length FROM segments s JOIN documents d '
            'ON d.id = s.document_id WHERE s.start < 0 OR s."end" <= s.start OR s."end" > d.length '
            "ORDER BY s.id LIMIT ?", (limit,)).fetchall()

    def document_texts_with_stored_facts(self) -> Iterator[tuple[int, str, str, int, str]]:
        """(id, name, text, stored length, stored hash) of every document, read in slices."""
        last = 0
        while True:
            rows = self.db.execute("SELECT id, name, text, length, hash FROM documents WHERE id > ? ORDER BY id "
                                   "LIMIT 200", (last,)).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def code_paths_and_parents(self) -> list[tuple[int, str, str, str | None]]:
        """(id, path, name, parent's path) of every code."""
        return self.db.execute("SELECT c.id, c.path, c.name, p.path FROM codes c LEFT JOIN codes p "
                               "ON p.id = c.parent_id ORDER BY c.id").fetchall()
