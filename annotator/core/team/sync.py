"""One sync of a local team copy with the server: push what you own, pull what changed, put back the rest.

The steps, and why a kill at any moment loses nothing:

1. Read the local outbox up to some ``seq`` and those rows (``sync_log.pending`` / ``records``).
2. Push, in one server transaction: upserts that change a row only if it differs, and tombstones. Killed
   before COMMIT, nothing happened; after it, the rerun pushes the same rows again and changes nothing.
3. Pull, in one REPEATABLE READ transaction: the snapshot (the next cursor), every row changed since the
   last cursor, the server's version of every row in the outbox (to confirm what was pushed and put back
   what was not ours to change), and all codings of documents revealed since.
4. Apply locally in one SQLite transaction: the rows, the outbox cleared up to ``seq``, the new cursor.
   Rows changed here during the sync are left alone and go out next time.

Ownership (``ownership.RULES``) decides what step 2 sends; row-level security on the server enforces the
same rules whatever a client does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from annotator.core.commands import Changes
from annotator.core.store import Project, now
from annotator.core.store import sync_log
from annotator.core.team import remote, server_schema
from annotator.core.team.credentials import ServerAddress, describe_error
from annotator.core.team.errors import TeamError
from annotator.core.team.ownership import Identity
from annotator.core.team.server_schema import TABLE, TABLES

Progress = Callable[[str], None]
Key = tuple[str, ...]

_SINGULAR = {"coders": "coder", "documents": "document", "codes": "code", "document_sets": "document set",
             "document_set_members": "set membership", "segments": "segment", "assignments": "assignment",
             "memos": "memo"}


def _key(text: str) -> Key:
    return tuple(text.split("|"))


def _text(key: Key) -> str:
    return "|".join(key)


def plural(n: int, table: str) -> str:
    word = _SINGULAR[table]
    return f"{n} {word}" if n == 1 else f"{n} {word}s" if not word.endswith("y") else f"{n} {word[:-1]}ies"


@dataclass
class SyncReport:
    """What a sync moved, in both directions, and what the user should know about it."""

    where: str
    pushed: dict[str, int] = field(default_factory=dict)
    applied: sync_log.Applied = field(default_factory=sync_log.Applied)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pushed_total(self) -> int:
        return sum(self.pushed.values())

    @property
    def pulled_total(self) -> int:
        return self.applied.total

    def summary(self) -> str:
        sent = ", ".join(plural(n, t) for t, n in self.pushed.items() if n) or "nothing"
        got = ", ".join(plural(self.applied.count(t.name), t.name) for t in TABLES if self.applied.count(t.name))
        return f"pushed {sent}; pulled {got or 'nothing'}"

    def lines(self) -> list[str]:
        return [f"synced with {self.where} in {self.seconds:.2f} s: {self.summary()}",
                *(f"note: {n}" for n in self.notes)]

    def changes(self) -> Changes:
        """What the pull changed here, for the window's event bus (every view refreshes from it)."""
        a = self.applied
        return Changes(documents=set(a.documents), codebook=a.codebook, assignments=a.assignments, coders=a.coders,
                       document_list=a.document_list, sets=a.document_sets, memos=a.memos)

    @property
    def rewrote_history(self) -> bool:
        """Whether the pull changed or removed codes, documents, coders or sets here: edits on the undo
        stack may refer to rows that are no longer what they were, so the window clears it."""
        tables = ("codes", "documents", "coders", "document_sets")
        return any(self.applied.changed.get(t) or self.applied.deleted.get(t) for t in tables)


@dataclass
class _Plan:
    upserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tombstones: dict[str, list[Key]] = field(default_factory=dict)
    assigned_only: list[dict[str, Any]] = field(default_factory=list)  # lead: assignments of others' status
    held_back: dict[str, set[Key]] = field(default_factory=dict)  # owned but not sendable: why, per table
    reasons: dict[Key, str] = field(default_factory=dict)
    sent: dict[str, set[Key]] = field(default_factory=dict)  # every key this sync sends, per table

    def send(self, table: str, key: Key) -> None:
        self.sent.setdefault(table, set()).add(key)

    @property
    def count(self) -> int:
        return sum(len(keys) for keys in self.sent.values())


def sync(project: Project, *, password: str | None = None, progress: Progress | None = None,
         address: ServerAddress | None = None, connection: psycopg.Connection | None = None) -> SyncReport:
    """Sync ``project`` (a team copy) with its server; raises a one-line ``TeamError`` on failure.

    ``connection`` (autocommit, to this project's server) is used and left open: the window keeps one
    for its background syncs instead of logging in every few seconds.
    """
    state = sync_log.team_state(project)
    if not state.get("url"):
        raise TeamError(f"{project.path}: not a copy of a team project (join one with 'annotator team join', "
                        "or share this one with 'annotator team create')")
    address = address or ServerAddress.parse(state["url"])
    started = time.perf_counter()
    _step(progress, "connecting")
    conn = connection if connection is not None else address.connect(password=password, autocommit=True)
    lock = "annotator sync " + project.meta("project_guid")
    try:
        try:
            report = _sync(conn, project, state, address.display(), progress, lock)
        finally:  # closing a connection releases its lock; one that stays open gives it back
            if connection is not None and not conn.closed \
                    and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                conn.execute("SELECT pg_advisory_unlock_all()")
        report.seconds = time.perf_counter() - started
    except psycopg.Error as exc:
        raise describe_error(exc, address) from None
    finally:
        if connection is None:
            conn.close()
    _step(progress, "done")
    return report


LOG_IDLE_EVERY_S = 300


def _log_due(state: dict[str, str]) -> bool:
    try:
        return time.time() - float(state.get("last_logged", "0")) > LOG_IDLE_EVERY_S
    except ValueError:
        return True


def _step(progress: Progress | None, phase: str) -> None:
    if progress is not None:
        progress(phase)


def identify(conn: psycopg.Connection, meta: dict[str, str], coder_guid: str | None, where: str) -> Identity:
    """Who this login is in the team project; refuses a login that is not (or no longer) a coder of it."""
    with conn.pipeline():
        asked = conn.execute("SELECT current_user")
        listed = conn.execute(_CODERS)
    return _identity(meta, asked.fetchone()[0], listed.fetchall(), coder_guid, where)  # type: ignore[index]


_CODERS = "SELECT guid, name, login, active FROM annotator.coders WHERE NOT deleted"


def _identity(meta: dict[str, str], user: str, coders: list[tuple], coder_guid: str | None, where: str) -> Identity:
    lead_login = meta.get("lead_login", "")
    signed_in = frozenset(g for g, _, login, _ in coders if login is not None and login != lead_login)
    if user == lead_login:
        return Identity(True, coder_guid, signed_in)
    mine = [(g, n, active) for g, n, login, active in coders if login == user]
    if not mine:
        raise TeamError(f"{where}: the login '{user}' is not a coder of this team project; ask the lead to add "
                        "it ('annotator team add-coder')")
    guid, name, active = mine[0]
    if not active:
        raise TeamError(f"{where}: the coder '{name}' is disabled in this team project; ask the lead")
    if coder_guid and coder_guid != guid:
        other = next((n for g, n, _, _ in coders if g == coder_guid), "another coder")
        raise TeamError(f"{where}: this file codes as '{other}', but the login '{user}' is '{name}'; "
                        "sync it with that coder's login")
    return Identity(False, guid, signed_in)


def _hello(conn: psycopg.Connection, project: Project, state: dict[str, str], where: str,
           lock: str) -> Identity:
    """In one round trip: the server's meta, who we are, and the lock that keeps two syncs of one file
    apart (the window's background sync and a command line may meet); then check it all."""
    try:
        with conn.pipeline():
            meta_rows = conn.execute("SELECT key, value FROM annotator.meta")
            asked = conn.execute("SELECT current_user")
            listed = conn.execute(_CODERS)
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (lock,))
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName, psycopg.errors.InsufficientPrivilege):
        server_schema.read_meta(conn, where)  # says which of these it is, in one line
        raise
    meta = dict(meta_rows.fetchall())
    server_schema.check_version(meta, where)
    server_schema.upgrade(conn, meta, where)
    if meta.get("project_guid") != state.get("project_guid"):
        raise TeamError(f"{where}: holds another team project ('{meta.get('name', '?')}'), not the one "
                        f"{project.path.name if project.path else 'this file'} is a copy of")
    return _identity(meta, asked.fetchone()[0], listed.fetchall(), state.get("coder") or None,  # type: ignore[index]
                     where)


def _sync(conn: psycopg.Connection, project: Project, state: dict[str, str], where: str,
          progress: Progress | None, lock: str) -> SyncReport:
    report = SyncReport(where)
    identity = _hello(conn, project, state, where, lock)
    if identity.is_lead:  # columns an upgraded server gained hold their defaults there until the lead's copy sends them
        for table in server_schema.resend_after(int(state.get("server_schema") or 1)):
            sync_log.mark_changed(project, table)

    pend = sync_log.pending(project)
    local = {t: sync_log.records(project, t, keys) for t, keys in pend.keys.items()}
    merges = sync_log.merges(project, pend.seq)
    dirty = {t: [_key(k) for k in keys] for t, keys in pend.keys.items()}

    _step(progress, "pushing")
    plan = _Plan()
    if pend.count:
        with conn.pipeline():  # BEGIN and the read go out together, then the writes and COMMIT
            with conn.transaction():
                wanted = _references(local)
                for table, keys in dirty.items():
                    wanted[table] = sorted(set(wanted.get(table, [])) | set(keys))
                fetched = remote.fetch_all(conn, wanted)
                server_rows = {t: {k: fetched[t][k] for k in keys if k in fetched[t]} for t, keys in dirty.items()}
                references = {t: {k[0]: r for k, r in fetched.get(t, {}).items()} for t in ("documents", "codes")}
                plan = _plan(identity, dirty, local, server_rows, references)
                counted = _push(conn, identity, plan, merges, state)
        report.pushed = counted()

    _step(progress, "pulling")
    reads = [remote.changes_read(t, state.get("cursor") or None) for t in TABLES]
    reads += [remote.keys_read(t, keys) for t, keys in dirty.items()]
    cursor, found = remote.snapshot_and_read(conn, reads)
    changed = {t.name: rows for t, rows in zip(TABLES, found)}
    readback = {t: {remote.key_of(TABLE[t], r): r for r in rows} for t, rows in zip(dirty, found[len(TABLES):])}
    upserts, deletions = _merge_pulled(changed, readback, dirty, local, plan, report, project)
    # What the snapshot does not have to agree on comes after it: texts never change, and codings of a
    # document revealed since are read as they are now (anything newer comes again next time).
    newly = _newly_revealed(project, upserts)
    pulled = [r["guid"] for r in upserts.get("documents", [])]
    known = sync_log.known_guids(project, "documents", pulled)
    missing_texts = [g for g in pulled if g not in known]
    more = [remote.documents_read(t, sorted(newly)) for t in ("segments", "memos")] \
        if newly and not identity.is_lead else []
    if missing_texts:
        more.append(remote.texts_read(missing_texts))
    extra = remote.read_all(conn, more)
    if missing_texts:
        texts = {r["guid"]: r["text"] for r in extra.pop()}
        for record in upserts.get("documents", []):
            record["text"] = texts.get(record["guid"])
    for table, rows in zip(("segments", "memos"), extra):
        merged = {remote.key_of(TABLE[table], r): r for r in upserts.get(table, [])}
        for row in rows:
            merged.setdefault(remote.key_of(TABLE[table], row), row)
        upserts[table] = list(merged.values())

    if not pend.count and _log_due(state):
        # Nothing was sent, so nothing logged this sync: say now and then that this copy is in touch
        # (team status shows each coder's last sync), without a write every few seconds.
        conn.execute("INSERT INTO annotator.sync_events (coder_guid, pushed) VALUES (%s, 0)",
                     (state.get("coder") or None,))
        logged = True
    else:
        logged = bool(pend.count)

    _step(progress, "applying")
    _explain_cascades(project, identity, upserts, deletions, changed, report)
    revealed = {r["guid"] for r in upserts.get("documents", []) if r.get("revealed_at")}
    stamp = {"cursor": cursor, "last_sync": now(), "server_schema": str(server_schema.SERVER_SCHEMA_VERSION),
             **({"last_logged": str(time.time())} if logged else {})}
    report.applied = sync_log.apply(project, upserts, deletions, upto_seq=pend.seq, state=stamp,
                                    revealed_documents=revealed)
    if newly:
        report.notes.append(f"the lead revealed {len(newly)} document(s) for review: everyone's codings of them "
                            "are in this copy now, and yours there are read-only")
    renamed = [(old, new) for table, old, new in report.applied.renamed if table == "codes"]
    for old, new in _top_renames(renamed):
        report.notes.append(f"code '{old}' is now '{new}' (changed by the lead; your segments follow it)")
    for table, old, new in report.applied.renamed:
        if table != "codes":
            report.notes.append(f"{_SINGULAR[table]} '{old}' is now '{new}'")
    report.notes.extend(report.applied.skipped)
    if report.applied.kept_local:
        report.notes.append(f"{report.applied.kept_local} change(s) made here during the sync go out with the "
                            "next one")
    return report


def _plan(me: Identity, dirty: dict[str, list[Key]], local: dict[str, dict[str, dict[str, Any]]],
          server_rows: dict[str, dict[Key, dict[str, Any]]], references: dict[str, dict]) -> _Plan:
    """Decide what this sync sends: only what ``me`` owns, and only what the server can take."""
    plan = _Plan()
    deleted_here = {t: {k[0] for k in dirty.get(t, []) if _text(k) not in local.get(t, {})}
                    for t in ("documents", "codes")}
    for table in TABLES:
        for key in dirty.get(table.name, []):
            record = local.get(table.name, {}).get(_text(key))
            server = server_rows.get(table.name, {}).get(key)
            if record is None:
                if server is None or server["deleted"] or not _may_delete(me, table.name, server, deleted_here):
                    continue
                if table.name == "coders" and me.is_lead and server.get("login") \
                        and server["guid"] in me.signed_in:
                    # Deleting (or merging away) a coder with a login would delete their work everywhere.
                    plan.held_back.setdefault("coders", set()).add(key)
                    plan.reasons[key] = ("a coder with a login of their own is not deleted or merged in a team "
                                         "project (their segments are theirs); disable the login instead "
                                         "('annotator team disable-coder')")
                    continue
                plan.tombstones.setdefault(table.name, []).append(key)
                plan.send(table.name, key)
                continue
            record = dict(record)
            if table.name == "memos" and record["coder_guid"] is None and not me.is_lead:
                record["coder_guid"] = me.coder_guid  # a coder's unsigned memo is theirs
            if not me.owns(table.name, record, server):
                continue
            why = _unsendable(me, table.name, record, references, local)
            if why:
                plan.held_back.setdefault(table.name, set()).add(key)
                plan.reasons[key] = why
                continue
            if table.name == "assignments" and me.is_lead and not me.owns_coding(record["coder_guid"]):
                plan.assigned_only.append(record)
            elif table.name == "assignments" and not me.is_lead and server is not None and server["deleted"]:
                continue  # the lead removed this assignment: the pull removes it here too
            else:
                plan.upserts.setdefault(table.name, []).append(record)
            plan.send(table.name, key)
    return plan


def _may_delete(me: Identity, table: str, server: dict[str, Any], deleted_here: dict[str, set[str]]) -> bool:
    if table in ("segments", "memos"):
        if not me.owns_coding(server.get("coder_guid")):
            return False
        if not me.is_lead:
            # Gone here only because a document or code the lead owns was deleted here: it comes back.
            if server.get("document_guid") in deleted_here["documents"] or \
                    server.get("code_guid") in deleted_here["codes"]:
                return False
        return True
    if table == "codes" and not me.is_lead:
        return server.get("status") == "proposed" and server.get("proposed_by") == me.coder_guid
    return me.is_lead


def _references(local: dict[str, dict[str, dict[str, Any]]]) -> dict[str, list[Key]]:
    """The documents and codes the rows about to be sent refer to: the server must have them."""
    wanted: dict[str, set[str]] = {"documents": set(), "codes": set()}
    for table in ("segments", "memos", "assignments", "document_set_members"):
        for record in local.get(table, {}).values():
            if record.get("document_guid"):
                wanted["documents"].add(record["document_guid"])
            if record.get("code_guid"):
                wanted["codes"].add(record["code_guid"])
    for record in local.get("codes", {}).values():
        if record.get("parent_guid"):
            wanted["codes"].add(record["parent_guid"])
    return {t: [(g,) for g in sorted(guids)] for t, guids in wanted.items()}


def _unsendable(me: Identity, table: str, record: dict[str, Any], references: dict[str, dict],
                local: dict[str, dict[str, dict[str, Any]]]) -> str | None:
    """Why an owned row cannot go to the server (None: it can)."""
    document = record.get("document_guid")
    if document and table in ("segments", "memos", "assignments", "document_set_members"):
        pushed_too = me.is_lead and document in local.get("documents", {})
        server_document = references["documents"].get(document)
        if server_document is None and not pushed_too:
            return "its document is not on the server"
        if not me.is_lead and server_document is not None and server_document.get("revealed_at") \
                and table in ("segments", "memos"):
            return "the lead revealed its document, so codings there are read-only"
    code = record.get("code_guid") if table in ("segments", "memos") else record.get("parent_guid") \
        if table == "codes" else None
    if code and code not in references["codes"] and code not in local.get("codes", {}):
        return "its code is not on the server"
    return None


def _push(conn: psycopg.Connection, me: Identity, plan: _Plan, merges: dict[str, str],
          state: dict[str, str]) -> Callable[[], dict[str, int]]:
    """Queue the plan (inside the caller's pipeline): upserts parents first, then tombstones children
    first, and the sync's entry in the server's log (``team status`` shows each coder's last sync).
    Returns how to count what changed once the pipeline has run."""
    statements: list[tuple[str, remote.Statement]] = []

    def add(table: str, found: list[remote.Statement]) -> None:
        statements.extend((table, statement) for statement in found)

    for table in TABLES:
        rows = plan.upserts.get(table.name, [])
        if table.name == "codes" and me.is_lead:
            add("codes", remote.upsert_statements("codes", rows, fixed={"merged_into": None}))
        elif table.name == "codes":
            add("codes", remote.upsert_statements("codes", rows, update=table.columns,
                                                  fixed={"status": "proposed", "proposed_by": me.coder_guid}))
        elif table.name == "assignments" and not me.is_lead:
            add("assignments", remote.upsert_statements("assignments", rows, update=("status", "updated"),
                                                        set_deleted=False))
        else:
            add(table.name, remote.upsert_statements(table.name, rows))
        if table.name == "assignments":
            add("assignments", remote.upsert_statements("assignments", plan.assigned_only, revive_only=True))
    for table in reversed(TABLES):
        keys = plan.tombstones.get(table.name, [])
        found = {k: merges[k[0]] for k in keys if k[0] in merges} if table.name == "codes" and me.is_lead else None
        add(table.name, remote.tombstone_statements(table.name, keys, merged_into=found))
    cursors = [(table, conn.execute(statement, params)) for table, (statement, params) in statements]
    conn.execute("INSERT INTO annotator.sync_events (coder_guid, pushed) VALUES (%s, %s)",
                 (state.get("coder") or None, plan.count))

    def counted() -> dict[str, int]:  # once the pipeline has run
        pushed: dict[str, set[Key]] = {}
        for table, cursor in cursors:
            pushed.setdefault(table, set()).update(tuple(row) for row in cursor.fetchall())
        return {t: len(keys) for t, keys in pushed.items() if keys}

    return counted


def _merge_pulled(changed: dict[str, list[dict]], readback: dict[str, dict[Key, dict]],
                  dirty: dict[str, list[Key]], local: dict[str, dict[str, dict]], plan: _Plan,
                  report: SyncReport, project: Project) -> tuple[dict[str, list[dict]], dict[str, list[str]]]:
    """One batch for ``sync_log.apply``: what changed on the server, plus the server's version of every
    row in the outbox, and the deletion here of outbox rows the server does not have."""
    upserts: dict[str, dict[Key, dict]] = {}
    deletions: dict[str, dict[Key, None]] = {}
    for table in TABLES:
        rows = upserts.setdefault(table.name, {})
        gone = deletions.setdefault(table.name, {})
        for record in changed.get(table.name, []):
            key = remote.key_of(table, record)
            if record["deleted"]:
                gone[key] = None
            else:
                rows[key] = record
        put_back = 0
        for key in dirty.get(table.name, []):
            server = readback.get(table.name, {}).get(key)
            mine = local.get(table.name, {}).get(_text(key))
            if server is None or server["deleted"]:
                rows.pop(key, None)
                gone[key] = None
            else:
                gone.pop(key, None)
                rows[key] = server
            if _pushed(plan, table.name, key) or _same(table, mine, server):
                continue
            if key in plan.held_back.get(table.name, set()):
                outcome = "it was removed from this copy" if server is None or server["deleted"] \
                    else "the server's version was put back"
                report.notes.append(f"{_describe(table.name, mine or server, project)} was not sent: "
                                    f"{plan.reasons[key]}; {outcome}")
            else:
                put_back += 1
        if put_back:
            report.notes.append(f"{plural(put_back, table.name)} changed here put back to the server's version: "
                                "not yours to change (see 'annotator team status' for who owns what)")
    return ({t: list(rows.values()) for t, rows in upserts.items()},
            {t: [_text(k) for k in keys] for t, keys in deletions.items()})


def _same(table: server_schema.ServerTable, mine: dict[str, Any] | None, server: dict[str, Any] | None) -> bool:
    """Whether the local row already matches the server's (both absent counts as the same)."""
    live = server is not None and not server["deleted"]
    if mine is None or not live:
        return mine is None and not live
    return all(remote.plain(table.name, c, mine.get(c)) == remote.plain(table.name, c, server.get(c))
               for c in table.columns)


def _pushed(plan: _Plan, table: str, key: Key) -> bool:
    return key in plan.sent.get(table, ())


def _describe(table: str, record: dict[str, Any], project: Project) -> str:
    if table == "coders":
        return f"the deletion of coder '{record.get('name')}'"
    if table == "segments":
        name = project.document_names().get(project.document_id_by_guid(record["document_guid"]) or -1, "?")
        return f"your segment {record['start']}-{record['end']} in '{name}'"
    if table == "documents":
        return f"document '{record.get('name')}'"
    if table == "codes":
        return f"code '{record.get('path')}'"
    return f"a {_SINGULAR[table]}"


def _newly_revealed(project: Project, upserts: dict[str, list[dict]]) -> set[str]:
    known = sync_log.revealed(project)
    return {r["guid"] for r in upserts.get("documents", []) if r.get("revealed_at") and r["guid"] not in known}


def _explain_cascades(project: Project, me: Identity, upserts: dict[str, list[dict]],
                      deletions: dict[str, list[str]], changed: dict[str, list[dict]], report: SyncReport) -> None:
    """Tell a coder what the lead's codebook changes did to their segments (merges and deletions)."""
    if me.is_lead:
        return
    recoded: dict[tuple[str, str], int] = {}
    removed: dict[str, int] = {}
    for record in changed.get("segments", []):
        if record.get("coder_guid") != me.coder_guid or not record.get("cascade_of"):
            continue
        if record["deleted"]:
            removed[record["cascade_of"]] = removed.get(record["cascade_of"], 0) + 1
        elif record.get("cascade_code"):
            pair = (record["cascade_code"], record["code_guid"])
            recoded[pair] = recoded.get(pair, 0) + 1
    for (old, new), n in recoded.items():
        report.notes.append(f"{plural(n, 'segments')} of yours re-coded from '{_code_path(project, old)}' to "
                            f"'{_code_path(project, new, upserts)}' (the lead merged the codes)")
    for cause, n in removed.items():
        report.notes.append(f"{plural(n, 'segments')} of yours deleted with {_cause(project, cause)}")


def _code_path(project: Project, guid: str, upserts: dict[str, list[dict]] | None = None) -> str:
    code = project.code_by_guid(guid)
    if code is not None:
        return code.path
    for record in (upserts or {}).get("codes", []):
        if record["guid"] == guid:
            return str(record["path"])
    return "?"


def _cause(project: Project, guid: str) -> str:
    code = project.code_by_guid(guid)
    if code is not None:
        return f"the code '{code.path}' (deleted by the lead)"
    document = project.document_id_by_guid(guid)
    if document is not None:
        return f"the document '{project.document_names().get(document, '?')}' (deleted by the lead)"
    return "what the lead deleted"


def _top_renames(renamed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A moved subtree renames every code in it: name only the topmost."""
    moved = dict(renamed)
    return [(old, new) for old, new in renamed
            if not any(old.startswith(parent + "/") and new.startswith(moved[parent] + "/") for parent in moved)]
