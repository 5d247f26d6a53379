"""Where the team server is and how to log in to it, the libpq way.

A server is named by anything libpq understands: a URL (``postgresql://ana@db.uni.edu/framing?sslmode=
verify-full``), a key/value string (``host=db.uni.edu dbname=framing user=ana``) or a service name
(``service=framing`` from ``~/.pg_service.conf``). Passwords come from ``~/.pgpass`` (or the file
``PGPASSFILE`` names), ``PGPASSWORD``, or a prompt kept in memory for one session. A password typed into a
connection string is used for that one call and never stored: ``ServerAddress.stored`` drops it, so the
project file, settings and logs only ever hold the password-free form. ``sslmode`` and the other TLS
options pass through untouched (``verify-full`` is what a university server should use; docs/team.md).

Failures become one line that says what to do (``describe_error``), never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from annotator.core.team.errors import ServerUnavailable, TeamError

DEFAULT_CONNECT_TIMEOUT = "10"
APPLICATION_NAME = "annotator"


@dataclass(frozen=True)
class ServerAddress:
    """A parsed connection string. ``password`` is only what was typed in it, never persisted."""

    params: dict[str, str]
    password: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, text: str) -> "ServerAddress":
        text = (text or "").strip()
        if not text:
            raise TeamError("no server given: use a URL such as postgresql://USER@HOST/DATABASE, "
                            "'host=... dbname=... user=...' or 'service=NAME'")
        if re.fullmatch(r"[A-Za-z0-9_.-]+", text) and "=" not in text:
            text = f"service={text}"  # a bare word is a service name from pg_service.conf
        try:
            params = {k: str(v) for k, v in conninfo_to_dict(text).items() if v is not None}
        except psycopg.ProgrammingError as exc:
            raise TeamError(f"cannot read the server address: {_one_line(str(exc))}") from None
        password = params.pop("password", None)
        return cls(params, password)

    @property
    def stored(self) -> str:
        """The form that may be written to the project file: everything but the password."""
        return make_conninfo("", **self.params)

    @property
    def user(self) -> str:
        return self.params.get("user", "")

    @property
    def database(self) -> str:
        return self.params.get("dbname", "")

    def display(self) -> str:
        """Short and password-free, for messages: ``ana@db.uni.edu:5433/framing`` or ``service=lab``."""
        p = self.params
        if "host" not in p and "service" in p:
            return f"service={p['service']}"
        where = p.get("host", "localhost")
        if "port" in p:
            where += f":{p['port']}"
        who = f"{p['user']}@" if "user" in p else ""
        return f"{who}{where}/{p.get('dbname', '')}"

    def with_user(self, user: str) -> "ServerAddress":
        return ServerAddress({**self.params, "user": user}, None)

    def connect(self, *, password: str | None = None, autocommit: bool = False) -> psycopg.Connection:
        """Open a connection, or raise a one-line ``TeamError`` / ``ServerUnavailable``."""
        kwargs: dict[str, Any] = dict(self.params)
        kwargs.setdefault("connect_timeout", DEFAULT_CONNECT_TIMEOUT)
        kwargs.setdefault("application_name", APPLICATION_NAME)
        kwargs["client_encoding"] = "UTF8"
        secret = password if password is not None else self.password
        if secret is not None:
            kwargs["password"] = secret
        try:
            return psycopg.connect(make_conninfo("", **kwargs), autocommit=autocommit)
        except psycopg.Error as exc:
            raise describe_error(exc, self) from None


_REFUSALS = (
    (r"password authentication failed|authentication failed",
     "the server refused the login{user}: wrong password, or no such login (check ~/.pgpass or ask the lead)"),
    (r"no password supplied|password is required",
     "the server wants a password{user}: put it in ~/.pgpass (or the file PGPASSFILE names) or use "
     "--ask-password; Annotator never stores passwords"),
    (r"is not permitted to log in",
     "the login{user} is disabled on this server; ask the project lead"),
    (r"database \".*\" does not exist", "no such database on the server"),
    (r"permission denied for database|not have CONNECT privilege",
     "the login{user} may not connect to this database; ask the project lead"),
    (r"no pg_hba.conf entry", "the server does not accept this login from here (pg_hba.conf); ask IT"),
    (r"server does not support SSL", "the server does not offer TLS but sslmode requires it"),
    (r"certificate|SSL error|sslmode value|root certificate",
     "TLS check failed (see sslmode and sslrootcert in docs/team.md)"),
    (r"definition of service|service file", "unknown service name (see ~/.pg_service.conf)"),
)

_UNREACHABLE = (r"Connection refused|could not translate host name|timeout expired|No route to host|"
                r"Network is unreachable|could not connect|Is the server running|Name or service not known|"
                r"the database system is (starting up|shutting down)|No such file or directory")

_LOST = (r"server closed the connection|terminating connection|connection (is )?lost|consuming input failed|"
         r"SSL SYSCALL error|the connection is closed|server conn crashed|EOF detected|Connection reset")


def describe_error(exc: BaseException, address: ServerAddress | None = None) -> TeamError:
    """Turn a psycopg error into one line that names the server and says what to do."""
    detail = _one_line(str(exc))
    where = address.display() if address is not None else "the team server"
    user = f" '{address.user}'" if address is not None and address.user else ""
    for pattern, advice in _REFUSALS:
        if re.search(pattern, detail, re.IGNORECASE):
            return TeamError(f"{where}: {advice.format(user=user)} ({_server_words(detail)})")
    if re.search(_LOST, detail, re.IGNORECASE):
        return ServerUnavailable(f"{where}: the connection to the server was lost ({_server_words(detail)}); "
                                 "nothing was lost: your work is in the local file, sync again later")
    if re.search(_UNREACHABLE, detail, re.IGNORECASE) or isinstance(exc, psycopg.OperationalError):
        return ServerUnavailable(f"{where}: cannot reach the server ({_server_words(detail)}); you are "
                                 "offline or it is down: your work is safe in the local file and syncs later")
    return TeamError(f"{where}: {_server_words(detail)}")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _server_words(detail: str) -> str:
    """The server's own reason without libpq's preamble (``connection failed: connection to ...``)."""
    detail = re.sub(r"^connection failed: ", "", detail)
    detail = re.sub(r"connection to server (at|on) .*? failed: ", "", detail)
    detail = detail.replace("FATAL: ", "").strip()
    return detail[:300]
