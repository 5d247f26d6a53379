"""Codebooks as files: the bundled templates, and CSV import/export a researcher can edit in Excel.

CSV import rules (checked before anything changes; one transaction, nothing stored on error):

* ``path`` is required and authoritative: levels separated by ``/``. An optional ``parent`` column (as
  written by export) must agree with the path, otherwise the row is refused. Because the tree is built
  from paths, a cycle cannot be expressed; a disagreeing ``parent`` is how a cyclic file shows up.
* A code's parent must be another row of the file (anywhere in it) or a code already in the project;
  parents are never invented, since a typo would otherwise create a stray branch.
* Duplicate paths, duplicate shortcuts, bad colours, bad ``exclusive`` values, bad guids are refused
  with the line number.
* A code whose path already exists is updated (re-importing an edited codebook); new codes keep the
  file's guid when given, which makes export -> import -> export byte-identical.
* A shortcut given in the file moves to that code (another code holding it loses it), so a file can
  reassign keys freely. A guid in the file that belongs to a code at another path is refused (rename
  codes in the app, not by editing paths in the CSV).
* Export-only columns (``level``, ``name``, ``segments:<coder>``, ``documents:<coder>``, ``quote_N``)
  are ignored. Cells protected against formula injection on export are unprotected on import.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.exporters.csv_export import CsvOptions, read_csv, unprotect, write_csv
from annotator.core.model import PATH_SEPARATOR
from annotator.core.store import Project, check_colour, normalise_code_path

TEMPLATES = ("policy-frames", "generic-frames", "empty", "policy-frames.zh", "generic-frames.zh")

EXPORT_COLUMNS = ("path", "parent", "level", "name", "description", "inclusion", "exclusion", "example",
                  "colour", "shortcut", "exclusive", "order", "guid")
_TEXT_FIELDS = ("description", "inclusion", "exclusion", "example")
_TRUE = {"1", "true", "yes", "y", "x", "是"}
_FALSE = {"", "0", "false", "no", "n", "否"}
GUID_RE = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")


@dataclass(frozen=True)
class CodeRow:
    """One validated row of a codebook CSV."""

    line: int
    path: str
    description: str
    inclusion: str
    exclusion: str
    example: str
    colour: str | None
    shortcut: str
    exclusive: bool
    order: int | None
    guid: str | None


def template_path(name: str) -> Path:
    from annotator.resources import resource_path

    return resource_path("codebooks", f"{name}.csv")


def load_template(project: Project, spec: str) -> str:
    """Import a bundled template by name (``policy-frames``, ``generic-frames.zh``...) or a CSV path."""
    name = spec[:-4] if spec.endswith(".csv") and spec[:-4] in TEMPLATES else spec
    if name in TEMPLATES:
        return import_codebook_csv(project, template_path(name))
    if os.path.sep in spec or spec.endswith(".csv") or Path(spec).exists():
        return import_codebook_csv(project, spec)
    raise InputError(f"unknown codebook template '{spec}' (choose {', '.join(TEMPLATES)} or a .csv file)")


def parse_codebook_csv(project: Project, path: str | os.PathLike[str]) -> list[CodeRow]:
    """Read and validate a codebook CSV against the project, without changing anything."""
    where = str(path)
    header, rows = read_csv(path)
    if "path" not in header:
        raise InputError("has no 'path' column (expected path, description, inclusion, exclusion, example, "
                         "colour, exclusive)", path=where)
    existing = {c.path: c for c in project.codes()}
    guid_owner = {c.guid.upper(): c.path for c in existing.values()}
    result: list[CodeRow] = []
    seen: dict[str, int] = {}
    seen_guid: dict[str, int] = {}
    seen_shortcut: dict[str, int] = {}
    for line, row in rows:
        def field(name: str, *aliases: str) -> str:
            for key in (name, *aliases):
                if key in row:
                    return unprotect(row[key] or "")
            return ""

        try:
            code_path = normalise_code_path(field("path"))
        except InputError as exc:
            raise InputError(str(exc), path=where, line=line) from None
        if code_path in seen:
            raise InputError(f"duplicate code '{code_path}' (also on line {seen[code_path]})", path=where, line=line)
        seen[code_path] = line
        parent = field("parent").strip()
        if parent and parent != code_path.rpartition(PATH_SEPARATOR)[0]:
            raise InputError(f"parent '{parent}' disagrees with path '{code_path}' (the path decides; a code "
                             "cannot be its own ancestor)", path=where, line=line)
        colour_text = field("colour", "color").strip()
        colour = None
        if colour_text:
            try:
                colour = check_colour(colour_text)
            except InputError as exc:
                raise InputError(str(exc), path=where, line=line) from None
        exclusive_text = field("exclusive").strip().lower()
        if exclusive_text not in _TRUE | _FALSE:
            raise InputError(f"exclusive must be 1 or 0, not '{exclusive_text}'", path=where, line=line)
        order_text = field("order", "sort_order").strip()
        order = None
        if order_text:
            try:
                order = int(order_text)
            except ValueError:
                raise InputError(f"order must be a whole number, not '{order_text}'", path=where, line=line) from None
        guid = field("guid").strip().strip("{}").upper() or None
        if guid is not None:
            if not GUID_RE.match(guid):
                raise InputError(f"invalid guid '{guid}'", path=where, line=line)
            if guid in seen_guid:
                raise InputError(f"guid {guid} also used on line {seen_guid[guid]}", path=where, line=line)
            owner = guid_owner.get(guid)
            if owner is not None and owner != code_path:
                raise InputError(f"guid {guid} already belongs to code '{owner}'", path=where, line=line)
            seen_guid[guid] = line
        shortcut = field("shortcut").strip()
        if shortcut:
            if shortcut in seen_shortcut:
                raise InputError(f"shortcut '{shortcut}' also used on line {seen_shortcut[shortcut]}",
                                 path=where, line=line)
            seen_shortcut[shortcut] = line
        result.append(CodeRow(line, code_path, *(field(f) for f in _TEXT_FIELDS), colour, shortcut,
                              exclusive_text in _TRUE, order, guid))
    for row in result:
        parent = row.path.rpartition(PATH_SEPARATOR)[0]
        if parent and parent not in seen and parent not in existing:
            raise InputError(f"the parent '{parent}' of '{row.path}' is neither in the file nor in the project",
                             path=where, line=row.line)
    return result


def import_codebook_csv(project: Project, path: str | os.PathLike[str]) -> str:
    """Import (or re-import) a codebook CSV in one transaction; returns a summary line."""
    rows = parse_codebook_csv(project, path)
    added = updated = 0
    with project.transaction():
        # Free shortcuts first so that codes can swap shortcuts on re-import.
        for row in rows:
            if row.shortcut:
                project.clear_shortcut(row.shortcut)
        # Parents before children, file order otherwise.
        for row in sorted(rows, key=lambda r: r.path.count(PATH_SEPARATOR)):
            fields: dict[str, object] = {f: getattr(row, f) for f in _TEXT_FIELDS}
            fields.update(shortcut=row.shortcut, exclusive=row.exclusive)
            try:
                if project._has_path(row.path):
                    code = project.code(row.path)
                    if row.colour:
                        fields["color"] = row.colour
                    if row.order is not None:
                        fields["sort_order"] = row.order
                    project.update_code(code.id, **fields)
                    updated += 1
                else:
                    project.add_code(row.path, color=row.colour, sort_order=row.order, guid=row.guid,
                                     create_parents=False, **fields)  # type: ignore[arg-type]
                    added += 1
            except InputError as exc:
                raise InputError(str(exc), path=str(path), line=row.line) from None
    return f"{added} codes added, {updated} updated"


def export_codebook_csv(project: Project, path: str | os.PathLike[str], quotes: int = 0, bom: bool = True,
                        delimiter: str = ",", protect_formulas: bool = True) -> int:
    """Write the codebook, one row per code in tree order, with per-coder usage and sample quotes."""
    options = CsvOptions(bom=bom, delimiter=delimiter, protect_formulas=protect_formulas)
    coders = project.coders()
    counts = project.code_usage_by_coder()
    header = list(EXPORT_COLUMNS)
    for coder in coders:
        header += [f"segments:{coder.name}", f"documents:{coder.name}"]
    header += [f"quote_{i}" for i in range(1, quotes + 1)]
    rows = []
    for code in project.codes():
        row: list[object] = [code.path, code.parent_path, code.level, code.name, code.description,
                             code.inclusion, code.exclusion, code.example, code.color, code.shortcut,
                             int(code.exclusive), code.sort_order, code.guid]
        for coder in coders:
            n, docs = counts.get((code.id, coder.id), (0, 0))
            row += [n, docs]
        if quotes:
            texts = project.code_quotes(code.id, quotes)
            row += texts + [""] * (quotes - len(texts))
        rows.append(row)
    return write_csv(path, header, rows, options, project_path=project.path)
