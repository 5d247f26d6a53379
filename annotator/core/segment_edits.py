"""Undoable edits of many codings at once, as the Retrieved segments list makes them.

Re-coding a selection is one statement (``recode_segments``) and one undo entry. As with a single
re-code, giving codings a value of an exclusive group replaces each coder's other values of that group
on overlapping text (``replaced``), and undo brings them back.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.commands import Changes, Command
from annotator.core.exclusive import ExclusiveGroups, conflicting_segments
from annotator.core.model import Segment
from annotator.core.store import Project


class RecodeSegments(Command):
    def __init__(self, segment_ids: Iterable[int], code_id: int) -> None:
        self.segment_ids = sorted(set(segment_ids))
        self.code_id = code_id
        self.before: list[Segment] = []
        self.replaced: list[Segment] = []
        self.text = "re-code" if len(self.segment_ids) == 1 else f"re-code {len(self.segment_ids)} codings"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.before = project.segments_by_id(self.segment_ids)
            groups = ExclusiveGroups.of_project(project)
            chosen = set(self.segment_ids)
            replaced: dict[int, Segment] = {}
            for s in self.before:
                for other in conflicting_segments(project, s.document_id, s.coder_id, self.code_id, s.start, s.end,
                                                  ignore=chosen, groups=groups):
                    replaced[other.id] = other
            self.replaced = sorted(replaced.values(), key=lambda s: s.id)
            project.delete_segments(list(replaced))
            project.recode_segments(self.segment_ids, self.code_id)
        return self._changes()

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            project.set_segment_fields(self.before)
            project.restore_segments(self.replaced)
        return self._changes()

    def _changes(self) -> Changes:
        touched = self.before + self.replaced
        return Changes({s.document_id for s in touched}, segment_ids={s.id for s in touched})


__all__ = ["RecodeSegments"]
