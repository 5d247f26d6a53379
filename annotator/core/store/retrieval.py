"""The retrieval query: coded segments with their document, coder, code and text, filtered (the
"Retrieved segments" list of every QDA tool, and ``annotator segments list``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.store.rows import dicts, placeholders

if TYPE_CHECKING:
    import sqlite_utils

# The coded text is sliced from each document's text in Python (``retrieval.retrieve``): a substr()
# per row makes SQLite read the whole document row once per segment.
_SELECT = (
    'SELECT s.id, s.document_id, d.name AS document, d.title, s.coder_id, r.name AS coder, s.code_id, '
    'c.path AS code, s.start, s."end", s.memo, s.created, s.updated '
    "FROM segments s JOIN documents d ON d.id = s.document_id "
    "JOIN coders r ON r.id = s.coder_id JOIN codes c ON c.id = s.code_id")


class RetrievalQueries:
    """Mixed into ``Project``."""

    db: "sqlite_utils.Database"

    def retrieval_rows(self, *, code_ids: Sequence[int] | None = None, coder_ids: Sequence[int] | None = None,
                       document_ids: Sequence[int] | None = None, set_ids: Sequence[int] | None = None,
                       segment_ids: Sequence[int] | None = None, with_memo: bool = False) -> list[dict[str, Any]]:
        """Segments with the names they refer to (not their text), in document, text, coder and code order.

        Each filter is an ``IN`` list (None: no filter); ``set_ids`` keeps documents in any of the sets.
        """
        where: list[str] = []
        params: list[Any] = []
        for column, ids in (("s.code_id", code_ids), ("s.coder_id", coder_ids), ("s.document_id", document_ids),
                            ("s.id", segment_ids)):
            if ids is not None:
                where.append(f"{column} IN (SELECT value FROM json_each(?))")
                params.append(_json_list(ids))
        if set_ids is not None:
            where.append("s.document_id IN (SELECT document_id FROM document_set_members "
                         f"WHERE set_id IN ({placeholders(set_ids)}))" if set_ids else "0")
            params.extend(set_ids)
        if with_memo:
            where.append("s.memo <> ''")
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + \
            ' ORDER BY s.document_id, s.start, s."end", r.name, c.path, s.id'
        return list(dicts(self.db.execute(sql, params)))


def _json_list(ids: Sequence[int]) -> str:
    """Ids as one JSON parameter: any number of them, without SQLite's limit on bound parameters."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
