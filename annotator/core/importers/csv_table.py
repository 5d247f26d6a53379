"""Spreadsheets of articles (``.csv``): one row per document, the usual way a corpus leaves a database.

A header row is required; cells are separated by commas, or by the semicolons or tabs a header row
uses instead (Excel in many European locales). ``text`` is the only required column; ``name``, ``title``, ``outlet``,
``date``, ``language`` and ``url`` fill the document's fields; every other column becomes a document
attribute (e.g. ``section``, ``page``) for filtering and export.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.encoding import open_decoded
from annotator.core.importers.headlines import guess_title
from annotator.core.model import DocumentInput

DOCUMENT_FIELDS = ("name", "title", "outlet", "date", "language", "url")
# Long articles (whole reports pasted into one cell) must not trip the csv module's 128 KB default.
FIELD_SIZE_LIMIT = 1 << 30


@dataclass(frozen=True)
class CsvRow:
    """One data row: its first physical line (for error messages) and its cells by column name."""

    line: int
    cells: dict[str, str]


def read_csv_rows(path: Path, *, required: tuple[str, ...]) -> tuple[list[str], Iterator[CsvRow]]:
    """Header (lower-cased, trimmed) and an iterator of rows of a CSV file in any supported encoding.

    The file is decoded and parsed as the rows are taken, so a 600 MB corpus never sits in memory.
    Raises ``InputError`` naming the file and line for malformed CSV, missing required columns,
    duplicate or unnamed columns with data, rows longer than the header and bytes that are not valid
    in the file's encoding. Blank lines are skipped.
    """
    where = path.name
    stream = open_decoded(path, where)
    try:
        first = stream.readline()
    except UnicodeDecodeError as exc:
        stream.close()
        raise InputError(f"is not valid {stream.encoding} text ({exc.reason})", path=where, line=1) from None
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    reader = csv.reader(itertools.chain([first], stream), delimiter=_delimiter(first), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        stream.close()
        raise InputError(f"malformed CSV ({exc})", path=where, line=reader.line_num) from None
    if header is None:
        stream.close()
        raise InputError("the file is empty", path=where)
    columns = [cell.strip().lower() for cell in header]
    named = [c for c in columns if c]
    duplicates = sorted({c for c in named if named.count(c) > 1})
    problem = None
    if duplicates:
        problem = InputError(f"the header names column(s) {', '.join(duplicates)} twice", path=where, line=1)
    missing = [c for c in required if c not in columns]
    if missing and problem is None:
        problem = InputError(
            f"no '{missing[0]}' column in the header (columns must include {', '.join(required)}; "
            f"found: {', '.join(named) or 'none'})", path=where, line=1)
    if problem is not None:
        stream.close()
        raise problem

    def rows() -> Iterator[CsvRow]:
        previous = reader.line_num
        try:
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise InputError(f"malformed CSV ({exc})", path=where, line=previous + 1) from None
                except UnicodeDecodeError as exc:
                    raise InputError(f"is not valid {stream.encoding} text ({exc.reason}); save it as UTF-8 and "
                                     "try again", path=where, line=previous + 1) from None
                line, previous = previous + 1, reader.line_num
                if not record or not any(cell.strip() for cell in record):
                    continue
                if len(record) > len(columns):
                    raise InputError(f"{len(record)} cells but the header has {len(columns)} columns "
                                     "(a missing quote or an extra comma?)", path=where, line=line)
                cells: dict[str, str] = {}
                for column, value in zip(columns, record):
                    if not column:
                        if value.strip():
                            raise InputError("a value in a column without a name in the header", path=where,
                                             line=line)
                        continue
                    cells[column] = value
                yield CsvRow(line, cells)
        finally:
            stream.close()

    return columns, rows()


def read_csv(path: Path) -> list[DocumentInput]:
    """One ``DocumentInput`` per row; names default to ``<file stem>-<row number>``."""
    return list(iter_csv(path))


def iter_csv(path: Path) -> Iterator[DocumentInput]:
    """The documents of a CSV, one per row, yielded as the file is read (see ``read_csv``)."""
    columns, rows = read_csv_rows(path, required=("text",))
    attribute_columns = [c for c in columns if c and c != "text" and c not in DOCUMENT_FIELDS]
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        cells = row.cells
        text = cells.get("text", "")
        if not text.strip():
            raise InputError("the text cell is empty", path=path.name, line=row.line)
        name = cells.get("name", "").strip() or f"{path.stem}-{number}"
        if name in first_line:
            raise InputError(f"the name '{name}' is used again (first on line {first_line[name]})",
                             path=path.name, line=row.line)
        first_line[name] = row.line
        yield DocumentInput(
            text=text,
            name=name,
            title=cells.get("title", "").strip() or guess_title(text),
            outlet=cells.get("outlet", "").strip(),
            date=cells.get("date", "").strip(),
            language=cells.get("language", "").strip().lower(),
            url=cells.get("url", "").strip(),
            source_file=path.name,
            attributes={c: cells[c] for c in attribute_columns if cells.get(c, "") != ""},
        )
    if not first_line:
        raise InputError("no rows below the header", path=path.name)


def _delimiter(header: str) -> str:
    """Comma, unless the header row uses none and semicolons (European Excel) or tabs instead."""
    if "," in header:
        return ","
    return max((";", "\t"), key=header.count) if (";" in header or "\t" in header) else ","
