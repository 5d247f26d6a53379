"""Change-tracking triggers exist only in team copies (migration 9, store/sync_triggers.py): a local project
pays nothing per written row; a team copy, old or new, keeps recording its edits. (Sharing and joining on a
real server: tests/team/test_share.py.)"""

from __future__ import annotations

import pytest

from annotator.core.model import DocumentInput
from annotator.core.store import Project, schema, sync_log, sync_triggers


def _old_file(path, version: int, state: dict[str, str] | None = None):
    """A file as the build with migrations 1..version left it (``state``: its sync_state, as ``link`` wrote
    it then), with a document, a code and a coder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        with Project.create(path) as project:
            db = project.db
            db.execute("INSERT INTO codes (guid, path, name, color) VALUES ('C1', 'Security', 'Security', '#e6194b')")
            db.execute("INSERT INTO coders (guid, name, color) VALUES ('G1', 'Ana', '#123456')")
            db.execute("INSERT INTO documents (guid, name, text, length, hash, imported) VALUES "
                       "('D1', 'old', 'An old article.', 15, 'h1', '2024-01-01T00:00:00+00:00')")
            for key, value in (state or {}).items():
                db.execute("INSERT INTO sync_state (key, value) VALUES (?, ?)", (key, value))
            assert project.stored_schema_version() == version


def _code_something(project: Project) -> str:
    doc = project.document("old", with_text=False)
    return project.add_segment(doc.id, project.coder("Ana").id, project.code("Security").id, 0, 6).guid


def test_a_new_local_project_has_no_sync_triggers_and_records_nothing(tmp_path):
    with Project.create(tmp_path / "p.annotator") as project:
        assert sync_triggers.installed(project.db) == set()
        doc = project.add_documents([DocumentInput(text="Some text here.", name="d")]).added[0]
        project.add_segment(doc.id, project.ensure_coder("Ana").id, project.add_code("C").id, 0, 4)
        assert sync_log.waiting(project) == 0
    assert sync_triggers.installed(Project.memory().db) == set()


@pytest.mark.parametrize("version", [2, 8])
def test_migrating_an_old_local_file_drops_the_sync_triggers(tmp_path, version):
    path = tmp_path / "old.annotator"
    _old_file(path, version)
    if version == 8:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:8])
            with Project.open(path, readonly=True) as project:
                assert sync_triggers.installed(project.db) == set(sync_triggers.TRIGGERS)  # as 6-8 made them
    with Project.open(path) as project:
        assert project.stored_schema_version() == schema.schema_version()
        assert sync_triggers.installed(project.db) == set()
        assert project.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'memos_guid'").fetchone()
        _code_something(project)
        assert sync_log.waiting(project) == 0


@pytest.mark.parametrize("state", [{"tracking": "on", "project_guid": "P"},
                                   {"tracking": "on", "url": "postgresql://h/db", "coder": "G1"}])
def test_a_team_copy_migrated_by_9_keeps_tracking(tmp_path, state):
    path = tmp_path / "copy.annotator"
    _old_file(path, 8, state)
    with Project.open(path) as project:
        assert sync_triggers.installed(project.db) == set(sync_triggers.TRIGGERS)
        guid = _code_something(project)
        assert sync_log.pending(project).keys["segments"] == [guid]


def test_a_team_copy_without_its_triggers_gets_them_back_when_opened(tmp_path):
    path = tmp_path / "copy.annotator"
    with Project.create(path) as project:
        project.add_documents([DocumentInput(text="An old article.", name="old")])
        project.ensure_coder("Ana")
        project.add_code("Security")
        sync_log.link(project, {"url": "postgresql://h/db", "project_guid": "P"})
        assert sync_triggers.installed(project.db) == set(sync_triggers.TRIGGERS)
        with project.transaction():
            sync_triggers.drop(project.db)  # as a build that dropped them by mistake would leave it
    with Project.open(path, readonly=True) as project:  # a reader writes nothing
        assert sync_triggers.installed(project.db) == set()
    with Project.open(path) as project:
        assert sync_triggers.installed(project.db) == set(sync_triggers.TRIGGERS)
        guid = _code_something(project)
        assert guid in sync_log.pending(project).keys["segments"]


def test_link_installs_the_triggers_and_unlink_removes_them(tmp_path):
    with Project.create(tmp_path / "p.annotator") as project:
        project.add_documents([DocumentInput(text="An old article.", name="old")])
        project.ensure_coder("Ana")
        project.add_code("Security")
        sync_log.link(project, {"project_guid": "P"})
        sync_log.link(project, {"project_guid": "P"})  # twice: still one of each
        assert sync_triggers.installed(project.db) == set(sync_triggers.TRIGGERS)
        guid = _code_something(project)
        assert sync_log.pending(project).keys["segments"] == [guid]
        sync_log.unlink(project)
        assert sync_triggers.installed(project.db) == set()
        _code_something(project)
        assert sync_log.waiting(project) == 0
