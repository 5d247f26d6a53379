"""Queries on the ``documents`` table (and document sets, which group them)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError, NameTaken
from annotator.core.model import Document, DocumentInput
from annotator.core.store.rows import chunks, dicts, new_guid, now, one_dict, placeholders
from annotator.core.text import MAX_DOCUMENT_CHARS, content_hash, detect_language, normalise

if TYPE_CHECKING:
    import sqlite_utils

ADD_SLICE = 500  # documents checked and stored per statement by add_documents
LIST_COLUMNS = "id, guid, name, title, outlet, date, language, url, source_file, hash, length, attributes"
EDITABLE_FIELDS = ("title", "outlet", "date", "language", "url", "name")


@dataclass
class ImportReport:
    """What an import did: documents added, and duplicates skipped with the reason."""

    added: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one human-readable line per skipped item
    added_count: int = 0  # also counted when the documents themselves are not kept (keep_added=False)

    def summary(self) -> str:
        return f"{self.added_count} imported, {len(self.skipped)} skipped"


def document_from_row(row: dict[str, Any], *, with_text: bool) -> Document:
    attributes = row.get("attributes") or "{}"
    return Document(
        id=int(row["id"]),
        guid=str(row["guid"]),
        name=str(row["name"]),
        title=str(row["title"]),
        outlet=str(row["outlet"]),
        date=str(row["date"]),
        language=str(row["language"]),
        url=str(row["url"]),
        source_file=str(row["source_file"]),
        hash=str(row["hash"]),
        length=int(row["length"]),
        attributes=json.loads(attributes) if isinstance(attributes, str) else dict(attributes),
        text=str(row["text"]) if with_text and "text" in row else None,
    )


class DocumentQueries:
    """Mixed into ``Project``: storing, listing and editing documents."""

    db: "sqlite_utils.Database"
    transaction: Callable[..., Any]

    def add_documents(
        self,
        inputs: Iterable[DocumentInput],
        *,
        outlet: str | None = None,
        language: str | None = None,
        on_progress: Callable[[int], bool | None] | None = None,
        keep_added: bool = True,
    ) -> ImportReport:
        """Store documents in one transaction; duplicates by content hash are skipped, not errors.

        A name already taken by a different text is a conflict and aborts the whole batch (nothing is
        stored), because silently renaming would break scripts that refer to documents by name.
        ``inputs`` may be a generator: it is consumed in slices of ``ADD_SLICE``, each checked against the
        project with a few set queries and stored with one ``executemany``, so memory does not grow with
        the corpus (with ``keep_added=False`` the report only counts what was added). A document's
        ``guid`` is kept when no other document has it. ``on_progress(n)`` may return False to cancel
        (the batch is rolled back).
        """
        report = ImportReport()
        stamp = now()
        count = 0
        with self.transaction():
            for batch in chunks(inputs, ADD_SLICE):
                rows = [self._document_row(item, outlet, language, stamp) for item in batch]
                known = self._names_by_hash([r["hash"] for r in rows])
                taken_names = self._taken(("name", [r["name"] for r in rows]))
                taken_guids = self._taken(("guid", [r["guid"] for r in rows]))
                new: list[dict[str, Any]] = []
                for row in rows:
                    count += 1
                    if row["hash"] in known:
                        report.skipped.append(f"{row['_where']}: same text as document '{known[row['hash']]}' "
                                              "already in the project; skipped")
                    elif row["name"] in taken_names:
                        raise NameTaken(f"a different document named '{row['name']}' is already in the project; "
                                        "rename one of them", name=row["name"], path=row["_where"])
                    else:
                        if row["guid"] in taken_guids:
                            row["guid"] = new_guid()
                        known[row["hash"]] = row["name"]
                        taken_names.add(row["name"])
                        taken_guids.add(row["guid"])
                        new.append(row)
                    if on_progress is not None and on_progress(count) is False:
                        raise InputError("import cancelled; nothing was imported")
                if new:
                    ids = self._insert_documents(new)
                    report.added_count += len(new)
                    if keep_added:
                        report.added.extend(document_from_row({**row, "id": i}, with_text=False)
                                            for row, i in zip(new, ids))
        return report

    def _document_row(self, item: DocumentInput, outlet: str | None, language: str | None,
                      stamp: str) -> dict[str, Any]:
        text = normalise(item.text)
        where = item.source_file or item.name
        if not text.strip():
            raise InputError("the document is empty", path=where)
        if len(text) > MAX_DOCUMENT_CHARS:
            raise InputError(
                f"the document '{item.name}' has {len(text):,} characters, more than the "
                f"{MAX_DOCUMENT_CHARS:,} a project accepts; split it into parts", path=where)
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise InputError(f"the document '{item.name}' contains a NUL character (line {line} of its text); "
                             "it is probably not a text file", path=where)
        name = item.name.strip()
        if not name:
            raise InputError("the document has no name", path=where)
        lang = (language or item.language or "auto").strip().lower()
        if lang in ("", "auto"):
            lang = detect_language(text)
        return {
            "guid": (item.guid or "").strip().upper() or new_guid(),
            "name": name,
            "title": item.title.strip(),
            "outlet": (outlet if outlet is not None else item.outlet).strip(),
            "date": item.date.strip(),
            "language": lang,
            "url": item.url.strip(),
            "source_file": item.source_file,
            "text": text,
            "length": len(text),
            "hash": content_hash(text),
            "attributes": json.dumps(item.attributes, ensure_ascii=False, sort_keys=True),
            "imported": stamp,
            "_where": where,
        }

    def documents_by_hash(self, hashes: Iterable[str]) -> dict[str, tuple[int, str]]:
        """Content hash -> (id, name) of the documents here with one of these texts (a merge's matching)."""
        found: dict[str, tuple[int, str]] = {}
        for batch in chunks(sorted(set(hashes))):
            found.update((h, (i, n)) for h, i, n in self.db.execute(
                f"SELECT hash, id, name FROM documents WHERE hash IN ({placeholders(batch)})", batch))
        return found

    def document_names_taken(self, names: Iterable[str]) -> set[str]:
        return self._taken(("name", list(names)))

    def document_guids_taken(self, guids: Iterable[str]) -> set[str]:
        return self._taken(("guid", list(guids)))

    def _names_by_hash(self, hashes: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for batch in chunks(sorted(set(hashes))):
            found.update(self.db.execute(
                f"SELECT hash, name FROM documents WHERE hash IN ({placeholders(batch)})", batch).fetchall())
        return found

    def _taken(self, column_values: tuple[str, list[str]]) -> set[str]:
        column, values = column_values
        taken: set[str] = set()
        for batch in chunks(sorted(set(values))):
            taken.update(r[0] for r in self.db.execute(
                f"SELECT {column} FROM documents WHERE {column} IN ({placeholders(batch)})", batch))
        return taken

    def _insert_documents(self, rows: list[dict[str, Any]]) -> list[int]:
        columns = [c for c in rows[0] if not c.startswith("_")]
        (before,) = self.db.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()
        self.db.conn.executemany(
            f"INSERT INTO documents ({', '.join(columns)}) VALUES ({placeholders(columns)})",
            [tuple(row[c] for c in columns) for row in rows])
        (after,) = self.db.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()
        if after - before == len(rows):  # holding the write lock, SQLite numbers new rows max(id) + 1, ...
            return list(range(before + 1, after + 1))
        by_guid: dict[str, int] = {}
        for batch in chunks([r["guid"] for r in rows]):
            by_guid.update(self.db.execute(
                f"SELECT guid, id FROM documents WHERE guid IN ({placeholders(batch)})", batch).fetchall())
        return [by_guid[r["guid"]] for r in rows]

    def documents(self, ids: Iterable[int] | None = None) -> list[Document]:
        """All documents (or those with the given ids) without their text, in import order."""
        if ids is None:
            cursor = self.db.execute(f"SELECT {LIST_COLUMNS} FROM documents ORDER BY id")
            return [document_from_row(r, with_text=False) for r in dicts(cursor)]
        out: list[Document] = []
        for batch in chunks(sorted(set(ids))):
            cursor = self.db.execute(
                f"SELECT {LIST_COLUMNS} FROM documents WHERE id IN ({placeholders(batch)}) ORDER BY id", batch)
            out.extend(document_from_row(r, with_text=False) for r in dicts(cursor))
        return out

    def document(self, key: int | str, *, with_text: bool = True) -> Document:
        """A document by id or by name, with its text unless ``with_text`` is False."""
        columns = LIST_COLUMNS + (", text" if with_text else "")
        column = "id" if isinstance(key, int) else "name"
        row = one_dict(self.db.execute(f"SELECT {columns} FROM documents WHERE {column} = ?", (key,)))
        if row is None:
            raise InputError(f"no document named '{key}'" if column == "name" else f"no document with id {key}")
        return document_from_row(row, with_text=with_text)

    def document_text(self, document_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise InputError(f"no document with id {document_id}")
        return row[0]

    def document_texts(self, ids: Iterable[int] | None = None) -> Iterator[tuple[int, str]]:
        """(id, text) of every document (or of ``ids``) in id order, read in slices (bounded memory)."""
        if ids is None:
            last = 0
            while True:
                rows = self.db.execute("SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT 200",
                                       (last,)).fetchall()
                if not rows:
                    return
                yield from rows
                last = rows[-1][0]
        for batch in chunks(sorted(set(ids)), 200):
            yield from self.db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({placeholders(batch)}) ORDER BY id", batch).fetchall()

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def document_lengths(self) -> dict[int, int]:
        return dict(self.db.execute("SELECT id, length FROM documents").fetchall())

    def document_names(self) -> dict[int, str]:
        return dict(self.db.execute("SELECT id, name FROM documents").fetchall())

    def document_hashes(self) -> dict[str, int]:
        """Content hash -> document id: how a merge recognises a document it already has."""
        return {h: i for i, h in self.db.execute("SELECT id, hash FROM documents")}

    def document_id_by_guid(self, guid: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE guid = ?", (guid,)).fetchone()
        return row[0] if row else None

    def set_document_guid(self, document_id: int, guid: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE documents SET guid = ? WHERE id = ?", (guid, document_id))

    def update_document_metadata(self, document_id: int, *, attributes: dict[str, str] | None = None,
                                 **fields: str) -> None:
        """Edit title/outlet/date/language/url/name and attributes (never the text: offsets depend on it)."""
        bad = set(fields) - set(EDITABLE_FIELDS)
        if bad:
            raise InputError(f"cannot change document field(s): {', '.join(sorted(bad))}")
        values: dict[str, Any] = {k: str(v).strip() for k, v in fields.items()}
        if "name" in values and not values["name"]:
            raise InputError("a document needs a name")
        if attributes is not None:
            values["attributes"] = json.dumps(attributes, ensure_ascii=False, sort_keys=True)
        if not values:
            return
        with self.transaction():
            sets = ", ".join(f"{k} = ?" for k in values)
            try:
                cursor = self.db.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*values.values(), document_id))
            except sqlite3.IntegrityError:
                raise InputError(f"a document named '{values.get('name')}' already exists") from None
            if cursor.rowcount == 0:
                raise InputError(f"no document with id {document_id}")

    def delete_document(self, document_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def delete_documents(self, document_ids: Iterable[int]) -> None:
        """Delete documents with their segments, memos, assignments and set memberships (cascade)."""
        with self.transaction():
            for batch in chunks(sorted(set(document_ids))):
                self.db.execute(f"DELETE FROM documents WHERE id IN ({placeholders(batch)})", batch)

    def document_rows(self, document_ids: Iterable[int]) -> list[dict[str, Any]]:
        """Whole stored rows, text included, of these documents: what an undone deletion puts back."""
        out: list[dict[str, Any]] = []
        for batch in chunks(sorted(set(document_ids))):
            out.extend(dicts(self.db.execute(
                f"SELECT * FROM documents WHERE id IN ({placeholders(batch)}) ORDER BY id", batch)))
        return out

    def restore_document_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        with self.transaction():
            for row in rows:
                self.db.execute(f"INSERT INTO documents ({', '.join(row)}) VALUES ({placeholders(row)})",
                                tuple(row.values()))

    def _document_length(self, document_id: int) -> int:
        row = self.db.execute("SELECT length FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise InputError(f"no document with id {document_id}")
        return row[0]
