"""The document list's queries: which documents, in which order, and the few fields a row shows.

A desktop list of 100,000 articles cannot hold them all as objects, nor sort them in Python: the GUI
asks for the ordered ids of a filter once (a covering index, ``idx_documents_listing``, keeps that from
reading the texts: keyed by id, it also finds a page of rows), and for the fields of the rows it shows,
a page at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from annotator.core.store.rows import chunks, placeholders

if TYPE_CHECKING:
    import sqlite_utils

SORT_KEYS = ("id", "title", "outlet", "date", "language", "status")
_ORDER = {
    "id": "d.id",
    "title": "(CASE WHEN d.title = '' THEN d.name ELSE d.title END) COLLATE NOCASE",
    "outlet": "d.outlet COLLATE NOCASE",
    "date": "d.date",
    "language": "d.language",
    "status": "coalesce(a.status, '')",
}


@dataclass(frozen=True)
class DocumentListQuery:
    """One view of the document list: a text filter, a document set, whose status, and the order."""

    text: str = ""  # case-insensitive (ASCII) part of the title, name, outlet, date or language
    set_id: int | None = None
    coder_id: int | None = None  # whose status the status column (and its sort) shows
    sort: str = "id"
    descending: bool = False
    ids: tuple[int, ...] | None = None  # only these documents (e.g. the ones a picker offers)


class ListedDocument(NamedTuple):
    """What a row of the document list shows."""

    id: int
    name: str
    title: str
    outlet: str
    date: str
    language: str
    length: int
    status: str | None  # the query's coder's assignment status
    has_memo: bool

    @property
    def label(self) -> str:
        return self.title or self.name


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class DocumentListQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"

    def document_list_ids(self, query: DocumentListQuery) -> list[int]:
        """The ids of the documents ``query`` keeps, in its order (ties by id)."""
        if query.sort not in _ORDER:
            raise ValueError(f"unknown sort key {query.sort!r}")
        joins, where, params = [], [], []
        if query.sort == "status":
            joins.append("LEFT JOIN assignments a ON a.document_id = d.id AND a.coder_id = ?")
            params.append(-1 if query.coder_id is None else query.coder_id)
        if query.set_id is not None:
            joins.append("JOIN document_set_members m ON m.document_id = d.id AND m.set_id = ?")
            params.append(query.set_id)
        if query.text.strip():
            pattern = _like(query.text.strip())
            where.append("(" + " OR ".join(f"d.{column} LIKE ? ESCAPE '\\'"
                                           for column in ("title", "name", "outlet", "date", "language")) + ")")
            params.extend([pattern] * 5)
        if query.ids is not None:
            if not query.ids:
                return []
            where.append(f"d.id IN ({placeholders(query.ids)})")
            params.extend(query.ids)
        direction = " DESC" if query.descending else ""
        sql = (f"SELECT d.id FROM documents d INDEXED BY idx_documents_listing {' '.join(joins)}" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY {_ORDER[query.sort]}{direction}, d.id{direction}")
        return [row[0] for row in self.db.execute(sql, params)]

    def listed_documents(self, ids: Sequence[int], coder_id: int | None = None) -> list[ListedDocument]:
        """The row fields of these documents, in the order of ``ids`` (unknown ids are left out)."""
        found: dict[int, ListedDocument] = {}
        for batch in chunks(list(ids)):
            rows = self.db.execute(
                "SELECT d.id, d.name, d.title, d.outlet, d.date, d.language, d.length, a.status, "
                "EXISTS (SELECT 1 FROM memos m WHERE m.document_id = d.id) "
                "FROM documents d INDEXED BY idx_documents_listing "
                "LEFT JOIN assignments a ON a.document_id = d.id AND a.coder_id = ? "
                f"WHERE d.id IN ({placeholders(batch)})",
                [-1 if coder_id is None else coder_id, *batch])
            for row in rows:
                found[row[0]] = ListedDocument(*row[:8], bool(row[8]))
        return [found[i] for i in ids if i in found]

    def document_facets(self) -> tuple[list[str], list[str]]:
        """The distinct outlets and languages of the documents (for search filters), sorted."""
        outlets = [r[0] for r in self.db.execute(
            "SELECT DISTINCT outlet FROM documents INDEXED BY idx_documents_listing WHERE outlet != '' ORDER BY outlet")]
        languages = [r[0] for r in self.db.execute(
            "SELECT DISTINCT language FROM documents INDEXED BY idx_documents_listing WHERE language != '' "
            "ORDER BY language")]
        return outlets, languages
