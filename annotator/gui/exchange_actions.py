"""File-menu actions that move a project's content in and out: Export…, Import REFI-QDA…, Merge….

Import and merge run as writable jobs on the window's job runner (their own SQLite connection on the same
file); when one finishes, ``Changes.everything()`` is announced on the project event bus and every view
re-reads what it shows. ``ExchangeActions.populate(file_menu)`` puts them into the File menu, above Quit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from annotator.core.commands import Changes
from annotator.core.store import Project
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.file_dialogs import start_dir
from annotator.gui.jobs import Job, JobContext
from annotator.gui.project_bus import ProjectBus

REFI_FILTER = "REFI-QDA files (*.qdpx *.qdc);;REFI-QDA project (*.qdpx);;REFI-QDA codebook (*.qdc);;All files (*)"
MERGE_FILTER = "Annotator projects or REFI-QDA projects (*.annotator *.qdpx);;All files (*)"


def report_details(report: Any) -> str:
    """Every conflict (with how it was resolved) and every warning of an import or merge, one per line."""
    return "\n".join([*(f"conflict: {c}" for c in report.conflicts), *(f"warning: {w}" for w in report.warnings)])


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

    def __init__(self, bus: ProjectBus, window: QWidget, status: Callable[[str], None]) -> None:
        self.bus = bus
        self.window = window
        self.status = status
        self.dialog: ExportDialog | None = None
        self.last_message: QMessageBox | None = None
        self.actions: list[QAction] = []
        self.jobs: list[Job] = []

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
    def open_export_dialog(self) -> ExportDialog:
        self.close_dialogs()
        self.dialog = ExportDialog(self.bus, self.window, on_done=self.status)
        self.dialog.open()
        return self.dialog

    def close_dialogs(self) -> None:
        """Before another project is opened: the dialog belongs to this one."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    # ---- import and merge ----------------------------------------------------------------------
    def choose_refi_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("exchange_actions", "Import REFI-QDA"), start_dir(self.bus.project), REFI_FILTER)
        if path:
            self.import_refi_file(path)

    def choose_merge_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("exchange_actions", "Merge a coder's project"), start_dir(self.bus.project), MERGE_FILTER)
        if path:
            self.merge_file(path)

    def import_refi_file(self, path: str) -> Job:
        """Import a .qdpx project or .qdc codebook into the open project, off the GUI thread; every conflict
        and warning is in the details."""
        from annotator.core.exchange.refi import import_refi_report

        name = Path(path).name

        def done(report: Any) -> None:
            self._show(QCoreApplication.translate("exchange_actions", "Import REFI-QDA"),
                       f"{name}: {report.summary()}", QMessageBox.Icon.Information, details=report_details(report))

        return self._run(lambda project, _context: import_refi_report(project, path), done, "Import REFI-QDA")

    def merge_file(self, path: str) -> Job:
        """Merge another coder's project (or a .qdpx) and show what was added, skipped and conflicting."""
        from annotator.core.exchange.merge import merge_project

        name = Path(path).name

        def done(report: Any) -> None:
            self._show(QCoreApplication.translate("exchange_actions", "Merged {0}").format(name),
                       merge_report_text(report), QMessageBox.Icon.Information,
                       details=report_details(report))
            self.status(QCoreApplication.translate("exchange_actions", "Merged {0}: {1}").format(name, report.summary()))

        return self._run(lambda project, _context: merge_project(project, path), done, "Merge")

    def _run(self, function: Callable[[Project, JobContext], Any], done: Callable[[Any], None], title: str) -> Job:

        def finished(result: object) -> None:
            self._update_busy()
            done(result)

        def failed(message: str) -> None:
            self._update_busy()
            self._show(title, message, QMessageBox.Icon.Warning)

        job = self.bus.jobs.run(function, title=title, writable=True, on_done=finished, on_failed=failed,
                                on_cancelled=self._update_busy, announce=Changes.everything())
        self.jobs.append(job)
        self._update_busy()
        return job

    def _update_busy(self) -> None:
        self.jobs = [j for j in self.jobs if j.is_running]
        self._set_busy(bool(self.jobs))

    def _set_busy(self, busy: bool) -> None:
        for action in self.actions[1:]:
            action.setEnabled(not busy)

    # ---- feedback ------------------------------------------------------------------------------
    def _show(self, title: str, text: str, icon: QMessageBox.Icon, details: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        if details:
            box.setDetailedText(details)
        self.last_message = box
        box.open()
        self.status(text.splitlines()[0])


__all__ = ["ExchangeActions", "merge_report_text", "report_details"]
