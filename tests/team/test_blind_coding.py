"""Blind coding is the server's doing: a coder connected with plain psycopg or psql, outside Annotator,
cannot read or change another coder's codings before the lead reveals a document, and can read them
(but not change them) after."""

from __future__ import annotations

import os
import shutil
import subprocess

import psycopg
import pytest
from conftest import code

from annotator.core.store import Project
from annotator.core.team.administration import reveal, set_coder_enabled


@pytest.fixture
def coded(team):
    """Ana and Bo have each coded 'wire' and synced."""
    for coder, phrase in (("Ana", "Police arrested"), ("Bo", "biosecurity threat")):
        path = team.join(coder)
        with Project.open(path) as project:
            code(project, coder, "wire", "Frame/Crime", phrase)
            project.add_memo(f"{coder}'s note on wire", document_id=project.document("wire").id)
            project.add_memo(f"{coder}'s journal")
        team.sync(path)
    team.sync(team.lead_file)
    return team


def _guid_of(conn, coder: str) -> str:
    return conn.execute("SELECT guid FROM annotator.coders WHERE name = %s", (coder,)).fetchone()[0]


def test_before_reveal_a_coder_sees_and_changes_only_their_own(coded):
    with coded.coder_connection("Ana") as conn:
        coders = {g: n for g, n in conn.execute("SELECT guid, name FROM annotator.coders")}
        seen = conn.execute("SELECT coder_guid FROM annotator.segments").fetchall()
        assert [coders[g] for (g,) in seen] == ["Ana"]
        memos = [t for (t,) in conn.execute("SELECT text FROM annotator.memos")]
        assert sorted(memos) == ["Ana's journal", "Ana's note on wire"]
        assert conn.execute("SELECT count(*) FROM annotator.assignments WHERE coder_guid <> %s",
                            (_guid_of(conn, "Ana"),)).fetchone()[0] == 0
        bo = _guid_of(conn, "Bo")
        # Changing Bo's segment finds no row to change; writing one in Bo's name is refused.
        assert conn.execute("UPDATE annotator.segments SET memo = 'x' WHERE coder_guid = %s", (bo,)).rowcount == 0
        document, code_guid = conn.execute("SELECT document_guid, code_guid FROM annotator.segments").fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO annotator.segments (guid, document_guid, coder_guid, code_guid, start, \"end\") "
                         "VALUES ('forged', %s, %s, %s, 0, 5)", (document, bo, code_guid))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM annotator.segments")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE annotator.documents SET title = 'mine'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE annotator.coders SET login = 'ana' WHERE name = 'Bo'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE annotator.segments DISABLE ROW LEVEL SECURITY")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no side door through the schema's tables
            conn.execute("SELECT * FROM annotator.sync_events WHERE login <> current_user FOR UPDATE")
        assert conn.execute("SELECT count(*) FROM annotator.sync_events WHERE login <> current_user").fetchone()[0] == 0


def test_after_reveal_a_coder_reads_everyones_codings_of_that_document_read_only(coded):
    assert reveal(coded.address(), "wire") == 1
    with coded.coder_connection("Ana") as conn:
        coders = {g: n for g, n in conn.execute("SELECT guid, name FROM annotator.coders")}
        seen = sorted(coders[g] for (g,) in conn.execute("SELECT coder_guid FROM annotator.segments"))
        assert seen == ["Ana", "Bo"]
        memos = sorted(t for (t,) in conn.execute("SELECT text FROM annotator.memos"))
        assert memos == ["Ana's journal", "Ana's note on wire", "Bo's note on wire"]  # journals stay private
        assert conn.execute("UPDATE annotator.segments SET memo = 'x'").rowcount == 0  # not even her own now
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            document, code_guid = conn.execute("SELECT document_guid, code_guid FROM annotator.segments").fetchone()
            conn.execute("INSERT INTO annotator.segments (guid, document_guid, coder_guid, code_guid, start, \"end\") "
                         "VALUES ('late', %s, %s, %s, 0, 5)", (document, _guid_of(conn, "Ana"), code_guid))


def test_psql_as_a_coder_shows_only_their_own_codings(coded):
    psql = shutil.which("psql") or str(coded.lead.server.bindir / "psql")
    if not os.path.exists(psql):
        pytest.skip("psql is not installed")
    env = {**os.environ, "PGPASSFILE": str(coded.lead.pgpass), "PGCONNECT_TIMEOUT": "10"}
    query = ("SELECT c.name FROM annotator.segments s JOIN annotator.coders c ON c.guid = s.coder_guid "
             "ORDER BY 1")
    out = subprocess.run([psql, "-X", "-A", "-t", "-d", coded.url("Bo"), "-c", query], env=env,
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["Bo"]
    lead = subprocess.run([psql, "-X", "-A", "-t", "-d", coded.url(), "-c", query], env=env,
                          capture_output=True, text=True, timeout=30)
    assert lead.stdout.split() == ["Ana", "Bo"]


def test_a_disabled_coder_cannot_sign_in_and_enabling_restores_the_login(coded):
    from annotator.core.team.errors import TeamError

    set_coder_enabled(coded.address(), "Bo", False)
    with pytest.raises(TeamError, match="disabled"):
        coded.sync(coded.folder / "bo.annotator")
    set_coder_enabled(coded.address(), "Bo", True)
    assert coded.sync(coded.folder / "bo.annotator").pulled_total == 0


def test_roles_of_the_project(coded):
    """Each coder is a login in the project's group; nothing is granted to PUBLIC."""
    with coded.lead.server.connect(coded.lead.dbname) as conn:
        group = conn.execute("SELECT value FROM annotator.meta WHERE key = 'coder_group'").fetchone()[0]
        members = {r[0] for r in conn.execute(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %s", (group,))}
        assert members == {"ana", "bo", "cy"}
        public = conn.execute("SELECT count(*) FROM information_schema.role_table_grants "
                              "WHERE table_schema = 'annotator' AND grantee = 'PUBLIC'").fetchone()[0]
        assert public == 0
        forced = conn.execute("SELECT bool_and(relrowsecurity) FROM pg_class c JOIN pg_namespace n ON "
                              "n.oid = c.relnamespace WHERE n.nspname = 'annotator' AND c.relkind = 'r'").fetchone()[0]
        assert forced
