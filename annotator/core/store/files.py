"""The project file on disk: recognising it, connecting to it, and the journal mode.

Kept apart from the schema and the queries because this is where a file that is not ours, or not whole,
must be stopped before SQLite touches it (SQLite would happily journal, or even rewrite, a stranger).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError


def check_header(path: Path) -> None:
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
    wal = wal_path(path)
    pending_wal = wal.exists() and wal.stat().st_size > 0
    if pages and header[24:28] == header[92:96] and not pending_wal and size < page_size * pages:
        raise ProjectError(f"{path}: the project file is truncated ({size} bytes of {page_size * pages})")


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            # as_uri() escapes '?', '#' and '%' in file names, which would otherwise cut the URI short.
            uri = path.resolve().as_uri() + "?mode=ro"
            if not os.access(path.parent, os.W_OK) and not wal_path(path).exists():
                # A read-only folder cannot hold the WAL index SQLite needs; with no WAL pending,
                # nobody can change the file, so read it as immutable.
                uri += "&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot be opened ({exc})") from None
    return conn


def memory_connection() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)


def database(conn: sqlite3.Connection, *, wal: bool = True) -> sqlite_utils.Database:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    db = sqlite_utils.Database(conn)
    if wal:
        enable_wal(db)
    return db


def enable_wal(db: sqlite_utils.Database) -> None:
    """Switch to WAL; only once the file is known to be ours, since switching rewrites its header."""
    conn = db.conn
    try:
        if db.journal_mode != "wal" and not is_memory(conn):
            db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError:
        # A read-only connection cannot switch journal mode; a damaged file is reported by the caller.
        pass


def is_memory(conn: sqlite3.Connection) -> bool:
    row = conn.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]


def quick_check(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA quick_check").fetchone()[0]
