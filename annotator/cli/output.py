"""Printing a command's rows as an aligned table, CSV or JSON (the ``--format`` of the list commands)."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any


def emit(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str, *,
         table_columns: Sequence[str] | None = None, empty: str = "") -> None:
    """``json``: the rows as objects (all their keys); ``csv``: ``columns``; ``table``: ``table_columns``."""
    if fmt == "json":
        json.dump([dict(r) for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    else:
        if not rows and empty:
            print(empty, file=sys.stderr)
            return
        table(rows, table_columns or columns)


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """An aligned plain-text table; numbers right-aligned; CJK characters count two columns."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([width(c)] + [width(line[i]) for line in cells]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(r.get(c), int) for r in rows) and bool(rows) for c in columns]
    for line in [list(columns), *cells]:
        out = []
        for value, w, right in zip(line, widths, numeric):
            gap = " " * (w - width(value))
            out.append(gap + value if right else value + gap)
        print("  ".join(out).rstrip())


def excerpt(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters (line breaks shown as ↵)."""
    text = text.replace("\r\n", "\n").replace("\n", "\u21b5")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return str(value)
