"""The SQLite side of a team project's sync: what changed here since the last sync, the rows as the
server names them, and applying what the server sent, in one transaction.

Rows travel in a *wire* layout: the same columns as the project's tables, but rows refer to each other by
GUID (``document_guid``, ``coder_guid``, ``code_guid``, ``parent_guid``) because local ids differ from
file to file. ``WIRE`` lists the layout; ``annotator.core.team.server_schema.TABLES`` must agree (tested).
Keys are strings: the GUID, or ``"<document guid>|<coder guid>"`` for assignments (``set|document`` for
set members).

Change tracking (migration 6; since migration 9 the triggers exist only in team copies, installed by
``link``, see ``sync_triggers``): triggers record the key of every row written while ``tracking`` is on in
``sync_outbox`` with a rising ``seq``. A sync reads the outbox up to some ``seq`` (``pending``), pushes,
and then ``apply`` writes what the server sent with tracking off, skips rows changed here meanwhile (seq
above the one read: they go out with the next sync), clears the outbox up to that seq and saves the new
cursor, all in one transaction. Killed anywhere, a sync leaves either the old state or the new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.model import PATH_SEPARATOR
from annotator.core.store import sync_triggers
from annotator.core.store.rows import chunks, dicts, placeholders

if TYPE_CHECKING:
    from annotator.core.store.project import Project

Record = dict[str, Any]


@dataclass(frozen=True)
class WireTable:
    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    select: str  # every row of the table in wire layout, with its key as column "k"


WIRE: dict[str, WireTable] = {t.name: t for t in (
    WireTable("coders", ("guid",), ("name", "color", "role"),
              "SELECT guid AS k, guid, name, color, role FROM coders"),
    WireTable("documents", ("guid",), ("name", "title", "outlet", "date", "language", "url", "source_file", "text",
                                       "length", "hash", "attributes", "imported"),
              "SELECT guid AS k, guid, name, title, outlet, date, language, url, source_file, text, length, hash, "
              "attributes, imported FROM documents"),
    WireTable("codes", ("guid",), ("path", "name", "parent_guid", "color", "description", "inclusion", "exclusion",
                                   "example", "shortcut", "sort_order", "exclusive", "codable"),
              "SELECT c.guid AS k, c.guid, c.path, c.name, p.guid AS parent_guid, c.color, c.description, "
              "c.inclusion, c.exclusion, c.example, c.shortcut, c.sort_order, c.exclusive, c.codable "
              "FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"),
    WireTable("document_sets", ("guid",), ("name", "description", "created"),
              "SELECT guid AS k, guid, name, description, created FROM document_sets"),
    WireTable("document_set_members", ("set_guid", "document_guid"), (),
              "SELECT s.guid || '|' || d.guid AS k, s.guid AS set_guid, d.guid AS document_guid "
              "FROM document_set_members m JOIN document_sets s ON s.id = m.set_id "
              "JOIN documents d ON d.id = m.document_id"),
    WireTable("segments", ("guid",), ("document_guid", "coder_guid", "code_guid", "start", "end", "memo", "created",
                                      "updated"),
              'SELECT s.guid AS k, s.guid, d.guid AS document_guid, c.guid AS coder_guid, k.guid AS code_guid, '
              's.start, s."end", s.memo, s.created, s.updated FROM segments s '
              "JOIN documents d ON d.id = s.document_id JOIN coders c ON c.id = s.coder_id "
              "JOIN codes k ON k.id = s.code_id"),
    WireTable("assignments", ("document_guid", "coder_guid"), ("status", "updated"),
              "SELECT d.guid || '|' || c.guid AS k, d.guid AS document_guid, c.guid AS coder_guid, a.status, "
              "a.updated FROM assignments a JOIN documents d ON d.id = a.document_id "
              "JOIN coders c ON c.id = a.coder_id"),
    WireTable("memos", ("guid",), ("document_guid", "code_guid", "coder_guid", "text", "created", "updated"),
              "SELECT m.guid AS k, m.guid, d.guid AS document_guid, k.guid AS code_guid, c.guid AS coder_guid, "
              "m.text, m.created, m.updated FROM memos m LEFT JOIN documents d ON d.id = m.document_id "
              "LEFT JOIN codes k ON k.id = m.code_id LEFT JOIN coders c ON c.id = m.coder_id"),
)}

# Where the key column lives in each ``select`` (an indexed column where there is one).
_KEY_COLUMN = {"coders": "guid", "documents": "guid", "codes": "c.guid", "document_sets": "guid",
               "segments": "s.guid", "memos": "m.guid"}


def key_text(table: str, record: Record) -> str:
    return "|".join(str(record[k]) for k in WIRE[table].key)


# ---- team state --------------------------------------------------------------------------------

def team_state(project: "Project") -> dict[str, str]:
    """What this file knows of its team project (server address without password, coder, cursor)."""
    if not project.has_table("sync_state"):
        return {}
    return dict(project.db.execute("SELECT key, value FROM sync_state").fetchall())


def _set_state(project: "Project", values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            project.db.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            project.db.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value))


def link(project: "Project", state: dict[str, str | None]) -> None:
    """Make this file a team project's copy: remember ``state`` and start recording changes (the
    change-tracking triggers exist only in team copies: ``sync_triggers``)."""
    with project.transaction():
        sync_triggers.install(project.db)
        _set_state(project, {**state, "tracking": "on"})


def update_state(project: "Project", **values: str | None) -> None:
    with project.transaction():
        _set_state(project, values)


def unlink(project: "Project") -> None:
    """Stop being a team copy (the file keeps its content, a plain project again)."""
    with project.transaction():
        for table in ("sync_state", "sync_outbox", "sync_recoded", "sync_code_deletions", "sync_revealed"):
            project.db.execute(f"DELETE FROM {table}")
        sync_triggers.drop(project.db)


def mark_changed(project: "Project", table: str) -> None:
    """Put every row of ``table`` (one keyed by ``guid``) in the outbox, as if each had just changed here:
    the next sync sends what differs from the server (an upgraded server gains a column this copy
    already had, e.g. ``codes.codable``) and the pull confirms the rest."""
    if WIRE[table].key != ("guid",):
        raise ValueError(f"{table}: not keyed by guid")
    with project.transaction():
        project.db.execute(f"INSERT INTO sync_outbox (tbl, key, seq) SELECT ?, guid, "
                           f"(SELECT coalesce(max(seq), 0) + 1 FROM sync_outbox) FROM {table} WHERE guid IS NOT NULL "
                           "ON CONFLICT (tbl, key) DO UPDATE SET seq = excluded.seq", (table,))


# ---- what changed here -------------------------------------------------------------------------

@dataclass(frozen=True)
class Pending:
    """The outbox as read at one moment: keys per table, and the highest ``seq`` read."""

    seq: int
    keys: dict[str, list[str]]

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.keys.values())


def pending(project: "Project") -> Pending:
    rows = project.db.execute("SELECT tbl, key, seq FROM sync_outbox ORDER BY seq").fetchall()
    keys: dict[str, list[str]] = {}
    for table, key, _ in rows:
        keys.setdefault(table, []).append(key)
    return Pending(max((r[2] for r in rows), default=0), keys)


def waiting(project: "Project") -> int:
    """How many changed rows wait to be sent (the status bar's "changes waiting")."""
    if not project.has_table("sync_outbox"):
        return 0
    return int(project.db.execute("SELECT count(*) FROM sync_outbox").fetchone()[0])


def records(project: "Project", table: str, keys: Iterable[str]) -> dict[str, Record]:
    """The rows with these keys in wire layout; a key with no row was deleted here."""
    wire = WIRE[table]
    found: dict[str, Record] = {}
    column = _KEY_COLUMN.get(table)
    for batch in chunks(list(keys)):
        if column is not None:
            sql = f"{wire.select} WHERE {column} IN ({placeholders(batch)})"
        else:
            sql = f"SELECT * FROM ({wire.select}) WHERE k IN ({placeholders(batch)})"
        for row in dicts(project.db.execute(sql, batch)):
            found[row.pop("k")] = row
    return found


def all_records(project: "Project", table: str) -> list[Record]:
    rows = []
    for row in dicts(project.db.execute(WIRE[table].select)):
        row.pop("k")
        rows.append(row)
    return rows


def merges(project: "Project", upto_seq: int) -> dict[str, str]:
    """Codes deleted here after every segment of theirs was re-coded to one other code: merges, not
    deletions, so the server re-codes the other coders' segments instead of deleting them."""
    targets: dict[str, set[str]] = {}
    for old, new in project.db.execute(
            "SELECT r.old_code, r.new_code FROM sync_recoded r JOIN sync_code_deletions d ON d.guid = r.old_code "
            "WHERE d.segments_left = 0 AND d.seq <= ? AND r.seq <= ?", (upto_seq, upto_seq)):
        targets.setdefault(old, set()).add(new)
    live = {r[0] for r in project.db.execute("SELECT guid FROM codes")}
    found = {old: next(iter(new)) for old, new in targets.items() if len(new) == 1}
    # Follow chains (A merged into B, B into C) to a code that still exists.
    for old in list(found):
        target, hops = found[old], 0
        while target not in live and target in found and hops < 20:
            target, hops = found[target], hops + 1
        if target in live:
            found[old] = target
        else:
            del found[old]
    return found


def known_guids(project: "Project", table: str, among: Iterable[str]) -> set[str]:
    """Which of these GUIDs a row of ``table`` (one of WIRE's GUID tables) has here."""
    return set(_ids(project, table, among))


def _lengths(project: "Project", document_ids: Iterable[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for batch in chunks(sorted(set(document_ids))):
        found.update(project.db.execute(f"SELECT id, length FROM documents WHERE id IN ({placeholders(batch)})",
                                        batch).fetchall())
    return found


def revealed(project: "Project") -> set[str]:
    return {r[0] for r in project.db.execute("SELECT guid FROM sync_revealed")}


# ---- applying what the server sent -------------------------------------------------------------

@dataclass
class Applied:
    """What ``apply`` changed here, per table, and what a view must refresh."""

    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # (table, old name/path, new)
    skipped: list[str] = field(default_factory=list)
    kept_local: int = 0  # rows changed here during the sync: left for the next one
    documents: set[int] = field(default_factory=set)  # documents whose segments changed
    codebook: bool = False
    document_list: bool = False
    coders: bool = False
    assignments: bool = False
    document_sets: bool = False
    memos: bool = False

    def count(self, table: str) -> int:
        return self.added.get(table, 0) + self.changed.get(table, 0) + self.deleted.get(table, 0)

    @property
    def total(self) -> int:
        return sum(self.count(t) for t in WIRE)

    def _bump(self, kind: dict[str, int], table: str, n: int = 1) -> None:
        if n:
            kind[table] = kind.get(table, 0) + n


def apply(project: "Project", upserts: dict[str, list[Record]], deletions: dict[str, list[str]], *,
          upto_seq: int | None, state: dict[str, str | None], revealed_documents: Iterable[str] = ()) -> Applied:
    """Write the server's rows here in one transaction; see the module docstring."""
    report = Applied()
    db = project.db
    with project.transaction():
        _set_state(project, {"tracking": "off"})
        if upto_seq is not None:
            newer = set(db.execute("SELECT tbl, key FROM sync_outbox WHERE seq > ?", (upto_seq,)).fetchall())
        else:
            newer = set(db.execute("SELECT tbl, key FROM sync_outbox").fetchall())
        upserts = {t: [r for r in rows if (t, key_text(t, r)) not in newer] for t, rows in upserts.items()}
        kept = sum(1 for t, rows in deletions.items() for k in rows if (t, k) in newer)
        deletions = {t: [k for k in keys if (t, k) not in newer] for t, keys in deletions.items()}
        report.kept_local = kept + sum(1 for t, k in newer if t in upserts)
        _delete(project, "documents", deletions.get("documents", []), report)
        _apply_unique(project, "coders", "name", upserts.get("coders", []), report)
        _apply_documents(project, upserts.get("documents", []), report)
        _apply_codes(project, upserts.get("codes", []), report)
        _apply_unique(project, "document_sets", "name", upserts.get("document_sets", []), report)
        _apply_members(project, upserts.get("document_set_members", []), report)
        _apply_segments(project, upserts.get("segments", []), report)
        _apply_assignments(project, upserts.get("assignments", []), report)
        _apply_memos(project, upserts.get("memos", []), report)
        for table in ("memos", "assignments", "segments", "document_set_members", "document_sets", "codes",
                      "coders"):
            _delete(project, table, deletions.get(table, []), report)
        db.conn.executemany("INSERT OR IGNORE INTO sync_revealed (guid) VALUES (?)",
                            [(g,) for g in revealed_documents])
        if upto_seq is not None:
            for table in ("sync_outbox", "sync_recoded", "sync_code_deletions"):
                db.execute(f"DELETE FROM {table} WHERE seq <= ?", (upto_seq,))
        _set_state(project, {**state, "tracking": "on"})
    return report


def _ids(project: "Project", table: str, guids: Iterable[str | None] | None = None) -> dict[str, int]:
    """GUID -> local id, of every row or (cheaper in a big project) of the rows with these GUIDs."""
    if guids is None:
        return {g: i for i, g in project.db.execute(f"SELECT id, guid FROM {table}")}
    found: dict[str, int] = {}
    for batch in chunks(sorted({g for g in guids if g})):
        found.update((g, i) for i, g in project.db.execute(
            f"SELECT id, guid FROM {table} WHERE guid IN ({placeholders(batch)})", batch))
    return found


def _existing(project: "Project", table: str, guids: Sequence[str]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for batch in chunks(list(guids)):
        for row in dicts(project.db.execute(f"SELECT * FROM {table} WHERE guid IN ({placeholders(batch)})", batch)):
            found[row["guid"]] = row
    return found


def _free_value(project: "Project", table: str, column: str, value: str) -> str:
    n = 2
    while project.db.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (f"{value} ({n})",)).fetchone():
        n += 1
    return f"{value} ({n})"


def _is_local_only(project: "Project", table: str, guid: str) -> bool:
    """A row made here and not sent yet (the server cannot know it)."""
    return project.db.execute("SELECT 1 FROM sync_outbox WHERE tbl = ? AND key = ?", (table, guid)).fetchone() \
        is not None


def _make_room(project: "Project", table: str, column: str, records: list[Record],
               existing: dict[str, Record]) -> None:
    """Rows taking a new unique value first step aside to a temporary one, so renames in a batch that
    swap or chain names cannot collide with each other."""
    moving = [r["guid"] for r in records if r["guid"] in existing and existing[r["guid"]][column] != r[column]]
    project.db.conn.executemany(f"UPDATE {table} SET {column} = char(0) || guid WHERE guid = ?",
                                [(g,) for g in moving])


def _resolve_clash(project: "Project", table: str, column: str, record: Record, report: Applied) -> None:
    """Another row here already has ``record``'s unique value: a row made here and never sent is the same
    thing by name (it takes the server's GUID, as merging matches by name); otherwise the incoming row is
    renamed and the user told."""
    row = project.db.execute(f"SELECT guid FROM {table} WHERE {column} = ? AND guid <> ?",
                             (record[column], record["guid"])).fetchone()
    if row is None:
        return
    if _is_local_only(project, table, row[0]) and not project.db.execute(
            f"SELECT 1 FROM {table} WHERE guid = ?", (record["guid"],)).fetchone():
        project.db.execute(f"UPDATE {table} SET guid = ? WHERE guid = ?", (record["guid"], row[0]))
        return
    new_value = _free_value(project, table, column, record[column])
    report.skipped.append(f"{table[:-1]} '{record[column]}' from the server is called '{new_value}' here: "
                          "that name was taken")
    record[column] = new_value


def _apply_unique(project: "Project", table: str, column: str, records: list[Record], report: Applied) -> None:
    """Coders and document sets: upsert by GUID, keeping ``column`` unique."""
    if not records:
        return
    wire = WIRE[table]
    existing = _existing(project, table, [r["guid"] for r in records])
    _make_room(project, table, column, records, existing)
    for record in records:
        record = dict(record)
        _resolve_clash(project, table, column, record, report)
        old = existing.get(record["guid"])
        values = {c: record[c] for c in wire.columns}
        if old is None:
            names = ["guid", *values]
            project.db.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders(names)})",
                               (record["guid"], *values.values()))
            report._bump(report.added, table)
        elif any(old[c] != v for c, v in values.items()):
            sets = ", ".join(f"{c} = ?" for c in values)
            project.db.execute(f"UPDATE {table} SET {sets} WHERE guid = ?", (*values.values(), record["guid"]))
            if old[column] != record[column]:
                report.renamed.append((table, old[column], record[column]))
            report._bump(report.changed, table)
        else:
            continue
        if table == "coders":
            report.coders = True
        else:
            report.document_sets = True


_DOCUMENT_METADATA = ("name", "title", "outlet", "date", "language", "url", "source_file", "attributes", "imported")


def _apply_documents(project: "Project", records: list[Record], report: Applied) -> None:
    if not records:
        return
    existing = _existing(project, "documents", [r["guid"] for r in records])
    _make_room(project, "documents", "name", records, existing)
    db = project.db
    inserts = []
    for record in records:
        record = dict(record)
        old = existing.get(record["guid"])
        if old is None:
            clash = db.execute("SELECT guid FROM documents WHERE hash = ? AND guid <> ?",
                               (record["hash"], record["guid"])).fetchone()
            if clash is not None:  # the same text, made here: it is that document
                db.execute("UPDATE documents SET guid = ? WHERE guid = ?", (record["guid"], clash[0]))
                old = _existing(project, "documents", [record["guid"]])[record["guid"]]
        _resolve_clash(project, "documents", "name", record, report)
        if old is None:
            if record.get("text") is None:
                report.skipped.append(f"document '{record['name']}': its text did not arrive; it comes next sync")
                continue
            inserts.append(record)
            continue
        changes = {c: record[c] for c in _DOCUMENT_METADATA if old[c] != record[c]}
        if changes:
            sets = ", ".join(f"{c} = ?" for c in changes)
            db.execute(f"UPDATE documents SET {sets} WHERE guid = ?", (*changes.values(), record["guid"]))
            if "name" in changes:
                report.renamed.append(("documents", old["name"], record["name"]))
            report._bump(report.changed, "documents")
            report.document_list = True
    if inserts:
        names = WIRE["documents"].key + WIRE["documents"].columns
        db.conn.executemany(f"INSERT INTO documents ({', '.join(names)}) VALUES ({placeholders(names)})",
                            [tuple(r[c] for c in names) for r in inserts])
        report._bump(report.added, "documents", len(inserts))
        report.document_list = True


_CODE_FIELDS = ("path", "name", "color", "description", "inclusion", "exclusion", "example", "shortcut",
                "sort_order", "exclusive", "codable")


def _apply_codes(project: "Project", records: list[Record], report: Applied) -> None:
    if not records:
        return
    db = project.db
    records = sorted(records, key=lambda r: r["path"].count(PATH_SEPARATOR))  # parents first
    existing = _existing(project, "codes", [r["guid"] for r in records])
    _make_room(project, "codes", "path", records, existing)
    ids = _ids(project, "codes")
    for record in records:
        record = dict(record)
        parent_id = None
        if record["parent_guid"] is not None:
            parent_id = ids.get(record["parent_guid"])
            if parent_id is None:
                report.skipped.append(f"code '{record['path']}': its parent code is not here")
                continue
        _resolve_clash(project, "codes", "path", record, report)
        record["name"] = record["path"].rpartition(PATH_SEPARATOR)[2]
        old = existing.get(record["guid"])
        values = {c: record[c] for c in _CODE_FIELDS}
        values["exclusive"] = int(bool(values["exclusive"]))
        values["codable"] = int(bool(values["codable"]))
        values["parent_id"] = parent_id
        if old is None:
            names = ["guid", *values]
            cursor = db.execute(f"INSERT INTO codes ({', '.join(names)}) VALUES ({placeholders(names)})",
                                (record["guid"], *values.values()))
            ids[record["guid"]] = int(cursor.lastrowid)  # type: ignore[arg-type]
            report._bump(report.added, "codes")
        elif any(old[c] != v for c, v in values.items()):
            sets = ", ".join(f"{c} = ?" for c in values)
            db.execute(f"UPDATE codes SET {sets} WHERE guid = ?", (*values.values(), record["guid"]))
            if old["path"] != record["path"]:
                report.renamed.append(("codes", old["path"], record["path"]))
            report._bump(report.changed, "codes")
        else:
            continue
        report.codebook = True


def _apply_members(project: "Project", records: list[Record], report: Applied) -> None:
    if not records:
        return
    sets = _ids(project, "document_sets", (r["set_guid"] for r in records))
    documents = _ids(project, "documents", (r["document_guid"] for r in records))
    rows = [(sets[r["set_guid"]], documents[r["document_guid"]]) for r in records
            if r["set_guid"] in sets and r["document_guid"] in documents]
    before = project.db.conn.total_changes
    project.db.conn.executemany("INSERT OR IGNORE INTO document_set_members (set_id, document_id) VALUES (?, ?)",
                                rows)
    added = project.db.conn.total_changes - before
    report._bump(report.added, "document_set_members", added)
    report.document_sets = report.document_sets or bool(added)


_SEGMENT_FIELDS = ("document_id", "coder_id", "code_id", "start", "end", "memo", "created", "updated")


def _apply_segments(project: "Project", records: list[Record], report: Applied) -> None:
    if not records:
        return
    db = project.db
    documents = _ids(project, "documents", (r["document_guid"] for r in records))
    coders = _ids(project, "coders", (r["coder_guid"] for r in records))
    codes = _ids(project, "codes", (r["code_guid"] for r in records))
    lengths = _lengths(project, documents.values())
    existing = _existing(project, "segments", [r["guid"] for r in records])
    inserts, updates, missing = [], [], 0
    for record in records:
        document_id = documents.get(record["document_guid"])
        coder_id = coders.get(record["coder_guid"])
        code_id = codes.get(record["code_guid"])
        if document_id is None or coder_id is None or code_id is None \
                or not 0 <= record["start"] < record["end"] <= lengths[document_id]:
            missing += 1
            continue
        values = (document_id, coder_id, code_id, record["start"], record["end"], record["memo"],
                  record["created"], record["updated"])
        old = existing.get(record["guid"])
        if old is None:
            inserts.append((record["guid"], *values))
        elif tuple(old[c] for c in _SEGMENT_FIELDS) != values:
            updates.append((*values, record["guid"]))
            report.documents.add(old["document_id"])
        else:
            continue
        report.documents.add(document_id)
    db.conn.executemany('INSERT INTO segments (guid, document_id, coder_id, code_id, start, "end", memo, created, '
                        "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts)
    db.conn.executemany('UPDATE segments SET document_id = ?, coder_id = ?, code_id = ?, start = ?, "end" = ?, '
                        "memo = ?, created = ?, updated = ? WHERE guid = ?", updates)
    report._bump(report.added, "segments", len(inserts))
    report._bump(report.changed, "segments", len(updates))
    if missing:
        report.skipped.append(f"{missing} segment(s) refer to a document, coder or code this copy does not have")


def _apply_assignments(project: "Project", records: list[Record], report: Applied) -> None:
    if not records:
        return
    db = project.db
    documents = _ids(project, "documents", (r["document_guid"] for r in records))
    coders = _ids(project, "coders", (r["coder_guid"] for r in records))
    current = {}
    for batch in chunks(sorted(set(documents.values()))):
        current.update(((d, c), (s, u)) for d, c, s, u in db.execute(
            "SELECT document_id, coder_id, status, updated FROM assignments "
            f"WHERE document_id IN ({placeholders(batch)})", batch))
    rows = []
    for record in records:
        pair = (documents.get(record["document_guid"]), coders.get(record["coder_guid"]))
        if None in pair:
            continue
        if current.get(pair) == (record["status"], record["updated"]):  # type: ignore[arg-type]
            continue
        report._bump(report.changed if pair in current else report.added, "assignments")
        rows.append((*pair, record["status"], record["updated"]))
    db.conn.executemany("INSERT INTO assignments (document_id, coder_id, status, updated) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (document_id, coder_id) DO UPDATE SET status = excluded.status, "
                        "updated = excluded.updated", rows)
    report.assignments = report.assignments or bool(rows)


_MEMO_FIELDS = ("document_id", "code_id", "coder_id", "text", "created", "updated")


def _apply_memos(project: "Project", records: list[Record], report: Applied) -> None:
    if not records:
        return
    db = project.db
    documents = _ids(project, "documents", (r["document_guid"] for r in records))
    coders = _ids(project, "coders", (r["coder_guid"] for r in records))
    codes = _ids(project, "codes", (r["code_guid"] for r in records))
    existing = _existing(project, "memos", [r["guid"] for r in records])
    for record in records:
        document_id = documents.get(record["document_guid"]) if record["document_guid"] else None
        code_id = codes.get(record["code_guid"]) if record["code_guid"] else None
        if (record["document_guid"] and document_id is None) or (record["code_guid"] and code_id is None):
            continue
        values = (document_id, code_id, coders.get(record["coder_guid"]) if record["coder_guid"] else None,
                  record["text"], record["created"], record["updated"])
        old = existing.get(record["guid"])
        if old is None:
            db.execute("INSERT INTO memos (guid, document_id, code_id, coder_id, text, created, updated) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (record["guid"], *values))
            report._bump(report.added, "memos")
        elif tuple(old[c] for c in _MEMO_FIELDS) != values:
            db.execute("UPDATE memos SET document_id = ?, code_id = ?, coder_id = ?, text = ?, created = ?, "
                       "updated = ? WHERE guid = ?", (*values, record["guid"]))
            report._bump(report.changed, "memos")
        else:
            continue
        report.memos = True


def _delete(project: "Project", table: str, keys: list[str], report: Applied) -> None:
    if not keys:
        return
    db = project.db
    before = db.conn.total_changes
    if table in ("assignments", "document_set_members"):
        split = [key.partition("|") for key in keys]
        documents = _ids(project, "documents", (k[0] if table == "assignments" else k[2] for k in split))
        others = _ids(project, "coders" if table == "assignments" else "document_sets",
                      (k[2] if table == "assignments" else k[0] for k in split))
        pairs = []
        for key in keys:
            first, _, second = key.partition("|")
            if table == "assignments":
                pair = (documents.get(first), others.get(second))
            else:
                pair = (others.get(first), documents.get(second))
            if None not in pair:
                pairs.append(pair)
        columns = ("document_id", "coder_id") if table == "assignments" else ("set_id", "document_id")
        db.conn.executemany(f"DELETE FROM {table} WHERE {columns[0]} = ? AND {columns[1]} = ?", pairs)
    else:
        if table in ("segments", "memos"):
            for batch in chunks(keys):
                report.documents.update(r[0] for r in db.execute(
                    f"SELECT document_id FROM {table} WHERE guid IN ({placeholders(batch)}) "
                    "AND document_id IS NOT NULL", batch))
        for batch in chunks(keys):
            db.execute(f"DELETE FROM {table} WHERE guid IN ({placeholders(batch)})", batch)
    # total_changes counts rows removed by ON DELETE CASCADE too; report only the rows asked for.
    removed = min(db.conn.total_changes - before, len(keys))
    report._bump(report.deleted, table, removed)
    if removed:
        report.codebook |= table == "codes"
        report.document_list |= table == "documents"
        report.coders |= table == "coders"
        report.assignments |= table == "assignments"
        report.document_sets |= table in ("document_sets", "document_set_members")
        report.memos |= table == "memos"
