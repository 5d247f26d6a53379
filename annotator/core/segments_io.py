"""Importing coding done elsewhere: coded segments and coder assignments from CSV.

Typical sources are a spreadsheet of spans exported from another tool or a script, our own segments
export, and a work plan saying which coder codes which article. Rows refer to documents by name, codes by
path and coders by name, so the files are readable and editable by hand. Every row is checked before
anything is written; one bad row refuses the whole file, naming its line, and the project is left unchanged.

The segments export and this import are inverse: the apostrophe that formula protection puts before a
cell starting with ``= + - @`` (tab, CR) is taken off again (``unprotect``), and ``guid``, ``created`` and
``updated`` columns, when present, are kept (a guid only when no other segment here has it).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.exporters.csv_export import unprotect
from annotator.core.importers.csv_table import CsvRow, read_csv_rows
from annotator.core.model import ASSIGNMENT_STATUSES
from annotator.core.store import Project, normalise_code_path
from annotator.core.text import normalise

SEGMENT_COLUMNS = ("document", "coder", "code", "start", "end")
ASSIGNMENT_COLUMNS = ("document", "coder", "status")
GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")


@dataclass(frozen=True)
class _SegmentRow:
    line: int
    document_id: int
    coder: str
    code_id: int
    start: int
    end: int
    memo: str
    guid: str | None = None
    created: str | None = None
    updated: str | None = None


class _Lookups:
    """Documents and codes by name/path, read once per import (a file may hold thousands of rows)."""

    def __init__(self, project: Project, where: str) -> None:
        self.project = project
        self.where = where
        lengths = project.document_lengths()
        self.documents = {name: (doc_id, lengths[doc_id]) for doc_id, name in project.document_names().items()}
        self.codes = project.code_ids_by_path()
        self.grouping = {c.path for c in project.codes() if not c.codable}
        self._text: tuple[int, str] | None = None  # the last document's text (rows come by document)

    def raw(self, row: CsvRow, column: str) -> str:
        """A cell as the project had it (formula protection undone)."""
        return unprotect(row.cells.get(column, ""))

    def cell(self, row: CsvRow, column: str) -> str:
        value = self.raw(row, column).strip()
        if not value:
            raise InputError(f"the {column} cell is empty", path=self.where, line=row.line)
        return value

    def document(self, row: CsvRow) -> tuple[int, int]:
        name = self.cell(row, "document")
        if name not in self.documents:
            raise InputError(f"no document named '{name}' in the project", path=self.where, line=row.line)
        return self.documents[name]

    def code(self, row: CsvRow) -> int:
        raw = self.cell(row, "code")
        try:
            path = normalise_code_path(raw)
        except InputError as exc:
            raise InputError(str(exc), path=self.where, line=row.line) from None
        if path not in self.codes:
            raise InputError(f"no code '{path}' in the codebook (add it first)", path=self.where, line=row.line)
        if path in self.grouping:
            raise InputError(f"code '{path}' only groups other codes and cannot be applied", path=self.where,
                             line=row.line)
        return self.codes[path]

    def offset(self, row: CsvRow, column: str) -> int:
        value = self.cell(row, column)
        try:
            return int(value)
        except ValueError:
            pass
        try:  # spreadsheets like to write 12 as 12.0
            number = float(value)
            if number.is_integer():
                return int(number)
        except (ValueError, OverflowError):
            pass
        raise InputError(f"{column} must be a whole number, not '{value}'", path=self.where, line=row.line)

    def text(self, document_id: int) -> str:
        if self._text is None or self._text[0] != document_id:
            self._text = (document_id, self.project.document_text(document_id))
        return self._text[1]

    def optional(self, row: CsvRow, column: str) -> str | None:
        return self.raw(row, column).strip() or None


def import_segments_csv(project: Project, path: str | os.PathLike[str], mark_done: bool = False) -> int:
    """Add the segments in a CSV (document, coder, code, start, end[, memo, text]); return how many.

    Offsets are code points into the stored text, end exclusive. A ``text`` cell, when given, must
    equal the stored text at those offsets: it catches files made against another version of the
    documents, which would otherwise code the wrong words. New coders are created. Segments identical
    to ones already stored (same document, coder, code and span) are skipped, so re-importing a file
    is harmless. Coders' assignments become 'in_progress', or 'done' with ``mark_done``.
    """
    path = Path(path)
    _, rows = read_csv_rows(path, required=SEGMENT_COLUMNS)
    lookups = _Lookups(project, path.name)
    parsed: list[_SegmentRow] = []
    for row in rows:
        document_id, length = lookups.document(row)
        coder = lookups.cell(row, "coder")
        code_id = lookups.code(row)
        start, end = lookups.offset(row, "start"), lookups.offset(row, "end")
        if not 0 <= start < end <= length:
            raise InputError(f"span {start}-{end} is outside the document (0-{length}) or empty",
                             path=lookups.where, line=row.line)
        expected = lookups.raw(row, "text")
        if expected:
            stored = lookups.text(document_id)[start:end]
            if normalise(expected) != stored:
                raise InputError(
                    f"the text cell does not match the document at {start}-{end} "
                    f"(document has '{_excerpt(stored)}', file has '{_excerpt(expected)}'); "
                    "nothing was imported", path=lookups.where, line=row.line)
        guid = lookups.optional(row, "guid")
        parsed.append(_SegmentRow(row.line, document_id, coder, code_id, start, end, lookups.raw(row, "memo"),
                                  guid.strip("{}").upper() if guid and GUID.match(guid) else None,
                                  lookups.optional(row, "created"), lookups.optional(row, "updated")))
    _refuse_exclusive_conflicts(project, parsed, lookups.where)

    with project.transaction():
        coder_ids = {name: project.ensure_coder(name).id for name in dict.fromkeys(r.coder for r in parsed)}
        added, _duplicates, _taken = project.merge_segments(
            ((r.document_id, coder_ids[r.coder], r.code_id, r.start, r.end, r.memo, r.guid, r.created, r.updated)
             for r in parsed), mark_in_progress=False)
        pairs = dict.fromkeys((r.document_id, coder_ids[r.coder]) for r in parsed)
        current = project.assignment_statuses(pairs)
        project.set_assignments({pair: "done" for pair in pairs} if mark_done else
                                {pair: "in_progress" for pair in pairs if current[pair] in (None, "assigned")})
    return added


def _refuse_exclusive_conflicts(project: Project, rows: list[_SegmentRow], where: str) -> None:
    """Refuse a file that gives two values of one exclusive group to overlapping text of one coder,
    within the file or against what that coder already coded in the project."""
    from annotator.core.exclusive import ExclusiveGroups, Item, clashes

    groups = ExclusiveGroups.of_project(project)
    if not groups:
        return
    items: list[Item[tuple[str, int]]] = [
        Item(("line", r.line), r.document_id, r.coder, r.code_id, r.start, r.end) for r in rows]
    names = {c.id: c.name for c in project.coders()}
    documents = sorted({r.document_id for r in rows})
    items += [Item(("segment", s.id), s.document_id, names[s.coder_id], s.code_id, s.start, s.end)
              for s in project.segments(code_ids=groups.grouped_codes(), document_ids=documents)
              if names[s.coder_id] in {r.coder for r in rows}]
    for clash in clashes(items, groups):
        first, second = sorted((clash.first, clash.second), key=lambda i: (i.key[0] != "line", i.key[1]))
        if first.key[0] != "line":
            continue  # a conflict already in the project is for `annotator check`, not this file
        group = groups.path(clash.group_id)
        codes = f"'{groups.path(first.code_id)}' and '{groups.path(second.code_id)}'"
        if second.key[0] == "line":
            what, line = f"lines {first.key[1]} and {second.key[1]} give", None
        else:
            what, line = f"gives (with segment {second.key[1]} already in the project)", first.key[1]
        raise InputError(
            f"{what} coder '{first.coder}' two values of the exclusive group '{group}', {codes}, on overlapping "
            f"text ({clash.start}-{clash.end}); a coder gives a stretch of text one value of a group; "
            "nothing was imported", path=where, line=line)


def import_assignments_csv(project: Project, path: str | os.PathLike[str]) -> int:
    """Set who codes what from a CSV (document, coder, status); new coders are created. Returns rows set."""
    path = Path(path)
    _, rows = read_csv_rows(path, required=ASSIGNMENT_COLUMNS)
    lookups = _Lookups(project, path.name)
    parsed: list[tuple[int, str, str]] = []
    for row in rows:
        document_id, _ = lookups.document(row)
        coder = lookups.cell(row, "coder")
        status = lookups.cell(row, "status").lower().replace(" ", "_").replace("-", "_")
        if status not in ASSIGNMENT_STATUSES:
            raise InputError(f"unknown status '{row.cells['status'].strip()}' "
                             f"(use {', '.join(ASSIGNMENT_STATUSES)})", path=lookups.where, line=row.line)
        parsed.append((document_id, coder, status))
    with project.transaction():
        for document_id, coder, status in parsed:
            project.set_assignment(document_id, project.ensure_coder(coder).id, status)
    return len(parsed)


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
