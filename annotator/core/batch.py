"""Several core commands as one edit (one transaction, one undo entry), e.g. a properties dialog that
changes a document's title and its sets at once."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.commands import Changes, Command
from annotator.core.store import Project


class Batch(Command):
    def __init__(self, parts: Sequence[Command], text: str = "edit") -> None:
        self.parts = list(parts)
        self.text = text

    def do(self, project: Project) -> Changes:
        changes = Changes()
        with project.transaction():
            for part in self.parts:
                changes = changes | part.do(project)
        return changes

    def undo(self, project: Project) -> Changes:
        changes = Changes()
        with project.transaction():
            for part in reversed(self.parts):
                changes = changes | part.undo(project)
        return changes


__all__ = ["Batch"]
