"""`make run` on a desktop without Qt's xcb libraries says what to install instead of Qt's plugin error."""

from __future__ import annotations

import argparse

from annotator.gui import system_check


def test_xcb_is_used_only_on_x11():
    assert system_check.uses_xcb({"DISPLAY": ":0"}) is (__import__("sys").platform.startswith("linux"))
    assert not system_check.uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert not system_check.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not system_check.uses_xcb({})


def test_missing_libraries_are_named_as_packages():
    missing = system_check.missing_packages(find=lambda name: None if name == "xcb-cursor" else f"lib{name}.so")
    assert missing == ["libxcb-cursor0"]
    assert "sudo apt install libxcb-cursor0" in system_check.explain_missing(missing)


def test_the_app_stops_with_the_message_before_qt_starts(monkeypatch, capsys):
    from annotator.gui import app

    monkeypatch.setattr(system_check, "uses_xcb", lambda: True)
    monkeypatch.setattr(system_check, "missing_packages", lambda: ["libxcb-cursor0"])
    monkeypatch.setattr(app, "_application", lambda _args: (_ for _ in ()).throw(AssertionError("Qt started")))
    args = argparse.Namespace(project=None, screenshot=None, view="main", language=None)
    assert app.run_gui(args) == 2
    assert "apt install libxcb-cursor0" in capsys.readouterr().err
