"""Crash safety: a process killed outright (SIGKILL: power cut, OOM killer, force quit) in the middle of
work leaves a project that opens, passes ``PRAGMA integrity_check`` and holds every edit that was
reported committed before the kill. Children print an edit only after the call returned, i.e. after
COMMIT, so a printed edit that is missing afterwards is a lost commit."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from conftest import child, integrity

from annotator.core.model import DocumentInput
from annotator.core.store import Project

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

BATCH = 40

BULK_IMPORT = r"""
import sys
from annotator.core.model import DocumentInput
from annotator.core.store import Project

project = Project.open(sys.argv[1])
batch = int(sys.argv[2])
body = "经济增长放缓，政府宣布新的刺激政策，专家认为效果仍待观察。" * 60
for b in range(1_000_000):
    project.add_documents(
        [DocumentInput(text=f"batch {b} article {i}\n" + body, name=f"b{b}-a{i}", language="zh")
         for i in range(batch)])
    print(b, flush=True)
"""

CODING_SESSION = r"""
import sys
from annotator.core.store import Project

project = Project.open(sys.argv[1])
coder = project.ensure_coder("night shift").id
codes = [c.id for c in project.codes()]
for i in range(1_000_000):
    start = (i * 7) % 900
    seg = project.add_segment(1, coder, codes[i % len(codes)], start, start + 1 + i % 40, f"memo {i}")
    if i % 5 == 4:
        project.update_segment(seg.id, memo=f"edited {i}")
        print("edit", seg.id, f"edited {i}", flush=True)
    else:
        print("add", seg.id, f"memo {i}", flush=True)
"""


def run_and_kill(code: str, args: list[object], lines_before_kill: int, seed: int) -> list[str]:
    """Start a child, let it report ``lines_before_kill`` commits, SIGKILL it at a random moment after,
    and return every line it reported (including those flushed just before the kill)."""
    proc = child(code, *map(str, args))
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        while len(lines) < lines_before_kill:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"child died early: {proc.stderr.read() if proc.stderr else ''}")
            lines.append(line.strip())
        time.sleep(random.Random(seed).uniform(0, 0.02))  # land anywhere inside the next transaction
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # Only whole lines count: the kill can cut the child's last report in half (its edit committed, the
    # line about it not fully written), and a half line proves nothing.
    complete = proc.stdout.read().split("\n")[:-1]
    lines.extend(line.strip() for line in complete if line.strip())
    assert proc.returncode == -signal.SIGKILL
    return lines


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_bulk_import(tmp_path: Path, seed: int) -> None:
    """Protects against losing or half-storing an import when the app is killed mid-import."""
    path = tmp_path / "import.annotator"
    Project.create(path).close()
    reported = run_and_kill(BULK_IMPORT, [path, BATCH], lines_before_kill=5 + 3 * seed, seed=seed)
    assert integrity(path) == "ok"
    with Project.open(path) as project:
        names = {d.name for d in project.documents()}
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    batches = [int(line) for line in reported]
    for b in batches:
        assert {f"b{b}-a{i}" for i in range(BATCH)} <= names, f"committed batch {b} lost"
    # Each batch is one transaction: never a partial batch, at most one batch past the last reported.
    assert len(names) % BATCH == 0
    assert len(names) // BATCH in (len(batches), len(batches) + 1)


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_during_coding_session(tmp_path: Path, seed: int) -> None:
    """Protects every coding a coder made before a crash: each reported add/edit survives."""
    path = tmp_path / "session.annotator"
    with Project.create(path) as project:
        project.add_documents([DocumentInput(text="一段很长的新闻报道文字。" * 100, name="article")])
        for name in ("Conflict/Blame", "Economic/Costs", "Morality/Values"):
            project.add_code(name)
    reported = run_and_kill(CODING_SESSION, [path], lines_before_kill=150 * seed, seed=seed)
    assert integrity(path) == "ok"
    with Project.open(path) as project:
        memos = {s.id: s.memo for s in project.segments()}
        status = project.assignment_status(1, project.coder("night shift").id)
    expected: dict[int, str] = {}
    for line in reported:
        _, seg_id, memo = line.split(" ", 2)
        expected[int(seg_id)] = memo
    for seg_id, memo in expected.items():
        assert seg_id in memos, f"committed segment {seg_id} lost"
        assert memos[seg_id] == memo or memos[seg_id].startswith("edited"), f"edit of {seg_id} lost"
    assert len(memos) - len(expected) <= 1  # at most the one add in flight when the kill came
    assert status == "in_progress"


def test_kill_leaves_project_usable_for_more_work(tmp_path: Path) -> None:
    """Protects the morning after a crash: the project not only opens but takes new edits and closes clean."""
    path = tmp_path / "after.annotator"
    Project.create(path).close()
    run_and_kill(BULK_IMPORT, [path, BATCH], lines_before_kill=3, seed=9)
    with Project.open(path) as project:
        before = len(project.documents())
        project.add_documents([DocumentInput(text="A fresh article after the crash.", name="fresh")])
        assert len(project.documents()) == before + 1
    assert integrity(path) == "ok"


UNCHECKPOINTED = r"""
import os, signal, sys
from annotator.core.model import DocumentInput
from annotator.core.store import Project

project = Project.open(sys.argv[1])
project.db.execute("PRAGMA wal_autocheckpoint = 0")
for b in range(5):
    project.add_documents([DocumentInput(text=f"{b} {i} " + "新闻报道正文。" * 300, name=f"b{b}-{i}")
                           for i in range(20)])
print("committed", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _copy_last_page_one_from_wal(path: Path) -> None:
    """Do what a checkpoint does first, then 'crash': write the WAL's newest page 1 into the main file.

    The main file's header then claims more pages than the file holds until the rest are copied; the WAL
    still holds them all, so SQLite recovers the database in full on the next open.
    """
    wal = Path(f"{path}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    frame = 24 + page_size
    newest = None
    for offset in range(32, len(wal) - frame + 1, frame):
        if int.from_bytes(wal[offset:offset + 4], "big") == 1:
            newest = wal[offset + 24: offset + frame]
    assert newest is not None
    with open(path, "r+b") as handle:
        handle.write(newest)


def test_kill_during_checkpoint_is_not_mistaken_for_truncation(tmp_path: Path) -> None:
    """Protects a project killed while SQLite was copying the WAL back (a checkpoint): it must open with
    every commit, not be refused as 'truncated' because the main file is momentarily shorter."""
    path = tmp_path / "checkpoint.annotator"
    Project.create(path).close()
    proc = child(UNCHECKPOINTED, path)
    out, err = proc.communicate(timeout=60)
    assert out.strip() == "committed", err
    _copy_last_page_one_from_wal(path)
    with Project.open(path) as project:
        assert len(project.documents()) == 100
    assert integrity(path) == "ok"
