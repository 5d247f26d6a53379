"""Where the app keeps its per-user files: the data folder (jieba's cache, the demo project).

Kept apart from ``app`` (which builds the window) so that window actions such as *Close project* can
find the demo project without importing the module that imports them.
"""

from __future__ import annotations

import os
from pathlib import Path

DEMO_FILE = "demo.annotator"


def data_folder() -> Path:
    """Per-user data folder: $ANNOTATOR_DATA_DIR when set (tests), else QStandardPaths' AppDataLocation."""
    root = os.environ.get("ANNOTATOR_DATA_DIR")
    if not root:
        from PySide6.QtCore import QStandardPaths

        root = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        os.environ["ANNOTATOR_DATA_DIR"] = root  # jieba's cache goes there too (core/tokens.py)
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_project_path() -> Path:
    """The demo project in the data folder, created on first use (or an empty project if no demo data)."""
    path = data_folder() / DEMO_FILE
    if not path.exists():
        try:
            from annotator.core.demo import create_demo_project
        except ImportError:
            from annotator.core.store import Project

            Project.create(path).close()
        else:
            create_demo_project(path)
    return path
