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

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.commands import Changes, Command
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.jobs import Job, JobContext, JobRunner
from annotator.gui.undo import Step, UndoableEdit, command_text, perform

# An edit that may touch this many rows (Command.weight) runs off the GUI thread, with its undo and redo.
BACKGROUND_ROWS = 300


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
    editing_changed = Signal(bool)  # a heavy edit started / finished off the GUI thread

    def __init__(self, project: Project, stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.stack = stack if stack is not None else QUndoStack(self)
        self.jobs = JobRunner(self)
        self.coder_id: int | None = None
        self._edit: Job | None = None  # the heavy edit (or its undo / redo) running now

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
    @property
    def editing(self) -> bool:
        """A heavy edit, or its undo or redo, is running off the GUI thread: other edits wait."""
        return self._edit is not None

    def execute(self, command: Command) -> Changes:
        """Do ``command`` here and now (raising ``AnnotatorError`` if refused), put it on the undo stack,
        announce it. Scripts and tests use this; views use ``perform``."""
        if self.editing:
            raise AnnotatorError("another edit is still being saved; try again in a moment")
        return perform(self.stack, self._project, command, self.announce)

    def perform(self, command: Command, parent: QWidget | None = None,
                on_done: Callable[[Changes], None] | None = None) -> bool:
        """Do ``command``, put it on the undo stack and announce its Changes; a refused edit is shown as a
        message over ``parent``. A heavy one (``Command.weight`` rows) runs as a job: this returns at once
        and ``on_done`` is called when it is done. False when refused (or another edit is running)."""
        if self.editing:
            self._warn(parent, QCoreApplication.translate("ProjectBus", "Another edit is still being saved; "
                                                          "try again in a moment."))
            return False
        if self._project.path is not None and command.weight(self._project) >= BACKGROUND_ROWS:
            self._run_edit(command, command.do, parent, first=True, on_done=on_done)
            return True
        try:
            changes = perform(self.stack, self._project, command, self.announce)
        except AnnotatorError as exc:
            self._warn(parent, str(exc))
            return False
        if on_done is not None:
            on_done(changes)
        return True

    def announce(self, changes: Changes) -> None:
        """Tell every view what changed (also for changes made outside commands: imports, merges)."""
        if not changes.is_empty:
            self.changed.emit(changes)

    def _run_edit(self, command: Command, step: Step, parent: QWidget | None, first: bool,
                  on_done: Callable[[Changes], None] | None = None) -> None:
        """Run one step of a heavy edit (do, undo or redo) as a writable job; announce it when done."""
        project = self._project

        def job(worker_project: Project, _context: JobContext) -> Changes:
            return step(worker_project)

        def done(changes: Changes) -> None:
            self._set_edit(None)
            if first:
                self.stack.push(UndoableEdit(project, command, self.announce,
                                             background=lambda s: self._run_edit(command, s, None, first=False)))
            self.announce(changes)
            if on_done is not None:
                on_done(changes)

        def failed(message: str) -> None:
            self._set_edit(None)
            if not first:  # the stack moved but the file did not: its history no longer matches
                self.stack.clear()
                message += QCoreApplication.translate("ProjectBus", " (the undo history was cleared)")
            self._warn(parent, message)

        edit = self.jobs.run(job, title=command_text(command.text), writable=True, on_done=done,
                             on_failed=failed, on_cancelled=lambda: self._set_edit(None))
        if edit.is_running:
            self._set_edit(edit)

    def _set_edit(self, job: Job | None) -> None:
        was = self._edit is not None
        self._edit = job
        if was != (job is not None):
            self.editing_changed.emit(job is not None)

    @staticmethod
    def _warn(parent: QWidget | None, message: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("CodingView", "Annotator"), message)

    # ---- subscribing ---------------------------------------------------------------------------
    def subscribe(self, widget: QWidget, on_changes: Callable[[Changes], None],
                  on_replaced: Callable[[Project], None] | None = None, *, lazy: bool = True) -> None:
        """Deliver announcements to ``widget``'s handlers; with ``lazy``, only while it is shown.

        A hidden view (another tab) does no work: what changed meanwhile is merged into one ``Changes``
        and delivered when it is next shown (after ``on_replaced`` if the project was switched meanwhile,
        whose earlier changes are then dropped).
        """
        _Subscription(self, widget, on_changes, on_replaced, lazy)

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


class _Subscription(QObject):
    """One view's subscription; holds what changed while the view was hidden."""

    def __init__(self, bus: ProjectBus, widget: QWidget, on_changes: Callable[[Changes], None],
                 on_replaced: Callable[[Project], None] | None, lazy: bool) -> None:
        super().__init__(widget)
        self.widget = widget
        self.on_changes = on_changes
        self.on_replaced = on_replaced
        self.lazy = lazy
        self.pending: Changes | None = None
        self.replaced: Project | None = None
        bus.changed.connect(self._changed)
        bus.replaced.connect(self._replaced)
        widget.installEventFilter(self)

    def _shown(self) -> bool:
        """Deliver now unless the view is hidden inside a shown window (another tab); a view whose
        window is not shown at all (scripts, tests) is kept current."""
        return not self.lazy or self.widget.isVisible() or not self.widget.window().isVisible()

    def _changed(self, changes: Changes) -> None:
        if self._shown():
            self.on_changes(changes)
        else:
            self.pending = changes if self.pending is None else self.pending | changes

    def _replaced(self, project: Project) -> None:
        self.pending = None
        if self.on_replaced is None:
            return
        if self._shown():
            self.replaced = None
            self.on_replaced(project)
        else:
            self.replaced = project

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget and event.type() == QEvent.Type.Show:
            replaced, pending = self.replaced, self.pending
            self.replaced = self.pending = None
            if replaced is not None and self.on_replaced is not None:
                self.on_replaced(replaced)
            if pending is not None:
                self.on_changes(pending)
        return False


__all__ = ["Place", "ProjectBus"]
