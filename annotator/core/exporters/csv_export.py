"""CSV writing shared by every exporter: Excel-friendly BOM, delimiter choice, formula protection.

Formula protection: a spreadsheet treats a cell starting with ``= + - @`` (or a tab / carriage return)
as a formula, so a news sentence such as ``=HYPERLINK(...)`` or ``-5% growth`` could run or mangle.
Such cells get a leading apostrophe, which Excel and LibreOffice hide. Only the cell gains a character:
offsets in other columns always refer to the stored document text, never to the protected cell.
``unprotect`` removes exactly the apostrophe ``protect`` added, so protected files re-import unchanged.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.exporters.output import output_file

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FIRST = frozenset("=+-@\t\r'")  # first characters that make protect() look closer


@dataclass(frozen=True)
class CsvOptions:
    """How a CSV file is written; the defaults suit Excel on Windows and R/pandas alike."""

    bom: bool = True
    delimiter: str = ","
    protect_formulas: bool = True

    def __post_init__(self) -> None:
        if len(self.delimiter) != 1 or self.delimiter in "\"\r\n'":
            raise InputError(f"invalid CSV delimiter {self.delimiter!r} (use one character such as , ; or tab)")


def protect(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would evaluate. Cells that already start with
    apostrophes before such a character get one more, so that ``unprotect`` is an exact inverse."""
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unprotect(value: str) -> str:
    """Undo ``protect`` on an imported cell."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def render_csv(header: Sequence[str], rows: Iterable[Sequence[object]], options: CsvOptions) -> str:
    """The CSV text (without BOM); line ends are CRLF as RFC 4180 and Excel expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=options.delimiter, lineterminator="\r\n")
    fix = protect if options.protect_formulas else (lambda s: s)
    writer.writerow([fix(h) for h in header])
    for row in rows:
        writer.writerow([fix(cell(v)) for v in row])
    return buffer.getvalue()


def write_csv(path: str | os.PathLike[str], header: Sequence[str] | None, rows: Iterable[Sequence[object]],
              options: CsvOptions | None = None, *, project_path: Path | None = None) -> int:
    """Write a CSV file row by row as ``rows`` yields them (memory does not grow with the table), through
    a temporary file renamed into place (``output.output_file``); returns the number of data rows.
    ``project_path`` is the project being exported: the target may not be that file or its companions."""
    options = options or CsvOptions()
    guard = options.protect_formulas
    counter = itertools.count()

    def cells(row: Sequence[object]) -> list[object]:
        # The hot loop of every large export: numbers go to the csv module as they are (it formats them),
        # and only a string whose first character could start a formula is looked at twice.
        next(counter)
        out: list[object] = []
        for value in row:
            if value.__class__ is str:
                out.append(protect(value) if guard and value and value[0] in _FIRST else value)  # type: ignore[index]
            elif value is None or value.__class__ is int:
                out.append(value)
            else:
                out.append(cell(value) if not guard else protect(cell(value)))
        return out

    with output_file(path, project_path=project_path, encoding="utf-8-sig" if options.bom else "utf-8") as handle:
        writer = csv.writer(handle, delimiter=options.delimiter, lineterminator="\r\n")
        if header is not None:  # (QualCoder's codebook files have no header row)
            writer.writerow([protect(h) if guard else h for h in header])
        writer.writerows(map(cells, rows))
    return next(counter)


def read_csv(path: str | os.PathLike[str], *, header: bool = True
             ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a UTF-8 CSV (BOM optional, delimiter , ; tab or | sniffed from the first line) into
    (header, [(line number, row dict)]). Refuses other encodings with the line at fault. With
    ``header=False`` every line is data, keyed "0", "1", ... by position."""
    path = Path(path)
    if path.exists() and not path.is_file():  # a pipe would hang here
        raise InputError("is not a regular file (a pipe or a device); save it as a file first", path=str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text; save it as 'CSV UTF-8' and try again", path=str(path),
                         line=line) from None
    if "\x00" in text:
        raise InputError("contains NUL characters; it is not a text CSV file", path=str(path))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t", "|"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [h.strip().lower() for h in next(reader, [])] if header else []
        rows: list[tuple[int, dict[str, str]]] = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            keys = names if header else [str(i) for i in range(len(values))]
            rows.append((reader.line_num, {h: v for h, v in zip(keys, values)}))
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc})", path=str(path), line=reader.line_num) from None
    if header and (not names or not any(names)):
        raise InputError("is empty (no header row)", path=str(path))
    return names, rows
