"""Coded segments as a tidy CSV: one row per segment, ready for R, pandas or SPSS.

``text`` is exactly ``document.text[start:end]``. With formula protection on, a text cell starting with
``= + - @`` is written with a leading apostrophe; ``start`` and ``end`` are not shifted (they always
refer to the stored document text), so strip one leading apostrophe before comparing lengths.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.store import Project

SEGMENT_COLUMNS = ("segment_id", "guid", "document", "title", "outlet", "date", "language", "coder", "code",
                   "start", "end", "text", "memo", "created", "updated")


def segment_rows(project: Project, document_ids: Sequence[int] | None = None) -> list[list[object]]:
    return list(project.segment_export_rows(document_ids))


def export_segments_csv(project: Project, path: str | os.PathLike[str], options: CsvOptions | None = None,
                        document_ids: Sequence[int] | None = None) -> int:
    """Write every coded segment (of ``document_ids``, e.g. a document set, if given), streamed from the
    project as the file is written; returns the number of rows."""
    return write_csv(path, SEGMENT_COLUMNS, project.segment_export_rows(document_ids), options,
                     project_path=project.path)
