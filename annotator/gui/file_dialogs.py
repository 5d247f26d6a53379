"""Where file dialogs start: the open project's folder (never the process's working directory)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def start_dir(project=None, name: str = "") -> str:
    """The folder of the open project file (or the user's documents folder), with ``name`` proposed.

    The demo project lives in the app's data folder, where no one keeps their articles: with the demo
    open, dialogs start in the documents folder."""
    folder: Path | None = None
    path = getattr(project, "path", None)
    demo = project is not None and hasattr(project, "meta") and project.meta("demo") == "1"
    if path is not None and not demo and Path(path).parent.is_dir():
        folder = Path(path).parent
    if folder is None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return str(folder / name) if name else str(folder)


__all__ = ["start_dir"]
