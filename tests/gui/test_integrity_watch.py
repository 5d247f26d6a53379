"""The app checks a project in the background after opening it (opening itself no longer reads the whole
file), and says at once when the file is damaged."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QWidget

from annotator.core.model import DocumentInput
from annotator.core.store import Project
from annotator.gui import integrity_watch
from annotator.gui.integrity_watch import IntegrityWatch
from annotator.gui.project_bus import ProjectBus


def damaged_project(path):
    """A project whose open path is sound but one index page is scribbled over."""
    with Project.create(path) as project:
        project.add_documents([DocumentInput(text=f"Article {i} about the flood.", name=f"a{i}") for i in range(20)])
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'idx_document_set_members_document'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size:(root - 1) * page_size + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return path


def test_a_sound_project_shows_nothing(qtbot, tmp_path):
    with Project.create(tmp_path / "ok.annotator") as project:
        project.add_code("Frame")
    window = QWidget()
    qtbot.addWidget(window)
    bus = ProjectBus.of(tmp_path / "ok.annotator", window)
    watch = IntegrityWatch(bus, window)
    assert watch.findings == [] and watch.message is None
    bus.release()


def test_a_damaged_project_is_reported_after_opening(qtbot, tmp_path):
    path = damaged_project(tmp_path / "damaged.annotator")
    window = QWidget()
    qtbot.addWidget(window)
    bus = ProjectBus.of(path, window)
    watch = IntegrityWatch(bus, window)
    assert watch.findings and watch.findings[0].check == "sqlite"
    assert watch.message is not None and "damaged" in watch.message.text()
    watch.message.close()
    bus.release()


def test_a_large_project_is_checked_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    path = damaged_project(tmp_path / "large.annotator")
    monkeypatch.setattr(integrity_watch, "IN_PLACE_BYTES", 0)
    window = QWidget()
    qtbot.addWidget(window)
    bus = ProjectBus.of(path, window)
    watch = IntegrityWatch(bus, window)
    qtbot.waitUntil(lambda: bool(watch.findings), timeout=10000)
    assert watch.message is not None
    watch.message.close()
    bus.release()
