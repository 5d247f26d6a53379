"""The lead's work on the server: coders (add, disable, enable, reset password), reveal, accepting codes.

Each call opens its own connection as the lead, checks the server schema and that the login is the
project's lead, and runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
import psycopg

from annotator.core.store import PALETTE, new_guid
from annotator.core.team import roles, server_schema
from annotator.core.team.credentials import ServerAddress, describe_error
from annotator.core.team.errors import TeamError
from annotator.core.team.share import CoderLogin

@contextmanager
def lead_connection(address: ServerAddress, password: str | None = None,
                    action: str = "do this") -> Iterator[tuple[psycopg.Connection, dict[str, str]]]:
    """A connection as the project's lead, in a transaction; anyone else gets one line saying so."""
    where = address.display()
    try:
        with address.connect(password=password, autocommit=True) as conn:
            meta = server_schema.read_meta(conn, where)
            user = conn.execute("SELECT current_user").fetchone()[0]  # type: ignore[index]
            if user != meta.get("lead_login"):
                raise TeamError(f"{where}: only the project's lead ('{meta.get('lead_login')}') may {action}; "
                                f"this is '{user}'")
            with conn.transaction():
                yield conn, meta
    except psycopg.Error as exc:
        raise describe_error(exc, address) from None


def _coder(conn: psycopg.Connection, name: str, where: str) -> tuple[str, str | None, bool]:
    row = conn.execute("SELECT guid, login, active FROM annotator.coders WHERE name = %s AND NOT deleted",
                       (name.strip(),)).fetchone()
    if row is None:
        raise TeamError(f"{where}: no coder named '{name}' in the team project")
    return row[0], row[1], row[2]


def add_coder(address: ServerAddress, name: str, *, login: str | None = None, password: bool = True,
              lead_password: str | None = None) -> CoderLogin:
    """A new coder with a login of their own (or a login for an existing coder who has none)."""
    name = name.strip()
    if not name:
        raise TeamError("a coder needs a name")
    with lead_connection(address, lead_password, "add coders") as (conn, meta):
        row = conn.execute("SELECT guid, login FROM annotator.coders WHERE name = %s AND NOT deleted",
                           (name,)).fetchone()
        if row is not None and row[1]:
            raise TeamError(f"{address.display()}: the coder '{name}' already signs in as '{row[1]}' "
                            "(reset the password with 'annotator team reset-password')")
        chosen = login or roles.default_login(name)
        if conn.execute("SELECT 1 FROM annotator.coders WHERE login = %s", (chosen,)).fetchone():
            raise TeamError(f"{address.display()}: the login '{chosen}' is already a coder of this project")
        secret = roles.generate_password() if password else None
        roles.create_login(conn, chosen, meta["coder_group"], password=secret, reuse=login is not None)
        if row is None:
            count = conn.execute("SELECT count(*) FROM annotator.coders").fetchone()[0]  # type: ignore[index]
            conn.execute("INSERT INTO annotator.coders (guid, name, color, login) VALUES (%s, %s, %s, %s)",
                         (new_guid(), name, PALETTE[(count * 5 + 2) % len(PALETTE)], chosen))
        else:
            conn.execute("UPDATE annotator.coders SET login = %s, active = true WHERE guid = %s", (chosen, row[0]))
        return CoderLogin(name, chosen, secret)


def set_coder_enabled(address: ServerAddress, name: str, enabled: bool, *,
                      lead_password: str | None = None) -> str:
    """Disable a coder (their login stops working; their work stays) or enable them again."""
    with lead_connection(address, lead_password, "disable or enable coders") as (conn, _):
        guid, login, _ = _coder(conn, name, address.display())
        if login is None:
            raise TeamError(f"{address.display()}: the coder '{name}' has no login")
        if login == conn.execute("SELECT current_user").fetchone()[0]:  # type: ignore[index]
            raise TeamError(f"{address.display()}: the lead's own login cannot be disabled here")
        conn.execute("UPDATE annotator.coders SET active = %s WHERE guid = %s", (enabled, guid))
        roles.set_login_allowed(conn, login, enabled)
        return login


def reset_password(address: ServerAddress, name: str, *, lead_password: str | None = None) -> CoderLogin:
    with lead_connection(address, lead_password, "reset passwords") as (conn, _):
        _, login, _ = _coder(conn, name, address.display())
        if login is None:
            raise TeamError(f"{address.display()}: the coder '{name}' has no login")
        secret = roles.generate_password()
        roles.set_password(conn, login, secret)
        return CoderLogin(name, login, secret)


def reveal(address: ServerAddress, document: str | None = None, *, lead_password: str | None = None) -> int:
    """Open one document (by name) or every document for review; returns how many were newly revealed."""
    with lead_connection(address, lead_password, "reveal documents") as (conn, _):
        if document is not None:
            found = conn.execute("SELECT revealed_at IS NOT NULL FROM annotator.documents "
                                 "WHERE name = %s AND NOT deleted", (document,)).fetchone()
            if found is None:
                raise TeamError(f"{address.display()}: no document named '{document}' in the team project")
            cursor = conn.execute("UPDATE annotator.documents SET revealed_at = now() "
                                  "WHERE name = %s AND NOT deleted AND revealed_at IS NULL", (document,))
        else:
            cursor = conn.execute("UPDATE annotator.documents SET revealed_at = now() "
                                  "WHERE NOT deleted AND revealed_at IS NULL")
        return cursor.rowcount


def accept_code(address: ServerAddress, path: str, *, lead_password: str | None = None) -> None:
    """Take a coder's proposed code into the codebook every coder sees."""
    with lead_connection(address, lead_password, "accept codes") as (conn, _):
        cursor = conn.execute("UPDATE annotator.codes SET status = 'accepted' "
                              "WHERE path = %s AND status = 'proposed' AND NOT deleted", (path,))
        if cursor.rowcount == 0:
            raise TeamError(f"{address.display()}: no proposed code '{path}' (see 'annotator team status')")

