"""The team project on the server: tables, change tracking, row-level security, and the schema version.

Everything lives in one PostgreSQL schema, ``annotator``, in a database of its own, owned by the lead's
role (which therefore sees and may change everything: PostgreSQL exempts a table's owner from row-level
security). Coders are login roles in one group role per project; the policies below give that group:

- documents, codebook, coders, document sets, project meta: read;
- segments and memos: read and write their own; read everyone's on a document the lead revealed (then
  their own become read-only too: they have seen the others'); memos on codes are read by all, journal
  entries only by their author;
- codes: read the codebook, propose codes of their own (``status = 'proposed'``) until the lead accepts;
- assignments: read their own and change its status;
- nothing else (no DELETE at all: deletions are tombstones, ``deleted = true``, so they travel).

Change tracking: every row carries ``xid``, the (64-bit) id of the transaction that last wrote it. A
reader keeps the snapshot it last read under (``pg_current_snapshot()``) and next time asks for rows whose
``xid`` was not visible in it: exact even with concurrent writers committing out of order, which a
sequence number is not. Deletions cascade through triggers that remember what they touched
(``cascade_of``), so the lead undoing a deletion also brings back what went with it.

``SERVER_SCHEMA_VERSION`` is bumped whenever this changes; a client refuses a newer server in one line.
An older one is brought up to date in place by the lead's client the first time it connects (the lead
owns the schema; ``upgrade``); a coder's client refuses it in one line until then. ``RESEND`` names the
tables whose rows the lead's copy sends again after such an upgrade (a column the server just gained
holds its default until then).
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from annotator.core.team.errors import TeamError

SCHEMA = "annotator"
SERVER_SCHEMA_VERSION = 2  # 2: codes.codable


@dataclass(frozen=True)
class ServerTable:
    """A synced table: its key columns and the data columns a client pushes and pulls (wire names)."""

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    server_columns: tuple[str, ...] = ()  # kept on the server only, pulled for information

    @property
    def all_columns(self) -> tuple[str, ...]:
        return self.key + self.columns


# Parents before children: the order of pushing upserts (foreign keys) and of applying pulls.
TABLES: tuple[ServerTable, ...] = (
    ServerTable("coders", ("guid",), ("name", "color", "role"), ("login", "active")),
    ServerTable("documents", ("guid",), ("name", "title", "outlet", "date", "language", "url", "source_file",
                                         "text", "length", "hash", "attributes", "imported"), ("revealed_at",)),
    ServerTable("codes", ("guid",), ("path", "name", "parent_guid", "color", "description", "inclusion",
                                     "exclusion", "example", "shortcut", "sort_order", "exclusive",
                                     "codable"),
                ("status", "proposed_by", "merged_into")),
    ServerTable("document_sets", ("guid",), ("name", "description", "created")),
    ServerTable("document_set_members", ("set_guid", "document_guid"), ()),
    ServerTable("segments", ("guid",), ("document_guid", "coder_guid", "code_guid", "start", "end", "memo",
                                        "created", "updated"), ("cascade_of", "cascade_code")),
    ServerTable("assignments", ("document_guid", "coder_guid"), ("status", "updated")),
    ServerTable("memos", ("guid",), ("document_guid", "code_guid", "coder_guid", "text", "created", "updated")),
)
TABLE = {t.name: t for t in TABLES}

_TRACKING = """
    deleted boolean NOT NULL DEFAULT false,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_by text NOT NULL DEFAULT session_user,
    changed_at timestamptz NOT NULL DEFAULT now()
"""

# {group} is the coders' group role; everything else is fixed text (no value is ever formatted in).
_DDL = """
CREATE SCHEMA annotator;
REVOKE ALL ON SCHEMA annotator FROM PUBLIC;
GRANT USAGE ON SCHEMA annotator TO {group};

CREATE TABLE annotator.meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE annotator.coders (
    guid text PRIMARY KEY,
    name text NOT NULL,
    color text NOT NULL DEFAULT '#4363d8',
    role text NOT NULL DEFAULT 'coder' CHECK (role IN ('coder', 'adjudicator')),
    login text UNIQUE,
    active boolean NOT NULL DEFAULT true,
    TRACKING
);

CREATE TABLE annotator.documents (
    guid text PRIMARY KEY,
    name text NOT NULL,
    title text NOT NULL DEFAULT '',
    outlet text NOT NULL DEFAULT '',
    date text NOT NULL DEFAULT '',
    language text NOT NULL DEFAULT '',
    url text NOT NULL DEFAULT '',
    source_file text NOT NULL DEFAULT '',
    text text NOT NULL,
    length integer NOT NULL,
    hash text NOT NULL,
    attributes text NOT NULL DEFAULT '{{}}',
    imported text NOT NULL DEFAULT '',
    revealed_at timestamptz,
    TRACKING
);

CREATE TABLE annotator.codes (
    guid text PRIMARY KEY,
    path text NOT NULL,
    name text NOT NULL,
    parent_guid text,
    color text NOT NULL,
    description text NOT NULL DEFAULT '',
    inclusion text NOT NULL DEFAULT '',
    exclusion text NOT NULL DEFAULT '',
    example text NOT NULL DEFAULT '',
    shortcut text NOT NULL DEFAULT '',
    sort_order integer NOT NULL DEFAULT 0,
    exclusive boolean NOT NULL DEFAULT false,
    codable boolean NOT NULL DEFAULT true,
    status text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'proposed')),
    proposed_by text REFERENCES annotator.coders (guid),
    merged_into text,
    TRACKING
);
CREATE INDEX ON annotator.codes (parent_guid);

CREATE TABLE annotator.document_sets (
    guid text PRIMARY KEY,
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    created text NOT NULL DEFAULT '',
    TRACKING
);

CREATE TABLE annotator.document_set_members (
    set_guid text NOT NULL REFERENCES annotator.document_sets (guid),
    document_guid text NOT NULL REFERENCES annotator.documents (guid),
    cascade_of text,
    TRACKING,
    PRIMARY KEY (set_guid, document_guid)
);

CREATE TABLE annotator.segments (
    guid text PRIMARY KEY,
    document_guid text NOT NULL REFERENCES annotator.documents (guid),
    coder_guid text NOT NULL REFERENCES annotator.coders (guid),
    code_guid text NOT NULL REFERENCES annotator.codes (guid),
    start integer NOT NULL CHECK (start >= 0),
    "end" integer NOT NULL,
    memo text NOT NULL DEFAULT '',
    created text NOT NULL DEFAULT '',
    updated text NOT NULL DEFAULT '',
    cascade_of text,
    cascade_code text,
    TRACKING,
    CHECK ("end" > start)
);
CREATE INDEX ON annotator.segments (document_guid);
CREATE INDEX ON annotator.segments (coder_guid);
CREATE INDEX ON annotator.segments (code_guid);
CREATE INDEX ON annotator.segments (cascade_of) WHERE cascade_of IS NOT NULL;

CREATE TABLE annotator.assignments (
    document_guid text NOT NULL REFERENCES annotator.documents (guid),
    coder_guid text NOT NULL REFERENCES annotator.coders (guid),
    status text NOT NULL CHECK (status IN ('assigned', 'in_progress', 'done')),
    updated text NOT NULL DEFAULT '',
    cascade_of text,
    TRACKING,
    PRIMARY KEY (document_guid, coder_guid)
);
CREATE INDEX ON annotator.assignments (coder_guid);

CREATE TABLE annotator.memos (
    guid text PRIMARY KEY,
    document_guid text REFERENCES annotator.documents (guid),
    code_guid text REFERENCES annotator.codes (guid),
    coder_guid text REFERENCES annotator.coders (guid),
    text text NOT NULL,
    created text NOT NULL DEFAULT '',
    updated text NOT NULL DEFAULT '',
    cascade_of text,
    TRACKING
);
CREATE INDEX ON annotator.memos (document_guid);
CREATE INDEX ON annotator.memos (code_guid);

CREATE TABLE annotator.sync_events (
    id bigserial PRIMARY KEY,
    login text NOT NULL DEFAULT current_user,
    coder_guid text,
    at timestamptz NOT NULL DEFAULT now(),
    pushed integer NOT NULL DEFAULT 0,
    pulled integer NOT NULL DEFAULT 0,
    seconds real NOT NULL DEFAULT 0
);
CREATE INDEX ON annotator.sync_events (login, at);

-- ---- who is asking ------------------------------------------------------------------------------
-- The coder the current login codes as (NULL for the lead's own login unless it codes too, and for a
-- disabled coder). Not SECURITY DEFINER: it must see current_user as the caller.
CREATE FUNCTION annotator.my_coder() RETURNS text LANGUAGE sql STABLE
    SET search_path = pg_catalog, annotator AS
$$ SELECT guid FROM annotator.coders WHERE login = current_user AND active AND NOT deleted $$;

CREATE FUNCTION annotator.is_revealed(document text) RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, annotator AS
$$ SELECT EXISTS (SELECT 1 FROM annotator.documents WHERE guid = document AND revealed_at IS NOT NULL) $$;

-- ---- change tracking ----------------------------------------------------------------------------
CREATE FUNCTION annotator.stamp() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS
$$ BEGIN
    NEW.xid := pg_current_xact_id();
    NEW.changed_by := session_user;
    NEW.changed_at := now();
    RETURN NEW;
END $$;

-- A segment pushed against a code the lead deleted follows the code's merge, or is deleted with it; one
-- on a deleted document or coder is deleted. Runs as the owner: a coder cannot see every code.
CREATE FUNCTION annotator.check_segment() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, annotator AS
$$ DECLARE
    found_code record;
    hops integer := 0;
BEGIN
    IF current_setting('annotator.cascading', true) IS DISTINCT FROM 'on' THEN
        NEW.cascade_of := NULL;
        NEW.cascade_code := NULL;
    END IF;
    IF NEW.deleted THEN
        RETURN NEW;
    END IF;
    LOOP
        SELECT guid, deleted, merged_into INTO found_code FROM annotator.codes WHERE guid = NEW.code_guid;
        EXIT WHEN NOT FOUND OR NOT found_code.deleted;
        IF NEW.cascade_of IS NULL THEN
            NEW.cascade_of := found_code.guid;
        END IF;
        IF found_code.merged_into IS NULL OR hops > 20 THEN
            NEW.deleted := true;
            EXIT;
        END IF;
        NEW.cascade_code := coalesce(NEW.cascade_code, found_code.guid);
        NEW.code_guid := found_code.merged_into;
        hops := hops + 1;
    END LOOP;
    IF EXISTS (SELECT 1 FROM annotator.documents WHERE guid = NEW.document_guid AND deleted) THEN
        NEW.deleted := true;
        NEW.cascade_of := NEW.document_guid;
    ELSIF EXISTS (SELECT 1 FROM annotator.coders WHERE guid = NEW.coder_guid AND deleted) THEN
        NEW.deleted := true;
        NEW.cascade_of := NEW.coder_guid;
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION annotator.clear_cascade() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS
$$ BEGIN
    IF current_setting('annotator.cascading', true) IS DISTINCT FROM 'on' THEN
        NEW.cascade_of := NULL;
    END IF;
    RETURN NEW;
END $$;

-- Deleting (or restoring) a code, document or coder takes what hangs on it along (or back).
CREATE FUNCTION annotator.cascade_code() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, annotator AS
$$ DECLARE
    prior text := current_setting('annotator.cascading', true);
BEGIN
    PERFORM set_config('annotator.cascading', 'on', true);
    IF NEW.deleted THEN
        IF NEW.merged_into IS NOT NULL THEN
            UPDATE annotator.segments SET code_guid = NEW.merged_into, cascade_of = NEW.guid,
                   cascade_code = NEW.guid
             WHERE code_guid = NEW.guid AND NOT deleted;
        ELSE
            UPDATE annotator.segments SET deleted = true, cascade_of = NEW.guid
             WHERE code_guid = NEW.guid AND NOT deleted;
        END IF;
        UPDATE annotator.memos SET deleted = true, cascade_of = NEW.guid WHERE code_guid = NEW.guid AND NOT deleted;
        UPDATE annotator.codes SET deleted = true, merged_into = coalesce(merged_into, NEW.merged_into)
         WHERE parent_guid = NEW.guid AND NOT deleted;
    ELSE
        UPDATE annotator.segments SET code_guid = cascade_code, cascade_of = NULL, cascade_code = NULL
         WHERE cascade_of = NEW.guid AND cascade_code IS NOT NULL AND NOT deleted;
        UPDATE annotator.segments SET deleted = false, cascade_of = NULL WHERE cascade_of = NEW.guid AND deleted;
        UPDATE annotator.memos SET deleted = false, cascade_of = NULL WHERE cascade_of = NEW.guid AND deleted;
    END IF;
    PERFORM set_config('annotator.cascading', coalesce(prior, 'off'), true);
    RETURN NULL;
END $$;

CREATE FUNCTION annotator.cascade_owner() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, annotator AS
$$ DECLARE
    prior text := current_setting('annotator.cascading', true);
    column_name text := CASE TG_TABLE_NAME WHEN 'documents' THEN 'document_guid' ELSE 'coder_guid' END;
    target text;
BEGIN
    PERFORM set_config('annotator.cascading', 'on', true);
    FOREACH target IN ARRAY CASE TG_TABLE_NAME WHEN 'documents'
            THEN ARRAY['segments', 'assignments', 'memos', 'document_set_members']
            ELSE ARRAY['segments', 'assignments'] END LOOP
        IF NEW.deleted THEN
            EXECUTE format('UPDATE annotator.%I SET deleted = true, cascade_of = $1 WHERE %I = $1 AND NOT deleted',
                           target, column_name) USING NEW.guid;
        ELSE
            EXECUTE format('UPDATE annotator.%I SET deleted = false, cascade_of = NULL WHERE cascade_of = $1 AND deleted',
                           target) USING NEW.guid;
        END IF;
    END LOOP;
    PERFORM set_config('annotator.cascading', coalesce(prior, 'off'), true);
    RETURN NULL;
END $$;

CREATE TRIGGER check_segment BEFORE INSERT OR UPDATE ON annotator.segments
    FOR EACH ROW EXECUTE FUNCTION annotator.check_segment();
CREATE TRIGGER clear_cascade BEFORE UPDATE ON annotator.assignments
    FOR EACH ROW EXECUTE FUNCTION annotator.clear_cascade();
CREATE TRIGGER clear_cascade BEFORE UPDATE ON annotator.memos
    FOR EACH ROW EXECUTE FUNCTION annotator.clear_cascade();
CREATE TRIGGER clear_cascade BEFORE UPDATE ON annotator.document_set_members
    FOR EACH ROW EXECUTE FUNCTION annotator.clear_cascade();
CREATE TRIGGER cascade_code AFTER UPDATE OF deleted ON annotator.codes
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted) EXECUTE FUNCTION annotator.cascade_code();
CREATE TRIGGER cascade_owner AFTER UPDATE OF deleted ON annotator.documents
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted) EXECUTE FUNCTION annotator.cascade_owner();
CREATE TRIGGER cascade_owner AFTER UPDATE OF deleted ON annotator.coders
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted) EXECUTE FUNCTION annotator.cascade_owner();

-- ---- row-level security -------------------------------------------------------------------------
ALTER TABLE annotator.meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.coders ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.document_sets ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.document_set_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.segments ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.memos ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator.sync_events ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON annotator.meta FOR SELECT TO {group} USING (true);
CREATE POLICY read_all ON annotator.coders FOR SELECT TO {group} USING (true);
CREATE POLICY read_all ON annotator.documents FOR SELECT TO {group} USING (true);
CREATE POLICY read_all ON annotator.document_sets FOR SELECT TO {group} USING (true);
CREATE POLICY read_all ON annotator.document_set_members FOR SELECT TO {group} USING (true);

CREATE POLICY read_codebook ON annotator.codes FOR SELECT TO {group}
    USING (status = 'accepted' OR proposed_by = (SELECT annotator.my_coder()));
CREATE POLICY propose ON annotator.codes FOR INSERT TO {group}
    WITH CHECK (status = 'proposed' AND proposed_by = (SELECT annotator.my_coder()) AND merged_into IS NULL);
CREATE POLICY edit_proposal ON annotator.codes FOR UPDATE TO {group}
    USING (status = 'proposed' AND proposed_by = (SELECT annotator.my_coder()))
    WITH CHECK (status = 'proposed' AND proposed_by = (SELECT annotator.my_coder()) AND merged_into IS NULL);

CREATE POLICY read_own_or_revealed ON annotator.segments FOR SELECT TO {group}
    USING (coder_guid = (SELECT annotator.my_coder()) OR annotator.is_revealed(document_guid));
CREATE POLICY write_own ON annotator.segments FOR INSERT TO {group}
    WITH CHECK (coder_guid = (SELECT annotator.my_coder()) AND NOT annotator.is_revealed(document_guid));
CREATE POLICY change_own ON annotator.segments FOR UPDATE TO {group}
    USING (coder_guid = (SELECT annotator.my_coder()) AND NOT annotator.is_revealed(document_guid))
    WITH CHECK (coder_guid = (SELECT annotator.my_coder()) AND NOT annotator.is_revealed(document_guid));

CREATE POLICY read_own_or_shared ON annotator.memos FOR SELECT TO {group}
    USING (coder_guid = (SELECT annotator.my_coder()) OR (document_guid IS NULL AND code_guid IS NOT NULL)
           OR (document_guid IS NOT NULL AND annotator.is_revealed(document_guid)));
CREATE POLICY write_own ON annotator.memos FOR INSERT TO {group}
    WITH CHECK (coder_guid = (SELECT annotator.my_coder())
                AND (document_guid IS NULL OR NOT annotator.is_revealed(document_guid)));
CREATE POLICY change_own ON annotator.memos FOR UPDATE TO {group}
    USING (coder_guid = (SELECT annotator.my_coder())
           AND (document_guid IS NULL OR NOT annotator.is_revealed(document_guid)))
    WITH CHECK (coder_guid = (SELECT annotator.my_coder())
                AND (document_guid IS NULL OR NOT annotator.is_revealed(document_guid)));

CREATE POLICY own ON annotator.assignments FOR SELECT TO {group}
    USING (coder_guid = (SELECT annotator.my_coder()));
CREATE POLICY take ON annotator.assignments FOR INSERT TO {group}
    WITH CHECK (coder_guid = (SELECT annotator.my_coder()));
CREATE POLICY report_status ON annotator.assignments FOR UPDATE TO {group}
    USING (coder_guid = (SELECT annotator.my_coder()))
    WITH CHECK (coder_guid = (SELECT annotator.my_coder()));

CREATE POLICY own ON annotator.sync_events FOR SELECT TO {group} USING (login = current_user);
CREATE POLICY record ON annotator.sync_events FOR INSERT TO {group} WITH CHECK (login = current_user);

GRANT SELECT ON annotator.meta, annotator.coders, annotator.documents, annotator.codes, annotator.document_sets,
    annotator.document_set_members, annotator.segments, annotator.assignments, annotator.memos TO {group};
GRANT INSERT (guid, path, name, parent_guid, color, description, inclusion, exclusion, example, shortcut,
              sort_order, exclusive, codable, status, proposed_by, deleted),
      UPDATE (path, name, parent_guid, color, description, inclusion, exclusion, example, shortcut,
              sort_order, exclusive, codable, deleted)
    ON annotator.codes TO {group};
GRANT INSERT (guid, document_guid, coder_guid, code_guid, start, "end", memo, created, updated, deleted),
      UPDATE (document_guid, coder_guid, code_guid, start, "end", memo, created, updated, deleted)
    ON annotator.segments TO {group};
GRANT INSERT (guid, document_guid, code_guid, coder_guid, text, created, updated, deleted),
      UPDATE (document_guid, code_guid, coder_guid, text, created, updated, deleted)
    ON annotator.memos TO {group};
GRANT INSERT (document_guid, coder_guid, status, updated), UPDATE (status, updated)
    ON annotator.assignments TO {group};
GRANT SELECT, INSERT (login, coder_guid, pushed, pulled, seconds) ON annotator.sync_events TO {group};
GRANT USAGE ON SEQUENCE annotator.sync_events_id_seq TO {group};
"""

# Version N: the statements that bring a version N-1 project to N ({group} as in _DDL).
_UPGRADES: dict[int, tuple[str, ...]] = {
    2: ("ALTER TABLE annotator.codes ADD COLUMN IF NOT EXISTS codable boolean NOT NULL DEFAULT true",
        "GRANT INSERT (codable), UPDATE (codable) ON annotator.codes TO {group}"),
}
# Version N: tables a copy that last synced with an older server sends again (what the new columns hold).
RESEND: dict[int, tuple[str, ...]] = {2: ("codes",)}

_SYNCED = ("coders", "documents", "codes", "document_sets", "document_set_members", "segments", "assignments",
           "memos")


def _statements() -> list[str]:
    """The DDL split into statements (dollar-quoted bodies kept whole)."""
    text = _DDL.replace("TRACKING", _TRACKING.strip())
    statements, current, in_body = [], [], False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("--"):
            continue
        current.append(line)
        in_body ^= line.count("$$") % 2 == 1
        if not in_body and line.rstrip().endswith(";"):
            statements.append("\n".join(current))
            current = []
    return statements


def create_schema(conn: psycopg.Connection, *, coder_group: str, meta: dict[str, str]) -> None:
    """Create the team project's tables and policies (inside the caller's transaction)."""
    group = sql.Identifier(coder_group)
    for statement in _statements():
        conn.execute(sql.SQL(statement).format(group=group))  # type: ignore[arg-type]
    for name in _SYNCED:
        conn.execute(sql.SQL("CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON {} FOR EACH ROW "
                             "EXECUTE FUNCTION annotator.stamp()").format(sql.Identifier(SCHEMA, name)))
        conn.execute(sql.SQL("CREATE INDEX ON {} (xid)").format(sql.Identifier(SCHEMA, name)))
    conn.cursor().executemany("INSERT INTO annotator.meta (key, value) VALUES (%s, %s)",
                              [("schema_version", str(SERVER_SCHEMA_VERSION)), *meta.items()])


def has_team_project(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT to_regclass('annotator.meta') IS NOT NULL").fetchone()
    return bool(row and row[0])


def read_meta(conn: psycopg.Connection, where: str) -> dict[str, str]:
    """The server's project meta, after checking this client understands its schema (one clear line if not)."""
    try:  # one round trip when all is well; the reasons it is not are told apart afterwards
        meta = dict(conn.execute("SELECT key, value FROM annotator.meta").fetchall())
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        raise TeamError(f"{where}: no team project in this database (the lead creates one with "
                        "'annotator team create PROJECT URL')") from None
    except psycopg.errors.InsufficientPrivilege:
        if not has_team_project(conn):
            raise TeamError(f"{where}: no team project in this database (the lead creates one with "
                            "'annotator team create PROJECT URL')") from None
        raise TeamError(f"{where}: this login is not a member of the team project; ask the lead to add it "
                        "('annotator team add-coder')") from None
    check_version(meta, where)
    return upgrade(conn, meta, where)


def check_version(meta: dict[str, str], where: str) -> None:
    version = version_of(meta)
    if version > SERVER_SCHEMA_VERSION:
        raise TeamError(f"{where}: the team project uses server schema {version}, newer than this Annotator "
                        f"understands (up to {SERVER_SCHEMA_VERSION}); update Annotator")


def version_of(meta: dict[str, str]) -> int:
    return int(meta.get("schema_version", "0"))


def upgrade(conn: psycopg.Connection, meta: dict[str, str], where: str) -> dict[str, str]:
    """``meta`` of a team project at this client's schema version: an older one is upgraded in place if
    this is the lead's login (one transaction; two of the lead's clients at once upgrade it once), and
    refused in one line otherwise. Call with ``conn`` idle (autocommit)."""
    version = version_of(meta)
    if version >= SERVER_SCHEMA_VERSION:
        return meta
    user = conn.execute("SELECT current_user").fetchone()[0]  # type: ignore[index]
    if user != meta.get("lead_login"):
        raise TeamError(f"{where}: the team project uses server schema {version}, older than this Annotator's "
                        f"({SERVER_SCHEMA_VERSION}); the lead must sync once with this version to upgrade the "
                        "team project")
    group = sql.Identifier(meta["coder_group"])
    with conn.transaction():
        row = conn.execute("SELECT value FROM annotator.meta WHERE key = 'schema_version' FOR UPDATE").fetchone()
        for step in range(int(row[0]) + 1 if row else 1, SERVER_SCHEMA_VERSION + 1):  # type: ignore[index]
            for statement in _UPGRADES.get(step, ()):
                conn.execute(sql.SQL(statement).format(group=group))  # type: ignore[arg-type]
        conn.execute("UPDATE annotator.meta SET value = %s WHERE key = 'schema_version'",
                     (str(SERVER_SCHEMA_VERSION),))
    return {**meta, "schema_version": str(SERVER_SCHEMA_VERSION)}


def resend_after(copy_version: int) -> tuple[str, ...]:
    """The tables a copy that last synced with server schema ``copy_version`` sends again now."""
    return tuple(dict.fromkeys(t for v, tables in sorted(RESEND.items()) if v > copy_version for t in tables))
