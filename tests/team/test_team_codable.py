"""Codability (``codes.codable``: a grouping code that cannot be applied) travels both ways like
``exclusive``, and a team project made before it (server schema 1) is upgraded by the lead's client."""

from __future__ import annotations

import pytest
from conftest import build_project

from annotator.cli import main
from annotator.core.store import Project, sync_log
from annotator.core.team import server_schema
from annotator.core.team.credentials import ServerAddress
from annotator.core.team.share import share


def _codable(path) -> dict[str, bool]:
    with Project.open(path, readonly=True) as project:
        return {c.path: c.codable for c in project.codes()}


def _server_codable(team) -> dict[str, bool]:
    with team.lead.server.connect(team.lead.dbname) as conn:
        return dict(conn.execute("SELECT path, codable FROM annotator.codes WHERE NOT deleted").fetchall())


def _code_cli(path, code: str) -> int:
    return main(["code", str(path), "--document", "wire", "--coder", "Ana", "--code", code,
                 "--start", "0", "--end", "6"])


def test_a_grouping_code_reaches_coders_and_a_change_of_it_follows(lead, tmp_path, capsys):
    path = tmp_path / "lead.annotator"
    project = build_project(path)
    project.add_code("Primary frame", codable=False)
    project.add_code("Primary frame/Biosecurity")
    try:
        report = share(project, ServerAddress.parse(lead.url))
    finally:
        project.close()
    ana_login = next(login for login in report.logins if login.coder == "Ana")
    lead.remember(ana_login.login, ana_login.password)
    ana = tmp_path / "ana.annotator"
    assert main(["team", "join", lead.url_for(ana_login.login), str(ana), "--coder", "Ana"]) == 0
    assert _codable(ana)["Primary frame"] is False and _codable(ana)["Primary frame/Biosecurity"] is True
    capsys.readouterr()
    assert _code_cli(ana, "Primary frame") == 2
    assert "'Primary frame' only groups other codes" in capsys.readouterr().err
    assert _code_cli(ana, "Primary frame/Biosecurity") == 0

    with Project.open(path) as project:  # the lead changes codability both ways
        project.update_code(project.code("Primary frame").id, codable=True)
        project.update_code(project.code("Tone").id, codable=False)
        assert sync_log.waiting(project) == 2  # the change-log triggers record it
    assert main(["sync", str(path)]) == 0
    assert main(["sync", str(ana)]) == 0
    assert _codable(ana)["Primary frame"] is True and _codable(ana)["Tone"] is False
    capsys.readouterr()
    assert _code_cli(ana, "Tone") == 2
    assert _code_cli(ana, "Primary frame") == 0


def test_a_schema_1_team_project_is_upgraded_by_the_lead_and_refused_to_coders_until_then(team, capsys):
    ana = team.join("Ana")
    with Project.open(team.lead_file) as project:  # a grouping code the old server never heard of
        project.update_code(project.code("Frame").id, codable=False)
    team.sync(team.lead_file)
    with team.lead.server.connect(team.lead.dbname) as conn:  # back to what an older Annotator made
        conn.execute("ALTER TABLE annotator.codes DROP COLUMN codable")
        conn.execute("UPDATE annotator.meta SET value = '1' WHERE key = 'schema_version'")
    for path in (team.lead_file, ana):  # copies that last synced with server schema 1
        with Project.open(path) as project:
            sync_log.update_state(project, server_schema=None)
    with Project.open(ana) as project:
        project.update_code(project.code("Frame").id, codable=True)  # as a v1 sync left it: codable
        project.db.execute("DELETE FROM sync_outbox")

    assert main(["sync", str(ana)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "server schema 1" in err and "the lead must sync once" in err
    assert _codable(ana)["Frame"] is True

    report = team.sync(team.lead_file)
    assert report.pushed == {"codes": 1}  # only the code whose codability the server lacked
    assert _server_codable(team) == {"Frame": False, "Frame/Security": True, "Frame/Crime": True,
                                     "Frame/Gender": True, "Tone": True}
    with team.lead.server.connect(team.lead.dbname) as conn:
        assert conn.execute("SELECT value FROM annotator.meta WHERE key = 'schema_version'").fetchone()[0] \
            == str(server_schema.SERVER_SCHEMA_VERSION)
    assert team.sync(team.lead_file).pushed_total == 0  # the copy now knows the server's schema

    team.sync(ana)
    assert _codable(ana)["Frame"] is False
    with Project.open(ana) as project:  # a coder may propose codes again (the new column is granted)
        project.add_code("Frame/Economy", codable=False)
    assert team.sync(ana).pushed == {"codes": 1}
    with team.lead.server.connect(team.lead.dbname) as conn:
        assert conn.execute("SELECT codable, status FROM annotator.codes WHERE path = 'Frame/Economy'"
                            ).fetchone() == (False, "proposed")


def test_two_lead_clients_upgrading_at_once_upgrade_once(team):
    """Both read schema 1; the second finds it upgraded under its lock and changes nothing."""
    import psycopg

    with team.lead.server.connect(team.lead.dbname) as conn:
        conn.execute("ALTER TABLE annotator.codes DROP COLUMN codable")
        conn.execute("UPDATE annotator.meta SET value = '1' WHERE key = 'schema_version'")
    with psycopg.connect(team.lead.url, autocommit=True) as first, \
            psycopg.connect(team.lead.url, autocommit=True) as second:
        stale = [dict(c.execute("SELECT key, value FROM annotator.meta").fetchall()) for c in (first, second)]
        for conn, meta in zip((first, second), stale):
            assert server_schema.upgrade(conn, meta, "x")["schema_version"] == "2"
    assert team.sync(team.lead_file).pushed_total == 0
