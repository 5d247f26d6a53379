"""The one job runner: everything long (import, export, preview, agreement, search, analysis, merge,
segmentation) runs here, off the GUI thread, the same way.

A job is a plain function ``fn(project, context)``. The runner opens a fresh ``Project`` on the same
file for it (SQLite connections belong to one thread; read-only unless the job says it writes), passes a
``JobContext`` for progress and cancel, and reports back only by signal, on the GUI thread: ``progress``,
then exactly one of ``finished(result)``, ``failed(message)`` or ``cancelled()``. Workers never touch
widgets. A project held only in memory cannot be shared with another thread, so its jobs run in place.

Errors have one format (``error_text``): an ``AnnotatorError`` is shown as it is (it already names the
file and line); anything else as "<title> failed: <type>: <message>", with the traceback on stderr.
A job started with a ``key`` replaces the running job of that key (a new search supersedes the last):
the old one is cancelled and delivers nothing. A writable job may name the ``Changes`` it makes; they
are announced on the project event bus when it finishes, so every view refreshes.
"""

from __future__ import annotations

import sys
import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from annotator.core.commands import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project

JobFunction = Callable[[Project, "JobContext"], Any]

_RUNNING: "weakref.WeakSet[Job]" = weakref.WeakSet()  # every job not yet reported, across runners
_KEEP: set["Job"] = set()  # strong references until a job reports (signals must outlive the caller)


class JobCancelled(Exception):
    """Raised by ``JobContext.check()`` once cancel was requested."""


def error_text(title: str, exc: BaseException) -> str:
    """The one error format of every job."""
    if isinstance(exc, AnnotatorError):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return f"{title} failed: {type(exc).__name__}: {exc}"


def running_jobs() -> list["Job"]:
    """Jobs started and not yet reported (the test fixture that fails a test leaving work behind)."""
    return [job for job in list(_RUNNING) if job.is_running]


class JobContext:
    """What a job function gets besides its project: progress reports and the cancel flag."""

    def __init__(self, job: "Job") -> None:
        self._job = job
        self._last = -1

    @property
    def cancelled(self) -> bool:
        return self._job._cancel.is_set()

    def check(self) -> None:
        """Stop here (raising ``JobCancelled``) when the user pressed Cancel."""
        if self.cancelled:
            raise JobCancelled()

    def report(self, done: int, total: int) -> None:
        """Progress, passed on in steps of 1% (one signal per document would flood the GUI thread)."""
        step = max(1, total // 100)
        if done == total or done // step != self._last:
            self._last = done // step
            self._job._relay.progress.emit(int(done), int(total))

    def keep_going(self, *_args: object) -> bool:
        """An ``on_progress`` callback for core functions that stop when it returns False."""
        return not self.cancelled


class _Relay(QObject):
    """Signals emitted from the worker thread; queued to the job on the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, job: "Job", path: str) -> None:
        super().__init__()
        self.job = job
        self.path = path
        self.setAutoDelete(False)

    def run(self) -> None:
        job = self.job
        try:
            project = Project.open(self.path, readonly=not job.writable)
        except BaseException as exc:  # noqa: BLE001 - a worker must always report back
            report = job._outcome_of(exc)
        else:
            try:
                report = job._call(project)
            finally:
                project.close()
        # Report only once the connection is closed and the thread is done with the job.
        job._done_event.set()
        report()


class Job(QObject):
    """One piece of long work; its signals arrive on the GUI thread."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # one line (see error_text)
    cancelled = Signal()

    def __init__(self, fn: JobFunction, title: str, writable: bool, key: str | None) -> None:
        super().__init__()
        self.fn = fn
        self.title = title
        self.writable = writable
        self.key = key
        self.context = JobContext(self)
        self.result: Any = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self._done_event = threading.Event()
        self._reported = False
        self._silenced = False
        self._relay = _Relay()
        self._relay.progress.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._relay.cancelled.connect(self._on_cancelled)
        self._runnable: _Runnable | None = None
        self._hooks: list[Callable[[], None]] = []  # called once when the job has reported (even silenced)

    # ---- state ---------------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return not self._reported

    def cancel(self) -> None:
        """Ask the job to stop; it reports ``cancelled`` (or its result, if it had already finished)."""
        self._cancel.set()

    def silence(self) -> None:
        """Cancel and deliver nothing (the job was superseded or its project closed)."""
        self._silenced = True
        self.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until the worker has stopped and its report is delivered (tests, scripts, shutdown)."""
        from PySide6.QtCore import QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        if not self._done_event.wait(timeout_ms / 1000):
            return False
        while self.is_running and not deadline.hasExpired():
            QCoreApplication.sendPostedEvents(self)  # the report is queued to this object
            if self.is_running:
                threading.Event().wait(0.001)
        QCoreApplication.processEvents()
        return not self.is_running

    # ---- running (worker side) -------------------------------------------------------------------
    def _call(self, project: Project) -> Callable[[], None]:
        """Run the function; return how to report its outcome (called once the worker is done)."""
        try:
            result = self.fn(project, self.context)
        except BaseException as exc:  # noqa: BLE001 - a worker must always report back
            return self._outcome_of(exc)
        return lambda: self._relay.finished.emit(result)

    def _outcome_of(self, exc: BaseException) -> Callable[[], None]:
        if self._cancel.is_set() or isinstance(exc, JobCancelled):
            return self._relay.cancelled.emit
        if not isinstance(exc, (AnnotatorError, OSError)):
            traceback.print_exception(exc, file=sys.stderr)
        message = error_text(self.title, exc)
        return lambda: self._relay.failed.emit(message)

    # ---- reporting (GUI side) --------------------------------------------------------------------
    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self._reported and not self._silenced:
            self.progress.emit(done, total)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.result = result
        self._report(self.finished, result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.error = message
        self._report(self.failed, message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._report(self.cancelled)

    def _report(self, signal: Any, *args: object) -> None:
        if self._reported:
            return
        self._reported = True
        _KEEP.discard(self)
        for hook in self._hooks:
            hook()
        if not self._silenced:
            signal.emit(*args)


class ProjectHost(Protocol):
    """What the runner needs from its owner (the project event bus): the open project, and a way to
    announce the changes a writable job made."""

    @property
    def project(self) -> Project: ...

    def announce(self, changes: Changes) -> None: ...


class JobRunner(QObject):
    """Starts jobs for the bus's current project; one per window (``bus.jobs``)."""

    busy_changed = Signal(bool)

    def __init__(self, bus: ProjectHost) -> None:
        super().__init__(bus if isinstance(bus, QObject) else None)
        self.bus = bus
        self.pool = QThreadPool.globalInstance()
        self._jobs: list[Job] = []

    def run(self, fn: JobFunction, *, title: str, writable: bool = False, key: str | None = None,
            on_done: Callable[[Any], None] | None = None, on_failed: Callable[[str], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None,
            on_cancelled: Callable[[], None] | None = None,
            announce: Changes | Callable[[Any], Changes] | None = None,
            project: Project | None = None) -> Job:
        """Run ``fn(project, context)`` off the GUI thread; callbacks are connected before it starts.

        ``announce``: the Changes a writable job made (or a function of its result giving them),
        announced on the bus after ``on_done``.
        """
        project = project or self.bus.project
        if key is not None:
            for old in self._jobs:
                if old.key == key and old.is_running:
                    old.silence()
        job = Job(fn, title, writable, key)
        if on_progress is not None:
            job.progress.connect(on_progress)
        if on_done is not None:
            job.finished.connect(on_done)
        if announce is not None:
            job.finished.connect(lambda result: self.bus.announce(announce(result) if callable(announce)
                                                                  else announce))
        if on_failed is not None:
            job.failed.connect(on_failed)
        if on_cancelled is not None:
            job.cancelled.connect(on_cancelled)
        job._hooks.append(lambda j=job: self._forget(j))
        self._jobs.append(job)
        _RUNNING.add(job)
        _KEEP.add(job)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        if project.path is None:  # in memory: cannot be shared with a thread, so run in place
            report = job._call(project)
            job._done_event.set()
            report()
        else:
            job._runnable = _Runnable(job, str(project.path))
            self.pool.start(job._runnable)
        return job

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
            if not self._jobs:
                self.busy_changed.emit(False)

    @property
    def jobs(self) -> list[Job]:
        """Jobs running now, oldest first."""
        return [j for j in self._jobs if j.is_running]

    def busy(self, key: str | None = None) -> bool:
        return any(j.is_running and (key is None or j.key == key) for j in self._jobs)

    def cancel(self, key: str | None = None) -> None:
        for job in self.jobs:
            if key is None or job.key == key:
                job.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Process events until every job has reported (screenshots, scripts, tests)."""
        from PySide6.QtCore import QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self.jobs and not deadline.hasExpired():
            QCoreApplication.processEvents()
            for job in self.jobs:
                job._done_event.wait(0.01)
        QCoreApplication.processEvents()
        return not self.jobs

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Silence and stop every job (closing the window or switching projects); writes finish first."""
        jobs = list(self.jobs)
        for job in jobs:
            if job.writable:
                job.cancel()  # a write in progress rolls back or completes; its report still counts
            else:
                job.silence()
        for job in jobs:
            job.wait(timeout_ms)


__all__ = ["Job", "JobCancelled", "JobContext", "JobRunner", "error_text", "running_jobs"]
