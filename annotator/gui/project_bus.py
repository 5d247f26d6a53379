"""The project event bus: one object per main window through which every change is announced.

Modelled on Anki's ``operation_did_execute`` / ``OpChanges``: every edit, undo, redo, import, merge,
adjudication decision and project switch is announced once, as ``changed(Changes)`` or
``replaced(Project)``, and every view subscribes and refreshes only what the change touches. No view
calls another view: a view that wants to show a place in the coding workspace asks the bus
(``show_place``) and the main window, which owns the views, does it.

The bus also holds what every view shares: the open project, the one undo stack (``gui/undo.py`` wraps
core commands on it), the job runner (``jobs``) and the coder who is coding now.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from annotator.core.commands import Changes, Command
from annotator.core.store import Project
from annotator.gui.jobs import JobRunner
from annotator.gui.undo import perform, perform_or_warn


@dataclass(frozen=True)
class Place:
    """A place to show in the coding workspace: a span of a document, optionally as a given coder."""

    document_id: int
    start: int = 0
    end: int = 0
    coder_id: int | None = None  # switch to this coder first (the consensus coder, from Review)
    show_others: bool = False  # show every coder's codings (editing a disputed place by hand)


class ProjectBus(QObject):
    """Signals every view subscribes to, and the one way to perform an edit."""

    changed = Signal(object)  # Changes: after every edit, undo, redo, import, merge, decision
    replaced = Signal(object)  # Project: another project was opened (views re-read everything)
    coder_changed = Signal(int)  # the coder whose codings are made and shown
    place_requested = Signal(object)  # Place: show it in the coding workspace

    def __init__(self, project: Project, stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.stack = stack if stack is not None else QUndoStack(self)
        self.jobs = JobRunner(self)
        self.coder_id: int | None = None

    private = False  # made by ``of`` for one view: its jobs stop when that view closes
    owns_project = False  # a private bus opened its project from a path and closes it with its view

    @classmethod
    def of(cls, source: "Project | ProjectBus | str | os.PathLike[str]", parent: QObject | None = None) -> "ProjectBus":
        """The bus itself, or a private one around a bare project or a project file (a view used on its
        own: scripts, tests); ``close_if_owned`` closes a project opened here."""
        if isinstance(source, ProjectBus):
            return source
        bus = cls(source if isinstance(source, Project) else Project.open(source), parent=parent)
        bus.private = True
        bus.owns_project = not isinstance(source, Project)
        return bus

    def release(self) -> None:
        """The view of a private bus closes: stop its jobs, and close the project ``of`` opened."""
        if self.private:
            self.jobs.shutdown()
        if self.owns_project:
            self._project.close()
            self.owns_project = False

    @property
    def project(self) -> Project:
        return self._project

    # ---- edits ---------------------------------------------------------------------------------
    def execute(self, command: Command) -> Changes:
        """Do ``command`` (raising ``AnnotatorError`` if refused), put it on the undo stack, announce it."""
        return perform(self.stack, self._project, command, self.announce)

    def perform(self, command: Command, parent: QWidget | None = None) -> bool:
        """``execute``, showing a refused edit as a message over ``parent`` instead of raising."""
        return perform_or_warn(parent, self.stack, self._project, command, self.announce)

    def announce(self, changes: Changes) -> None:
        """Tell every view what changed (also for changes made outside commands: imports, merges)."""
        if not changes.is_empty:
            self.changed.emit(changes)

    # ---- switching -----------------------------------------------------------------------------
    def replace(self, project: Project) -> None:
        """Make ``project`` the open one: stop its predecessor's jobs, clear undo, tell every view."""
        self.jobs.shutdown()
        self._project = project
        self.stack.clear()
        self.replaced.emit(project)

    def set_coder(self, coder_id: int) -> None:
        if coder_id != self.coder_id:
            self.coder_id = coder_id
            self.coder_changed.emit(coder_id)

    def show_place(self, place: Place) -> None:
        self.place_requested.emit(place)


__all__ = ["Place", "ProjectBus"]
