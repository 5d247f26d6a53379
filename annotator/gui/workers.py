"""QThreadPool runnables that call core functions; they never touch widgets, only emit signals.

The import worker opens its own ``Project`` on the same file (SQLite connections are per thread).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Signal

from annotator.core.errors import AnnotatorError


class ImportSignals(QObject):
    progress = Signal(int, int)  # files done, files total
    finished = Signal(str)  # summary
    failed = Signal(str)


class ImportWorker(QRunnable):
    def __init__(self, project_path: str, files: list[str]) -> None:
        super().__init__()
        self.project_path = project_path
        self.files = files
        self.signals = ImportSignals()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        from annotator.core.importers import read_documents  # written by the import feature; lazy
        from annotator.core.store import Project

        try:
            inputs = []
            for i, path in enumerate(self.files):
                if self.cancelled:
                    self.signals.failed.emit("import cancelled; nothing was imported")
                    return
                inputs.extend(read_documents(path))
                self.signals.progress.emit(i + 1, len(self.files))
            with Project.open(self.project_path) as project:
                report = project.add_documents(inputs, on_progress=lambda _n: not self.cancelled)
            lines = [report.summary(), *report.skipped[:10]]
            self.signals.finished.emit("\n".join(lines))
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must always report back
            self.signals.failed.emit(f"import failed: {exc}")
