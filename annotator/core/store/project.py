"""``Project``: an open project file, and the one place its transactions begin and end.

The queries live in one module per table (documents, codes, coders, segments, ...), mixed in here so
callers keep one object to talk to; opening, migrating and closing the file live here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError
from annotator.core.store import files, schema
from annotator.core.store.adjudication import AdjudicationQueries
from annotator.core.store.assignments import AssignmentQueries
from annotator.core.store.coders import CoderQueries
from annotator.core.store.codes import CodeQueries
from annotator.core.store.documents import DocumentQueries
from annotator.core.store.memos import MemoQueries
from annotator.core.store.retrieval import RetrievalQueries
from annotator.core.store.rows import new_guid, now
from annotator.core.store.segments import SegmentQueries
from annotator.core.store.sets import SetQueries
from annotator.core.store.summaries import SummaryQueries
from annotator.core.store.token_cache import TokenCacheQueries


class Project(DocumentQueries, CoderQueries, CodeQueries, SegmentQueries, AssignmentQueries, MemoQueries,
              SetQueries, TokenCacheQueries, AdjudicationQueries, SummaryQueries, RetrievalQueries):
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
        project = cls(files.database(files.connect(path, readonly=False)), path)
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
        files.check_header(path)
        if not readonly and (not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)):
            raise ProjectError(
                f"{path}: the file or its folder is read-only; copy it somewhere writable "
                "or open it read-only"
            )
        try:
            conn = files.connect(path, readonly=readonly)
            db = files.database(conn, wal=False)  # WAL only once the file is known to be ours
            ok = files.quick_check(conn)
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
        if found > schema.schema_version():
            conn.close()
            raise ProjectError(
                f"{path}: was written by a newer Annotator (schema {found}, this version reads up "
                f"to {schema.schema_version()}); please update Annotator to open it"
            )
        if not readonly:
            files.enable_wal(db)
        if found < schema.schema_version():
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
        project = cls(files.database(files.memory_connection()), None)
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
        return schema.stored_schema_version(self.db)

    def applied_migrations(self) -> list[tuple[int, str, str]]:
        return schema.applied_migrations(self.db)

    def _migrate(self) -> None:
        schema.migrate(self.db)

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    def guid_taken(self, table: str, guid: str) -> bool:
        """Whether a row of ``table`` (documents, codes, coders, segments, document_sets) has this GUID."""
        if table not in ("documents", "codes", "coders", "segments", "document_sets"):
            raise ValueError(f"no GUIDs in table {table!r}")
        return self.db.execute(f"SELECT 1 FROM {table} WHERE guid = ?", (guid,)).fetchone() is not None

    def save_copy(self, path: str | os.PathLike[str]) -> Path:
        """Write a consistent, compacted copy of the project to a new file (``VACUUM INTO``); the open
        project stays as it is. Refuses an existing file, the project itself, or a missing folder."""
        target = Path(path)
        if target.exists():
            raise ProjectError(f"{target}: already exists; choose another name")
        if not target.parent.is_dir():
            raise ProjectError(f"{target}: folder {target.parent} does not exist")
        try:
            self.db.execute("VACUUM INTO ?", (str(target),))
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{target}: could not write the copy ({exc})") from None
        return target

    def has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

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
