"""A write-ahead log that belongs to another file is never applied (issue 16).

SQLite applies any well-formed ``-wal`` beside a database. These tests leave real logs behind the way a
crash does (a child process that exits without closing) and then put them where they do not belong:
beside another project, or beside a backup of the same project restored over it.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from conftest import child, fingerprint, integrity, small_project

from annotator.core.errors import ProjectError, ProjectWarning
from annotator.core.store import Project

# Opens a project, commits documents named after argv[2], and exits without closing: the log stays. (The
# first commit of a session is checkpointed with the renewed identity; the second stays in the log.)
CRASH_AFTER_COMMIT = r"""
import os, sys
from annotator.core.model import DocumentInput
from annotator.core.store import Project

project = Project.open(sys.argv[1])
project.add_code(f"{sys.argv[2]} code")
project.add_documents([DocumentInput(text=f"{sys.argv[2]} article {i}. " * 40, name=f"{sys.argv[2]}-{i}")
                       for i in range(20)])
print("committed", flush=True)
os._exit(0)
"""


def crash_with_log(path: Path, label: str) -> None:
    proc = child(CRASH_AFTER_COMMIT, path, label)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "committed" in out, err
    assert Path(f"{path}-wal").stat().st_size > 0


def names(path: Path) -> set[str]:
    with Project.open(path, readonly=True) as project:
        return {d.name for d in project.documents()}


def test_another_projects_log_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = small_project(tmp_path / "a" / "study.annotator")
    b = small_project(tmp_path / "b" / "study.annotator")
    crash_with_log(b, "bee")
    shutil.copyfile(f"{b}-wal", f"{a}-wal")
    before, log_before = fingerprint(a), fingerprint(Path(f"{a}-wal"))
    with pytest.raises(ProjectError) as info:
        Project.open(a)
    message = str(info.value)
    assert "\n" not in message and f"{a}-wal" in message
    assert "does not belong" in message and "move study.annotator-wal" in message
    assert fingerprint(a) == before and fingerprint(Path(f"{a}-wal")) == log_before
    # Read-only, the project opens as it is on disk, without the log, and says so.
    with pytest.warns(ProjectWarning, match="does not belong"):
        with Project.open(a, readonly=True) as project:
            assert {d.name for d in project.documents()} == {"doc0", "doc1", "doc2"}
    assert fingerprint(a) == before
    # Once the user moves the stranger away, A opens unchanged and B's documents never reached it.
    Path(f"{a}-wal").unlink()
    Path(f"{a}-shm").unlink(missing_ok=True)
    assert names(a) == {"doc0", "doc1", "doc2"}
    assert integrity(a) == "ok"


def test_stale_log_of_the_same_project_is_refused_after_a_restore(tmp_path: Path) -> None:
    """The backup case: a copy of the closed project is restored over it while a crashed session's log
    (written against the file as it was after that backup) still lies beside it."""
    path = small_project(tmp_path / "study.annotator")
    backup = tmp_path / "backup.annotator"
    shutil.copyfile(path, backup)
    crash_with_log(path, "later")
    shutil.copyfile(backup, path)  # restore; the crashed session's log stays
    with pytest.raises(ProjectError, match="does not belong"):
        Project.open(path)
    assert fingerprint(path) == fingerprint(backup)


def test_own_log_after_a_crash_is_applied(tmp_path: Path) -> None:
    path = small_project(tmp_path / "study.annotator")
    crash_with_log(path, "kept")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert {f"kept-{i}" for i in range(20)} <= names(path)
    with Project.open(path) as project:
        assert project.document_count() == 23
    assert integrity(path) == "ok"


def test_log_left_by_a_crash_right_after_create_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "fresh.annotator"
    proc = child("import os, sys\nfrom annotator.core.store import Project\n"
                 "p = Project.create(sys.argv[1]); p.add_code('Frame'); os._exit(0)", path)
    proc.communicate(timeout=60)
    with Project.open(path) as project:
        assert [c.path for c in project.codes()] == ["Frame"]


def test_foreign_shared_memory_file_is_harmless(tmp_path: Path) -> None:
    a = tmp_path / "a.annotator"
    small_project(a)
    Path(f"{a}-shm").write_bytes(bytes(range(256)) * 128)
    with Project.open(a) as project:
        assert project.document_count() == 3
    assert integrity(a) == "ok"


def test_each_commit_carries_the_identity_and_renewal_is_alone_on_page_one(tmp_path: Path) -> None:
    """The mechanism itself: a writable open renews the identity; the log's page-1 images carry it."""
    from annotator.core.store import files

    path = small_project(tmp_path / "p.annotator")
    first = files.read_header(path).identity
    assert first != 0
    project = Project.open(path)
    try:
        assert project.identity() == first  # opening alone changes nothing
        project.add_code("Another")
        renewed = project.identity()
        assert renewed not in (0, first)  # renewed after the first commit, and checkpointed at once
        assert files.read_header(path).identity == renewed
        project.add_code("Yet another")
        finding = files.inspect_wal(path, files.read_header(path))
        assert finding.state == "ours" and finding.commits == 1
    finally:
        project.close()
    assert files.read_header(path).identity == renewed
