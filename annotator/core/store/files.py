"""The project file on disk: recognising it, vouching for its write-ahead log, connecting to it.

Kept apart from the schema and the queries because this is where a file that is not ours, or not whole,
must be stopped before SQLite touches it (SQLite would happily journal, or even rewrite, a stranger).

**Identity.** SQLite applies any well-formed ``-wal`` file it finds beside a database, even one written
for another database: a backup restored into a folder that still holds an old ``-wal``, or project B's
``-wal`` renamed beside A, rewrites A with B's pages. A project therefore carries an identity, a random
32-bit number in the header's ``user_version`` field, and every commit rewrites it (``Project.transaction``
touches it), so each committed transaction in a WAL carries an image of page 1 with the identity of the
project it was written for. Before opening, ``inspect_wal`` reads the log's frames (the WAL format is
documented in sqlite.org/fileformat.html) and refuses a log whose page-1 images name another identity.
Each writable open of an otherwise unused project draws a new identity and checkpoints it at once
(``Project.open``), so a stale log of the *same* project left from before a restore does not match
either. A commit that only rewrites page 1 is such a renewal; the identity may change only there.

**Liveness.** A log in use by another process is that process's business (it vouched for it when it
opened the project). SQLite's Unix VFS holds a read lock on byte 128 of the ``-shm`` file for as long
as a connection is open; ``in_use_elsewhere`` asks the kernel about it (``F_GETLK`` changes no lock).
Connections of this process are counted in a registry instead: POSIX drops every lock a process holds
on a file when *any* descriptor of it is closed, so we never open the files of a project this process
already has open.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums over little- / big-endian 32-bit words
WAL_HEADER = 32
FRAME_HEADER = 24
IDENTITY_OFFSET = 60  # the header's user_version: the project's identity
APPLICATION_ID_OFFSET = 68
SHM_DEADMAN_BYTE = 128  # UNIX_SHM_DMS in SQLite's os_unix.c: every open connection read-locks it

# Primary result codes (sqlite3.h); extended codes carry them in the low byte.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
LOW_SPACE_BYTES = 4 * 2**20


# ---- the header ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    """The fields of a database header we rely on (sqlite.org/fileformat.html, section 1.3)."""

    page_size: int
    pages: int
    current: bool  # the page count is current (offset 92 matches the change counter)
    identity: int
    application_id: int


def read_header(path: Path) -> Header:
    """Refuse a file that is not SQLite, or not whole, before SQLite touches it (it would journal it)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(100)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot be read ({exc.strerror})") from None
    if not raw.startswith(SQLITE_MAGIC):
        raise ProjectError(f"{path}: not an Annotator project (not an SQLite database)")
    if len(raw) < 100:
        raise ProjectError(f"{path}: the project file is truncated")
    page_size = int.from_bytes(raw[16:18], "big")
    header = Header(page_size=65536 if page_size == 1 else page_size,
                    pages=int.from_bytes(raw[28:32], "big"), current=raw[24:28] == raw[92:96],
                    identity=int.from_bytes(raw[IDENTITY_OFFSET:IDENTITY_OFFSET + 4], "big", signed=True),
                    application_id=int.from_bytes(raw[APPLICATION_ID_OFFSET:APPLICATION_ID_OFFSET + 4], "big"))
    size = path.stat().st_size
    # The page count is only trusted when current, and not while a WAL is pending: a crash
    # mid-checkpoint leaves page 1 updated before the file has grown, and SQLite recovers such a file
    # in full from the WAL.
    wal = wal_path(path)
    pending_wal = wal.exists() and wal.stat().st_size > 0
    if header.pages and header.current and not pending_wal and size < header.page_size * header.pages:
        raise ProjectError(f"{path}: the project file is truncated ({size} bytes of "
                           f"{header.page_size * header.pages})")
    return header


def check_header(path: Path) -> None:
    read_header(path)


def is_project_file(path: Path) -> bool:
    """Whether ``path`` is an existing SQLite file marked as an Annotator project (never overwritten)."""
    from annotator.core.store.schema import APPLICATION_ID

    try:
        with open(path, "rb") as handle:
            raw = handle.read(100)
    except OSError:
        return False
    return raw.startswith(SQLITE_MAGIC) and len(raw) == 100 and \
        int.from_bytes(raw[APPLICATION_ID_OFFSET:APPLICATION_ID_OFFSET + 4], "big") == APPLICATION_ID


def new_identity() -> int:
    """A random, non-zero identity (a signed 32-bit value, as user_version is)."""
    return secrets.randbelow(2**31 - 1) + 1


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def wal_pending(path: Path) -> bool:
    """Whether a write-ahead log with content lies beside ``path``."""
    try:
        return wal_path(path).stat().st_size > 0
    except OSError:
        return False


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def real_path(path: Path) -> Path:
    """The file a (chain of) symbolic link(s) leads to: SQLite resolves links and keeps the ``-wal`` and
    ``-shm`` beside the real file, so every look at those companions must look there too (a foreign log
    beside the real file was applied when the project was opened through a link)."""
    return Path(os.path.realpath(path))


def check_links(path: Path, *, readonly: bool) -> None:
    """Refuse to write a project that has several names (hard links).

    SQLite keeps one write-ahead log per *name*: two programs writing through two names of one file
    each keep their own log and index, and the later checkpoint silently overwrites what the other
    committed (an import through a hard link printed "3 imported" and the articles were gone). Reading
    through either name is safe.
    """
    if readonly:
        return
    try:
        links = path.stat().st_nlink
    except OSError:
        return
    if links > 1:
        raise ProjectError(
            f"{path}: the project file has {links} names (hard links), and SQLite cannot keep two programs "
            "writing through different names apart; make it a file of its own (copy it to a new name, "
            "delete the old names, rename the copy back), or open it read-only")


def project_files(path: Path) -> list[Path]:
    """The project file and the companions SQLite keeps beside it."""
    return [path, wal_path(path), shm_path(path), journal_path(path)]


# ---- who has the project open --------------------------------------------------------------------

_registry_lock = threading.RLock()
_open_here: dict[tuple[int, int], int] = {}


def file_key(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


@contextmanager
def opening(path: Path) -> Iterator[bool]:
    """Serialise opens in this process; yields whether this process already has ``path`` open."""
    with _registry_lock:
        yield path.exists() and _open_here.get(file_key(path), 0) > 0


def register(key: tuple[int, int]) -> None:
    with _registry_lock:
        _open_here[key] = _open_here.get(key, 0) + 1


def unregister(key: tuple[int, int]) -> None:
    with _registry_lock:
        left = _open_here.get(key, 0) - 1
        if left > 0:
            _open_here[key] = left
        else:
            _open_here.pop(key, None)


def in_use_elsewhere(path: Path) -> bool | None:
    """Whether another process has the project open (None where the platform cannot tell).

    Only call this when no connection of this process has the project open (see the module docstring).
    """
    shm = shm_path(path)
    if not shm.exists():
        return False
    try:
        import fcntl
    except ImportError:  # Windows: SQLite locks there with LockFileEx, which we cannot ask about.
        return None
    if sys.platform.startswith("linux"):
        layout, pack = "hhqqi4x", lambda kind: (kind, os.SEEK_SET, SHM_DEADMAN_BYTE, 1, 0)
    elif sys.platform == "darwin" or "bsd" in sys.platform:
        layout, pack = "qqihh", lambda kind: (SHM_DEADMAN_BYTE, 1, 0, kind, os.SEEK_SET)
    else:
        return None
    try:
        fd = os.open(shm, os.O_RDONLY)
    except OSError:
        return None
    try:
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(layout, *pack(fcntl.F_WRLCK)))
    except OSError:
        return None
    finally:
        os.close(fd)
    fields = struct.unpack(layout, answer)
    kind = fields[0] if layout.startswith("hh") else fields[3]
    return kind != fcntl.F_UNLCK


# ---- the write-ahead log -------------------------------------------------------------------------

@dataclass(frozen=True)
class WalFinding:
    """What ``inspect_wal`` found beside a project.

    ``state``: 'none' (no log, or nothing committed in it), 'ours' (committed transactions of this
    project: an unclean shutdown left them), 'foreign' (written for another database: never apply it).
    """

    state: str
    commits: int = 0
    reason: str = ""


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


def inspect_wal(path: Path, header: Header) -> WalFinding:
    """Read the committed transactions of ``path``'s ``-wal`` and decide whether it belongs to ``path``.

    Frames are taken as SQLite's recovery takes them: in order, while their salts match the log header,
    up to the last commit frame. Checksums are verified for the frames whose content we judge (page-1
    images and commit frames), each from the running checksum its predecessor records.
    """
    wal = wal_path(path)
    try:
        size = wal.stat().st_size
    except OSError:
        return WalFinding("none")
    if size < WAL_HEADER + FRAME_HEADER:
        return WalFinding("none")
    try:
        with open(wal, "rb") as handle:
            head = handle.read(WAL_HEADER)
            magic, version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", head)
            if magic not in WAL_MAGIC or version != 3007000:
                return WalFinding("none")  # SQLite ignores (and later overwrites) such a file
            big = magic == WAL_MAGIC[1]
            if _checksum(head[:24], big) != (c1, c2):
                return WalFinding("none")
            if page_size != header.page_size:
                return WalFinding("foreign", reason=f"its pages are {page_size} bytes, the project's "
                                  f"{header.page_size}")
            return _judge_frames(handle, size, page_size, big, (salt1, salt2), (c1, c2), header)
    except OSError as exc:
        raise ProjectError(f"{wal}: cannot be read ({exc.strerror}); the project was not opened") from None


def _judge_frames(handle, size: int, page_size: int, big: bool, salts: tuple[int, int],  # type: ignore[no-untyped-def]
                  checksum: tuple[int, int], header: Header) -> WalFinding:
    from annotator.core.store.schema import APPLICATION_ID

    frame = FRAME_HEADER + page_size
    current = header.identity
    commits = 0
    group_pages: set[int] = set()
    group_page1: bytes | None = None
    previous = checksum
    offset = WAL_HEADER
    while offset + frame <= size:
        handle.seek(offset)
        frame_head = handle.read(FRAME_HEADER)
        page_no, commit_size, f1, f2, k1, k2 = struct.unpack(">6I", frame_head)
        if (f1, f2) != salts or page_no == 0:
            break
        data = None
        if page_no == 1 or commit_size:
            data = handle.read(page_size)
            if _checksum(frame_head[:8] + data, big, *previous) != (k1, k2):
                break
        group_pages.add(page_no)
        if page_no == 1:
            group_page1 = data
        previous = (k1, k2)
        offset += frame
        if not commit_size:
            continue
        commits += 1
        if group_page1 is not None:
            identity = int.from_bytes(group_page1[IDENTITY_OFFSET:IDENTITY_OFFSET + 4], "big", signed=True)
            app = int.from_bytes(group_page1[APPLICATION_ID_OFFSET:APPLICATION_ID_OFFSET + 4], "big")
            if app not in (APPLICATION_ID, 0) or (app == 0 and header.application_id == APPLICATION_ID):
                return WalFinding("foreign", commits, "it was written for a database that is not an "
                                  "Annotator project")
            if group_pages == {1} and identity != 0:
                current = identity  # a renewal of the identity
            elif identity != current:
                return WalFinding("foreign", commits, "it was written for another project, or for another "
                                  "copy of this one")
        group_pages, group_page1 = set(), None
    return WalFinding("ours" if commits else "none", commits)


def foreign_wal_message(path: Path, finding: WalFinding) -> str:
    wal = wal_path(path)
    return (f"{wal}: this write-ahead log does not belong to {path.name} ({finding.reason}), so it was not "
            f"applied and the project is unchanged; move {wal.name} (and {shm_path(path).name}) out of the "
            "folder, then open the project again")


# ---- connecting ----------------------------------------------------------------------------------

def connect(path: Path, *, readonly: bool, ignore_wal: bool = False) -> sqlite3.Connection:
    """A connection to ``path``; ``ignore_wal`` reads the main file alone (read-only), as it is on disk."""
    try:
        if readonly:
            # as_uri() escapes '?', '#' and '%' in file names, which would otherwise cut the URI short.
            uri = path.resolve().as_uri() + "?mode=ro"
            if ignore_wal or (not os.access(path.parent, os.W_OK) and not wal_path(path).exists()):
                # A read-only folder cannot hold the WAL index SQLite needs; with no WAL pending,
                # nobody can change the file, so read it as immutable (which also ignores any WAL).
                uri += "&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    except sqlite3.Error as exc:
        raise problem(path, exc, "cannot be opened") from None
    return conn


def memory_connection() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)


def database(conn: sqlite3.Connection, *, wal: bool = True) -> sqlite_utils.Database:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    # No sqlite-utils plugins: loading them scans every installed package's metadata (40 ms per process).
    db = sqlite_utils.Database(conn, execute_plugins=False)
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
    except sqlite3.DatabaseError as exc:
        if error_code(exc) in (SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN):
            raise
        # A read-only connection cannot switch journal mode; a damaged file is reported by the caller.


def is_memory(conn: sqlite3.Connection) -> bool:
    row = conn.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]


def quick_check(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA quick_check").fetchone()[0]


# ---- saying what went wrong ----------------------------------------------------------------------

def error_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


DISK_ERRORS = (SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY)
ENVIRONMENT_ERRORS = (SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_IOERR,
                      SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB)


def is_environment_error(exc: BaseException) -> bool:
    """An error of the disk, the file or the machine (not of our SQL or of the data being stored)."""
    return isinstance(exc, sqlite3.Error) and error_code(exc) in ENVIRONMENT_ERRORS


def problem(path: Path | None, exc: sqlite3.Error, doing: str = "") -> ProjectError:
    """One line saying what happened to ``path`` in words a researcher can act on.

    A full disk, a permission problem or a busy file is never reported as damage: people delete
    files they are told are damaged.
    """
    code = error_code(exc)
    where = f"{path}: " if path is not None else ""
    folder = path.parent if path is not None else Path(".")
    if code == SQLITE_FULL or (code in (SQLITE_IOERR, SQLITE_CANTOPEN) and disk_nearly_full(folder)):
        return ProjectError(f"{where}the disk is full ({exc}); nothing was changed: free some space and "
                            "try again")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return ProjectError(f"{where}the project file is damaged ({exc}); run `annotator check` on it and "
                            "restore a backup if it confirms")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return ProjectError(f"{where}the project is busy in another window or program ({exc}); try again")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return ProjectError(f"{where}cannot be written ({exc}): the file, its folder or the disk is "
                            "read-only; nothing was changed")
    if code == SQLITE_CANTOPEN:
        return ProjectError(f"{where}cannot be opened ({exc}): check that the folder exists and that "
                            "you may write there")
    if code == SQLITE_IOERR:
        return ProjectError(f"{where}a disk read or write failed ({exc}); nothing was changed: check the "
                            "disk (or network drive) and try again")
    if code == SQLITE_NOMEM:
        return ProjectError(f"{where}out of memory ({exc}); nothing was changed")
    return ProjectError(f"{where}{doing + ' ' if doing else ''}({exc})")
