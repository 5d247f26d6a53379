"""File-menu actions that move a project's content in and out: Export…, Import REFI-QDA…, Merge….

Each runs its core function in a ``ProjectTask`` (a worker with its own SQLite connection on the same
file), then refreshes the views the way document import does (``coding.reload()`` and the coder list).
``install_exchange_actions(window, file_menu)`` puts them into the File menu, above Quit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project

if TYPE_CHECKING:
    from annotator.gui.export_dialog import ExportDialog
    from annotator.gui.main_window import MainWindow

REFI_FILTER = "REFI-QDA files (*.qdpx *.qdc);;REFI-QDA project (*.qdpx);;REFI-QDA codebook (*.qdc);;All files (*)"
MERGE_FILTER = "Annotator projects or REFI-QDA projects (*.annotator *.qdpx);;All files (*)"


class TaskSignals(QObject):
    finished = Signal(object)  # whatever the function returned
    failed = Signal(str)  # a one-line message


class ProjectTask(QRunnable):
    """Run ``function(project)`` off the GUI thread on a fresh connection to the same project file.

    Workers never touch widgets: the result or a one-line error comes back by signal. A project held
    only in memory cannot be shared with another thread, so then the function runs in ``start``.
    """

    def __init__(self, project: Project, function: Callable[[Project], Any], readonly: bool = False) -> None:
        super().__init__()
        self.path = str(project.path) if project.path is not None else None
        self.project = project
        self.function = function
        self.readonly = readonly
        self.signals = TaskSignals()
        self.setAutoDelete(False)

    def start(self, pool: QThreadPool | None = None) -> None:
        if self.path is None:
            self._call(self.project)
        else:
            (pool or QThreadPool.globalInstance()).start(self)

    def run(self) -> None:
        try:
            with Project.open(self.path, readonly=self.readonly) as project:
                self._call(project)
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))

    def _call(self, project: Project) -> None:
        try:
            result = self.function(project)
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must always report back
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


def merge_report_text(report: Any) -> str:
    """The merge report as a few short lines: what was added, skipped, and what needs a look."""
    lines = [
        QCoreApplication.translate("exchange_actions", "Added: {0} documents, {1} codes, {2} coders, {3} segments, {4} memos.").format(
            report.documents_added, report.codes_added, report.coders_added, report.segments_added,
            report.memos_added),
        QCoreApplication.translate("exchange_actions", "Already present: {0} documents, {1} codes; {2} duplicate segments skipped.").format(
            report.documents_matched, report.codes_matched, report.segments_skipped),
        QCoreApplication.translate("exchange_actions", "Assignments updated: {0}.").format(report.assignments_changed),
        (QCoreApplication.translate("exchange_actions", "Conflicts: {0} (see details).") if report.conflicts
         else QCoreApplication.translate("exchange_actions", "Conflicts: {0}.")).format(len(report.conflicts)),
    ]
    if report.warnings:
        lines.append(QCoreApplication.translate("exchange_actions", "Warnings: {0} (see details).").format(len(report.warnings)))
    return "\n".join(lines)


class ExchangeActions:
    """The Export dialog, REFI-QDA import and merge, for one main window."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.pool = QThreadPool.globalInstance()
        self.tasks: list[ProjectTask] = []
        self.dialog: ExportDialog | None = None
        self.last_message: QMessageBox | None = None
        self.actions: list[QAction] = []

    # ---- menu ----------------------------------------------------------------------------------
    def populate(self, menu: QMenu) -> None:
        """Add the actions above the separator before Quit."""
        actions = menu.actions()
        quit_text = QCoreApplication.translate("file_actions", "Quit")
        anchor = next((a for a in actions if a.text().replace("&", "") == quit_text), None)
        if anchor is not None:
            # Keep the separator above Quit below our entries.
            index = actions.index(anchor)
            if index > 0 and actions[index - 1].isSeparator():
                anchor = actions[index - 1]
        new = []
        for text, slot in ((QCoreApplication.translate("exchange_actions", "Export…"), self.open_export_dialog),
                           (QCoreApplication.translate("exchange_actions", "Import REFI-QDA (.qdpx/.qdc)…"),
                            self.choose_refi_file),
                           (QCoreApplication.translate("exchange_actions", "Merge coder's project…"),
                            self.choose_merge_file)):
            action = QAction(text, menu)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            new.append(action)
        new[0].setShortcut("Ctrl+E")
        new[0].setToolTip(QCoreApplication.translate("exchange_actions", "Codebook, coded segments, matrix for R/SPSS, REFI-QDA files, with a preview"))
        if anchor is None:
            menu.addActions(new)
        else:
            menu.insertActions(anchor, new)
        self.actions = new

    # ---- export --------------------------------------------------------------------------------
    def open_export_dialog(self) -> "ExportDialog":
        from annotator.gui.export_dialog import ExportDialog

        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ExportDialog(self.window.project, self.window, on_done=self._status)
        self.dialog.open()
        return self.dialog

    # ---- import and merge ----------------------------------------------------------------------
    def choose_refi_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("exchange_actions", "Import REFI-QDA"), "", REFI_FILTER)
        if path:
            self.import_refi_file(path)

    def choose_merge_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("exchange_actions", "Merge a coder's project"), "", MERGE_FILTER)
        if path:
            self.merge_file(path)

    def import_refi_file(self, path: str) -> ProjectTask:
        """Import a .qdpx project or .qdc codebook into the open project, off the GUI thread."""
        from annotator.core.exchange.refi import import_refi

        name = Path(path).name

        def done(summary: object) -> None:
            self._show(QCoreApplication.translate("exchange_actions", "Import REFI-QDA"), f"{name}: {summary}",
                       QMessageBox.Icon.Information)

        return self._run(lambda project: import_refi(project, path), done, "Import REFI-QDA")

    def merge_file(self, path: str) -> ProjectTask:
        """Merge another coder's project (or a .qdpx) and show what was added, skipped and conflicting."""
        from annotator.core.exchange.merge import merge_project

        name = Path(path).name

        def done(report: Any) -> None:
            details = "\n".join([*(f"conflict: {c}" for c in report.conflicts),
                                 *(f"warning: {w}" for w in report.warnings)])
            self._show(QCoreApplication.translate("exchange_actions", "Merged {0}").format(name),
                       merge_report_text(report), QMessageBox.Icon.Information,
                       details=details)
            self._status(QCoreApplication.translate("exchange_actions", "Merged {0}: {1}").format(name, report.summary()))

        return self._run(lambda project: merge_project(project, path), done, "Merge")

    def _run(self, function: Callable[[Project], Any], done: Callable[[Any], None], title: str) -> ProjectTask:
        task = ProjectTask(self.window.project, function)
        self._set_busy(True)

        def finished(result: object) -> None:
            self._forget(task)
            self.refresh_views()
            done(result)

        def failed(message: str) -> None:
            self._forget(task)
            self._show(title, message, QMessageBox.Icon.Warning)

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self.tasks.append(task)
        task.start(self.pool)
        return task

    def _forget(self, task: ProjectTask) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        self._set_busy(bool(self.tasks))

    def _set_busy(self, busy: bool) -> None:
        for action in self.actions[1:]:
            action.setEnabled(not busy)

    def refresh_views(self) -> None:
        """Re-read documents, codes and coders after the project changed underneath the views."""
        self.window.coding.reload()
        fill = getattr(self.window, "_fill_coder_combo", None)
        if callable(fill):
            fill()
        agreement = getattr(self.window, "agreement", None)  # views other modules may have added
        if agreement is not None and hasattr(agreement, "set_project"):
            agreement.set_project(self.window.project)
        review = getattr(self.window, "review", None)
        if review is not None and hasattr(review, "reload"):
            review.reload()

    # ---- feedback ------------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def _show(self, title: str, text: str, icon: QMessageBox.Icon, details: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        if details:
            box.setDetailedText(details)
        self.last_message = box
        box.open()
        self._status(text.splitlines()[0])


def install_exchange_actions(window: "MainWindow", file_menu: QMenu) -> ExchangeActions:
    """Add Export…, Import REFI-QDA… and Merge… to ``file_menu``; the object is kept on the window."""
    actions = ExchangeActions(window)
    actions.populate(file_menu)
    window.exchange = actions  # type: ignore[attr-defined]
    return actions


__all__ = ["ExchangeActions", "ProjectTask", "install_exchange_actions", "merge_report_text"]
