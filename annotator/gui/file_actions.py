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
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.file_dialogs import start_dir
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
        menu.addAction(QCoreApplication.translate("file_actions", "Save a copy…"), self.save_copy).setShortcut(QKeySequence("Ctrl+Shift+S"))
        menu.addAction(QCoreApplication.translate("file_actions", "Close project"), self.close_project).setShortcut(QKeySequence.StandardKey.Close)
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
        """Ask where and with which codebook; create it (template loaded) and open it."""
        from annotator.gui.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(start_dir(self.bus.project), self.window)
        if not dialog.exec():
            return
        path = dialog.path()
        try:
            create_project(path, dialog.codebook())
        except AnnotatorError as exc:
            QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "New project"), str(exc))
            return
        if self.switch_project(str(path)):
            self.status(QCoreApplication.translate("file_actions", "Created {0}. Import articles next: File ▸ Import documents… (Ctrl+I)").format(path.name), 15000)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("file_actions", "Open project"), start_dir(self.bus.project), QCoreApplication.translate("file_actions", PROJECT_FILTER))
        if path:
            self.switch_project(path)

    def save_copy(self) -> Job | None:
        """Write a copy of the project to a new file (a snapshot to archive or send); the open one stays."""
        project = self.bus.project
        if project.path is None:
            return None
        name = f"{Path(project.path).stem}-copy.annotator"
        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("file_actions", "Save a copy"), start_dir(project, name), QCoreApplication.translate("file_actions", PROJECT_FILTER))
        if not path:
            return None
        if not path.endswith(".annotator"):
            path += ".annotator"
        if Path(path).resolve() == Path(project.path).resolve():
            QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "Save a copy"), QCoreApplication.translate("file_actions", "A copy needs a new file name."))
            return None
        if Path(path).exists():  # the dialog asked to replace it: a copy never overwrites another file
            QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "Save a copy"), QCoreApplication.translate("file_actions", "{0} already exists; choose a new name.").format(Path(path).name))
            return None
        return self.bus.jobs.run(
            lambda p, _context: p.save_copy(path), title=QCoreApplication.translate("file_actions", "Save a copy"),
            on_done=lambda target: self.status(QCoreApplication.translate("file_actions", "Saved a copy as {0}").format(target)),
            on_failed=lambda message: QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "Save a copy"), message))

    def close_project(self) -> None:
        """Close this project; the window shows the demo project until another is opened."""
        from annotator.gui.app_data import demo_project_path

        current = self.bus.project.path
        demo = demo_project_path()
        if current is not None and Path(current).resolve() == Path(demo).resolve():
            self.status(QCoreApplication.translate("file_actions", "This is the demo project; open or create a project with the File menu"))
            return
        if self.switch_project(str(demo), remember=False):
            self.status(QCoreApplication.translate("file_actions", "Closed {0}; this is the demo project. File ▸ Open recent reopens it.").format(Path(current).name if current else ""), 15000)

    def import_documents(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, QCoreApplication.translate("file_actions", "Import documents"), start_dir(self.bus.project), QCoreApplication.translate("file_actions", IMPORT_FILTER))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> Job | None:
        """Read and store the files as one job, all or nothing (a CSV corpus is stored as it is read, .qdpx
        and .qdc files are folded in); the new documents are announced when it is done."""
        project = self.bus.project
        files = list(paths)

        def job(project: Project, context: JobContext):
            from annotator.core.importers.batch import import_files

            done: list[str] = []

            def read(name: str, _count: int) -> None:
                done.append(name)
                context.report(len(done), len(files))

            result = import_files(project, files, on_file=read, on_progress=context.keep_going)
            return result.documents

        progress = QProgressDialog(QCoreApplication.translate("file_actions", "Importing documents…"), QCoreApplication.translate("file_actions", "Cancel"), 0, len(files), self.window)
        progress.setMinimumDuration(300)
        self.progress = progress

        def finished(report) -> None:
            progress.close()
            # Composed here, not report.summary(): core's English line showed in the Chinese window.
            self.status(QCoreApplication.translate("file_actions", "{0} imported, {1} skipped").format(
                report.added_count, len(report.skipped)))

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "Import"), message)

        def cancelled() -> None:
            progress.close()
            self.status(QCoreApplication.translate("file_actions", "import cancelled; nothing was imported"))

        job_ = self.bus.jobs.run(
            job, title=QCoreApplication.translate("file_actions", "Import"), writable=True, project=project, on_done=finished, on_failed=failed,
            on_cancelled=cancelled, on_progress=lambda done, _total: progress.setValue(done),
            announce=lambda report: Changes(document_list=True, dictionary=True, all_segments=True, codebook=True,
                                            coders=True, documents_added=report.added_count > 0))
        progress.canceled.connect(job_.cancel)
        return job_


def create_project(path: Path, codebook: str) -> None:
    """A new project file started from a codebook template or CSV (nothing is left behind if that fails)."""
    from annotator.core.codebook import load_template

    project = Project.create(path)
    try:
        if codebook and codebook != "empty":
            load_template(project, codebook)
    except BaseException:
        project.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    project.close()
