"""The background integrity check of the app: opening a project no longer reads the whole file, so the app
checks it after opening (SQLite's quick_check and the references), off the GUI thread for a large file,
and says so at once if something is wrong (before a coder works for an hour in a damaged file).

A small file (the check takes milliseconds) is checked in place; a large one as a read-only job on the
window's job runner. Nothing is shown when the file is sound.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.checks import Finding, run_checks
from annotator.core.store import Project
from annotator.gui.jobs import JobContext
from annotator.gui.project_bus import ProjectBus

IN_PLACE_BYTES = 64 * 2**20  # below this the quick check takes a few milliseconds
CHECKS = ["sqlite", "references"]


def check_project(project: Project, _context: JobContext | None = None) -> list[Finding]:
    return [f for f in run_checks(project, CHECKS, quick=True) if f.severity == "error"]


class IntegrityWatch(QObject):
    def __init__(self, bus: ProjectBus, window: QWidget) -> None:
        super().__init__(window)
        self.bus, self.window = bus, window
        self.findings: list[Finding] = []
        self.message: QMessageBox | None = None
        bus.replaced.connect(lambda _project: self.check())
        self.check()

    def check(self) -> None:
        project = self.bus.project
        path = project.path
        if path is None:
            return
        try:
            size = Path(path).stat().st_size
        except OSError:
            return
        if size < IN_PLACE_BYTES:
            self.report(check_project(project))
        else:
            self.bus.jobs.run(check_project, title=QCoreApplication.translate("integrity", "Check project"),
                              key="integrity", on_done=self.report)

    def report(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        if not self.findings:
            return
        path = self.bus.project.path
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("integrity", "Project file damaged"),
                          QCoreApplication.translate("integrity", "{0} is damaged: {1}. Save nothing more in it; "
                                                     "restore a backup, or run `annotator check` for the full list.")
                          .format(Path(path).name if path else "", self.findings[0].message),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setDetailedText("\n".join(f"{f.check}: {f.message}" for f in self.findings))
        self.message = box
        box.open()


def install_integrity_watch(bus: ProjectBus, window: QWidget) -> IntegrityWatch:
    return IntegrityWatch(bus, window)
