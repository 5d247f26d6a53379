"""Files that are not (or no longer) projects Annotator can open: each is refused with one clear line,
and the file's bytes are left exactly as they were."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from conftest import fingerprint, small_project

from annotator.core.errors import ProjectError
from annotator.core.store import Project


def refuse(path: Path, *expected: str) -> str:
    """Open ``path``, expect a one-line ProjectError naming it, and check the bytes did not change."""
    before = fingerprint(path) if path.is_file() else None
    with pytest.raises(ProjectError) as info:
        Project.open(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    for word in expected:
        assert word in message.lower()
    if before is not None:
        assert fingerprint(path) == before
    return message


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    """Protects a project saved by a newer Annotator from being opened (and damaged) by an older one."""
    path = small_project(tmp_path / "newer.annotator")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    refuse(path, "newer", "999")


def test_newer_schema_in_rollback_journal_mode_is_refused_untouched(tmp_path: Path) -> None:
    """Protects a newer-version file in a different journal mode: refusing must not switch it to WAL."""
    path = small_project(tmp_path / "newer-delete.annotator")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    refuse(path, "newer")


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    """Protects another program's SQLite database picked by mistake: refused, not converted or migrated."""
    path = tmp_path / "other-app.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()
    refuse(path, "not an annotator project")


@pytest.mark.parametrize("keep", [0.5, 0.1, 50 / 4096])
def test_truncated_file_is_refused_untouched(tmp_path: Path, keep: float) -> None:
    """Protects against a half-copied project (a full USB stick, an interrupted download)."""
    path = small_project(tmp_path / "truncated.annotator", n_documents=30)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    refuse(path, "truncated")


@pytest.mark.parametrize("content", [
    b"",
    b"Headline\nThis is a plain text article, not a project.\n",
    bytes(range(256)) * 40,
    b"PK\x03\x04" + b"\x00" * 500,  # a .docx / .qdpx picked by mistake
    b"SQLite format 2\x00" + b"\x00" * 200,
], ids=["empty", "text", "binary", "zip", "old-sqlite"])
def test_non_sqlite_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    """Protects a file that is not a project at all: a clear refusal, never SQLite writing into it."""
    path = tmp_path / "article.annotator"
    path.write_bytes(content)
    refuse(path, "not an annotator project")
    assert not Path(f"{path}-wal").exists()


def test_folder_is_refused(tmp_path: Path) -> None:
    """Protects against choosing a folder as a project file."""
    folder = tmp_path / "folder.annotator"
    folder.mkdir()
    refuse(folder, "folder")


def test_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    """Protects against open() silently creating an empty project where the user expected theirs."""
    path = tmp_path / "gone.annotator"
    refuse(path, "no such")
    assert not path.exists()


def test_damaged_page_is_refused_untouched(tmp_path: Path) -> None:
    """Protects against a bit-rotted file being opened and written to as if it were sound."""
    path = small_project(tmp_path / "damaged.annotator", n_documents=60)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(2 * page, len(data), page):  # scribble over every page but the first
        data[offset:offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    message = refuse(path)
    assert "damaged" in message.lower() or "not an annotator project" in message.lower()


def test_existing_file_is_not_overwritten_by_create(tmp_path: Path) -> None:
    """Protects an existing file from Project.create picking its name."""
    path = tmp_path / "taken.annotator"
    path.write_bytes(b"precious")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)
    assert path.read_bytes() == b"precious"


def test_open_leaves_no_stray_files_on_refusal(tmp_path: Path) -> None:
    """Protects the user's folder from -wal/-shm litter after a refused open."""
    path = tmp_path / "notes.annotator"
    path.write_bytes(b"just some notes\n")
    refuse(path)
    assert sorted(os.listdir(tmp_path)) == ["notes.annotator"]
