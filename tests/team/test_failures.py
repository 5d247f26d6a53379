"""What goes wrong with a server gets one clear line (and the local file is unharmed): bad credentials, a
server that cannot be reached or goes away mid-sync, a newer server schema, the wrong file or login."""

from __future__ import annotations

import hashlib

import pytest
from conftest import code

from annotator.cli import main
from annotator.core.store import Project
from annotator.core.team.credentials import ServerAddress
from annotator.core.team.errors import ServerUnavailable, TeamError


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    return err


def _fingerprint(path) -> str:
    with Project.open(path, readonly=True) as project:
        return hashlib.sha256(repr((project.segments(), project.assignments(), project.codes())).encode()).hexdigest()


def test_a_wrong_password_is_one_line_and_names_the_fix(team, capsys):
    url = team.lead.server.url(team.lead.dbname, user="ana", password="not-her-password")
    assert main(["team", "status", url]) == 2
    line = _one_line(capsys)
    assert "refused the login 'ana'" in line and "pgpass" in line and "not-her-password" not in line


def test_no_password_anywhere_says_where_to_put_it(team, capsys, tmp_path, monkeypatch):
    empty = tmp_path / "empty-pgpass"
    empty.touch(mode=0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    assert main(["team", "status", team.url("Ana")]) == 2
    line = _one_line(capsys)
    assert "wants a password" in line and "~/.pgpass" in line


def test_an_unreachable_server_exits_3_and_the_file_is_untouched(team, capsys):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
        project.db.execute("UPDATE sync_state SET value = replace(value, 'port=%d', 'port=1') WHERE key = 'url'"
                           % team.lead.server.port)
    before = _fingerprint(ana)
    assert main(["sync", str(ana)]) == 3
    line = _one_line(capsys)
    assert "cannot reach the server" in line and "safe in the local file" in line
    assert _fingerprint(ana) == before
    with Project.open(ana, readonly=True) as project:
        from annotator.core.store import sync_log

        assert sync_log.waiting(project) > 0


def test_the_server_going_away_mid_sync_loses_nothing_and_a_rerun_finishes(team, pg_server):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        for phrase in ("Police arrested", "seventeen people", "biosecurity threat"):
            code(project, "Ana", "wire", "Frame/Crime", phrase)

    def cut(phase: str) -> None:
        if phase == "pulling":  # the push has committed; the connection dies before the pull
            with pg_server.connect() as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE usename = 'ana' AND pid <> pg_backend_pid()")

    from annotator.core.team.sync import sync

    with Project.open(ana) as project:
        with pytest.raises(ServerUnavailable, match="connection to the server was lost") as caught:
            sync(project, progress=cut)
        assert "\n" not in str(caught.value)
        again = sync(project)
        assert again.pushed_total == 0  # the first push had landed; the rerun only finishes the pull
        assert sync(project).pulled_total == 0
    team.sync(team.lead_file)
    with Project.open(team.lead_file, readonly=True) as lead:
        assert len(lead.segments()) == 3


def test_a_server_stopped_and_started_again_mid_sync(team, pg_server):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        code(project, "Ana", "xinhua", "Frame/Security", "生物安全")

    def crash(phase: str) -> None:
        if phase == "pushing":
            pg_server.stop()

    from annotator.core.team.sync import sync

    with Project.open(ana) as project:
        try:
            with pytest.raises(ServerUnavailable):
                sync(project, progress=crash)
        finally:
            pg_server.start()
        assert sync(project).pushed == {"segments": 1, "assignments": 1}
    team.sync(team.lead_file)
    with Project.open(team.lead_file, readonly=True) as lead:
        assert len(lead.segments()) == 1


def test_a_newer_server_schema_is_refused_in_one_line(team, capsys):
    ana = team.join("Ana")
    with team.lead.server.connect(team.lead.dbname) as conn:
        conn.execute("UPDATE annotator.meta SET value = '99' WHERE key = 'schema_version'")
    assert main(["sync", str(ana)]) == 2
    line = _one_line(capsys)
    assert "server schema 99" in line and "update Annotator" in line


def test_a_database_without_a_team_project(lead, capsys):
    assert main(["team", "status", lead.url]) == 2
    assert "no team project in this database" in _one_line(capsys)


def test_tls_required_by_sslmode_on_a_server_without_it(team, capsys):
    assert main(["team", "status", team.url("Ana") + " sslmode=require"]) == 2
    assert "does not offer TLS" in _one_line(capsys)


def test_a_file_synced_with_another_coders_login_is_refused(team):
    ana = team.join("Ana")
    with pytest.raises(TeamError, match="this file codes as 'Ana', but the login 'bo' is 'Bo'"):
        team.sync(ana, address=team.address("Bo"))


def test_joining_as_someone_else_or_an_unknown_coder(team):
    from annotator.core.team.join import join

    with pytest.raises(TeamError, match="the login 'bo' is 'Bo'"):
        join(team.address("Bo"), team.folder / "x.annotator", "Ana")
    with pytest.raises(TeamError, match="no coder named 'Zoe'.*coders: Ana, Bo, Cy"):
        join(team.address("Bo"), team.folder / "y.annotator", "Zoe")
    assert not (team.folder / "x.annotator").exists() and not (team.folder / "y.annotator").exists()
    with pytest.raises(TeamError, match="already exists"):
        join(team.address("Bo"), team.lead_file, "Bo")


def test_a_coder_cannot_run_the_leads_commands(team, capsys):
    for argv in (["team", "reveal", team.url("Ana")], ["team", "add-coder", team.url("Ana"), "Eve"],
                 ["team", "reset-password", team.url("Ana"), "Bo"]):
        assert main(argv) == 2
        assert "only the project's lead" in _one_line(capsys)


def test_bad_connection_strings(capsys):
    assert main(["team", "status", "postgresql://[broken"]) == 2
    assert "cannot read the server address" in _one_line(capsys)
    with pytest.raises(TeamError):
        ServerAddress.parse("   ")


def test_a_password_in_the_url_is_used_but_never_stored(team, tmp_path, capsys):
    password = "typed-on-the-command-line"
    with team.lead.server.connect(team.lead.dbname) as conn:
        conn.execute("ALTER ROLE cy PASSWORD 'typed-on-the-command-line'")
    url = team.lead.server.url(team.lead.dbname, user="cy", password=password)
    local = tmp_path / "cy.annotator"
    assert main(["team", "join", url, str(local), "--coder", "Cy"]) == 0
    assert "not stored" in capsys.readouterr().out
    assert password.encode() not in local.read_bytes()
    with Project.open(local, readonly=True) as project:
        assert "password" not in project.db.execute("SELECT group_concat(value) FROM sync_state").fetchone()[0]
