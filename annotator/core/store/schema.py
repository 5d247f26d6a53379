"""The project schema: versioned migrations, applied in order and recorded in the file.

Append new migrations; never edit one that has shipped. A file whose recorded version is newer than the
last migration here was written by a newer Annotator and is refused by ``Project.open``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from annotator.core.store import sync_triggers
from annotator.core.store.rows import new_guid, now, run_script

APPLICATION_ID = 0x414E4E54  # "ANNT": lets `file` and we ourselves recognise a project file.


def _migration_1(db: sqlite_utils.Database) -> None:
    run_script(db, 
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            source_file TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            length INTEGER NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            attributes TEXT NOT NULL DEFAULT '{}',
            imported TEXT NOT NULL
        );
        CREATE TABLE codes (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            inclusion TEXT NOT NULL DEFAULT '',
            exclusion TEXT NOT NULL DEFAULT '',
            example TEXT NOT NULL DEFAULT '',
            shortcut TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1))
        );
        CREATE INDEX idx_codes_parent ON codes(parent_id);
        CREATE TABLE coders (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            color TEXT NOT NULL
        );
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            memo TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK ("end" > start)
        );
        CREATE INDEX idx_segments_document ON segments(document_id, start);
        CREATE INDEX idx_segments_code ON segments(code_id);
        CREATE INDEX idx_segments_coder ON segments(coder_id);
        CREATE TABLE memos (
            id INTEGER PRIMARY KEY,
            document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
            code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
            coder_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK ((document_id IS NULL) <> (code_id IS NULL))
        );
        CREATE INDEX idx_memos_document ON memos(document_id);
        CREATE INDEX idx_memos_code ON memos(code_id);
        CREATE TABLE assignments (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('assigned', 'in_progress', 'done')),
            updated TEXT NOT NULL,
            PRIMARY KEY (document_id, coder_id)
        );
        """
    )


def _migration_2(db: sqlite_utils.Database) -> None:
    """Token cache (jieba offsets per document), its FTS5 search index and the per-project user dictionary.

    ``search_index`` is an external-content FTS5 table over ``token_cache.tokens`` kept in step by
    triggers, so the tokens are stored once. ``dictionary`` records which user-dictionary version a
    document was segmented with; see ``annotator.core.segmentation``.
    """
    run_script(db, 
        """
        CREATE TABLE token_cache (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            dictionary TEXT NOT NULL,
            tokens TEXT NOT NULL,
            offsets BLOB NOT NULL
        );
        CREATE VIRTUAL TABLE search_index USING fts5(
            tokens, content='token_cache', content_rowid='document_id', tokenize='unicode61'
        );
        CREATE TRIGGER token_cache_ai AFTER INSERT ON token_cache BEGIN
            INSERT INTO search_index(rowid, tokens) VALUES (new.document_id, new.tokens);
        END;
        CREATE TRIGGER token_cache_ad AFTER DELETE ON token_cache BEGIN
            INSERT INTO search_index(search_index, rowid, tokens) VALUES ('delete', old.document_id, old.tokens);
        END;
        CREATE TRIGGER token_cache_au AFTER UPDATE OF tokens ON token_cache BEGIN
            INSERT INTO search_index(search_index, rowid, tokens) VALUES ('delete', old.document_id, old.tokens);
            INSERT INTO search_index(rowid, tokens) VALUES (new.document_id, new.tokens);
        END;
        CREATE TABLE user_dictionary (
            term TEXT PRIMARY KEY,
            added TEXT NOT NULL
        );
        """
    )


def _migration_3(db: sqlite_utils.Database) -> None:
    # Adjudication: how each disagreement was settled for a consensus coder (annotator.core.adjudication).
    run_script(db, 
        """
        CREATE TABLE IF NOT EXISTS adjudication_decisions (
            consensus_coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            decision TEXT NOT NULL,
            accepted TEXT NOT NULL DEFAULT '[]',
            decided TEXT NOT NULL,
            PRIMARY KEY (consensus_coder_id, document_id, code_id, start, "end")
        );
        """
    )


def _migration_4(db: sqlite_utils.Database) -> None:
    # Lets every search check "is the token cache fresh?" with an index count instead of a corpus scan.
    db.execute("CREATE INDEX IF NOT EXISTS idx_token_cache_dictionary ON token_cache(dictionary)")


def _migration_5(db: sqlite_utils.Database) -> None:
    """Coder roles, document sets and project memos (the journal).

    ``role`` tells agreement and review who is a coder and who settles their disagreements (an
    adjudicator, such as the consensus coder made in Review): adjudicators are left out of agreement by
    default. Document sets group articles by outlet, wave or sample (MAXQDA's sets, NVivo's folders).
    A memo that belongs to neither a document nor a code is an entry of the project journal.
    """
    run_script(db, 
        """
        ALTER TABLE coders ADD COLUMN role TEXT NOT NULL DEFAULT 'coder'
            CHECK (role IN ('coder', 'adjudicator'));
        UPDATE coders SET role = 'adjudicator'
            WHERE name = (SELECT value FROM meta WHERE key = 'consensus_coder');
        CREATE TABLE document_sets (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        );
        CREATE TABLE document_set_members (
            set_id INTEGER NOT NULL REFERENCES document_sets(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (set_id, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_document_set_members_document ON document_set_members(document_id);
        CREATE TABLE memos_5 (
            id INTEGER PRIMARY KEY,
            document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
            code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
            coder_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK (document_id IS NULL OR code_id IS NULL)
        );
        INSERT INTO memos_5 SELECT id, document_id, code_id, coder_id, text, created, updated FROM memos;
        DROP TABLE memos;
        ALTER TABLE memos_5 RENAME TO memos;
        CREATE INDEX idx_memos_document ON memos(document_id);
        CREATE INDEX idx_memos_code ON memos(code_id);
        CREATE INDEX idx_segments_document_coder ON segments(document_id, coder_id);
        """
    )


_NEW_GUID_6 = ("(SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || "
               "substr('89AB', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12) "
               "FROM (SELECT upper(hex(randomblob(16))) AS h))")


def _migration_6(db: sqlite_utils.Database) -> None:
    """Change tracking for team projects (annotator.core.store.sync_log, annotator.core.team).

    ``sync_outbox`` holds the key of every row changed since the last sync (one entry per row, with the
    order it last changed in), written by triggers while ``sync_state.tracking`` is 'on', so a project
    that is not shared pays one lookup per write and stores nothing. Pulled changes are applied with
    tracking off. ``sync_recoded`` and ``sync_code_deletions`` let the next sync tell a merge of two codes
    (every segment re-coded, then the code deleted) from a deletion. Memos get a GUID to be named by.
    """
    script = """
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE sync_outbox (
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (tbl, key)
        ) WITHOUT ROWID;
        CREATE INDEX idx_sync_outbox_seq ON sync_outbox(seq);
        CREATE TABLE sync_recoded (
            old_code TEXT NOT NULL,
            new_code TEXT NOT NULL,
            segments INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (old_code, new_code)
        ) WITHOUT ROWID;
        CREATE TABLE sync_code_deletions (guid TEXT PRIMARY KEY, segments_left INTEGER NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE sync_revealed (guid TEXT PRIMARY KEY);
        ALTER TABLE memos ADD COLUMN guid TEXT;
        CREATE UNIQUE INDEX idx_memos_guid ON memos(guid);
        CREATE TRIGGER memos_guid AFTER INSERT ON memos WHEN NEW.guid IS NULL BEGIN
            UPDATE memos SET guid = NEW_GUID WHERE id = NEW.id;
        END;
    """.replace("NEW_GUID", _NEW_GUID_6)
    script += sync_triggers.script()  # the one definition; migration 9 keeps them only in team copies
    run_script(db, script)
    # Existing memos get their GUIDs here, one per row: in ``UPDATE memos SET guid = (SELECT ...)`` SQLite
    # evaluates the uncorrelated subquery once, giving every memo the same GUID (and a UNIQUE failure).
    db.conn.executemany("UPDATE memos SET guid = ? WHERE id = ?",
                        [(new_guid(), memo_id) for (memo_id,) in db.execute("SELECT id FROM memos").fetchall()])


def _migration_7(db: sqlite_utils.Database) -> None:
    """Codability: a code that only groups others (REFI-QDA ``isCodable="false"``) cannot be applied."""
    db.execute("ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1))")


def _migration_8(db: sqlite_utils.Database) -> None:
    """A covering index for the document list: sorting and filtering 100,000 articles by their metadata
    reads this index (a few MB) instead of every document row, whose text fills the table's pages."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_documents_listing "
               "ON documents(id, name, title, outlet, date, language, length)")


def _migration_9(db: sqlite_utils.Database) -> None:
    """Change-tracking triggers only in team copies (``sync_triggers``): in any other project their ``WHEN``
    still cost a subquery per written row (half the time of inserting 5,000 segments). A team copy keeps
    them; a file that becomes one gets them from ``sync_log.link``."""
    if not sync_triggers.is_team_copy(db):
        sync_triggers.drop(db)


def _migration_10(db: sqlite_utils.Database) -> None:
    """Code paths and names in NFC (``rows.normalise_code_path`` composes every path given since): a codebook
    written on macOS spells "Sécurité" decomposed (NFD), and an import compared it with the composed code
    and added a look-alike beside it. A path whose composed spelling another code already holds (the two
    were made before) is left as it is: merging them is the researcher's call."""
    rows = [(code_id, path, name) for code_id, path, name in db.execute("SELECT id, path, name FROM codes")
            if not path.isascii()]
    if not rows:
        return
    taken = {path for (path,) in db.execute("SELECT path FROM codes")}
    kept: list[str] = []  # paths left as they are: their descendants keep their prefix too
    for code_id, path, name in sorted(rows, key=lambda row: row[1].count("/")):
        composed = unicodedata.normalize("NFC", path)
        if composed == path:
            continue
        if composed in taken or any(path.startswith(k + "/") for k in kept):
            kept.append(path)
            continue
        taken.discard(path)
        taken.add(composed)
        db.execute("UPDATE codes SET path = ?, name = ? WHERE id = ?",
                   (composed, unicodedata.normalize("NFC", name), code_id))


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _migration_1),
    Migration(2, "token cache and search index", _migration_2),
    Migration(3, "adjudication decisions", _migration_3),
    Migration(4, "index on the token cache's dictionary version", _migration_4),
    Migration(5, "coder roles, document sets and project memos", _migration_5),
    Migration(6, "change tracking for team projects", _migration_6),
    Migration(7, "codability of codes", _migration_7),
    Migration(8, "covering index for the document list", _migration_8),
    Migration(9, "change-tracking triggers only in team copies", _migration_9),
    Migration(10, "code paths in NFC", _migration_10),
]


def schema_version() -> int:
    """The schema version this build writes."""
    return MIGRATIONS[-1].version


def stored_schema_version(db: sqlite_utils.Database) -> int | None:
    """The version recorded in the file, or None for an SQLite file that is not a project."""
    if "meta" not in db.table_names():
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def applied_migrations(db: sqlite_utils.Database) -> list[tuple[int, str, str]]:
    return [tuple(r) for r in db.execute("SELECT version, name, applied FROM migrations ORDER BY version")]


def migrate(db: sqlite_utils.Database, migrations: list[Migration] | None = None) -> None:
    """Bring the file up to date in one transaction (all migrations or none)."""
    migrations = MIGRATIONS if migrations is None else migrations
    with db.atomic():
        db.execute("CREATE TABLE IF NOT EXISTS migrations "
                   "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        current = stored_schema_version(db) or 0
        for migration in migrations:
            if migration.version <= current:
                continue
            migration.apply(db)
            db.execute("INSERT INTO migrations (version, name, applied) VALUES (?, ?, ?)",
                       (migration.version, migration.name, now()))
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                       (str(migration.version),))
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
