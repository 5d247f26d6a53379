"""One project open in two app instances at once (two windows, or the CLI beside the GUI).

SQLite in WAL mode with a busy timeout lets both write safely; these tests prove that both sets of edits
land and nothing is corrupted, including the read-then-write transactions that a deferred BEGIN would
fail with "database is locked" the moment the other process commits.
"""

from __future__ import annotations

from pathlib import Path

from conftest import child, integrity

from annotator.core.store import Project

WRITER = r"""
import sys
from annotator.core.model import DocumentInput
from annotator.core.store import Project

path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
project = Project.open(path)
coder = project.ensure_coder(name).id
code = project.code("Shared/Code").id
for i in range(rounds):
    # single edits, bulk edits (read inside the transaction, then write), codebook and document edits
    seg = project.add_segment(1, coder, code, i % 50, i % 50 + 5)
    project.update_segment(seg.id, memo=f"{name} {i}")
    project.add_segments([(1, coder, code, 0, 3, f"{name} bulk {i}")])
    if i % 10 == 0:
        project.add_code(f"{name}/code {i}")
        project.add_documents([DocumentInput(text=f"{name} wrote article {i}.", name=f"{name}-{i}")])
project.close()
print("done", flush=True)
"""


def test_two_processes_writing_one_project(tmp_path: Path) -> None:
    """Protects a project opened twice (two windows, CLI beside GUI): both edits kept, no corruption."""
    path = tmp_path / "shared.annotator"
    with Project.create(path) as project:
        from annotator.core.model import DocumentInput

        project.add_documents([DocumentInput(text="一篇共同编码的报道。" * 20, name="common")])
        project.add_code("Shared/Code")
    rounds = 300
    procs = [child(WRITER, path, name, rounds) for name in ("alice", "bob")]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    assert integrity(path) == "ok"
    with Project.open(path) as project:
        for name in ("alice", "bob"):
            coder = project.coder(name).id
            mine = project.segments(coder_ids=[coder])
            assert len(mine) == 2 * rounds
            assert {s.memo for s in mine} >= {f"{name} {i}" for i in range(rounds)}
            assert len([c for c in project.codes() if c.path.startswith(name + "/")]) == rounds // 10
            assert len([d for d in project.documents() if d.name.startswith(name + "-")]) == rounds // 10


def test_second_instance_sees_first_instances_commits(tmp_path: Path) -> None:
    """Protects shared access in one process too: two open handles see each other's committed edits."""
    path = tmp_path / "twice.annotator"
    first = Project.create(path)
    second = Project.open(path)
    try:
        code = first.add_code("Conflict")
        assert second.code("Conflict").id == code.id
        second.add_code("Economic")
        assert [c.path for c in first.codes()] == ["Conflict", "Economic"]
    finally:
        second.close()
        first.close()
    assert integrity(path) == "ok"


def test_writer_blocked_too_long_gets_a_clear_message(tmp_path: Path) -> None:
    """Protects the second window when the first holds the project for longer than the busy timeout:
    a one-line 'busy' ProjectError, nothing half-written, and the edit works once the lock is gone."""
    from annotator.core.errors import ProjectError

    path = tmp_path / "busy.annotator"
    holder = Project.create(path)
    waiter = Project.open(path)
    try:
        waiter.db.execute("PRAGMA busy_timeout = 100")  # instead of waiting the real 10 s
        holder.db.execute("BEGIN IMMEDIATE")
        holder.db.execute("INSERT INTO meta (key, value) VALUES ('lock', 'held')")
        try:
            waiter.add_code("Conflict")
        except ProjectError as exc:
            message = str(exc)
        else:
            raise AssertionError("a write went through while another process held the lock")
        assert "busy" in message and str(path) in message and "\n" not in message
        assert waiter.codes() == []
        holder.db.execute("ROLLBACK")
        assert waiter.add_code("Conflict").path == "Conflict"
    finally:
        waiter.close()
        holder.close()
    assert integrity(path) == "ok"
