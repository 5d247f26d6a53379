"""``Project``: an open project file, and the one place its transactions begin and end.

The queries live in one module per table (documents, codes, coders, segments, ...), mixed in here so
callers keep one object to talk to; opening, migrating and closing the file live here.
"""

from __future__ import annotations

import os
import sqlite3
import warnings
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError, ProjectWarning
from annotator.core.store import files, schema, sync_triggers
from annotator.core.store.adjudication import AdjudicationQueries
from annotator.core.store.assignments import AssignmentQueries
from annotator.core.store.coders import CoderQueries
from annotator.core.store.codes import CodeQueries
from annotator.core.store.document_list import DocumentListQueries
from annotator.core.store.documents import DocumentQueries
from annotator.core.store.integrity import IntegrityQueries
from annotator.core.store.memos import MemoQueries
from annotator.core.store.retrieval import RetrievalQueries
from annotator.core.store.rows import new_guid, now
from annotator.core.store.segments import SegmentQueries
from annotator.core.store.sets import SetQueries
from annotator.core.store.summaries import SummaryQueries
from annotator.core.store.token_cache import TokenCacheQueries


class Project(DocumentQueries, CoderQueries, CodeQueries, SegmentQueries, AssignmentQueries, MemoQueries,
              SetQueries, TokenCacheQueries, AdjudicationQueries, SummaryQueries, RetrievalQueries,
              IntegrityQueries, DocumentListQueries):
    """An open project file. Not thread-safe: each thread opens its own ``Project`` on the same path."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        self._unregister: weakref.finalize | None = None
        self._renew_pending = False

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
        with files.opening(path):
            try:
                project = cls(files.database(files.connect(path, readonly=False)), path)
                with project.transaction():  # first, alone on page 1: see _renew_identity
                    project._set_identity(files.new_identity())
                project._migrate()
                with project.transaction():
                    project._set_meta("project_guid", new_guid())
                    project._set_meta("created", now())
            except sqlite3.Error as exc:
                raise files.problem(path, exc, "cannot be created") from None
            project._register()
        return project

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False) -> "Project":
        """Open an existing project, migrating an older schema; refuse newer, damaged or foreign files.

        Opening costs the same for any size of file: the whole file is checked only after an unclean
        shutdown (a committed write-ahead log that nobody has open), on demand (``annotator check``)
        and in the background; a write-ahead log that belongs to another file is never applied.
        """
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path}: no such project file")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        if not path.is_file():  # a pipe or device would hang the header check
            raise ProjectError(f"{path}: is not a regular file (a pipe or a device), not a project file")
        given, path = path, files.real_path(path)
        files.check_links(path, readonly=readonly)
        with files.opening(path) as open_here:
            if not open_here:
                header = files.read_header(path)
            if not readonly and (not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)):
                raise ProjectError(
                    f"{path}: the file or its folder is read-only; copy it somewhere writable "
                    "or open it read-only"
                )
            live = True if open_here else files.in_use_elsewhere(path)
            ignore_wal = unclean = False
            if not open_here:
                finding = files.inspect_wal(path, header)
                if finding.state == "foreign":
                    message = files.foreign_wal_message(path, finding)
                    if not readonly:
                        raise ProjectError(message)
                    warnings.warn(ProjectWarning(f"{message} (this time it was read as it is on disk, without "
                                                 "that log)"), stacklevel=2)
                    ignore_wal = True
                unclean = finding.state == "ours" and live is False
            project = cls._connect(path, readonly, ignore_wal=ignore_wal, full_check=unclean)
            # Renewed after the first commit of this session, so that a session that changes nothing
            # leaves the file byte for byte as it was.
            project._renew_pending = not readonly and live is False
            project._register()
        project.path = given  # the name the user gave (messages and recent files show it)
        return project

    @classmethod
    def _connect(cls, path: Path, readonly: bool, *, ignore_wal: bool, full_check: bool) -> "Project":
        conn = files.connect(path, readonly=readonly, ignore_wal=ignore_wal)
        try:
            db = files.database(conn, wal=False)  # WAL only once the file is known to be ours
            ok = files.quick_check(conn) if full_check else "ok"
            project = cls(db, path, readonly=readonly)
            found = project.stored_schema_version()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if files.error_code(exc) in (files.SQLITE_CORRUPT, files.SQLITE_NOTADB):
                raise ProjectError(f"{path}: damaged or not an Annotator project ({exc})") from None
            if readonly and not ignore_wal and files.error_code(exc) in files.DISK_ERRORS \
                    and not files.wal_pending(path):
                # A full disk cannot hold the WAL index even a reader needs; with no log pending the
                # file on disk is the whole project, so read it as it is.
                return cls._connect(path, readonly, ignore_wal=True, full_check=full_check)
            raise files.problem(path, exc, "cannot be opened") from None
        if ok != "ok":
            conn.close()
            raise ProjectError(f"{path}: the project file is damaged ({ok})")
        if found is None:
            conn.close()
            raise ProjectError(f"{path}: is an SQLite file but not an Annotator project")
        if found > schema.schema_version():
            conn.close()
            raise ProjectError(
                f"{path}: was written by a newer Annotator (schema {found}, this version reads up "
                f"to {schema.schema_version()}); please update Annotator to open it"
            )
        try:
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
                    return cls._connect(path, True, ignore_wal=False, full_check=False)
                project._migrate()
            if not readonly:
                project._keep_change_tracking()
        except sqlite3.Error as exc:
            conn.close()
            raise files.problem(path, exc, "cannot be opened") from None
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
        try:
            self.db.close()
        finally:
            if self._unregister is not None:
                self._unregister()  # a weakref.finalize: runs once, here or when the object is dropped
                self._unregister = None

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- identity (see store/files.py) -------------------------------------------------------

    def _register(self) -> None:
        assert self.path is not None
        key = files.file_key(self.path)
        files.register(key)
        self._unregister = weakref.finalize(self, files.unregister, key)

    def identity(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _set_identity(self, value: int) -> None:
        self.db.execute(f"PRAGMA user_version = {int(value)}")

    def _renew_identity(self) -> None:
        """Draw a new identity and checkpoint it into the file, so that a write-ahead log left from before
        (a crash, then a backup restored over the file) no longer matches. Done once per session, after
        its first commit, when nobody else had the project open."""
        self._renew_pending = False
        try:
            with self.transaction():
                self._set_identity(files.new_identity())
            # Truncate the log so that the next commit starts a new one (nobody else has the file open,
            # so this does not wait; should someone open it this very moment, wait briefly, not 10 s).
            self.db.execute("PRAGMA busy_timeout = 200")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.execute("PRAGMA busy_timeout = 10000")
        except (sqlite3.Error, ProjectError):
            # The work itself is committed; a failed renewal only leaves the old identity in place.
            try:
                self.db.execute("PRAGMA busy_timeout = 10000")
            except sqlite3.Error:
                pass

    # ---- schema ------------------------------------------------------------------------------

    def stored_schema_version(self) -> int | None:
        return schema.stored_schema_version(self.db)

    def applied_migrations(self) -> list[tuple[int, str, str]]:
        return schema.applied_migrations(self.db)

    def _migrate(self) -> None:
        schema.migrate(self.db)

    def _keep_change_tracking(self) -> None:
        """A team copy lacking its change-tracking triggers (they exist only in team copies, see
        store/sync_triggers.py) would silently stop sending its edits: put them back on open."""
        if sync_triggers.is_team_copy(self.db) and sync_triggers.installed(self.db) != set(sync_triggers.TRIGGERS):
            with self.db.atomic():  # as a migration: before the session's first edit
                sync_triggers.install(self.db)

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
    def snapshot(self) -> Iterator["Project"]:
        """Every read inside sees one state of the file, whatever other windows or programs commit
        meanwhile (in autocommit each query sees the latest commit: an export that read the codebook,
        then the codings, met a coding of a code made in between and failed with a KeyError, or wrote a
        file no tool could read). Inside a transaction it is that transaction's view already."""
        if self.db.conn.in_transaction:
            yield self
            return
        try:
            self.db.execute("BEGIN DEFERRED")
        except sqlite3.Error as exc:
            raise files.problem(self.path, exc) from None
        try:
            yield self
        finally:
            if self.db.conn.in_transaction:
                try:
                    self.db.execute("COMMIT" if not self.readonly else "ROLLBACK")
                except sqlite3.Error:
                    pass

    @contextmanager
    def transaction(self) -> Iterator["Project"]:
        """One atomic unit of work; nested calls become savepoints.

        Every commit also rewrites the project's identity on page 1 (see store/files.py), and errors of
        the disk or the file (full, read-only, busy, damaged) become one-line ``ProjectError``s.
        """
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
        except sqlite3.Error as exc:
            raise files.problem(self.path, exc) from None
        try:
            yield self
            self._set_identity(self.identity())
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.conn.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if files.is_environment_error(exc):
                raise files.problem(self.path, exc) from None
            raise
        if self._renew_pending:
            self._renew_identity()
