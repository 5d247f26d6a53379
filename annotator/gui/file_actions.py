"""The File menu: new, open, recent, import (a job with progress and cancel), quit; and Open recent.

Importing runs on the window's job runner with its own connection to the project file; when it finishes
the new documents are announced on the project event bus, so every view lists them at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from annotator.core.commands import Changes
from annotator.core.store import Project
from annotator.gui.jobs import Job, JobContext
from annotator.gui.project_bus import ProjectBus

PROJECT_FILTER = QT_TRANSLATE_NOOP("file_actions", "Annotator projects (*.annotator);;All files (*)")
IMPORT_FILTER = QT_TRANSLATE_NOOP("file_actions", "Documents (*.txt *.docx *.html *.htm *.pdf *.csv);;All files (*)")
MAX_RECENT = 8
RECENT_KEY = "recent/files"


def recent_files(settings: QSettings, existing_only: bool = True) -> list[str]:
    """The remembered projects, newest first: absolute paths only (and only files that still exist).

    QSettings hands back a one-element list as a bare string (INI files cannot tell them apart), which
    an earlier version iterated character by character ('/', 't', 'm', 'p' ...) and stored back.
    """
    value = settings.value(RECENT_KEY)
    if value is None:
        items: list[object] = []
    elif isinstance(value, str):
        items = [value]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        items = []
    paths: list[str] = []
    for item in items:
        if not isinstance(item, str) or not Path(item).is_absolute() or item in paths:
            continue
        if existing_only and not Path(item).is_file():
            continue
        paths.append(item)
    return paths


def remember_recent(settings: QSettings, path: str) -> None:
    path = str(Path(path).resolve())
    recent = [p for p in recent_files(settings, existing_only=False) if p != path]
    settings.setValue(RECENT_KEY, [path, *recent][:MAX_RECENT])
    settings.setValue("recent/last", path)


class FileActions:
    def __init__(self, bus: ProjectBus, window: QWidget, status: Callable[[str], None],
                 switch_project: Callable[..., bool] | None = None) -> None:
        self.bus = bus
        self.window = window
        self.status = status
        self.switch_project = switch_project or getattr(window, "switch_project")
        self.recent_menu: QMenu | None = None
        self.progress: QProgressDialog | None = None

    def populate(self, menu: QMenu) -> None:
        menu.addAction(QCoreApplication.translate("file_actions", "New project…"), self.new_project).setShortcut(QKeySequence.StandardKey.New)
        menu.addAction(QCoreApplication.translate("file_actions", "Open project…"), self.open_project).setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu(QCoreApplication.translate("file_actions", "Open recent"))
        self.refresh_recent()
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("file_actions", "Import documents…"), self.import_documents).setShortcut(QKeySequence("Ctrl+I"))
        # Export…, Import REFI-QDA… and Merge… are added by annotator.gui.exchange_actions.
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("file_actions", "Quit"), self.window.close).setShortcut(QKeySequence.StandardKey.Quit)

    def refresh_recent(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        recent = recent_files(QSettings())
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.switch_project(p))
        self.recent_menu.setEnabled(bool(recent))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("file_actions", "New project"), "", QCoreApplication.translate("file_actions", PROJECT_FILTER))
        if path:
            if not path.endswith(".annotator"):
                path += ".annotator"
            self.switch_project(path, create=True)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("file_actions", "Open project"), "", QCoreApplication.translate("file_actions", PROJECT_FILTER))
        if path:
            self.switch_project(path)

    def import_documents(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, QCoreApplication.translate("file_actions", "Import documents"), "", QCoreApplication.translate("file_actions", IMPORT_FILTER))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> Job | None:
        """Read and store the files as one job; the new documents are announced when it is done."""
        project = self.bus.project
        files = list(paths)

        def job(project: Project, context: JobContext):
            from annotator.core.importers import read_documents

            inputs = []
            for i, path in enumerate(files):
                context.check()
                inputs.extend(read_documents(path))
                context.report(i + 1, len(files))
            return project.add_documents(inputs, on_progress=context.keep_going)

        progress = QProgressDialog(QCoreApplication.translate("file_actions", "Importing documents…"), QCoreApplication.translate("file_actions", "Cancel"), 0, len(files), self.window)
        progress.setMinimumDuration(300)
        self.progress = progress

        def finished(report) -> None:
            progress.close()
            self.status(report.summary())

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "Import"), message)

        def cancelled() -> None:
            progress.close()
            self.status(QCoreApplication.translate("file_actions", "import cancelled; nothing was imported"))

        job_ = self.bus.jobs.run(
            job, title=QCoreApplication.translate("file_actions", "Import"), writable=True, project=project, on_done=finished, on_failed=failed,
            on_cancelled=cancelled, on_progress=lambda done, _total: progress.setValue(done),
            announce=lambda report: Changes({d.id for d in report.added}, document_list=True, dictionary=True))
        progress.canceled.connect(job_.cancel)
        return job_
