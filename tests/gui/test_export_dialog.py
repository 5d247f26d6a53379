"""The Export dialog (preview equals the written CSV, export off-thread) and the exchange actions in the
File menu: REFI-QDA import into a fresh project and merging a coder's copy."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from annotator.core.store import Project


@pytest.fixture
def coded(filled):
    """The GUI fixture project with a few segments by two coders, Chinese included."""
    p = filled
    docs = {d.name: d for d in p.documents()}
    ana, ben = p.coder("Ana"), p.coder("Ben")
    crime, bio = p.code("Crime"), p.code("Security/Biosecurity")
    zh = p.document_text(docs["zh"].id)
    start = zh.index("警方")
    p.add_segment(docs["zh"].id, ana.id, crime.id, start, start + 8)
    p.add_segment(docs["zh"].id, ben.id, crime.id, start, start + 8)
    bio_start = zh.index("国家生物安全")
    p.add_segment(docs["zh"].id, ana.id, bio.id, bio_start, bio_start + 6, memo="=来自专家")
    en = p.document_text(docs["en"].id)
    p.add_segment(docs["en"].id, ana.id, crime.id, 0, en.index(" broke"))
    p.set_assignment(docs["zh"].id, ana.id, "done")
    return p


def _csv_rows(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _dialog(qtbot, project):
    from annotator.gui.export_dialog import ExportDialog

    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    return dialog


def _export_and_wait(qtbot, dialog):
    """Start the export and wait for its one-line result (the worker reports by queued signal)."""
    assert dialog.export() is not None
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)


def _preview_cells(dialog):
    model = dialog.preview_model
    return [[model.rows[r][c] for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_segments_preview_matches_core_csv_and_export_writes_it(qtbot, coded, tmp_path):
    from annotator.core.exporters.segments import export_segments_csv

    dialog = _dialog(qtbot, coded)
    dialog.set_kind("segments")
    dialog.wait_until_ready()  # the preview is a job
    reference = tmp_path / "reference.csv"
    export_segments_csv(coded, reference)
    expected = _csv_rows(reference)
    assert dialog.preview_model.header == expected[0]
    assert _preview_cells(dialog) == expected[1:21]
    assert "警方破获非法运送" in [row[11] for row in _preview_cells(dialog)]
    assert ["'=来自专家"] == [row[12] for row in _preview_cells(dialog) if row[12]]  # formula protected

    target = tmp_path / "out" / "segments.csv"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    _export_and_wait(qtbot, dialog)
    assert target.read_bytes() == reference.read_bytes()
    assert dialog.status.text().startswith("✓ Exported 4 segments")


def test_options_change_the_preview_and_the_file(qtbot, coded, tmp_path):
    dialog = _dialog(qtbot, coded)
    dialog.set_kind("segments")
    dialog.wait_until_ready()  # the preview is a job
    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData(";"))
    dialog.protect.setChecked(False)
    dialog.bom.setChecked(False)
    dialog.refresh_preview()
    dialog.wait_until_ready()  # the preview is a job
    assert ["=来自专家"] == [row[12] for row in _preview_cells(dialog) if row[12]]
    target = tmp_path / "semicolons.csv"
    dialog.path_edit.setText(str(target))
    _export_and_wait(qtbot, dialog)
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(target, ";")
    assert rows[0] == dialog.preview_model.header
    assert rows[1:] == _preview_cells(dialog)


@pytest.mark.parametrize("kind", ["codebook", "matrix", "assignments", "memos"])
def test_other_csv_previews_match_their_files(qtbot, coded, tmp_path, kind):
    dialog = _dialog(qtbot, coded)
    dialog.set_kind(kind)
    dialog.wait_until_ready()  # the preview is a job
    if kind == "codebook":
        dialog.quotes.setValue(2)
        dialog.refresh_preview()
        dialog.wait_until_ready()  # the preview is a job
        assert "quote_2" in dialog.preview_model.header
    target = tmp_path / f"{kind}.csv"
    dialog.path_edit.setText(str(target))
    _export_and_wait(qtbot, dialog)
    rows = _csv_rows(target)
    assert [rows[0], *rows[1:21]] == [dialog.preview_model.header, *_preview_cells(dialog)]
    assert len(rows) > 1


def test_export_failure_is_one_line(qtbot, coded, tmp_path):
    dialog = _dialog(qtbot, coded)
    dialog.set_kind("segments")
    dialog.wait_until_ready()  # the preview is a job
    dialog.path_edit.setText(str(tmp_path / "no-such-folder" / "x.csv"))
    _export_and_wait(qtbot, dialog)
    assert dialog.status.text().startswith("✗ Export failed:")
    assert "\n" not in dialog.status.text()
    assert dialog.export_button.isEnabled()


def test_refi_summary_and_default_names(qtbot, coded):
    dialog = _dialog(qtbot, coded)
    dialog.set_kind("qdpx")
    dialog.wait_until_ready()  # the preview is a job
    assert dialog.path_edit.text().endswith("test.qdpx")
    assert dialog.preview_stack.currentWidget() is dialog.summary
    text = dialog.summary.toPlainText()
    assert "3 text sources" in text and "4 codings" in text and "Ana, Ben" in text
    assert not dialog.options_box.isEnabled()
    dialog.set_kind("qdc")
    dialog.wait_until_ready()  # the preview is a job
    assert dialog.path_edit.text().endswith("test-codebook.qdc")


def test_menu_has_exchange_actions_instead_of_old_export(window):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Export…" in texts and "Merge coder's project…" in texts
    assert "Import REFI-QDA (.qdpx/.qdc)…" in texts
    assert not any(a.menu() is not None and a.menu().title() == "Export" for a in file_menu.actions())
    assert texts.index("Export…") < texts.index("Quit")


def test_export_action_opens_dialog(window, qtbot):
    dialog = window.exchange.open_export_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.isVisible() and dialog.project is window.project
    dialog.close()


def _build_coded_window(qtbot, project):
    from annotator.gui.main_window import MainWindow

    win = MainWindow(project)
    qtbot.addWidget(win)
    return win


def test_qdpx_export_then_import_into_fresh_project(qtbot, coded, tmp_path):
    dialog = _dialog(qtbot, coded)
    dialog.set_kind("qdpx")
    dialog.wait_until_ready()  # the preview is a job
    target = tmp_path / "exchange.qdpx"
    dialog.path_edit.setText(str(target))
    _export_and_wait(qtbot, dialog)
    assert target.exists()

    fresh = Project.create(tmp_path / "fresh.annotator")
    win = _build_coded_window(qtbot, fresh)
    try:
        task = win.exchange.import_refi_file(str(target))
        qtbot.waitUntil(lambda: win.exchange.last_message is not None, timeout=20000)
        assert not task.is_running
        assert "exchange.qdpx" in win.exchange.last_message.text()
        assert win.coding.doc_model.rowCount() == 3
        assert sorted(d.name for d in fresh.documents()) == sorted(d.name for d in coded.documents())
        assert [c.path for c in fresh.codes()] == [c.path for c in coded.codes()]
        assert len(fresh.segments()) == len(coded.segments()) == 4
        assert {win.coder_combo.itemText(i) for i in range(win.coder_combo.count())} >= {"Ana", "Ben"}
    finally:
        win.exchange.last_message.close()
        win.remember_state = False
        win.close()
        fresh.close()


def test_merge_coders_copy_reports_and_is_idempotent(qtbot, coded, tmp_path):
    copy = tmp_path / "coder-copy.annotator"
    target = sqlite3.connect(copy)
    coded.db.conn.backup(target)  # a coder's copy, as if the file had been handed out
    target.close()
    with Project.open(copy) as theirs:
        doc = next(d for d in theirs.documents() if d.name == "emoji")
        text = theirs.document_text(doc.id)
        coder = theirs.ensure_coder("Chen")
        theirs.add_segment(doc.id, coder.id, theirs.code("Security").id, 0, text.index(" cheered"))

    win = _build_coded_window(qtbot, coded)
    try:
        win.exchange.merge_file(str(copy))
        qtbot.waitUntil(lambda: win.exchange.last_message is not None, timeout=20000)
        message = win.exchange.last_message
        assert message.windowTitle() == "Merged coder-copy.annotator"
        assert "1 coders" in message.text() and "1 segments" in message.text()
        assert "4 duplicate segments skipped" in message.text()
        assert len(coded.segments()) == 5
        assert win.coder_combo.findText("Chen") >= 0
        message.close()

        win.exchange.last_message = None
        win.exchange.merge_file(str(copy))
        qtbot.waitUntil(lambda: win.exchange.last_message is not None, timeout=20000)
        assert "0 segments" in win.exchange.last_message.text()
        assert len(coded.segments()) == 5
        win.exchange.last_message.close()
    finally:
        win.remember_state = False
        win.close()


def test_merge_failure_is_reported(qtbot, coded, tmp_path):
    win = _build_coded_window(qtbot, coded)
    try:
        win.exchange.merge_file(str(tmp_path / "missing.annotator"))
        qtbot.waitUntil(lambda: win.exchange.last_message is not None, timeout=20000)
        assert "missing.annotator" in win.exchange.last_message.text()
        assert all(a.isEnabled() for a in win.exchange.actions)
        win.exchange.last_message.close()
    finally:
        win.remember_state = False
        win.close()


def test_the_preview_makes_only_the_rows_it_shows(qtbot, coded, monkeypatch):
    """A codebook preview with quotes reads the quotes of the 20 codes shown, not of every code."""
    for i in range(40):
        coded.add_code(f"Extra/Code {i:02d}")
    asked = []
    original = type(coded).code_quotes
    monkeypatch.setattr(type(coded), "code_quotes", lambda self, code_id, n: asked.append(code_id) or original(self, code_id, n))
    from annotator.gui.export_dialog import PREVIEW_ROWS, ExportRequest, preview

    header, rows = preview(coded, ExportRequest("codebook", "", quotes=1))
    assert len(rows) == PREVIEW_ROWS and "quote_1" in header
    assert len(asked) == PREVIEW_ROWS  # 44 codes in the project
