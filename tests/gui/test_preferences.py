"""Preferences: the interface language is stored for the next start and --language still wins."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QSettings

from annotator.gui import app as gui_app
from annotator.gui.preferences import (
    FONT_SIZE_KEY, LANGUAGE_KEY, PreferencesDialog, saved_font_size, saved_language,
)


def test_language_choice_is_saved(window, qtbot):
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == ""  # system default until chosen
    assert [dialog.language.itemText(i) for i in range(1, dialog.language.count())] == ["English", "简体中文"]
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    assert QSettings().value(LANGUAGE_KEY) == "zh_CN"
    assert saved_language() == "zh_CN"
    again = PreferencesDialog(window)
    qtbot.addWidget(again)
    assert again.language.currentData() == "zh_CN"


def test_cancel_keeps_the_old_choice(window, qtbot):
    QSettings().setValue(LANGUAGE_KEY, "en")
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.reject()
    assert saved_language() == "en"


def test_font_size_applies_to_open_panes(window, qtbot):
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(18)
    dialog.accept()
    assert float(QSettings().value(FONT_SIZE_KEY)) == 18
    assert saved_font_size() == 18
    assert all(pane.editor.font().pointSizeF() == 18 for pane in window.coding.panes)


def test_default_font_size_is_none(qapp):
    assert saved_font_size() is None
    QSettings().setValue(FONT_SIZE_KEY, "junk")
    assert saved_font_size() is None


def test_startup_uses_saved_language_unless_given(qapp, monkeypatch):
    chosen = []
    monkeypatch.setattr(gui_app, "install_translations", lambda app, language: chosen.append(language) or [])
    QSettings().setValue(LANGUAGE_KEY, "zh_CN")
    args = argparse.Namespace(screenshot=None, language=None)
    gui_app._application(args)
    gui_app._application(argparse.Namespace(screenshot=None, language="en"))
    QSettings().setValue(LANGUAGE_KEY, "")
    gui_app._application(args)
    assert chosen == ["zh_CN", "en", None]
