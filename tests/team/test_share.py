"""``team create``: what is uploaded, logins, and the ways it is refused or resumed."""

from __future__ import annotations

import pytest
from conftest import build_project, code
from psycopg import sql

from annotator.cli import main
from annotator.core.store import Project, sync_log
from annotator.core.team.credentials import ServerAddress
from annotator.core.team.errors import TeamError
from annotator.core.team.share import share


def test_create_uploads_everything_and_prints_each_login_once(lead, tmp_path, capsys):
    path = tmp_path / "study.annotator"
    with build_project(path) as project:
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
        project.ensure_coder("Consensus", role="adjudicator")
    assert main(["team", "create", str(path), lead.url, "--login", "Cy=cy_wang"]) == 0
    out = capsys.readouterr().out
    assert "shared" in out and "4 documents" in out and "1 segments" in out
    assert "Ana: login ana, password " in out and "Cy: login cy_wang, password " in out
    assert "Consensus: no login (their segments belong to the lead)" in out
    with lead.server.connect(lead.dbname) as conn:
        assert conn.execute("SELECT count(*) FROM annotator.segments").fetchone()[0] == 1
        logins = dict(conn.execute("SELECT name, login FROM annotator.coders").fetchall())
    assert logins == {"Ana": "ana", "Bo": "bo", "Cy": "cy_wang", "Consensus": None}
    with Project.open(path, readonly=True) as project:
        assert sync_log.team_state(project)["role"] == "lead"
    assert main(["team", "create", str(path), lead.url]) == 2  # already shared
    assert "already a copy of the team project" in capsys.readouterr().err


def test_a_create_interrupted_after_the_upload_links_the_file_when_run_again(lead, tmp_path):
    path = tmp_path / "study.annotator"
    with build_project(path) as project:
        share(project, ServerAddress.parse(lead.url))
        sync_log.unlink(project)  # as if killed between the server's COMMIT and the local one
        again = share(project, ServerAddress.parse(lead.url))
        assert again.relinked and "linked to it again" in again.notes[0]
        from annotator.core.team.sync import sync

        assert sync(project).pushed_total == 0


def test_a_database_holding_another_team_project_is_refused(lead, tmp_path):
    first, second = build_project(tmp_path / "a.annotator"), build_project(tmp_path / "b.annotator")
    try:
        share(first, ServerAddress.parse(lead.url))
        with pytest.raises(TeamError, match="already holds the team project 'a'"):
            share(second, ServerAddress.parse(lead.url), logins={"Ana": "ana2", "Bo": "bo2", "Cy": "cy2"})
        assert sync_log.team_state(second).get("url") is None
    finally:
        first.close()
        second.close()


def test_a_lead_without_createrole_is_told_what_to_ask_it(lead, tmp_path):
    with lead.server.connect() as conn:
        conn.execute(sql.SQL("ALTER ROLE {} NOCREATEROLE").format(sql.Identifier(lead.role)))
    with build_project(tmp_path / "study.annotator") as project:
        with pytest.raises(TeamError, match="needs CREATEROLE"):
            share(project, ServerAddress.parse(lead.url))
        assert sync_log.team_state(project).get("url") is None
    with lead.server.connect(lead.dbname) as conn:  # the failed upload left nothing behind
        assert conn.execute("SELECT to_regclass('annotator.meta')").fetchone()[0] is None


def test_the_lead_copy_and_a_joined_copy_get_the_change_tracking_triggers_and_send_a_coding(team, tmp_path):
    """Only team copies carry the sync triggers (store/sync_triggers.py): the local file had none; sharing
    and joining install them, and a coding made afterwards reaches the server."""
    from annotator.core.store import sync_triggers

    with build_project(tmp_path / "local.annotator") as local:
        assert sync_triggers.installed(local.db) == set()
    ana = team.join("Ana")
    for path in (team.lead_file, ana):
        with Project.open(path) as project:
            assert sync_triggers.installed(project.db) == set(sync_triggers.TRIGGERS)
    with Project.open(ana) as project:
        segment = code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
        assert sync_log.pending(project).keys["segments"] == [segment.guid]
    assert team.sync(ana).pushed["segments"] == 1
    with Project.open(team.lead_file) as project:
        code(project, "Ana", "xinhua", "Frame/Security", "生物安全")  # the lead's copy records too
        assert sync_log.waiting(project) >= 1
    with team.lead.server.connect(team.lead.dbname) as conn:
        assert conn.execute("SELECT count(*) FROM annotator.segments WHERE guid = %s",
                            (segment.guid,)).fetchone()[0] == 1
