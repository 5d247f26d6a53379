"""Scale section: the desktop app started on the 100,000-article archive (issue 18: < 2 s, peak < 400 MiB).

``annotator PROJECT`` in a fresh process, as a user starts it (fresh settings and data folder), timed from
spawning the process to the first paint of the main window; peak memory is the process's VmHWM. The
peer is the floor: a fresh process showing an empty ``QMainWindow``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SCALE_ARTICLES
from data_cache import private_copy
from scale import Target, python_child

# Stops the child at the first paint of the main window (after that paint has been handled).
FIRST_PAINT = '''
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication.instance() or QApplication(sys.argv[:1])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and hasattr(obj, "window") and isinstance(obj.window(), QMainWindow):
            app.removeEventFilter(self)
            QTimer.singleShot(0, lambda: report_and_exit(documents=DOCUMENTS()))
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
'''


@pytest.fixture(scope="module")
def archive_copy(archive: Path, tmp_path_factory) -> Path:
    """A writable copy: the app opens projects for writing."""
    return private_copy(archive, tmp_path_factory.mktemp("gui-archive"))


def test_scale_gui_start(scale, archive_copy, tmp_path):
    ours_code = FIRST_PAINT + (
        "def DOCUMENTS():\n"
        "    window = next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow))\n"
        "    return window.coding.doc_model.rowCount() if hasattr(window.coding, 'doc_model') else -1\n"
        "from annotator.cli import main\n"
        f"main([{str(archive_copy)!r}])\n")
    peer_code = FIRST_PAINT + (
        "def DOCUMENTS():\n"
        "    return 0\n"
        "window = QMainWindow()\n"
        "window.resize(1440, 860)\n"
        "window.show()\n"
        "app.exec()\n")

    def fresh(code: str):
        home = tmp_path / f"home{len(list(tmp_path.iterdir()))}"
        home.mkdir()
        env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "ANNOTATOR_DATA_DIR": str(home / "data")}
        return python_child(code, env=env, timeout=600)

    python_child("from annotator.core.store import Project\n"  # upgrade once, outside the timing
                 f"Project.open({str(archive_copy)!r}).close()\n")
    ours, peer = scale.paired(lambda: fresh(ours_code), lambda: fresh(peer_code), runs=3)
    scale.row("GUI start to a shown window", f"{SCALE_ARTICLES:,} articles (3 coders, 20 codes)", ours,
              peer_name="an empty QMainWindow (fresh process)", peer=peer, target=Target(seconds=2.0, peak_mib=400),
              notes="`annotator PROJECT`, fresh settings; spawn to first paint; document list rows loaded: "
              f"{ours.extra.get('documents')}")
