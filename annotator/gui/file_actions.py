"""The File menu: new, open, recent, import (in a worker, with progress and cancel), export, quit."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from annotator.gui.workers import ImportWorker

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

PROJECT_FILTER = QT_TRANSLATE_NOOP("file_actions", "Annotator projects (*.annotator);;All files (*)")
IMPORT_FILTER = QT_TRANSLATE_NOOP("file_actions", "Documents (*.txt *.docx *.html *.htm *.pdf *.csv);;All files (*)")


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


class FileActions:
    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.pool = QThreadPool.globalInstance()
        self.recent_menu: QMenu | None = None
        self._workers: list[ImportWorker] = []

    def populate(self, menu: QMenu) -> None:
        w = self.window
        menu.addAction(QCoreApplication.translate("file_actions", "New project…"), self.new_project).setShortcut(QKeySequence.StandardKey.New)
        menu.addAction(QCoreApplication.translate("file_actions", "Open project…"), self.open_project).setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu(QCoreApplication.translate("file_actions", "Open recent"))
        self.refresh_recent()
        menu.addSeparator()
        if _module_exists("annotator.core.importers"):
            menu.addAction(QCoreApplication.translate("file_actions", "Import documents…"), self.import_documents).setShortcut(QKeySequence("Ctrl+I"))
        # Export…, Import REFI-QDA… and Merge… are added by annotator.gui.exchange_actions.
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("file_actions", "Quit"), w.close).setShortcut(QKeySequence.StandardKey.Quit)

    def refresh_recent(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        recent = QSettings().value("recent/files") or []
        if isinstance(recent, str):
            recent = [recent]
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.window.switch_project(p))
        self.recent_menu.setEnabled(bool(recent))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("file_actions", "New project"), "", QCoreApplication.translate("file_actions", PROJECT_FILTER))
        if path:
            if not path.endswith(".annotator"):
                path += ".annotator"
            self.window.switch_project(path, create=True)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("file_actions", "Open project"), "", QCoreApplication.translate("file_actions", PROJECT_FILTER))
        if path:
            self.window.switch_project(path)

    def import_documents(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, QCoreApplication.translate("file_actions", "Import documents"), "",
                                                QCoreApplication.translate("file_actions", IMPORT_FILTER))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> ImportWorker | None:
        project = self.window.project
        if project.path is None:
            return None
        worker = ImportWorker(str(project.path), paths)
        progress = QProgressDialog(QCoreApplication.translate("file_actions", "Importing documents…"), QCoreApplication.translate("file_actions", "Cancel"), 0, len(paths), self.window)
        progress.setMinimumDuration(300)
        progress.canceled.connect(worker.cancel)
        worker.signals.progress.connect(lambda done, _total: progress.setValue(done))

        def finished(summary: str) -> None:
            progress.close()
            self._workers.remove(worker)
            self.window.coding.reload()
            self.window.statusBar().showMessage(summary.splitlines()[0], 8000)

        def failed(message: str) -> None:
            progress.close()
            self._workers.remove(worker)
            QMessageBox.warning(self.window, QCoreApplication.translate("file_actions", "Import"), message)

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        self._workers.append(worker)
        worker.setAutoDelete(False)
        self.pool.start(worker)
        return worker

    def wait_for_workers(self) -> None:
        for worker in self._workers:
            worker.cancel()
        self.pool.waitForDone(5000)
