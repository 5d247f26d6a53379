"""A full disk: one clear line naming the file, nothing changed, no stray files, and never "damaged" for a
sound project (issue 16: a traceback on import, an OSError and a stray .tmp on export, "damaged or not an
Annotator project" on open, which makes people delete a sound file).

The real thing runs on a small tmpfs mounted for the test (root only; skipped elsewhere). The same paths
are also driven by fault injection, which needs no privileges: SQLite's ``max_page_count`` makes the
database "full" exactly as ENOSPC does, and ``os.fsync`` raising ENOSPC stands for the output side.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import fingerprint, integrity, small_project

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.core.model import DocumentInput
from annotator.core.store import Project


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def corpus(path: Path, rows: int, size: int = 4000) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "text"])
        for i in range(rows):
            writer.writerow([f"a{i}", f"{i} " + uuid.uuid4().hex * (size // 32)])
    return path


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MB tmpfs: room for a small project, not for a corpus."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root (the fault-injection tests below cover the same paths)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path) -> None:
    """Take every free byte of the disk."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_import_on_a_full_disk(small_disk, tmp_path, capsys):
    project = small_project(small_disk / "study.annotator")
    big = corpus(tmp_path / "corpus.csv", rows=1500)  # ~6 MB of text: more than the disk holds
    before = fingerprint(project)
    code, _out, err = run(capsys, "import", project, big)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "disk is full" in err and str(project) in err and "damaged" not in err
    assert fingerprint(project) == before or integrity(project) == "ok"
    with Project.open(project, readonly=True) as p:
        assert p.document_count() == 3
    assert sorted(n for n in os.listdir(small_disk) if not n.endswith(("-wal", "-shm"))) == ["study.annotator"]


def test_export_on_a_full_disk(small_disk, tmp_path, capsys):
    source = small_project(tmp_path / "study.annotator", n_documents=40)
    target = small_disk / "study.qdpx"
    target.write_bytes(b"the previous export")
    fill(small_disk)
    code, _out, err = run(capsys, "export", source, "--qdpx", target)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "No space left on device" in err and str(target) in err
    assert target.read_bytes() == b"the previous export"
    assert sorted(os.listdir(small_disk)) == ["filler", "study.qdpx"]


def test_a_sound_project_on_a_full_disk_is_not_called_damaged(small_disk, capsys):
    project = small_project(small_disk / "study.annotator")
    fill(small_disk)
    code, out, err = run(capsys, "info", project)
    assert "damaged" not in err + out
    assert code == 0 or ("disk is full" in err and err.count("\n") == 1), err
    code, _out, err = run(capsys, "code", project, "--document", "doc0", "--coder", "kim", "--code",
                          "Economic/Costs", "--start", "0", "--end", "5")
    assert "damaged" not in err and "Traceback" not in err
    assert code == 0 or ("disk is full" in err and err.count("\n") == 1), err
    (small_disk / "filler").unlink()
    assert integrity(project) == "ok"


def test_store_full_mid_import_is_one_line_and_changes_nothing(tmp_path):
    """Fault injection: SQLite reports SQLITE_FULL as on a full disk."""
    path = small_project(tmp_path / "study.annotator")
    project = Project.open(path)
    try:
        pages = project.db.execute("PRAGMA page_count").fetchone()[0]
        project.db.execute(f"PRAGMA max_page_count = {pages + 3}")
        with pytest.raises(ProjectError) as info:
            project.add_documents(DocumentInput(text=f"{i} " + "x" * 5000, name=f"big{i}") for i in range(200))
        message = str(info.value)
        assert "disk is full" in message and str(path) in message and "\n" not in message
        assert "damaged" not in message
        assert project.document_count() == 3
    finally:
        project.close()
    assert integrity(path) == "ok"
