"""Coded segments as a tidy CSV: one row per segment, ready for R, pandas or SPSS.

``text`` is exactly ``document.text[start:end]``. With formula protection on, a text cell starting with
``= + - @`` is written with a leading apostrophe; ``start`` and ``end`` are not shifted (they always
refer to the stored document text), so strip one leading apostrophe before comparing lengths.
"""

from __future__ import annotations

import os

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.store import Project

SEGMENT_COLUMNS = ("segment_id", "guid", "document", "title", "outlet", "date", "language", "coder", "code",
                   "start", "end", "text", "memo", "created", "updated")


def segment_rows(project: Project) -> list[list[object]]:
    return [list(r) for r in project.db.execute(
        'SELECT s.id, s.guid, d.name, d.title, d.outlet, d.date, d.language, r.name, c.path, s.start, s."end", '
        'substr(d.text, s.start + 1, s."end" - s.start), s.memo, s.created, s.updated '
        "FROM segments s JOIN documents d ON d.id = s.document_id JOIN coders r ON r.id = s.coder_id "
        'JOIN codes c ON c.id = s.code_id ORDER BY d.id, s.start, s."end", r.name, c.path, s.id')]


def export_segments_csv(project: Project, path: str | os.PathLike[str], options: CsvOptions | None = None) -> int:
    """Write every coded segment; returns the number of rows."""
    return write_csv(path, SEGMENT_COLUMNS, segment_rows(project), options)
