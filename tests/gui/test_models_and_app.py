"""Item models pass Qt's model tester; the app opens projects, renders screenshots and reports errors."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt


def test_document_model(qtmodeltester, filled):
    from annotator.gui.models.document_table import DocumentTableModel

    docs = filled.documents()
    coder = filled.coders()[0].id
    filled.set_assignment(docs[0].id, coder, "done")
    model = DocumentTableModel(lambda: filled)
    model.set_query(coder_id=coder)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.data(model.index(0, 4)) == "done"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_document_filter_proxy(window):
    coding = window.coding
    coding.doc_filter.setText("血样")
    assert coding.doc_proxy.rowCount() == 1


def args(**kw):
    base = dict(project=None, screenshot=None, view="main", language=None)
    base.update(kw)
    return argparse.Namespace(**base)


def test_screenshot_of_a_project(filled, tmp_path, qapp):
    from annotator.gui.app import run_gui

    path = str(filled.path)
    filled.close()
    out = tmp_path / "shot.png"
    assert run_gui(args(project=path, screenshot=str(out))) == 0
    assert out.stat().st_size > 1000
    from PySide6.QtCore import QSettings

    assert QSettings().value("recent/files") is None  # --screenshot does not add to Open recent


def test_unknown_view_and_bad_project(filled, tmp_path, qapp, capsys):
    from annotator.gui.app import run_gui

    path = str(filled.path)
    filled.close()
    assert run_gui(args(project=path, screenshot=str(tmp_path / "x.png"), view="nope")) == 2
    assert "unknown view 'nope'" in capsys.readouterr().err
    bad = tmp_path / "bad.annotator"
    bad.write_text("not a database")
    assert run_gui(args(project=str(bad), screenshot=str(tmp_path / "y.png"))) == 2
    assert "not an Annotator project" in capsys.readouterr().err


def test_first_run_opens_the_demo(tmp_path, monkeypatch, qapp):
    pytest.importorskip("annotator.core.demo")
    from PySide6.QtCore import QSettings

    from annotator.core.store import Project
    from annotator.gui import app

    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "data"))
    QSettings().clear()
    path = app.choose_project(args())
    assert path == tmp_path / "data" / app.DEMO_FILE
    with Project.open(path) as project:
        assert project.documents() and project.segments()
    out = tmp_path / "demo.png"
    assert app.run_gui(args(screenshot=str(out))) == 0
    assert QSettings().value("recent/last") is None  # a screenshot leaves Open recent alone


def test_command_line_screenshot(filled, tmp_path):
    """The real entry point in a fresh process (also shows cold start works)."""
    path = str(filled.path)
    filled.close()
    out = tmp_path / "cli.png"
    result = subprocess.run([sys.executable, "-m", "annotator", path, "--screenshot", str(out)],
                            capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_the_app_sets_its_window_aside_from_full_garbage_collections(filled, qapp, monkeypatch):
    """A full collection walked the whole start-up heap (20-40 ms, in whichever thread allocated, holding
    the GIL): during a bulk edit in a worker it froze the GUI. Once the window is shown it is frozen."""
    import gc

    from PySide6.QtWidgets import QApplication

    from annotator.gui import app, heap

    seen = {}

    class Running:
        def exec(self) -> int:
            seen["frozen"] = gc.get_freeze_count()
            for widget in QApplication.topLevelWidgets():
                widget.close()
            return 0

    path = str(filled.path)
    filled.close()
    monkeypatch.setattr(app, "_application", lambda _args: Running())
    try:
        assert app.run_gui(args(project=path)) == 0
    finally:
        heap.unsettle()
    assert seen["frozen"] > 10_000
    assert gc.get_freeze_count() == 0
