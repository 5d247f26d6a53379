"""A bad project given to the GUI (not in --screenshot mode) is refused with a message box, not a crash."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QMessageBox


def test_bad_project_shows_message_box(tmp_path, qtbot, monkeypatch):
    from annotator.gui import app as gui_app

    bad = tmp_path / "notes.annotator"
    bad.write_text("not a project")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kw: shown.append(args[2]))
    args = argparse.Namespace(project=str(bad), screenshot=None, view="main", language="en")
    assert gui_app.run_gui(args) == 2
    assert shown and "notes.annotator" in shown[0] and "not an Annotator project" in shown[0]
