"""The project file: one SQLite database (via sqlite-utils) holding documents, codebook, coders,
coded segments, memos and assignments.

Why SQLite: one file a researcher can copy and archive, transactional (WAL) so a crash never loses a
committed edit, and readable by any tool in twenty years. Every public mutating method runs in exactly
one transaction. The schema carries a version; migrations are recorded, and a file written by a newer
version of Annotator is refused rather than silently damaged.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from annotator.core.errors import InputError, ProjectError
from annotator.core.model import (
    ASSIGNMENT_STATUSES,
    PATH_SEPARATOR,
    Assignment,
    Code,
    Coder,
    Document,
    DocumentInput,
    Memo,
    Segment,
)
from annotator.core.text import MAX_DOCUMENT_CHARS, content_hash, detect_language, normalise

APPLICATION_ID = 0x414E4E54  # "ANNT": lets `file` and we ourselves recognise a project file.

# Colours handed out to new codes and coders in turn: distinguishable, readable as light tints.
PALETTE = (
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324",
    "#469990", "#808000", "#000075", "#e6a800", "#aaffc3", "#dcbeff", "#800000", "#a9a9a9",
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_guid() -> str:
    return str(uuid.uuid4()).upper()


# --------------------------------------------------------------------------------------------------
# Schema and migrations. Append new migrations; never edit one that has shipped.
# --------------------------------------------------------------------------------------------------

def _migration_1(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            source_file TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            length INTEGER NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            attributes TEXT NOT NULL DEFAULT '{}',
            imported TEXT NOT NULL
        );
        CREATE TABLE codes (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            inclusion TEXT NOT NULL DEFAULT '',
            exclusion TEXT NOT NULL DEFAULT '',
            example TEXT NOT NULL DEFAULT '',
            shortcut TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1))
        );
        CREATE INDEX idx_codes_parent ON codes(parent_id);
        CREATE TABLE coders (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            color TEXT NOT NULL
        );
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            memo TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK ("end" > start)
        );
        CREATE INDEX idx_segments_document ON segments(document_id, start);
        CREATE INDEX idx_segments_code ON segments(code_id);
        CREATE INDEX idx_segments_coder ON segments(coder_id);
        CREATE TABLE memos (
            id INTEGER PRIMARY KEY,
            document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
            code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
            coder_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK ((document_id IS NULL) <> (code_id IS NULL))
        );
        CREATE INDEX idx_memos_document ON memos(document_id);
        CREATE INDEX idx_memos_code ON memos(code_id);
        CREATE TABLE assignments (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('assigned', 'in_progress', 'done')),
            updated TEXT NOT NULL,
            PRIMARY KEY (document_id, coder_id)
        );
        """
    )


def _migration_2(db: sqlite_utils.Database) -> None:
    """Token cache (jieba offsets per document), its FTS5 search index and the per-project user dictionary.

    ``search_index`` is an external-content FTS5 table over ``token_cache.tokens`` kept in step by
    triggers, so the tokens are stored once. ``dictionary`` records which user-dictionary version a
    document was segmented with; see ``annotator.core.segmentation``.
    """
    db.executescript(
        """
        CREATE TABLE token_cache (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            dictionary TEXT NOT NULL,
            tokens TEXT NOT NULL,
            offsets BLOB NOT NULL
        );
        CREATE VIRTUAL TABLE search_index USING fts5(
            tokens, content='token_cache', content_rowid='document_id', tokenize='unicode61'
        );
        CREATE TRIGGER token_cache_ai AFTER INSERT ON token_cache BEGIN
            INSERT INTO search_index(rowid, tokens) VALUES (new.document_id, new.tokens);
        END;
        CREATE TRIGGER token_cache_ad AFTER DELETE ON token_cache BEGIN
            INSERT INTO search_index(search_index, rowid, tokens) VALUES ('delete', old.document_id, old.tokens);
        END;
        CREATE TRIGGER token_cache_au AFTER UPDATE OF tokens ON token_cache BEGIN
            INSERT INTO search_index(search_index, rowid, tokens) VALUES ('delete', old.document_id, old.tokens);
            INSERT INTO search_index(rowid, tokens) VALUES (new.document_id, new.tokens);
        END;
        CREATE TABLE user_dictionary (
            term TEXT PRIMARY KEY,
            added TEXT NOT NULL
        );
        """
    )


def _migration_3(db: sqlite_utils.Database) -> None:
    # Adjudication: how each disagreement was settled for a consensus coder (annotator.core.adjudication).
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS adjudication_decisions (
            consensus_coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            decision TEXT NOT NULL,
            accepted TEXT NOT NULL DEFAULT '[]',
            decided TEXT NOT NULL,
            PRIMARY KEY (consensus_coder_id, document_id, code_id, start, "end")
        );
        """
    )


def _migration_4(db: sqlite_utils.Database) -> None:
    # Lets every search check "is the token cache fresh?" with an index count instead of a corpus scan.
    db.execute("CREATE INDEX IF NOT EXISTS idx_token_cache_dictionary ON token_cache(dictionary)")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _migration_1),
    Migration(2, "token cache and search index", _migration_2),
    Migration(3, "adjudication decisions", _migration_3),
    Migration(4, "index on the token cache's dictionary version", _migration_4),
]


def schema_version() -> int:
    """The schema version this build writes."""
    return MIGRATIONS[-1].version


# --------------------------------------------------------------------------------------------------
# Results of bulk operations
# --------------------------------------------------------------------------------------------------

@dataclass
class ImportReport:
    """What an import did: documents added, and duplicates skipped with the reason."""

    added: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one human-readable line per skipped item

    def summary(self) -> str:
        return f"{len(self.added)} imported, {len(self.skipped)} skipped"


# --------------------------------------------------------------------------------------------------
# The project
# --------------------------------------------------------------------------------------------------

_DOC_LIST_COLUMNS = (
    "id, guid, name, title, outlet, date, language, url, source_file, hash, length, attributes"
)


class Project:
    """An open project file. Not thread-safe: each thread opens its own ``Project`` on the same path."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly

    # ---- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> "Project":
        """Create a new, empty project file; refuse to overwrite an existing file."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists; choose another name")
        if not path.parent.exists():
            raise ProjectError(f"{path}: folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise ProjectError(f"{path}: folder {path.parent} is read-only")
        conn = _connect(path, readonly=False)
        project = cls(_database(conn), path)
        project._migrate()
        with project.db.atomic():
            project._set_meta("project_guid", new_guid())
            project._set_meta("created", now())
        return project

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False) -> "Project":
        """Open an existing project, migrating an older schema; refuse newer, damaged or foreign files."""
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path}: no such project file")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        _check_header(path)
        if not readonly and (not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)):
            raise ProjectError(
                f"{path}: the file or its folder is read-only; copy it somewhere writable "
                "or open it read-only"
            )
        try:
            conn = _connect(path, readonly=readonly)
            db = _database(conn, wal=False)  # WAL only once the file is known to be ours
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path}: damaged or not an Annotator project ({exc})") from None
        if ok != "ok":
            conn.close()
            raise ProjectError(f"{path}: the project file is damaged ({ok})")
        project = cls(db, path, readonly=readonly)
        found = project.stored_schema_version()
        if found is None:
            conn.close()
            raise ProjectError(f"{path}: is an SQLite file but not an Annotator project")
        if found > schema_version():
            conn.close()
            raise ProjectError(
                f"{path}: was written by a newer Annotator (schema {found}, this version reads up "
                f"to {schema_version()}); please update Annotator to open it"
            )
        if not readonly:
            _enable_wal(db)
        if found < schema_version():
            if readonly:
                conn.close()
                # Reading an older project after updating Annotator (agreement, export) must just work:
                # upgrade it once (one transaction) when the file may be written, then read it.
                if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                    raise ProjectError(
                        f"{path}: needs an upgrade (schema {found}) but the file or its folder is read-only")
                cls.open(path).close()
                return cls.open(path, readonly=True)
            project._migrate()
        return project

    @classmethod
    def memory(cls) -> "Project":
        """An in-memory project, for tests and scratch work."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        project = cls(_database(conn), None)
        project._migrate()
        return project

    def close(self) -> None:
        try:
            if not self.readonly and self.path is not None:
                # Fold the WAL back so the single .annotator file is complete on its own.
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError:
            pass
        self.db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema ------------------------------------------------------------------------------

    def stored_schema_version(self) -> int | None:
        if "meta" not in self.db.table_names():
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else None

    def applied_migrations(self) -> list[tuple[int, str, str]]:
        return [tuple(r) for r in self.db.execute(
            "SELECT version, name, applied FROM migrations ORDER BY version")]

    def _migrate(self) -> None:
        with self.db.atomic():
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
            )
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            current = self.stored_schema_version() or 0
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                migration.apply(self.db)
                self.db.execute(
                    "INSERT INTO migrations (version, name, applied) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )
                self._set_meta("schema_version", str(migration.version))
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    @contextmanager
    def transaction(self) -> Iterator["Project"]:
        """One atomic unit of work; nested calls become savepoints."""
        if self.readonly:
            raise ProjectError(f"{self.path}: opened read-only")
        if self.db.conn.in_transaction:
            with self.db.atomic():  # a savepoint
                yield self
            return
        # IMMEDIATE takes the write lock up front (waiting out busy_timeout). A deferred BEGIN that reads
        # and then writes fails at once with "database is locked" if another window committed in between.
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ProjectError(
                f"{self.path}: the project is busy in another window or program ({exc}); try again"
            ) from None
        try:
            yield self
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    # ---- documents ---------------------------------------------------------------------------

    def add_documents(
        self,
        inputs: Iterable[DocumentInput],
        *,
        outlet: str | None = None,
        language: str | None = None,
        on_progress: Callable[[int], bool | None] | None = None,
    ) -> ImportReport:
        """Store documents in one transaction; duplicates by content hash are skipped, not errors.

        A name already taken by a different text is a conflict and aborts the whole batch (nothing is
        stored), because silently renaming would break scripts that refer to documents by name.
        ``on_progress(n)`` may return False to cancel (the batch is rolled back).
        """
        report = ImportReport()
        stamp = now()
        with self.transaction():
            # Read inside the transaction: another window may have imported the same files meanwhile.
            seen_hash = {h: n for h, n in self.db.execute("SELECT hash, name FROM documents")}
            seen_name = {n for (n,) in self.db.execute("SELECT name FROM documents")}
            for count, item in enumerate(inputs, 1):
                text = normalise(item.text)
                where = item.source_file or item.name
                if not text.strip():
                    raise InputError("the document is empty", path=where)
                if len(text) > MAX_DOCUMENT_CHARS:
                    raise InputError(
                        f"the document '{item.name}' has {len(text):,} characters, more than the "
                        f"{MAX_DOCUMENT_CHARS:,} a project accepts; split it into parts", path=where)
                digest = content_hash(text)
                if digest in seen_hash:
                    report.skipped.append(
                        f"{where}: same text as document '{seen_hash[digest]}' already in the project; skipped")
                    continue
                name = item.name.strip()
                if not name:
                    raise InputError("the document has no name", path=where)
                if name in seen_name:
                    raise InputError(
                        f"a different document named '{name}' is already in the project; rename one of them",
                        path=where)
                lang = (language or item.language or "auto").strip().lower()
                if lang in ("", "auto"):
                    lang = detect_language(text)
                row = {
                    "guid": new_guid(),
                    "name": name,
                    "title": item.title.strip(),
                    "outlet": (outlet if outlet is not None else item.outlet).strip(),
                    "date": item.date.strip(),
                    "language": lang,
                    "url": item.url.strip(),
                    "source_file": item.source_file,
                    "text": text,
                    "length": len(text),
                    "hash": digest,
                    "attributes": json.dumps(item.attributes, ensure_ascii=False, sort_keys=True),
                    "imported": stamp,
                }
                cursor = self.db.execute(
                    f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
                seen_hash[digest] = name
                seen_name.add(name)
                report.added.append(_document_from_row({**row, "id": cursor.lastrowid}, with_text=False))
                if on_progress is not None and on_progress(count) is False:
                    raise InputError("import cancelled; nothing was imported")
        return report

    def documents(self) -> list[Document]:
        """All documents without their text, in import order."""
        cursor = self.db.execute(f"SELECT {_DOC_LIST_COLUMNS} FROM documents ORDER BY id")
        return [_document_from_row(_as_dict(cursor, r), with_text=False) for r in cursor.fetchall()]

    def document(self, key: int | str, *, with_text: bool = True) -> Document:
        """A document by id or by name, with its text unless ``with_text`` is False."""
        columns = _DOC_LIST_COLUMNS + (", text" if with_text else "")
        column = "id" if isinstance(key, int) else "name"
        cursor = self.db.execute(f"SELECT {columns} FROM documents WHERE {column} = ?", (key,))
        row = cursor.fetchone()
        if row is None:
            raise InputError(f"no document named '{key}'" if column == "name" else f"no document with id {key}")
        return _document_from_row(_as_dict(cursor, row), with_text=with_text)

    def document_text(self, document_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise InputError(f"no document with id {document_id}")
        return row[0]

    def update_document_metadata(self, document_id: int, **fields: str) -> None:
        """Edit title/outlet/date/language/url (never the text: offsets depend on it)."""
        allowed = {"title", "outlet", "date", "language", "url", "name"}
        bad = set(fields) - allowed
        if bad:
            raise InputError(f"cannot change document field(s): {', '.join(sorted(bad))}")
        if not fields:
            return
        with self.transaction():
            sets = ", ".join(f"{k} = ?" for k in fields)
            try:
                self.db.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*fields.values(), document_id))
            except sqlite3.IntegrityError:
                raise InputError(f"a document named '{fields.get('name')}' already exists") from None

    def delete_document(self, document_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    # ---- coders ------------------------------------------------------------------------------

    def coders(self) -> list[Coder]:
        return [Coder(*r) for r in self.db.execute("SELECT id, guid, name, color FROM coders ORDER BY id")]

    def coder(self, key: int | str) -> Coder:
        column = "id" if isinstance(key, int) else "name"
        row = self.db.execute(f"SELECT id, guid, name, color FROM coders WHERE {column} = ?", (key,)).fetchone()
        if row is None:
            raise InputError(f"no coder named '{key}'" if column == "name" else f"no coder with id {key}")
        return Coder(*row)

    def ensure_coder(self, name: str, *, guid: str | None = None, color: str | None = None) -> Coder:
        """The coder of that name, created if new (coders are people, identified by name)."""
        name = name.strip()
        if not name:
            raise InputError("a coder needs a name")
        row = self.db.execute("SELECT id, guid, name, color FROM coders WHERE name = ?", (name,)).fetchone()
        if row:
            return Coder(*row)
        with self.transaction():
            count = self.db.execute("SELECT count(*) FROM coders").fetchone()[0]
            colour = color or PALETTE[(count * 5 + 2) % len(PALETTE)]
            cursor = self.db.execute(
                "INSERT INTO coders (guid, name, color) VALUES (?, ?, ?)", (guid or new_guid(), name, colour))
        return Coder(cursor.lastrowid, guid or self.coder(cursor.lastrowid).guid, name, colour)

    def rename_coder(self, coder_id: int, name: str) -> None:
        with self.transaction():
            try:
                self.db.execute("UPDATE coders SET name = ? WHERE id = ?", (name.strip(), coder_id))
            except sqlite3.IntegrityError:
                raise InputError(f"a coder named '{name}' already exists") from None

    # ---- codes -------------------------------------------------------------------------------

    def codes(self) -> list[Code]:
        """All codes in tree order (parents before children, siblings by sort order)."""
        rows = [Code(*r[:12], exclusive=bool(r[12])) for r in self.db.execute(
            "SELECT id, guid, path, name, parent_id, color, description, inclusion, exclusion, example, "
            "shortcut, sort_order, exclusive FROM codes")]
        children: dict[int | None, list[Code]] = {}
        for code in rows:
            children.setdefault(code.parent_id, []).append(code)
        ordered: list[Code] = []

        def walk(parent: int | None) -> None:
            for code in sorted(children.get(parent, []), key=lambda c: (c.sort_order, c.name.lower())):
                ordered.append(code)
                walk(code.id)

        walk(None)
        return ordered

    def code(self, key: int | str) -> Code:
        column = "id" if isinstance(key, int) else "path"
        row = self.db.execute(
            "SELECT id, guid, path, name, parent_id, color, description, inclusion, exclusion, example, "
            f"shortcut, sort_order, exclusive FROM codes WHERE {column} = ?", (key,)).fetchone()
        if row is None:
            raise InputError(f"no code '{key}'" if column == "path" else f"no code with id {key}")
        return Code(*row[:12], exclusive=bool(row[12]))

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
    ) -> Code:
        """Add a code by its full path; missing parents are created (or refused)."""
        path = normalise_code_path(path)
        with self.transaction():
            if self.db.execute("SELECT 1 FROM codes WHERE path = ?", (path,)).fetchone():
                raise InputError(f"the code '{path}' already exists")
            parent_path, _, name = path.rpartition(PATH_SEPARATOR)
            parent_id = None
            if parent_path:
                row = self.db.execute("SELECT id FROM codes WHERE path = ?", (parent_path,)).fetchone()
                if row is None:
                    if not create_parents:
                        raise InputError(f"the parent code '{parent_path}' does not exist")
                    parent_id = self.add_code(parent_path).id
                else:
                    parent_id = row[0]
            if shortcut:
                self._check_shortcut_free(shortcut, None)
            if sort_order is None:
                sort_order = self.db.execute(
                    "SELECT coalesce(max(sort_order) + 1, 0) FROM codes WHERE parent_id IS ?", (parent_id,)
                ).fetchone()[0]
            if color is None:
                count = self.db.execute("SELECT count(*) FROM codes").fetchone()[0]
                color = PALETTE[count % len(PALETTE)]
            cursor = self.db.execute(
                "INSERT INTO codes (id, guid, path, name, parent_id, color, description, inclusion, exclusion, "
                "example, shortcut, sort_order, exclusive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (code_id, guid or new_guid(), path, name, parent_id, _check_colour(color), description,
                 inclusion, exclusion, example, shortcut, sort_order, int(bool(exclusive))),
            )
            return self.code(cursor.lastrowid)

    def update_code(self, code_id: int, **fields: object) -> Code:
        """Change a code's attributes (not its place: see ``move_code``)."""
        allowed = {"color", "description", "inclusion", "exclusion", "example", "shortcut", "sort_order",
                   "exclusive"}
        bad = set(fields) - allowed
        if bad:
            raise InputError(f"cannot change code field(s): {', '.join(sorted(bad))}")
        with self.transaction():
            if "color" in fields:
                fields["color"] = _check_colour(str(fields["color"]))
            if fields.get("shortcut"):
                self._check_shortcut_free(str(fields["shortcut"]), code_id)
            if "exclusive" in fields:
                fields["exclusive"] = int(bool(fields["exclusive"]))
            if fields:
                sets = ", ".join(f"{k} = ?" for k in fields)
                self.db.execute(f"UPDATE codes SET {sets} WHERE id = ?", (*fields.values(), code_id))
            return self.code(code_id)

    def move_code(self, code_id: int, new_path: str) -> Code:
        """Rename and/or re-parent a code; descendants follow. Refuses cycles and taken paths."""
        new_path = normalise_code_path(new_path)
        with self.transaction():
            code = self.code(code_id)
            if new_path == code.path:
                return code
            if new_path.startswith(code.path + PATH_SEPARATOR):
                raise InputError(f"cannot move '{code.path}' inside itself")
            if self.db.execute("SELECT 1 FROM codes WHERE path = ?", (new_path,)).fetchone():
                raise InputError(f"the code '{new_path}' already exists")
            parent_path, _, name = new_path.rpartition(PATH_SEPARATOR)
            parent_id = self.add_code(parent_path).id if parent_path and not self._has_path(parent_path) \
                else (self.code(parent_path).id if parent_path else None)
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

    # ---- segments ----------------------------------------------------------------------------

    def add_segment(
        self,
        document_id: int,
        coder_id: int,
        code_id: int,
        start: int,
        end: int,
        memo: str = "",
        *,
        segment_id: int | None = None,
        guid: str | None = None,
        created: str | None = None,
        updated: str | None = None,
    ) -> Segment:
        """Record one coded span (code points, end exclusive); ids may be given to redo a deletion."""
        length = self._document_length(document_id)
        _check_span(start, end, length)
        stamp = now()
        with self.transaction():
            cursor = self.db.execute(
                'INSERT INTO segments (id, guid, document_id, coder_id, code_id, start, "end", memo, created, '
                "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (segment_id, guid or new_guid(), document_id, coder_id, code_id, start, end, memo,
                 created or stamp, updated or stamp),
            )
            self._mark_in_progress(document_id, coder_id)
        return self.segment(cursor.lastrowid)

    def add_segments(self, rows: Sequence[tuple[int, int, int, int, int, str]]) -> int:
        """Bulk insert (document_id, coder_id, code_id, start, end, memo) in one transaction."""
        stamp = now()
        lengths: dict[int, int] = {}
        with self.transaction():
            for document_id, coder_id, code_id, start, end, memo in rows:
                if document_id not in lengths:
                    lengths[document_id] = self._document_length(document_id)
                _check_span(start, end, lengths[document_id])
            self.db.conn.executemany(
                'INSERT INTO segments (guid, document_id, coder_id, code_id, start, "end", memo, created, updated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(new_guid(), d, c, k, s, e, m, stamp, stamp) for d, c, k, s, e, m in rows],
            )
        return len(rows)

    def segment(self, segment_id: int) -> Segment:
        row = self.db.execute(_SEGMENT_SELECT + " WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise InputError(f"no segment with id {segment_id}")
        return Segment(*row)

    def segments(
        self,
        *,
        document_id: int | None = None,
        coder_ids: Iterable[int] | None = None,
        code_ids: Iterable[int] | None = None,
    ) -> list[Segment]:
        """Segments, optionally filtered, ordered by document then start."""
        where, params = [], []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        for column, ids in (("coder_id", coder_ids), ("code_id", code_ids)):
            if ids is not None:
                ids = list(ids)
                where.append(f"{column} IN ({', '.join('?' * len(ids))})")
                params.extend(ids)
        sql = _SEGMENT_SELECT + (" WHERE " + " AND ".join(where) if where else "") + \
            ' ORDER BY document_id, start, "end", id'
        return [Segment(*r) for r in self.db.execute(sql, params)]

    def update_segment(self, segment_id: int, **fields: object) -> Segment:
        """Change a segment's code, boundaries or memo."""
        allowed = {"code_id", "start", "end", "memo", "coder_id"}
        bad = set(fields) - allowed
        if bad:
            raise InputError(f"cannot change segment field(s): {', '.join(sorted(bad))}")
        with self.transaction():
            current = self.segment(segment_id)
            start = int(fields.get("start", current.start))  # type: ignore[arg-type]
            end = int(fields.get("end", current.end))  # type: ignore[arg-type]
            _check_span(start, end, self._document_length(current.document_id))
            fields["updated"] = now()
            sets = ", ".join(f'"{k}" = ?' for k in fields)
            self.db.execute(f"UPDATE segments SET {sets} WHERE id = ?", (*fields.values(), segment_id))
            return self.segment(segment_id)

    def delete_segment(self, segment_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM segments WHERE id = ?", (segment_id,))

    def _document_length(self, document_id: int) -> int:
        row = self.db.execute("SELECT length FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise InputError(f"no document with id {document_id}")
        return row[0]

    # ---- assignments -------------------------------------------------------------------------

    def assignments(self) -> list[Assignment]:
        return [Assignment(*r) for r in self.db.execute(
            "SELECT document_id, coder_id, status, updated FROM assignments ORDER BY document_id, coder_id")]

    def assignment_status(self, document_id: int, coder_id: int) -> str | None:
        row = self.db.execute("SELECT status FROM assignments WHERE document_id = ? AND coder_id = ?",
                              (document_id, coder_id)).fetchone()
        return row[0] if row else None

    def set_assignment(self, document_id: int, coder_id: int, status: str | None) -> None:
        """Set (or with None, remove) a coder's assignment to a document."""
        if status is not None and status not in ASSIGNMENT_STATUSES:
            raise InputError(f"unknown status '{status}' (use {', '.join(ASSIGNMENT_STATUSES)})")
        with self.transaction():
            if status is None:
                self.db.execute("DELETE FROM assignments WHERE document_id = ? AND coder_id = ?",
                                (document_id, coder_id))
            else:
                self.db.execute(
                    "INSERT INTO assignments (document_id, coder_id, status, updated) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (document_id, coder_id) DO UPDATE SET status = excluded.status, "
                    "updated = excluded.updated",
                    (document_id, coder_id, status, now()),
                )

    def _mark_in_progress(self, document_id: int, coder_id: int) -> None:
        """Coding a document means working on it: create or advance the assignment, never undo 'done'."""
        self.db.execute(
            "INSERT INTO assignments (document_id, coder_id, status, updated) VALUES (?, ?, 'in_progress', ?) "
            "ON CONFLICT (document_id, coder_id) DO UPDATE SET status = 'in_progress', updated = excluded.updated "
            "WHERE status = 'assigned'",
            (document_id, coder_id, now()),
        )

    # ---- memos -------------------------------------------------------------------------------

    def memos(self, *, document_id: int | None = None, code_id: int | None = None) -> list[Memo]:
        where, params = [], []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if code_id is not None:
            where.append("code_id = ?")
            params.append(code_id)
        sql = "SELECT id, document_id, code_id, coder_id, text, created, updated FROM memos"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [Memo(*r) for r in self.db.execute(sql + " ORDER BY id", params)]

    def add_memo(self, text: str, *, document_id: int | None = None, code_id: int | None = None,
                 coder_id: int | None = None, memo_id: int | None = None) -> Memo:
        if (document_id is None) == (code_id is None):
            raise InputError("a memo belongs to exactly one document or code")
        stamp = now()
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO memos (id, document_id, code_id, coder_id, text, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (memo_id, document_id, code_id, coder_id, text, stamp, stamp))
        return self.memos_by_id(cursor.lastrowid)

    def memos_by_id(self, memo_id: int) -> Memo:
        row = self.db.execute("SELECT id, document_id, code_id, coder_id, text, created, updated FROM memos "
                              "WHERE id = ?", (memo_id,)).fetchone()
        if row is None:
            raise InputError(f"no memo with id {memo_id}")
        return Memo(*row)

    def update_memo(self, memo_id: int, text: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE memos SET text = ?, updated = ? WHERE id = ?", (text, now(), memo_id))

    def delete_memo(self, memo_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM memos WHERE id = ?", (memo_id,))

    # ---- summaries ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "codes", "coders", "segments", "memos", "assignments")}


_SEGMENT_SELECT = ('SELECT id, guid, document_id, coder_id, code_id, start, "end", memo, created, updated '
                   "FROM segments")


def normalise_code_path(path: str) -> str:
    """Trim each level of a code path and refuse empty levels (``A//B``, ``/A``)."""
    parts = [p.strip() for p in path.strip().split(PATH_SEPARATOR)]
    if not parts or any(not p for p in parts):
        raise InputError(f"invalid code path '{path}' (levels are separated by '/', none may be empty)")
    return PATH_SEPARATOR.join(parts)


def _check_colour(colour: str) -> str:
    colour = colour.strip()
    if len(colour) == 7 and colour.startswith("#"):
        try:
            int(colour[1:], 16)
            return colour.lower()
        except ValueError:
            pass
    raise InputError(f"invalid colour '{colour}' (use #rrggbb)")


def _check_span(start: int, end: int, length: int) -> None:
    if not (0 <= start < end <= length):
        raise InputError(f"span {start}-{end} is outside the document (0-{length}) or empty")


def _as_dict(cursor: sqlite3.Cursor, row: Sequence[object]) -> dict[str, object]:
    return {d[0]: v for d, v in zip(cursor.description, row)}


def _document_from_row(row: dict[str, object], *, with_text: bool) -> Document:
    attributes = row.get("attributes") or "{}"
    return Document(
        id=int(row["id"]),  # type: ignore[arg-type]
        guid=str(row["guid"]),
        name=str(row["name"]),
        title=str(row["title"]),
        outlet=str(row["outlet"]),
        date=str(row["date"]),
        language=str(row["language"]),
        url=str(row["url"]),
        source_file=str(row["source_file"]),
        hash=str(row["hash"]),
        length=int(row["length"]),  # type: ignore[arg-type]
        attributes=json.loads(attributes) if isinstance(attributes, str) else dict(attributes),  # type: ignore[arg-type]
        text=str(row["text"]) if with_text and "text" in row else None,
    )


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it (it would try to journal it)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot be read ({exc.strerror})") from None
    if not header.startswith(b"SQLite format 3\x00"):
        raise ProjectError(f"{path}: not an Annotator project (not an SQLite database)")
    if len(header) < 100:
        raise ProjectError(f"{path}: the project file is truncated")
    page_size = int.from_bytes(header[16:18], "big") or 65536
    pages = int.from_bytes(header[28:32], "big")
    size = path.stat().st_size
    # The page count is only trusted when current (offset 92 matches the change counter at 24), and not
    # while a WAL is pending: a crash mid-checkpoint leaves page 1 updated before the file has grown, and
    # SQLite recovers such a file in full from the WAL.
    wal = path.with_name(path.name + "-wal")
    pending_wal = wal.exists() and wal.stat().st_size > 0
    if pages and header[24:28] == header[92:96] and not pending_wal and size < page_size * pages:
        raise ProjectError(f"{path}: the project file is truncated ({size} bytes of {page_size * pages})")


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            # as_uri() escapes '?', '#' and '%' in file names, which would otherwise cut the URI short.
            uri = path.resolve().as_uri() + "?mode=ro"
            if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-wal").exists():
                # A read-only folder cannot hold the WAL index SQLite needs; with no WAL pending,
                # nobody can change the file, so read it as immutable.
                uri += "&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot be opened ({exc})") from None
    return conn


def _database(conn: sqlite3.Connection, *, wal: bool = True) -> sqlite_utils.Database:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    db = sqlite_utils.Database(conn)
    if wal:
        _enable_wal(db)
    return db


def _enable_wal(db: sqlite_utils.Database) -> None:
    """Switch to WAL; only once the file is known to be ours, since switching rewrites its header."""
    conn = db.conn
    try:
        if db.journal_mode != "wal" and not _is_memory(conn):
            db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError:
        # A read-only connection cannot switch journal mode; a damaged file is reported by the caller.
        pass


def _is_memory(conn: sqlite3.Connection) -> bool:
    row = conn.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]
