"""Undoable edits of the coders: add, rename, merge (two names of one person), delete, set the role.

Coders are people identified by name; their segments, assignments, memos and adjudication decisions
hang off the coder row, so a rename touches one row, while a merge or a deletion moves or removes all
of it and keeps a copy for undo. A consensus coder's name is also remembered in the project's meta
(``adjudication.CONSENSUS_META_KEY``): it follows a rename or a merge.
"""

from __future__ import annotations

from typing import Any

from annotator.core.adjudication import CONSENSUS_META_KEY
from annotator.core.commands import Changes, Command
from annotator.core.errors import InputError
from annotator.core.model import CODER_ROLES, Assignment, Coder, Segment
from annotator.core.store import Project



def _everything_of_coder() -> Changes:
    return Changes(coders=True, assignments=True, memos=True, all_segments=True)


class AddCoder(Command):
    def __init__(self, name: str, role: str = "coder") -> None:
        self.name = name.strip()
        self.role = role
        self.coder: Coder | None = None
        self.text = f"add coder '{self.name}'"

    def do(self, project: Project) -> Changes:
        if self.role not in CODER_ROLES:
            raise InputError(f"unknown coder role '{self.role}' (use {', '.join(CODER_ROLES)})")
        with project.transaction():
            if self.coder is not None:
                project.restore_coder(self.coder)
            else:
                if project.find_coder(self.name) is not None:
                    raise InputError(f"a coder named '{self.name}' already exists")
                self.coder = project.ensure_coder(self.name, role=self.role)
        return Changes(coders=True)

    def undo(self, project: Project) -> Changes:
        assert self.coder is not None
        project.delete_coder(self.coder.id)
        return Changes(coders=True)


class RenameCoder(Command):
    def __init__(self, coder_id: int, name: str) -> None:
        self.coder_id = coder_id
        self.name = name.strip()
        self.before = ""
        self.text = f"rename coder to '{self.name}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.before = project.coder(self.coder_id).name
            project.rename_coder(self.coder_id, self.name)
            _follow_consensus_name(project, self.before, self.name)
        return Changes(coders=True)

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            project.rename_coder(self.coder_id, self.before)
            _follow_consensus_name(project, self.name, self.before)
        return Changes(coders=True)


class SetCoderRole(Command):
    def __init__(self, coder_id: int, role: str) -> None:
        self.coder_id = coder_id
        self.role = role
        self.before = ""
        self.text = f"set role '{role}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.before = project.coder(self.coder_id).role
            project.set_coder_role(self.coder_id, self.role)
        return Changes(coders=True)

    def undo(self, project: Project) -> Changes:
        project.set_coder_role(self.coder_id, self.before)
        return Changes(coders=True)


class _CoderSnapshot:
    """What hangs off one or two coders, kept to undo a merge or a deletion exactly."""

    def __init__(self, project: Project, coder_ids: list[int]) -> None:
        self.coders = [project.coder(c) for c in coder_ids]
        self.segments: list[Segment] = project.segments(coder_ids=coder_ids)
        self.assignments: list[Assignment] = [a for c in coder_ids for a in project.assignments(coder_id=c)]
        self.memos = {c: project.memo_ids_of_coder(c) for c in coder_ids}
        self.decisions: list[tuple[Any, ...]] = project.decision_rows_mentioning(coder_ids)
        self.consensus = project.meta(CONSENSUS_META_KEY)

    def restore(self, project: Project, *, recreate: list[Coder]) -> None:
        """Bring back deleted coders (``recreate``), then every segment, status, memo and decision."""
        ids = [c.id for c in self.coders]
        with project.transaction():
            for coder in recreate:
                project.restore_coder(coder)
            present = {s.id for s in project.segments(coder_ids=ids)}
            project.set_segment_fields([s for s in self.segments if s.id in present])
            project.restore_segments([s for s in self.segments if s.id not in present])
            current = {(a.document_id, a.coder_id) for c in ids for a in project.assignments(coder_id=c)}
            saved = {(a.document_id, a.coder_id) for a in self.assignments}
            project.set_assignments({pair: None for pair in current - saved})
            project.restore_assignments(self.assignments)  # with their time stamps
            for coder_id, memo_ids in self.memos.items():
                project.set_memo_coder(memo_ids, coder_id)
            project.replace_decisions_mentioning(ids, self.decisions)
            if project.meta(CONSENSUS_META_KEY) != self.consensus:
                project.set_meta(CONSENSUS_META_KEY, self.consensus)


class MergeCoders(Command):
    """Give one coder's work to another (two names of one person) and remove the first name."""

    def __init__(self, from_id: int, into_id: int) -> None:
        self.from_id, self.into_id = from_id, into_id
        self.snapshot: _CoderSnapshot | None = None
        self.moved = 0
        self.text = "merge coders"

    def do(self, project: Project) -> Changes:
        if self.from_id == self.into_id:
            raise InputError("a coder cannot be merged into itself")
        with project.transaction():
            self.snapshot = _CoderSnapshot(project, [self.from_id, self.into_id])
            source, target = self.snapshot.coders
            self.text = f"merge coder '{source.name}' into '{target.name}'"
            self.moved = project.merge_coder(self.from_id, self.into_id)
            _follow_consensus_name(project, source.name, target.name)
        return _everything_of_coder()

    def undo(self, project: Project) -> Changes:
        assert self.snapshot is not None
        self.snapshot.restore(project, recreate=[self.snapshot.coders[0]])
        return _everything_of_coder()


class DeleteCoder(Command):
    """Delete a coder with their segments and assignments; their memos stay, unsigned."""

    def __init__(self, coder_id: int) -> None:
        self.coder_id = coder_id
        self.snapshot: _CoderSnapshot | None = None
        self.text = "delete coder"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.snapshot = _CoderSnapshot(project, [self.coder_id])
            self.text = f"delete coder '{self.snapshot.coders[0].name}'"
            project.delete_coder(self.coder_id)
        return _everything_of_coder()

    def undo(self, project: Project) -> Changes:
        assert self.snapshot is not None
        self.snapshot.restore(project, recreate=self.snapshot.coders)
        return _everything_of_coder()

    @property
    def segments_deleted(self) -> int:
        return len(self.snapshot.segments) if self.snapshot else 0


def _follow_consensus_name(project: Project, old: str, new: str) -> None:
    if old and project.meta(CONSENSUS_META_KEY) == old:
        project.set_meta(CONSENSUS_META_KEY, new)


__all__ = ["AddCoder", "DeleteCoder", "MergeCoders", "RenameCoder", "SetCoderRole"]
