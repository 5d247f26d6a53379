"""A throwaway PostgreSQL cluster for the team tests: one per test session, one database per test.

The cluster (pg_cluster.py) is made with ``initdb`` in a temporary folder and started with ``pg_ctl`` on a
free port on 127.0.0.1 (socket in the same folder), so it never meets a server the machine already runs.
``initdb`` refuses to run as root, so under root the cluster belongs to the unprivileged ``postgres`` user
(``runuser -u postgres --``). Password authentication (SCRAM) is on for TCP, as on a real server, so
bad credentials and ``~/.pgpass`` are tested for real.

Where no server binaries exist the tests skip with the reason, except under CI (``CI`` set), where
a missing server is a failure: ``.ci/run`` installs Debian's ``postgresql`` package.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pg_cluster import ClusterUnavailable, PgServer, start_cluster

def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI needs a PostgreSQL server for the team tests: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server for the team tests: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_cluster()
    except ClusterUnavailable as exc:
        _unavailable(str(exc))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.destroy()


_counter = iter(range(1, 1_000_000))
_free_databases: list[str] = []


@pytest.fixture
def team_db(pg_server: PgServer) -> Iterator[str]:
    """A clean database for one test (the lead role the ``lead`` fixture makes will own it).

    Yields the database name. Afterwards the team schema and every role made during the test are dropped
    (roles are cluster-wide: coder logins would otherwise leak into the next test) and the database goes
    back to a pool, since creating one costs about half a second.
    """
    from psycopg import sql

    with pg_server.connect() as conn:
        before = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
        if _free_databases:
            name = _free_databases.pop()
        else:
            name = f"team_{os.getpid()}_{next(_counter)}"
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                sql.Identifier(name)))
    try:
        yield name
    finally:
        db = sql.Identifier(name)
        with pg_server.connect() as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            made = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles") if r[0] not in before]
        with pg_server.connect(name) as conn:
            conn.execute("DROP SCHEMA IF EXISTS annotator CASCADE")
            for role in made:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(db, sql.Identifier(pg_server.superuser)))
            conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO PUBLIC").format(db))
        with pg_server.connect() as conn:
            for role in made:
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        _free_databases.append(name)


@dataclass
class Lead:
    """The lead's login for one test database, and a ``~/.pgpass`` that knows every password made."""

    server: PgServer
    dbname: str
    role: str
    password: str
    pgpass: Path

    @property
    def url(self) -> str:
        """The lead's connection string, without the password (it comes from the pgpass file)."""
        return self.server.url(self.dbname, user=self.role, password=None)

    def url_for(self, role: str) -> str:
        return self.server.url(self.dbname, user=role, password=None)

    def remember(self, role: str, password: str) -> None:
        """Add a line to the pgpass file, as a coder would after the lead gave them their password."""
        with self.pgpass.open("a") as handle:
            handle.write(f"{self.server.host}:{self.server.port}:{self.dbname}:{role}:{password}\n")


@pytest.fixture
def lead(pg_server: PgServer, team_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lead:
    """A lead role that owns the test database and may create roles; PGPASSFILE points at its pgpass."""
    from psycopg import sql

    role = f"{team_db}_lead"
    password = secrets.token_urlsafe(12)
    with pg_server.connect() as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(password)))
        conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(team_db), sql.Identifier(role)))
    pgpass = tmp_path / "pgpass"
    pgpass.touch(mode=0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    for variable in ("PGPASSWORD", "PGSERVICE", "PGUSER", "PGHOST", "PGPORT", "PGDATABASE"):
        monkeypatch.delenv(variable, raising=False)
    found = Lead(pg_server, team_db, role, password, pgpass)
    found.remember(role, password)
    return found


# ---- a shared project with three coders ------------------------------------------------------

TEXTS = {
    "xinhua": "警方破获走私孕妇血样案。生物安全是国家安全的重要组成部分。专家表示，非法寄送血样违反法律。" * 3,
    "analysis": "The ring sold sex tests to families. Son preference has not vanished 👶, say demographers. " * 3,
    "wire": "Police arrested seventeen people. Officials called it a biosecurity threat to the nation. " * 3,
    "mingpao": "本港有孕婦把血液樣本寄往內地驗性別，反映重男輕女觀念仍然存在。" * 3,
}
CODERS = ("Ana", "Bo", "Cy")


@dataclass
class Team:
    """A project shared on the test server by its lead, with the coders' logins in the pgpass file."""

    lead: Lead
    folder: Path
    lead_file: Path
    logins: dict[str, str]

    def url(self, coder: str | None = None) -> str:
        return self.lead.url if coder is None else self.lead.url_for(self.logins[coder])

    def address(self, coder: str | None = None):
        from annotator.core.team.credentials import ServerAddress

        return ServerAddress.parse(self.url(coder))

    def join(self, coder: str) -> Path:
        from annotator.core.team.join import join

        path = self.folder / f"{coder.lower()}.annotator"
        join(self.address(coder), path, coder)
        return path

    def sync(self, path: Path, **kwargs):
        from annotator.core.store import Project
        from annotator.core.team.sync import sync

        with Project.open(path) as project:
            return sync(project, **kwargs)

    def coder_connection(self, coder: str):
        """A plain psycopg connection as the coder (what a coder could do with psql)."""
        import psycopg

        return psycopg.connect(self.url(coder), autocommit=True)


def build_project(path: Path, coders: tuple[str, ...] = CODERS):
    from annotator.core.model import DocumentInput
    from annotator.core.store import Project

    project = Project.create(path)
    project.add_documents([DocumentInput(text=t, name=n) for n, t in TEXTS.items()])
    for code in ("Frame/Security", "Frame/Crime", "Frame/Gender", "Tone"):
        project.add_code(code)
    for coder in coders:
        project.ensure_coder(coder)
    return project


@pytest.fixture
def team(lead: Lead, tmp_path: Path) -> Team:
    from annotator.core.team.credentials import ServerAddress
    from annotator.core.team.share import share

    path = tmp_path / "lead.annotator"
    project = build_project(path)
    try:
        report = share(project, ServerAddress.parse(lead.url))
    finally:
        project.close()
    logins = {}
    for login in report.logins:
        if login.login and login.password:
            lead.remember(login.login, login.password)
            logins[login.coder] = login.login
    return Team(lead, tmp_path, path, logins)


def span(project, document: str, phrase: str, occurrence: int = 0) -> tuple[int, int, int]:
    """(document id, start, end) of a phrase in a document."""
    doc = project.document(document)
    text = project.document_text(doc.id)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return doc.id, start, start + len(phrase)


def code(project, coder: str, document: str, code_path: str, phrase: str, occurrence: int = 0):
    doc_id, start, end = span(project, document, phrase, occurrence)
    return project.add_segment(doc_id, project.coder(coder).id, project.code(code_path).id, start, end)
