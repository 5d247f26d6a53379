"""The change-tracking triggers of a team copy, defined once: migration 6 made them, migration 9 keeps them
only in team copies, and ``sync_log.link`` installs them when a file becomes one.

Why only there: SQLite evaluates a trigger's ``WHEN`` for every row written, so even switched off
(``sync_state.tracking`` not 'on') the eight tables' triggers cost a subquery per row in every project;
inserting 5,000 segments took about twice as long with them (issue 13). A team copy needs them (they fill
``sync_outbox``), and keeps the ``WHEN``: a sync applies the server's rows with tracking off.

A *team copy* is a file whose ``sync_state`` says tracking is 'on' (``link`` sets it, and a sync leaves it
on) or that names a server (``url``). Changing what a trigger records needs a migration that re-installs
them in team copies (``drop`` then ``install``): the names below stay the triggers' names.
"""

from __future__ import annotations

import sqlite_utils

from annotator.core.store.rows import run_script

# Tables whose changes a team project sends, and how a trigger names the changed row (its key on the
# server); ``sync_log.WIRE`` and ``team.server_schema.TABLES`` agree with these keys.
SYNC_KEYS = {
    "coders": "{row}.guid",
    "codes": "{row}.guid",
    "documents": "{row}.guid",
    "document_sets": "{row}.guid",
    "document_set_members": "(SELECT guid FROM document_sets WHERE id = {row}.set_id) || '|' || "
                            "(SELECT guid FROM documents WHERE id = {row}.document_id)",
    "segments": "{row}.guid",
    "assignments": "(SELECT guid FROM documents WHERE id = {row}.document_id) || '|' || "
                   "(SELECT guid FROM coders WHERE id = {row}.coder_id)",
    "memos": "{row}.guid",
}

TRIGGERS: tuple[str, ...] = (
    *(f"sync_{table}_{event}" for table in SYNC_KEYS for event in ("insert", "update", "delete")),
    "sync_segments_recode",
    "sync_codes_before_delete",
)

_TRACKING = "(SELECT value FROM sync_state WHERE key = 'tracking') = 'on'"
_NEXT_SEQ = "(SELECT coalesce(max(seq), 0) + 1 FROM sync_outbox)"


def script() -> str:
    """The ``CREATE TRIGGER`` statements (``IF NOT EXISTS``: installing twice changes nothing)."""
    out = ""
    for table, key in SYNC_KEYS.items():
        def log(row: str, table: str = table, key: str = key) -> str:
            return (f"INSERT INTO sync_outbox (tbl, key, seq) SELECT '{table}', k, {_NEXT_SEQ} "
                    f"FROM (SELECT {key.format(row=row)} AS k) WHERE k IS NOT NULL "
                    "ON CONFLICT (tbl, key) DO UPDATE SET seq = excluded.seq;")
        renamed = log("OLD") if key == "{row}.guid" else ""
        out += f"""
        CREATE TRIGGER IF NOT EXISTS sync_{table}_insert AFTER INSERT ON {table} WHEN {_TRACKING}
        BEGIN {log("NEW")} END;
        CREATE TRIGGER IF NOT EXISTS sync_{table}_update AFTER UPDATE ON {table} WHEN {_TRACKING}
        BEGIN {renamed} {log("NEW")} END;
        CREATE TRIGGER IF NOT EXISTS sync_{table}_delete AFTER DELETE ON {table} WHEN {_TRACKING}
        BEGIN {log("OLD")} END;
        """
    out += f"""
        CREATE TRIGGER IF NOT EXISTS sync_segments_recode AFTER UPDATE OF code_id ON segments
        WHEN {_TRACKING} AND OLD.code_id IS NOT NEW.code_id BEGIN
            INSERT INTO sync_recoded (old_code, new_code, segments, seq)
            SELECT o.guid, n.guid, 1, {_NEXT_SEQ} FROM codes o, codes n WHERE o.id = OLD.code_id AND n.id = NEW.code_id
            ON CONFLICT (old_code, new_code) DO UPDATE SET segments = segments + 1, seq = excluded.seq;
        END;
        CREATE TRIGGER IF NOT EXISTS sync_codes_before_delete BEFORE DELETE ON codes WHEN {_TRACKING} BEGIN
            INSERT OR REPLACE INTO sync_code_deletions (guid, segments_left, seq)
            VALUES (OLD.guid, (SELECT count(*) FROM segments WHERE code_id = OLD.id), {_NEXT_SEQ});
        END;
    """
    return out


def install(db: sqlite_utils.Database) -> None:
    """Create the triggers (those missing); call inside the caller's transaction."""
    run_script(db, script())


def drop(db: sqlite_utils.Database) -> None:
    for name in TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed(db: sqlite_utils.Database) -> set[str]:
    """Which of the triggers this file has."""
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")
    return {r[0] for r in rows} & set(TRIGGERS)


def is_team_copy(db: sqlite_utils.Database) -> bool:
    """Tracking on, or a server named: see the module docstring."""
    if "sync_state" not in db.table_names():
        return False
    return db.execute("SELECT 1 FROM sync_state WHERE (key = 'tracking' AND value = 'on') OR key = 'url'"
                      ).fetchone() is not None
