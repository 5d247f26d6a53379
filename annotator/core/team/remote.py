"""The PostgreSQL side of a sync: push records, read changes since a snapshot, read rows back by key.

Records are plain dicts in the wire layout of ``server_schema.TABLES`` (guids instead of local ids).
Every identifier goes through ``psycopg.sql.Identifier`` and every value is bound. Pushes are upserts that
change a row only when something in it differs, so pushing the same record twice changes nothing (a
rerun after a crash is a no-op on the server).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

from annotator.core.team.server_schema import SCHEMA, TABLE, TABLES, ServerTable

Record = dict[str, Any]
Key = tuple[str, ...]

# Booleans on the server, 0/1 in SQLite.
BOOLEAN = frozenset({("codes", "exclusive"), ("codes", "codable")})


def plain(table: str, column: str, value: Any) -> Any:
    """A value as the local file holds it (booleans as 0/1), to compare a local row with the server's."""
    return int(bool(value)) if (table, column) in BOOLEAN else value


def _table(name: str) -> sql.Identifier:
    return sql.Identifier(SCHEMA, name)


def _columns(names: Iterable[str]) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(n) for n in names)


def key_of(table: ServerTable, record: Record) -> Key:
    return tuple(record[k] for k in table.key)


def snapshot(conn: psycopg.Connection) -> str:
    """The snapshot this transaction reads under, as text: the next pull's cursor."""
    return str(conn.execute("SELECT pg_current_snapshot()::text").fetchone()[0])  # type: ignore[index]


def _to_server(table: ServerTable, record: Record) -> list[Any]:
    values = []
    for column in table.all_columns:
        value = record.get(column)
        if (table.name, column) in BOOLEAN:
            value = bool(value)
        values.append(value)
    return values


def _from_server(table: ServerTable, names: Sequence[str], row: Sequence[Any]) -> Record:
    record = dict(zip(names, row))
    for column in table.columns:
        if (table.name, column) in BOOLEAN:
            record[column] = int(bool(record[column]))
    for column, value in record.items():
        if isinstance(value, datetime):
            record[column] = value.isoformat(timespec="seconds")
    return record


Statement = tuple[sql.Composable, tuple[Any, ...] | list[Any]]


def run(conn: psycopg.Connection, statements: Sequence[Statement]) -> list[Key]:
    """Send statements in one round trip (pipeline mode); the keys they returned (rows that changed)."""
    if not statements:
        return []
    with conn.pipeline():
        cursors = [conn.execute(statement, params) for statement, params in statements]
    return [tuple(row) for cursor in cursors for row in cursor.fetchall()]


def upsert(conn: psycopg.Connection, table_name: str, records: Sequence[Record], **options: Any) -> list[Key]:
    """Insert or update ``records`` now (see ``upsert_statements``); the keys of rows that changed."""
    return run(conn, upsert_statements(table_name, records, **options))


def tombstone(conn: psycopg.Connection, table_name: str, keys: Sequence[Key], **options: Any) -> list[Key]:
    return run(conn, tombstone_statements(table_name, keys, **options))


def upsert_statements(table_name: str, records: Sequence[Record], *,
                      fixed: dict[str, Any] | None = None, update: Sequence[str] | None = None,
                      revive_only: bool = False, set_deleted: bool = True) -> list[Statement]:
    """Insert or update ``records``; the statements return the keys of rows that changed on the server.

    One statement per batch (the rows travel as one JSON array, typed by the table's own row type),
    not one per row: a sync's round trips and per-statement work stay constant as edits grow.

    ``fixed`` adds columns with one value for every row (a proposal's status, a live code's
    ``merged_into = NULL``); ``update`` limits which columns an existing row takes over (default: all
    data columns and ``fixed``); ``revive_only`` touches an existing row only if it was a tombstone
    (the lead assigning a document whose status belongs to the coder); ``set_deleted=False`` leaves a
    tombstone a tombstone (a coder may report a status but not undo the lead's removal).
    """
    if not records:
        return []
    table = TABLE[table_name]
    fixed = fixed or {}
    names = [*table.all_columns, *fixed]
    update = list(table.columns) + list(fixed) if update is None else list(update)
    target = sql.Identifier(table_name)
    excluded = sql.SQL(", ").join(sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in update)
    assignments = [sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in update]
    if set_deleted:
        assignments.append(sql.SQL("deleted = false"))
    if revive_only or not update:
        condition = sql.SQL("{}.deleted").format(target)
    elif set_deleted:
        condition = sql.SQL("(ROW({}), {}.deleted) IS DISTINCT FROM (ROW({}), false)").format(
            _columns_of(target, update), target, excluded)
    else:
        condition = sql.SQL("ROW({}) IS DISTINCT FROM ROW({})").format(_columns_of(target, update), excluded)
    statement = sql.SQL(
        "INSERT INTO {table} AS {target} ({names}) "
        "SELECT {names} FROM jsonb_populate_recordset(NULL::{table}, %s::jsonb) "
        "ON CONFLICT ({key}) DO UPDATE SET {sets} WHERE {condition} RETURNING {key}").format(
        table=_table(table_name), target=target, names=_columns(names), key=_columns(table.key),
        sets=sql.SQL(", ").join(assignments), condition=condition)
    return [(statement, (_json([dict(zip(names, [*_to_server(table, r), *fixed.values()])) for r in batch]),))
            for batch in _batches(records)]


def _batches(records: Sequence[Record], size: int = 2000) -> Iterable[Sequence[Record]]:
    for first in range(0, len(records), size):
        yield records[first:first + size]


def _json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _columns_of(target: sql.Identifier, names: Sequence[str]) -> sql.Composable:
    return sql.SQL(", ").join(sql.SQL("{}.{}").format(target, sql.Identifier(n)) for n in names)


def tombstone_statements(table_name: str, keys: Sequence[Key], *, merged_into: dict[Key, str] | None = None,
                         coders: Sequence[str] | None = None) -> list[Statement]:
    """Mark rows deleted (so the deletion travels); the statement returns the keys that changed.

    ``merged_into`` records where a deleted code's segments went; ``coders`` limits the deletion to rows
    of those coders. One statement for all the keys.
    """
    if not keys:
        return []
    table = TABLE[table_name]
    target = sql.Identifier(table_name)
    names = [f"k{i}" for i in range(len(table.key))]
    arrays: list[list[Any]] = [[k[i] for k in keys] for i in range(len(table.key))]
    sets = sql.SQL("deleted = true")
    if merged_into is not None:
        names.append("merged_into")
        arrays.append([merged_into.get(k) for k in keys])
        sets = sql.SQL("deleted = true, merged_into = given.merged_into")
    only = sql.SQL("")
    params: list[Any] = list(arrays)
    if coders is not None:
        only = sql.SQL(" AND {}.coder_guid = ANY(%s)").format(target)
        params.append(list(coders))
    match = sql.SQL(" AND ").join(sql.SQL("{}.{} = given.{}").format(target, sql.Identifier(column),
                                                                     sql.Identifier(name))
                                  for column, name in zip(table.key, names))
    statement = sql.SQL(
        "UPDATE {table} AS {target} SET {sets} FROM unnest({arrays}) AS given({names}) "
        "WHERE {match} AND NOT {target}.deleted{only} RETURNING {returned}").format(
        table=_table(table_name), target=target, sets=sets,
        arrays=sql.SQL(", ").join(sql.SQL("%s::text[]") for _ in arrays), names=_columns(names), match=match,
        only=only, returned=_columns_of(target, table.key))
    return [(statement, params)]


def _select(table: ServerTable, *, with_text: bool = True) -> tuple[list[str], sql.Composable]:
    names = [c for c in (*table.all_columns, *table.server_columns)
             if with_text or table.name != "documents" or c != "text"] + ["deleted"]
    return names, sql.SQL("SELECT {} FROM {}").format(_columns(names), _table(table.name))


@dataclass(frozen=True)
class Read:
    """One SELECT of a batch that ``read_all`` sends in a single round trip."""

    table: ServerTable
    names: list[str]
    query: sql.Composable
    params: tuple[Any, ...] = ()


def read_all(conn: psycopg.Connection, reads: Sequence[Read]) -> list[list[Record]]:
    """Run independent SELECTs in one round trip (pipeline mode); the rows of each, in order."""
    if not reads:
        return []
    with conn.pipeline():
        cursors = [conn.execute(r.query, r.params) for r in reads]
    return [[_from_server(r.table, r.names, row) for row in cursor.fetchall()] for r, cursor in zip(reads, cursors)]


def snapshot_and_read(conn: psycopg.Connection, reads: Sequence[Read]) -> tuple[str, list[list[Record]]]:
    """``reads`` in one REPEATABLE READ, read-only transaction, with the snapshot they all see (the next
    pull's cursor), in one round trip: BEGIN, the snapshot, every SELECT and COMMIT go out together."""
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    try:
        with conn.pipeline():
            with conn.transaction():
                taken = conn.execute("SELECT pg_current_snapshot()::text")
                cursors = [conn.execute(r.query, r.params) for r in reads]
    finally:
        conn.isolation_level = None
        conn.read_only = False
    return str(taken.fetchone()[0]), [  # type: ignore[index]
        [_from_server(r.table, r.names, row) for row in cursor.fetchall()] for r, cursor in zip(reads, cursors)]


def changes_read(table: ServerTable, since: str | None) -> Read:
    """Rows written by transactions not visible in snapshot ``since`` (all live rows when None).

    Document texts are left out (``text`` is None): the caller fetches the texts it lacks with
    ``texts_read``, so a metadata change or a reveal does not re-send every article.
    """
    names, select = _select(table, with_text=False)
    if since is None:
        return Read(table, names, sql.SQL("{} WHERE NOT deleted").format(select))
    return Read(table, names, sql.SQL("{} WHERE xid >= pg_snapshot_xmin(%s::pg_snapshot) "
                                      "AND NOT pg_visible_in_snapshot(xid, %s::pg_snapshot)").format(select),
                (since, since))


def keys_read(table_name: str, keys: Sequence[Key]) -> Read:
    """The server's rows (tombstones included) for ``keys``; a key missing from the result is not on the
    server (or not visible to this login). Documents come without their text."""
    table = TABLE[table_name]
    names, select = _select(table, with_text=table.name != "documents")
    if len(table.key) == 1:
        return Read(table, names, sql.SQL("{} WHERE {} = ANY(%s)").format(select, sql.Identifier(table.key[0])),
                    ([k[0] for k in keys],))
    return Read(table, names, sql.SQL("{} WHERE ({}) IN (SELECT * FROM unnest(%s::text[], %s::text[]))").format(
        select, _columns(table.key)), ([k[0] for k in keys], [k[1] for k in keys]))


def fetch_all(conn: psycopg.Connection, wanted: dict[str, Sequence[Key]]) -> dict[str, dict[Key, Record]]:
    """``keys_read`` for several tables in one round trip."""
    tables = [t for t, keys in wanted.items() if keys]
    found = read_all(conn, [keys_read(t, wanted[t]) for t in tables])
    out: dict[str, dict[Key, Record]] = {t: {} for t in wanted}
    for name, rows in zip(tables, found):
        out[name] = {key_of(TABLE[name], r): r for r in rows}
    return out


def documents_read(table_name: str, documents: Sequence[str]) -> Read:
    """Every visible live row of ``table_name`` on these documents (what a reveal opens up)."""
    table = TABLE[table_name]
    names, select = _select(table)
    return Read(table, names, sql.SQL("{} WHERE document_guid = ANY(%s) AND NOT deleted").format(select),
                (list(documents),))


def texts_read(guids: Sequence[str]) -> Read:
    """The texts of these documents (``guid`` and ``text``)."""
    return Read(TABLE["documents"], ["guid", "text"],
                sql.SQL("SELECT guid, text FROM annotator.documents WHERE guid = ANY(%s)"), (list(guids),))


def copy_in(conn: psycopg.Connection, table_name: str, records: Sequence[Record],
            fixed: dict[str, Any] | None = None) -> int:
    """Bulk load into an empty table with COPY (``team create``)."""
    if not records:
        return 0
    table = TABLE[table_name]
    fixed = fixed or {}
    names = [*table.all_columns, *fixed]
    with conn.cursor() as cursor:
        with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(_table(table_name), _columns(names))) as copy:
            for record in records:
                copy.write_row([*_to_server(table, record), *fixed.values()])
    return len(records)
