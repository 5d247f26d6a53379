"""Coder logins: every coder is a PostgreSQL login role in the project's coder group.

The lead's role needs CREATEROLE (IT grants it once, see docs/team.md). Passwords are generated here,
sent to the server only as a SCRAM-SHA-256 verifier computed on this machine (so the clear text never
reaches the server, its logs or ``pg_stat_activity``), shown once to the lead and stored nowhere.
Identifiers are always quoted with ``psycopg.sql.Identifier``; the verifier is the one value that has to
be a literal, because ``CREATE/ALTER ROLE ... PASSWORD`` takes no bind parameters.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata

import psycopg
from psycopg import sql

from annotator.core.team.errors import TeamError

MAX_IDENTIFIER = 63  # PostgreSQL truncates longer names (NAMEDATALEN - 1)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", ascii_text.lower())).strip("_")


def _fit(name: str, salt: str) -> str:
    if len(name.encode()) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha1(salt.encode()).hexdigest()[:8]
    return name[: MAX_IDENTIFIER - 9] + "_" + digest


def coder_group_name(database: str) -> str:
    """The group role of one project's coders (roles are cluster-wide, so the database is in the name)."""
    return _fit(f"annotator_{_slug(database) or 'project'}_coders", database)


def default_login(coder_name: str) -> str:
    """A login derived from the coder's name: ``Ana Li`` -> ``ana_li``; a name with no Latin letters
    (``王芳``) gets ``coder_`` and a short digest, since logins are typed into connection strings."""
    slug = _slug(coder_name)
    if not slug or not slug[0].isalpha():
        slug = "coder_" + hashlib.sha1(coder_name.encode()).hexdigest()[:6] + (f"_{slug}" if slug else "")
    return _fit(slug, coder_name)


def generate_password() -> str:
    """Four groups of five characters from an unambiguous alphabet: easy to read out, 100 bits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def role_exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


def _verifier(conn: psycopg.Connection, login: str, password: str) -> str:
    return conn.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()


def _privileged(action: str):
    """Run ``action``; a missing CREATEROLE becomes one line saying what IT has to grant."""
    try:
        return action()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise TeamError(f"the server refused to manage logins ({exc.diag.message_primary}): the lead's login "
                        "needs CREATEROLE (ask IT: ALTER ROLE <lead> CREATEROLE; see docs/team.md)") from None


def ensure_group(conn: psycopg.Connection, group: str) -> None:
    if not role_exists(conn, group):
        _privileged(lambda: conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group))))


def create_login(conn: psycopg.Connection, login: str, group: str, *, password: str | None,
                 reuse: bool = False) -> None:
    """Create ``login`` in ``group`` (or, with ``reuse``, add an existing role to the group)."""
    if role_exists(conn, login):
        if not reuse:
            raise TeamError(f"a login named '{login}' already exists on the server; pass --login {login} to let "
                            "that login code in this project, or choose another with --login")
        _privileged(lambda: conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group),
                                                                        sql.Identifier(login))))
        if password is not None:
            set_password(conn, login, password)
        return
    statement = sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(sql.Identifier(login), sql.Identifier(group))
    if password is not None:
        statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(_verifier(conn, login, password)))
    _privileged(lambda: conn.execute(statement))


def set_password(conn: psycopg.Connection, login: str, password: str) -> None:
    _privileged(lambda: conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
        sql.Identifier(login), sql.Literal(_verifier(conn, login, password)))))


def set_login_allowed(conn: psycopg.Connection, login: str, allowed: bool) -> None:
    """Disable (NOLOGIN) or enable a coder's login; their work on the server stays."""
    keyword = sql.SQL("LOGIN" if allowed else "NOLOGIN")
    _privileged(lambda: conn.execute(sql.SQL("ALTER ROLE {} {}").format(sql.Identifier(login), keyword)))
    if not allowed:
        # Sessions already open keep running until they end; end them now so the block is immediate.
        # Only possible with pg_signal_backend; without it the login still cannot reconnect.
        try:
            with conn.transaction():
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (login,))
        except psycopg.errors.InsufficientPrivilege:
            pass
