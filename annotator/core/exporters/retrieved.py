"""A list of retrieved segments (the Retrieved segments panel, ``annotator segments list``) as CSV."""

from __future__ import annotations

import os
from collections.abc import Sequence

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.retrieval import EXPORT_COLUMNS, RetrievedSegment


def export_retrieved_csv(path: str | os.PathLike[str], segments: Sequence[RetrievedSegment],
                         options: CsvOptions | None = None) -> int:
    """Write the list as shown (document, coder, code, start, end, text, memo); returns the rows."""
    return write_csv(path, EXPORT_COLUMNS, ([s.as_dict()[c] for c in EXPORT_COLUMNS] for s in segments), options)
