"""The PostgreSQL side of a sync: push records, read changes since a snapshot, read rows back by key.

Records are plain dicts in the wire layout of ``server_schema.TABLES`` (guids instead of local ids).
Every identifier goes through ``psycopg.sql.Identifier`` and every value is bound. Pushes are upserts that
change a row only when something in it differs, so pushing the same record twice changes nothing (a
rerun after a crash is a no-op on the server).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

from annotator.core.team.server_schema import SCHEMA, TABLE, TABLES, ServerTable

Record = dict[str, Any]
Key = tuple[str, ...]

_BOOLEAN = {("codes", "exclusive")}


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
        if (table.name, column) in _BOOLEAN:
            value = bool(value)
        values.append(value)
    return values


def _from_server(table: ServerTable, names: Sequence[str], row: Sequence[Any]) -> Record:
    record = dict(zip(names, row))
    for column in table.columns:
        if (table.name, column) in _BOOLEAN:
            record[column] = int(bool(record[column]))
    for column, value in record.items():
        if isinstance(value, datetime):
            record[column] = value.isoformat(timespec="seconds")
    return record


def upsert(conn: psycopg.Connection, table_name: str, records: Sequence[Record], *,
           fixed: dict[str, Any] | None = None, update: Sequence[str] | None = None,
           revive_only: bool = False, set_deleted: bool = True) -> list[Key]:
    """Insert or update ``records``; returns the keys of rows that changed on the server.

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
        condition = sql.SQL("({}, {}.deleted) IS DISTINCT FROM ({}, false)").format(
            _columns_of(target, update), target, excluded)
    else:
        condition = sql.SQL("({}) IS DISTINCT FROM ({})").format(_columns_of(target, update), excluded)
    statement = sql.SQL(
        "INSERT INTO {table} AS {target} ({names}) VALUES ({values}) "
        "ON CONFLICT ({key}) DO UPDATE SET {sets} WHERE {condition} RETURNING {key}").format(
        table=_table(table_name), target=target, names=_columns(names),
        values=sql.SQL(", ").join(sql.Placeholder() * len(names)), key=_columns(table.key),
        sets=sql.SQL(", ").join(assignments), condition=condition)
    rows = [[*_to_server(table, r), *fixed.values()] for r in records]
    changed: list[Key] = []
    with conn.cursor() as cursor:
        cursor.executemany(statement, rows, returning=True)
        while True:
            changed.extend(tuple(row) for row in cursor.fetchall())
            if not cursor.nextset():
                break
    return changed


def _columns_of(target: sql.Identifier, names: Sequence[str]) -> sql.Composable:
    return sql.SQL(", ").join(sql.SQL("{}.{}").format(target, sql.Identifier(n)) for n in names)


def tombstone(conn: psycopg.Connection, table_name: str, keys: Sequence[Key], *,
              merged_into: dict[Key, str] | None = None, coders: Sequence[str] | None = None) -> list[Key]:
    """Mark rows deleted (so the deletion travels); returns the keys that changed.

    ``merged_into`` records where a deleted code's segments went; ``coders`` limits the deletion to rows
    of those coders (the lead deletes only what it owns; row-level security limits a coder anyway).
    """
    if not keys:
        return []
    table = TABLE[table_name]
    match = sql.SQL(" AND ").join(sql.SQL("{} = %s").format(sql.Identifier(k)) for k in table.key)
    sets = sql.SQL("deleted = true")
    params: list[list[Any]] = []
    if merged_into is not None:
        sets = sql.SQL("deleted = true, merged_into = %s")
    only = sql.SQL("")
    if coders is not None:
        only = sql.SQL(" AND coder_guid = ANY(%s)")
    statement = sql.SQL("UPDATE {} SET {} WHERE {} AND NOT deleted{} RETURNING {}").format(
        _table(table_name), sets, match, only, _columns(table.key))
    for key in keys:
        row: list[Any] = []
        if merged_into is not None:
            row.append(merged_into.get(key))
        row.extend(key)
        if coders is not None:
            row.append(list(coders))
        params.append(row)
    changed: list[Key] = []
    with conn.cursor() as cursor:
        cursor.executemany(statement, params, returning=True)
        while True:
            changed.extend(tuple(r) for r in cursor.fetchall())
            if not cursor.nextset():
                break
    return changed


def _select(table: ServerTable, *, with_text: bool = True) -> tuple[list[str], sql.Composable]:
    names = [c for c in (*table.all_columns, *table.server_columns)
             if with_text or table.name != "documents" or c != "text"] + ["deleted"]
    return names, sql.SQL("SELECT {} FROM {}").format(_columns(names), _table(table.name))


def changes_since(conn: psycopg.Connection, since: str | None, *,
                  tables: Sequence[ServerTable] = TABLES) -> dict[str, list[Record]]:
    """Rows written by transactions not visible in snapshot ``since`` (all live rows when None).

    Document texts are left out (``text`` is None): the caller fetches the texts it lacks with
    ``document_texts``, so a metadata change or a reveal does not re-send every article.
    """
    found: dict[str, list[Record]] = {}
    for table in tables:
        names, select = _select(table, with_text=False)
        if since is None:
            query = sql.SQL("{} WHERE NOT deleted").format(select)
            params: tuple[Any, ...] = ()
        else:
            query = sql.SQL("{} WHERE xid >= pg_snapshot_xmin(%s::pg_snapshot) "
                            "AND NOT pg_visible_in_snapshot(xid, %s::pg_snapshot)").format(select)
            params = (since, since)
        found[table.name] = [_from_server(table, names, row) for row in conn.execute(query, params)]
    return found


def fetch(conn: psycopg.Connection, table_name: str, keys: Sequence[Key]) -> dict[Key, Record]:
    """The server's rows (tombstones included) for ``keys``; a key missing here is not on the server
    (or not visible to this login)."""
    if not keys:
        return {}
    table = TABLE[table_name]
    names, select = _select(table, with_text=table.name != "documents")
    if len(table.key) == 1:
        query = sql.SQL("{} WHERE {} = ANY(%s)").format(select, sql.Identifier(table.key[0]))
        params: tuple[Any, ...] = ([k[0] for k in keys],)
    else:
        query = sql.SQL("{} WHERE ({}) IN (SELECT * FROM unnest(%s::text[], %s::text[]))").format(
            select, _columns(table.key))
        params = ([k[0] for k in keys], [k[1] for k in keys])
    records = [_from_server(table, names, row) for row in conn.execute(query, params)]
    return {key_of(table, r): r for r in records}


def by_documents(conn: psycopg.Connection, table_name: str, documents: Sequence[str]) -> list[Record]:
    """Every visible live row of ``table_name`` on these documents (what a reveal opens up)."""
    if not documents:
        return []
    table = TABLE[table_name]
    names, select = _select(table)
    query = sql.SQL("{} WHERE document_guid = ANY(%s) AND NOT deleted").format(select)
    return [_from_server(table, names, row) for row in conn.execute(query, (list(documents),))]


def document_texts(conn: psycopg.Connection, guids: Sequence[str]) -> dict[str, str]:
    if not guids:
        return {}
    rows = conn.execute("SELECT guid, text FROM annotator.documents WHERE guid = ANY(%s)", (list(guids),))
    return dict(rows.fetchall())


def revealed_among(conn: psycopg.Connection, documents: Iterable[str]) -> set[str]:
    wanted = sorted(set(documents))
    if not wanted:
        return set()
    rows = conn.execute("SELECT guid FROM annotator.documents WHERE guid = ANY(%s) AND revealed_at IS NOT NULL",
                        (wanted,))
    return {r[0] for r in rows}


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
