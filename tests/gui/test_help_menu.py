"""Help menu: the guide renders the markdown in docs/, the shortcut sheet lists the real actions and code
keys, About names the versions."""

from __future__ import annotations

import platform
import sqlite3

from PySide6.QtGui import QKeySequence

import annotator
from annotator.gui.help_menu import (
    AboutDialog, GuideDialog, ShortcutsDialog, docs_folder, guide_page, shortcut_rows, versions,
)


def menu_texts(window) -> list[str]:
    return [a.text() for a in window.help_menu.actions() if not a.isSeparator()]


def test_help_menu_and_preferences_are_installed(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Help"
    assert menu_texts(window) == ["User guide", "Ten-minute tutorial", "Keyboard shortcuts", "About Annotator"]
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert "Preferences…" in [a.text() for a in edit.actions()]


def test_shortcut_sheet_is_built_from_the_actions(window):
    rows = shortcut_rows(window)
    native = QKeySequence.SequenceFormat.NativeText
    by_action = {what: keys for _, what, keys in rows}
    assert by_action["Repeat last code"] == QKeySequence("Ctrl+R").toString(native)
    assert "Undo" in by_action and "Zoom in" in by_action
    # every action of the window that has a shortcut is listed
    from PySide6.QtGui import QAction

    with_keys = {a.text().replace("&", "") for a in window.findChildren(QAction) if a.shortcuts()}
    assert with_keys <= set(by_action)
    # code keys: 1..3 for the three codes of the fixture, snapped and exact (Alt+)
    code_rows = [(what, keys) for where, what, keys in rows if where == "Codes"]
    assert any("Crime" in what and keys == window.coding.keys[window.coding.codes[0].id] for what, keys in code_rows)
    assert len(code_rows) == 2 * len(window.coding.keys)
    assert any("start of the selected coding" in what for _, what, _k in rows)


def test_shortcut_sheet_follows_a_changed_shortcut(window, qtbot):
    window.act_done.setShortcut(QKeySequence("Ctrl+D"))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert listed["Mark document done"] == QKeySequence("Ctrl+D").toString(QKeySequence.SequenceFormat.NativeText)


def test_about_lists_versions(window, qtbot):
    names = dict(versions())
    assert names["Annotator"] == annotator.__version__
    assert names["Python"] == platform.python_version()
    assert names["SQLite"] == sqlite3.sqlite_version
    assert names["jieba"] != "—"
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.version_labels["PySide6"].text() == names["PySide6"]
    assert "MIT" in " ".join(label.text() for label in dialog.findChildren(type(dialog.version_labels["Qt"])))


def test_guide_renders_markdown_pages(window, qtbot):
    folder = docs_folder()
    if folder is None:
        import pytest

        pytest.skip("no docs/ folder beside the package")
    dialog = GuideDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.pages[0] == "README.md"
    first_line = guide_page(folder, "README.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    assert first_line in dialog.browser.toPlainText()
    assert "#" not in dialog.browser.toPlainText().splitlines()[0]  # rendered, not shown as source
    dialog.page_list.setCurrentRow(dialog.pages.index("tutorial.md"))
    assert dialog.browser.source().toLocalFile().endswith("tutorial.md")


def test_guide_prefers_a_translated_page(tmp_path):
    from PySide6.QtCore import QLocale

    (tmp_path / "tutorial.md").write_text("# Tutorial\n", encoding="utf-8")
    assert guide_page(tmp_path, "tutorial.md", QLocale("zh_CN")).name == "tutorial.md"
    (tmp_path / "tutorial.zh_CN.md").write_text("# 教程\n", encoding="utf-8")
    assert guide_page(tmp_path, "tutorial.md", QLocale("zh_CN")).name == "tutorial.zh_CN.md"
    assert guide_page(tmp_path, "tutorial.md", QLocale("en_GB")).name == "tutorial.md"
