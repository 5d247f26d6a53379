"""Projects written by an older Annotator open after an update, also by read-only commands (agreement,
export), which upgrade them once in a transaction and then read them."""

from __future__ import annotations

from annotator.cli import main
from annotator.core.store import Project, schema_version


def _make_schema_2(path):
    with Project.create(path) as project:
        project.add_code("Security")
        project.db.execute("DROP TABLE adjudication_decisions")
        project.db.execute("DELETE FROM migrations WHERE version > 2")
        project.db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


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
