"""Core commands on a QUndoStack: each edit is committed at once and reports its Changes.

The workspace runs ``command.do`` itself before pushing, so a refused edit (an ``InputError``) never lands
on the stack; the wrapper then skips the redo() that ``QUndoStack.push`` calls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.commands import Changes, Command
from annotator.core.store import Project


class UndoableEdit(QUndoCommand):
    def __init__(self, project: Project, command: Command, notify: Callable[[Changes], None]) -> None:
        super().__init__(command.text)
        self.project = project
        self.command = command
        self.notify = notify
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.notify(self.command.do(self.project))

    def undo(self) -> None:
        self.notify(self.command.undo(self.project))


def perform(stack: QUndoStack, project: Project, command: Command, notify: Callable[[Changes], None]) -> Changes:
    """Do ``command`` (raising if refused), then put it on the undo stack and notify the views."""
    changes = command.do(project)
    stack.push(UndoableEdit(project, command, notify))
    notify(changes)
    return changes
