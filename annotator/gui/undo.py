"""Core commands on a QUndoStack (the one undo stack): each edit is committed at once and reports its
Changes.

The bus runs ``command.do`` itself before pushing, so a refused edit (an ``InputError``) never lands on
the stack; the wrapper then skips the redo() that ``QUndoStack.push`` calls. A heavy edit (thousands of
rows) runs its do, undo and redo as a job off the GUI thread; Undo and Redo wait until it is done.
"""

from __future__ import annotations

import re

import shiboken6
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from annotator.core.commands import Changes, Command
from annotator.core.store import Project


# The core's command texts (annotator.core stays free of Qt) as patterns, each with its translatable form;
# the captured names (codes, coders) are filled into the translation.
COMMAND_TEXTS = [(re.compile(pattern), template) for pattern, template in (
    (r"code '(.*)'", QT_TRANSLATE_NOOP("undo", "code '{0}'")),
    (r"code text", QT_TRANSLATE_NOOP("undo", "code text")),
    (r"delete coding", QT_TRANSLATE_NOOP("undo", "delete coding")),
    (r"delete (\d+) codings", QT_TRANSLATE_NOOP("undo", "delete {0} codings")),
    (r"change coding", QT_TRANSLATE_NOOP("undo", "change coding")),
    (r"re-code", QT_TRANSLATE_NOOP("undo", "re-code")),
    (r"adjust boundary", QT_TRANSLATE_NOOP("undo", "adjust boundary")),
    (r"add code '(.*)'", QT_TRANSLATE_NOOP("undo", "add code '{0}'")),
    (r"change code", QT_TRANSLATE_NOOP("undo", "change code")),
    (r"recolour code", QT_TRANSLATE_NOOP("undo", "recolour code")),
    (r"describe code", QT_TRANSLATE_NOOP("undo", "describe code")),
    (r"set shortcut key", QT_TRANSLATE_NOOP("undo", "set shortcut key")),
    (r"move code to '(.*)'", QT_TRANSLATE_NOOP("undo", "move code to '{0}'")),
    (r"delete code", QT_TRANSLATE_NOOP("undo", "delete code")),
    (r"delete code '(.*)'", QT_TRANSLATE_NOOP("undo", "delete code '{0}'")),
    (r"merge codes", QT_TRANSLATE_NOOP("undo", "merge codes")),
    (r"merge '(.*)' into '(.*)'", QT_TRANSLATE_NOOP("undo", "merge '{0}' into '{1}'")),
    (r"mark document done", QT_TRANSLATE_NOOP("undo", "mark document done")),
    (r"set status '(.*)'", QT_TRANSLATE_NOOP("undo", "set status '{0}'")),
    (r"accept (.*)", QT_TRANSLATE_NOOP("undo", "accept {0}")),
    (r"accept none", QT_TRANSLATE_NOOP("undo", "accept none")),
    (r"mark edited by hand", QT_TRANSLATE_NOOP("undo", "mark edited by hand")),
    (r"copy agreed codings", QT_TRANSLATE_NOOP("undo", "copy agreed codings")),
    (r"re-code (\d+) codings", QT_TRANSLATE_NOOP("undo", "re-code {0} codings")),
    (r"edit memo", QT_TRANSLATE_NOOP("undo", "edit memo")),
    (r"add memo", QT_TRANSLATE_NOOP("undo", "add memo")),
    (r"delete memo", QT_TRANSLATE_NOOP("undo", "delete memo")),
    (r"edit document properties", QT_TRANSLATE_NOOP("undo", "edit document properties")),
    (r"delete document", QT_TRANSLATE_NOOP("undo", "delete document")),
    (r"delete (\d+) documents", QT_TRANSLATE_NOOP("undo", "delete {0} documents")),
    (r"add to set '(.*)'", QT_TRANSLATE_NOOP("undo", "add to set '{0}'")),
    (r"remove from set '(.*)'", QT_TRANSLATE_NOOP("undo", "remove from set '{0}'")),
    (r"rename set to '(.*)'", QT_TRANSLATE_NOOP("undo", "rename set to '{0}'")),
    (r"delete document set", QT_TRANSLATE_NOOP("undo", "delete document set")),
    (r"add coder '(.*)'", QT_TRANSLATE_NOOP("undo", "add coder '{0}'")),
    (r"rename coder to '(.*)'", QT_TRANSLATE_NOOP("undo", "rename coder to '{0}'")),
    (r"merge coder '(.*)' into '(.*)'", QT_TRANSLATE_NOOP("undo", "merge coder '{0}' into '{1}'")),
    (r"delete coder '(.*)'", QT_TRANSLATE_NOOP("undo", "delete coder '{0}'")),
    (r"set role '(.*)'", QT_TRANSLATE_NOOP("undo", "set role '{0}'")),
    (r"code (\d+) hit\(s\) as '(.*)'", QT_TRANSLATE_NOOP("undo", "code {0} hit(s) as '{1}'")),
    (r"code (\d+) hit\(s\)", QT_TRANSLATE_NOOP("undo", "code {0} hit(s)")),
    (r"edit", QT_TRANSLATE_NOOP("undo", "edit")),
)]


def command_text(text: str) -> str:
    """The Edit menu's name for a core command in the interface language (unknown texts as they are)."""
    for pattern, template in reversed(COMMAND_TEXTS):  # specific forms ("accept none") before general ones
        match = pattern.fullmatch(text)
        if match:
            return QCoreApplication.translate("undo", template).format(*match.groups())
    return text


Step = Callable[[Project], Changes]  # command.do or command.undo


class UndoableEdit(QUndoCommand):
    """A core command on the QUndoStack. ``background``, when given, runs a heavy undo or redo as a job
    (``ProjectBus`` passes its runner, which announces the Changes when the step is done)."""

    def __init__(self, project: Project, command: Command, notify: Callable[[Changes], None],
                 background: Callable[[Step], None] | None = None) -> None:
        super().__init__(command_text(command.text))
        self.project = project
        self.command = command
        self.notify = notify
        self.background = background
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._run(self.command.do)

    def undo(self) -> None:
        self._run(self.command.undo)

    def _run(self, step: Step) -> None:
        if self.background is not None:
            self.background(step)
        else:
            self.notify(step(self.project))


def undo_actions(stack: QUndoStack, parent: QObject, undo_label: str, redo_label: str,
                 can_edit: Callable[[], bool]) -> tuple[QAction, QAction]:
    """Edit ▸ Undo / Redo named after the edit ("Undo code 'Crime'"), disabled while ``can_edit`` is
    False (a heavy edit is still running off the GUI thread); call ``refresh`` when that changes."""
    undo, redo = QAction(undo_label, parent), QAction(redo_label, parent)

    def refresh(*_args: object) -> None:
        if not shiboken6.isValid(stack) or not shiboken6.isValid(undo):
            return  # the window is being destroyed
        free = can_edit()
        undo.setEnabled(free and stack.canUndo())
        redo.setEnabled(free and stack.canRedo())
        undo.setText(f"{undo_label} {stack.undoText()}".strip())
        redo.setText(f"{redo_label} {stack.redoText()}".strip())

    undo.triggered.connect(lambda: can_edit() and stack.undo())
    redo.triggered.connect(lambda: can_edit() and stack.redo())
    for signal in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged, stack.cleanChanged):
        signal.connect(refresh)
    undo.refresh = refresh  # type: ignore[attr-defined]
    refresh()
    return undo, redo


def perform(stack: QUndoStack, project: Project, command: Command, notify: Callable[[Changes], None]) -> Changes:
    """Do ``command`` (raising if refused), then put it on the undo stack and notify the views."""
    changes = command.do(project)
    stack.push(UndoableEdit(project, command, notify))
    notify(changes)
    return changes
