"""Projects written by an older Annotator open after an update, also by read-only commands (agreement,
export), which upgrade them once in a transaction and then read them."""

from __future__ import annotations

import pytest


from annotator.cli import main
from annotator.core.store import Project, schema, schema_version


def _make_schema_2(path):
    """A real schema-2 file: created by the first two migrations only, its rows written as that version
    wrote them (today's store methods expect today's columns)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        with Project.create(path) as project:
            db = project.db
            db.execute("INSERT INTO codes (guid, path, name, color) VALUES ('C1', 'Security', 'Security', '#e6194b')")
            db.execute("INSERT INTO coders (guid, name, color) VALUES ('G1', 'Ana', '#123456')")
            db.execute("INSERT INTO documents (guid, name, text, length, hash, imported) VALUES "
                       "('D1', 'old', 'An old article.', 15, 'h1', '2024-01-01T00:00:00+00:00')")
            db.execute("INSERT INTO memos (document_id, text, created, updated) VALUES (1, 'a note', 'x', 'x')")
            db.execute("INSERT INTO memos (code_id, text, created, updated) VALUES (1, 'code note', 'x', 'x')")
            assert project.stored_schema_version() == 2


def test_read_only_open_upgrades_an_older_project(tmp_path):
    path = tmp_path / "old.annotator"
    _make_schema_2(path)
    with Project.open(path, readonly=True) as project:
        assert project.readonly
        assert project.stored_schema_version() == schema_version()
        assert [v for v, _n, _a in project.applied_migrations()] == list(range(1, schema_version() + 1))
        assert project.code("Security").path == "Security"


def test_agreement_command_on_an_older_project(tmp_path, capsys):
    path = tmp_path / "old.annotator"
    _make_schema_2(path)
    assert main(["agreement", str(path), "--format", "json"]) in (0, 2)
    assert "needs an upgrade" not in capsys.readouterr().err


def test_upgrade_to_schema_5_keeps_memos_and_gives_coders_a_role(tmp_path):
    path = tmp_path / "old.annotator"
    _make_schema_2(path)
    with Project.open(path) as project:
        assert [(m.text, m.kind) for m in project.memos()] == [("a note", "document"), ("code note", "code")]
        assert project.coder("Ana").role == "coder"
        project.add_memo("journal entry")  # a project memo: neither document nor code
        assert [m.kind for m in project.memos()] == ["document", "code", "project"]
        assert len({m.guid for m in project.memos()}) == 3  # migration 6 gave each old memo its own GUID
        assert project.document_sets() == []


def test_an_interrupted_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    """Migrations run statement by statement inside one transaction (executescript would COMMIT first)."""
    path = tmp_path / "old.annotator"
    _make_schema_2(path)

    def broken(db):
        schema.run_script(db, "CREATE TABLE half_done (x); CREATE TABLE half_done (x);")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:2], schema.Migration(3, "broken", broken)])
    with pytest.raises(Exception):
        Project.open(path)
    monkeypatch.undo()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        with Project.open(path, readonly=True) as project:
            assert project.stored_schema_version() == 2
            assert not project.has_table("half_done")


def test_upgrade_composes_decomposed_code_paths_and_leaves_look_alikes_alone(tmp_path):
    """Migration 10: NFD code paths (a codebook written on macOS, imported before) become NFC, children with
    their parent; where both spellings are already two codes neither is renamed (nor its children)."""
    import unicodedata

    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    path = tmp_path / "old.annotator"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:9])
        with Project.create(path) as project:
            db = project.db
            rows = [(1, nfd("Sécurité"), nfd("Sécurité"), None), (2, nfd("Sécurité/Santé"), nfd("Santé"), 1),
                    (3, nfd("Économie"), nfd("Économie"), None), (4, "Économie", "Économie", None),
                    (5, nfd("Économie/Coût"), nfd("Coût"), 3)]
            for code_id, code_path, name, parent in rows:
                db.execute("INSERT INTO codes (id, guid, path, name, parent_id, color) VALUES (?, ?, ?, ?, ?, '#123456')",
                           (code_id, f"C{code_id}", code_path, name, parent))
    with Project.open(path) as project:
        paths = {c.id: c.path for c in project.codes()}
        assert paths[1] == "Sécurité" and paths[2] == "Sécurité/Santé"
        assert project.code(2).name == "Santé" and unicodedata.is_normalized("NFC", project.code(2).name)
        assert paths[3] == nfd("Économie") and paths[5] == nfd("Économie/Coût")  # 4 holds the NFC spelling
        assert paths[4] == "Économie"
        assert project.descendant_ids(1) == [1, 2]
