"""``annotator team create``: put an ordinary project on a server as a team project, led from that file.

The upload is one server transaction (schema, policies, the coders' group and login roles, every row):
killed half way, the server has nothing and the command can simply be run again. The local file starts
recording its changes before it is read, so edits made while the upload runs go out with the first sync;
it becomes the lead's copy only once the server has committed. If the process dies between the two, the
rerun finds its own project on the server and just links the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from annotator.core.store import Project, now
from annotator.core.store import sync_log
from annotator.core.team import remote, roles, server_schema
from annotator.core.team.credentials import ServerAddress, describe_error
from annotator.core.team.errors import TeamError
from annotator.core.team.server_schema import TABLES


@dataclass
class CoderLogin:
    """A coder's login, and the password to hand them (shown once, stored nowhere)."""

    coder: str
    login: str | None
    password: str | None = field(default=None, repr=False)

    def line(self) -> str:
        if self.login is None:
            return f"{self.coder}: no login (their segments belong to the lead)"
        if self.password is None:
            return f"{self.coder}: login {self.login}"
        return f"{self.coder}: login {self.login}, password {self.password}"


@dataclass
class ShareReport:
    where: str
    uploaded: dict[str, int] = field(default_factory=dict)
    logins: list[CoderLogin] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    relinked: bool = False


def plan_logins(project: Project, *, lead_user: str, lead_coder: str | None, logins: dict[str, str],
                only: list[str] | None) -> dict[str, str | None]:
    """Coder name -> login: adjudicators (the consensus) and coders left out get none; the lead's own coder
    signs in as the lead; everyone else gets ``logins[name]`` or one made from the name."""
    names = {c.name for c in project.coders()}
    unknown = sorted((set(logins) | set(only or []) | ({lead_coder} if lead_coder else set())) - names)
    if unknown:
        raise TeamError(f"{project.path}: no coder named {', '.join(repr(n) for n in unknown)} in this project")
    chosen: dict[str, str | None] = {}
    taken: set[str] = {lead_user}
    for coder in project.coders():
        if coder.name == lead_coder:
            chosen[coder.name] = lead_user
        elif coder.name in logins:
            chosen[coder.name] = logins[coder.name]
        elif coder.role == "adjudicator" or (only is not None and coder.name not in only):
            chosen[coder.name] = None
        else:
            login, n = roles.default_login(coder.name), 2
            while login in taken:
                login, n = f"{roles.default_login(coder.name)}_{n}", n + 1
            chosen[coder.name] = login
        if chosen[coder.name]:
            taken.add(chosen[coder.name])  # type: ignore[arg-type]
    return chosen


def share(project: Project, address: ServerAddress, *, password: str | None = None, lead_coder: str | None = None,
          logins: dict[str, str] | None = None, only: list[str] | None = None, passwords: bool = True,
          name: str | None = None) -> ShareReport:
    """Upload ``project`` to the database ``address`` names and make the file the lead's copy."""
    state = sync_log.team_state(project)
    if state.get("url"):
        raise TeamError(f"{project.path}: is already a copy of the team project on "
                        f"{ServerAddress.parse(state['url']).display()}")
    where = address.display()
    report = ShareReport(where)
    project_guid = project.meta("project_guid")
    conn = address.connect(password=password, autocommit=True)
    try:
        with conn:
            user, database = conn.execute("SELECT current_user, current_database()").fetchone()  # type: ignore[misc]
            lead_guid = project.coder(lead_coder).guid if lead_coder else None
            if server_schema.has_team_project(conn):
                meta = server_schema.read_meta(conn, where)
                if meta.get("project_guid") != project_guid:
                    raise TeamError(f"{where}: already holds the team project '{meta.get('name', '?')}'; "
                                    "use another database for this one")
                if meta.get("lead_login") != user:
                    raise TeamError(f"{where}: this project was shared by '{meta.get('lead_login')}'; "
                                    "link it with that login")
                _link(project, address, project_guid, lead_guid, cursor=None, upto_seq=None)
                report.relinked = True
                report.notes.append("the server already held this project (an earlier run was interrupted): "
                                    "the file is linked to it again; passwords made then are not shown again "
                                    "(use 'annotator team reset-password')")
                return report
            chosen = plan_logins(project, lead_user=user, lead_coder=lead_coder, logins=logins or {}, only=only)
            sync_log.link(project, {"project_guid": project_guid})  # record edits from now on
            pend = sync_log.pending(project)
            group = roles.coder_group_name(database)
            try:
                with conn.transaction():
                    _upload(conn, project, report, group=group, meta={
                        "project_guid": project_guid, "name": name or (project.path.stem if project.path else "team"),
                        "lead_login": user, "coder_group": group, "created": now()}, chosen=chosen,
                        passwords=passwords)
            except BaseException:
                sync_log.unlink(project)  # nothing reached the server: a plain project again
                raise
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with conn.transaction():
                cursor = remote.snapshot(conn)
            _link(project, address, project_guid, lead_guid, cursor=cursor, upto_seq=pend.seq)
    except psycopg.Error as exc:
        raise describe_error(exc, address) from None
    return report


def _link(project: Project, address: ServerAddress, project_guid: str, lead_guid: str | None, *,
          cursor: str | None, upto_seq: int | None) -> None:
    sync_log.link(project, {"project_guid": project_guid})
    sync_log.apply(project, {}, {}, upto_seq=upto_seq, state={
        "url": address.stored, "project_guid": project_guid, "role": "lead", "coder": lead_guid,
        "cursor": cursor, "last_sync": now(),
        # A relinked project's server may have been made by an older Annotator: its first sync tells.
        "server_schema": str(server_schema.SERVER_SCHEMA_VERSION) if cursor is not None else None})


def _upload(conn: psycopg.Connection, project: Project, report: ShareReport, *, group: str, meta: dict[str, str],
            chosen: dict[str, str | None], passwords: bool) -> None:
    roles.ensure_group(conn, group)
    server_schema.create_schema(conn, coder_group=group, meta=meta)
    for table in TABLES:
        records = sync_log.all_records(project, table.name)
        if table.name == "coders":
            for record in records:
                record["login"] = chosen.get(record["name"])
            n = remote.copy_in(conn, "coders", [{k: v for k, v in r.items() if k != "login"} for r in records])
            conn.cursor().executemany("UPDATE annotator.coders SET login = %s WHERE guid = %s",
                                      [(r["login"], r["guid"]) for r in records if r["login"]])
        else:
            n = remote.copy_in(conn, table.name, records)
        report.uploaded[table.name] = n
    lead_user = meta["lead_login"]
    for coder, login in chosen.items():
        if login is None or login == lead_user:
            report.logins.append(CoderLogin(coder, login))
            continue
        secret = roles.generate_password() if passwords else None
        roles.create_login(conn, login, group, password=secret, reuse=False)
        report.logins.append(CoderLogin(coder, login, secret))
    database = sql.Identifier(conn.info.dbname)
    try:
        with conn.transaction():
            conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, sql.Identifier(group)))
            conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(database))
    except psycopg.errors.InsufficientPrivilege:
        report.notes.append(f"could not limit who may connect to the database (the lead's login does not own "
                            f"it): ask IT to run REVOKE CONNECT ON DATABASE {conn.info.dbname} FROM PUBLIC; "
                            f"GRANT CONNECT ON DATABASE {conn.info.dbname} TO {group}")
