"""Importing in a worker (file dialog path and drag-and-drop), remembered settings, the font hint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent


def test_import_in_worker(window, qtbot, tmp_path):
    pytest.importorskip("annotator.core.importers")
    article = tmp_path / "new-article.txt"
    article.write_text("A brand new article about the border trade in blood samples.\n", encoding="utf-8")
    assert window.files.import_paths([str(article)]) is not None
    # Wait on the outcome, not the signal: a fast worker may finish before a signal spy is attached.
    qtbot.waitUntil(lambda: window.coding.doc_model.rowCount() == 4, timeout=20000)
    window.coding.panes[0].picker.open_list("")  # the pane's picker lists the new document too
    assert window.coding.panes[0].picker.model.total == 4


def test_import_error_is_reported(window, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("annotator.core.importers")
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.files.import_paths([str(tmp_path / "missing.txt")])
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "missing.txt" in shown[0]


def test_drop_files_imports_them(window, qtbot, tmp_path):
    pytest.importorskip("annotator.core.importers")
    article = tmp_path / "dropped.txt"
    article.write_text("Dropped article text about clinics and families.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.coding.doc_model.rowCount() == 4, timeout=20000)


def test_state_is_remembered(window, qtbot):
    ben = window.project.coder("Ben")
    window.coder_combo.setCurrentIndex(window.coder_combo.findData(ben.id))
    window.coder_combo.activated.emit(window.coder_combo.currentIndex())
    window.close()
    settings = QSettings()
    assert settings.value("coder/last") == "Ben"
    assert settings.value("window/geometry") is not None
    from annotator.gui.main_window import MainWindow

    again = MainWindow(window.project)
    qtbot.addWidget(again)
    assert again.coding.coder_id == ben.id


def test_recent_files(window, tmp_path):
    from annotator.gui.main_window import remember_recent

    settings = QSettings()
    for name in ("a", "b", "a"):
        (tmp_path / f"{name}.annotator").touch()
        remember_recent(settings, str(tmp_path / f"{name}.annotator"))
    recent = settings.value("recent/files")
    assert [p.rsplit("/", 1)[1] for p in recent] == ["a.annotator", "b.annotator"]
    window.files.refresh_recent()
    assert len(window.files.recent_menu.actions()) == 2


def test_switch_project(window, tmp_path):
    other = tmp_path / "other.annotator"
    assert window.switch_project(str(other), create=True)
    assert window.coding.doc_model.rowCount() == 0
    assert "other.annotator" in window.windowTitle()


def test_chinese_font_hint_once(window, monkeypatch):
    from annotator.gui import font_check

    monkeypatch.setattr(font_check, "has_chinese_font", lambda: False)
    assert font_check.hint_if_no_chinese_font(window) is True
    assert font_check.hint_if_no_chinese_font(window) is False


def test_zoom_and_sync_scrolling(window, qtbot):
    coding = window.coding
    pane = coding.panes[0]
    size = pane.editor.font().pointSizeF()
    qtbot.keyClick(pane.editor, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    pane.zoom(1)
    assert pane.editor.font().pointSizeF() > size
    for p in coding.panes:
        p.editor.setPlainText("line\n" * 500)
    window.act_sync.setChecked(True)
    first, second = (p.editor.verticalScrollBar() for p in coding.panes)
    first.setValue(first.maximum() // 2)
    assert abs(second.value() - second.maximum() // 2) <= 2


def test_open_recent_holds_only_real_paths_after_a_settings_file_is_read_back(window, tmp_path):
    """A one-element list comes back from the settings file as a bare string; it was read as characters."""
    import subprocess
    import sys

    from annotator.gui.main_window import remember_recent

    first, second = tmp_path / "first.annotator", tmp_path / "second.annotator"
    first.touch()
    second.touch()
    path = QSettings().fileName()
    QSettings().sync()
    # Another run of this version remembers one project and quits: its settings file is what we read.
    script = ("import sys; from PySide6.QtCore import QCoreApplication, QSettings; "
              "QCoreApplication.setOrganizationName('AnnotatorTests'); QCoreApplication.setApplicationName('AnnotatorTests'); "
              "from annotator.gui.main_window import remember_recent; s = QSettings(); s.clear(); "
              "remember_recent(s, sys.argv[1]); s.sync()")
    subprocess.run([sys.executable, "-c", script, str(first)], check=True)
    assert "files=" in open(path, encoding="utf-8").read()
    settings = QSettings()
    settings.sync()  # picks up the file written by the other run
    remember_recent(settings, str(second))
    window.files.refresh_recent()
    shown = [a.text() for a in window.files.recent_menu.actions()]
    assert shown == [str(second.resolve()), str(first.resolve())]
    gone = tmp_path / "gone.annotator"
    gone.touch()
    remember_recent(QSettings(), str(gone))
    gone.unlink()
    window.files.refresh_recent()
    assert [a.text() for a in window.files.recent_menu.actions()] == shown  # a deleted project is not offered


def test_emoji_font_hint_once_when_a_document_has_emoji(window, monkeypatch):
    from annotator.gui import font_check

    monkeypatch.setattr(font_check, "has_emoji_font", lambda: False)
    assert font_check.hint_if_no_emoji_font(window, "no pictures here") is False
    shown = []
    monkeypatch.setattr(font_check, "_hint_once", lambda *a: shown.append(a[1]) or True)
    emoji = window.project.document("emoji", with_text=False)
    window.coding.open_document(emoji.id, window.coding.panes[0])  # the conftest's emoji document
    assert shown == ["hints/emoji_font_shown"]
