"""Exports and merges read one state of a project while another window or program commits to it.

In autocommit every query saw the latest commit: a `.qdpx` export that had read the codebook met a coding
of a code created in between (KeyError, a traceback), and a merge from a coder's file that the coder was
still working in failed the same way. These tests commit from a second connection between two reads.
"""

from __future__ import annotations

import sqlite3
import zipfile

from conftest import small_project

from annotator.cli import main
from annotator.core.exchange.merge import merge_project
from annotator.core.store import Project


def commit_elsewhere(path) -> None:
    """Another program adds a code and codes with it (plain SQL, as a second process would)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO codes (guid, path, name, parent_id, color) VALUES "
                 "('0B6A6F2E-6E0C-4C1E-9B57-2D4AF1C1D001', 'Late', 'Late', NULL, '#123456')")
    code = conn.execute("SELECT id FROM codes WHERE path = 'Late'").fetchone()[0]
    conn.execute("INSERT INTO segments (guid, document_id, coder_id, code_id, start, \"end\", memo, created, updated) "
                 "VALUES ('0B6A6F2E-6E0C-4C1E-9B57-2D4AF1C1D002', 1, 1, ?, 0, 4, '', '2024-01-01', '2024-01-01')",
                 (code,))
    conn.close()


def racing(monkeypatch, path, method: str) -> None:
    original = getattr(Project, method)
    fired = []

    def once(self, *args, **kwargs):
        if not fired:
            fired.append(True)
            commit_elsewhere(path)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Project, method, once)


def test_a_qdpx_export_is_one_state_of_the_project(tmp_path, monkeypatch, capsys):
    path = small_project(tmp_path / "study.annotator")
    racing(monkeypatch, path, "selections_in")
    assert main(["export", str(path), "--qdpx", str(tmp_path / "out.qdpx")]) == 0, capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        xml = archive.read("project.qde").decode("utf-8")
    assert "Late" not in xml and xml.count("<PlainTextSelection") == 1  # the state when the export began


def test_a_merge_reads_one_state_of_the_other_file(tmp_path, monkeypatch):
    lead = small_project(tmp_path / "lead.annotator")
    coder = small_project(tmp_path / "coder.annotator")
    racing(monkeypatch, coder, "segment_records")
    with Project.open(lead) as project:
        merge_project(project, coder)
        assert "Late" not in {c.path for c in project.codes()}
