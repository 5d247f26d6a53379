"""Read-only projects: a file on a CD or network share, a colleague's folder without write permission.

Each must give one clear line, never a traceback and never a change to the file. Root ignores file
modes, so when the suite runs as root each check runs in a child process that, once Annotator is
imported (the interpreter may live in root's home), drops to the user 'nobody'.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import child, fingerprint, small_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

PROBE = r"""
import os, sys
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project

action, path = sys.argv[1], sys.argv[2]
if os.geteuid() == 0:
    Project.memory().close()  # load everything imported lazily while root can still read it
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
try:
    if action == "open":
        Project.open(path).close()
    elif action == "open-readonly":
        with Project.open(path, readonly=True) as project:
            print("DOCUMENTS", len(project.documents()))
            try:
                project.add_code("Should/Fail")
            except AnnotatorError as exc:
                print("WRITE-REFUSED", exc)
    elif action == "create":
        Project.create(path).close()
    print("OK")
except AnnotatorError as exc:
    print("ERROR", exc)
"""


@pytest.fixture
def world_dir() -> Iterator[Path]:
    """A folder outside pytest's private tmp (which 'nobody' cannot enter)."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-ro-"))
    folder.chmod(0o755)
    yield folder
    for root, dirs, _ in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    folder.chmod(0o755)
    shutil.rmtree(folder)


def probe(action: str, path: Path) -> str:
    proc = child(PROBE, action, path)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    return out.strip()


def test_read_only_file_is_refused_clearly_and_untouched(world_dir: Path) -> None:
    """Protects a read-only project file: a clear message (not 'attempt to write a readonly database'
    on the first edit), and the file unchanged."""
    folder = world_dir / "writable"
    folder.mkdir()
    path = small_project(folder / "locked.annotator")
    folder.chmod(0o777)
    path.chmod(0o444)
    before = fingerprint(path)
    out = probe("open", path)
    assert out.startswith("ERROR") and "read-only" in out and str(path) in out
    assert len(out.splitlines()) == 1
    assert fingerprint(path) == before


def test_read_only_file_can_be_opened_read_only(world_dir: Path) -> None:
    """Protects reading (and exporting) a project one may not change; edits are refused clearly."""
    folder = world_dir / "writable"
    folder.mkdir()
    path = small_project(folder / "locked.annotator")
    folder.chmod(0o777)
    path.chmod(0o444)
    before = fingerprint(path)
    out = probe("open-readonly", path)
    assert "DOCUMENTS 3" in out and "WRITE-REFUSED" in out and "read-only" in out
    assert out.endswith("OK")
    assert fingerprint(path) == before


def test_read_only_folder_is_refused_clearly_and_untouched(world_dir: Path) -> None:
    """Protects a project in a folder one cannot write (SQLite needs it for the WAL): a clear message."""
    folder = world_dir / "locked-folder"
    folder.mkdir()
    path = small_project(folder / "project.annotator")
    path.chmod(0o666)
    folder.chmod(0o555)
    before = fingerprint(path)
    out = probe("open", path)
    assert out.startswith("ERROR") and "read-only" in out and str(path) in out
    assert fingerprint(path) == before
    assert sorted(os.listdir(folder)) == ["project.annotator"]


def test_read_only_folder_project_opens_read_only(world_dir: Path) -> None:
    """Protects read-only access to a project in a read-only folder (no room for SQLite's WAL index)."""
    folder = world_dir / "locked-folder"
    folder.mkdir()
    path = small_project(folder / "project.annotator")
    folder.chmod(0o555)
    before = fingerprint(path)
    out = probe("open-readonly", path)
    assert "DOCUMENTS 3" in out and "WRITE-REFUSED" in out and out.endswith("OK")
    assert fingerprint(path) == before


def test_create_in_read_only_folder_is_refused(world_dir: Path) -> None:
    """Protects against a half-created project in a folder one cannot write."""
    folder = world_dir / "locked-folder"
    folder.mkdir()
    folder.chmod(0o555)
    out = probe("create", folder / "new.annotator")
    assert out.startswith("ERROR") and "read-only" in out
    assert os.listdir(folder) == []


@pytest.mark.parametrize("name", ["a#b.annotator", "what?.annotator", "100%.annotator", "新闻 项目.annotator"])
def test_read_only_open_of_awkward_file_names(tmp_path: Path, name: str) -> None:
    """Protects read-only opening of files whose names contain URI characters: '#' or '?' once cut the
    path short, so SQLite opened (and created) a different file."""
    from annotator.core.store import Project

    path = small_project(tmp_path / name)
    with Project.open(path, readonly=True) as project:
        assert len(project.documents()) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]
