"""Codebooks as files: the bundled templates, and CSV import/export a researcher can edit in Excel.

CSV import rules (checked before anything changes; one transaction, nothing stored on error):

* ``path`` is required and authoritative: levels separated by ``/``. An optional ``parent`` column (as
  written by export) must agree with the path, otherwise the row is refused. Because the tree is built
  from paths, a cycle cannot be expressed; a disagreeing ``parent`` is how a cyclic file shows up.
* Other tools' files are read too: Taguette's ``tag`` (or ``name``) column, MAXQDA's ``Code`` and ``Memo``
  (levels separated by ``>`` or a backslash), QualCoder's header-less rows ``Category>>Code, memo``; ``memo`` is
  read as the description.
* A file that lists only leaf paths (``Frames/Security``) creates the parents it implies (the summary
  says how many), rather than refusing the file.
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
from collections.abc import Iterator
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


PATH_COLUMNS = ("path", "tag", "code", "name")  # ours; Taguette's; MAXQDA's; Taguette's other one
DESCRIPTION_COLUMNS = ("description", "memo", "definition")
KNOWN_COLUMNS = {*PATH_COLUMNS, *DESCRIPTION_COLUMNS, *EXPORT_COLUMNS, "color", "sort_order"}


def _as_our_path(value: str, column: str) -> str:
    """A path as another tool writes it, with our separator: QualCoder's ``>>``, MAXQDA's ``>`` or backslash."""
    if ">>" in value:
        return PATH_SEPARATOR.join(part.strip() for part in value.split(">>"))
    if column == "code" and (">" in value or "\\" in value):
        return PATH_SEPARATOR.join(part.strip() for part in re.split(r"[>\\]", value))
    return value


def _rows_of_any_tool(path: str | os.PathLike[str], where: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """(the column holding the code path, rows keyed by our column names) of a codebook CSV of any tool."""
    header, rows = read_csv(path)
    column = next((c for c in PATH_COLUMNS if c in header), None)
    if column == "name" and "path" not in header:
        column = "name"
    if column is not None:
        return column, rows
    # QualCoder's codebook CSV has no header: "Category>>Code", "memo" on every line.
    raw = read_csv(path, header=False)[1]
    if not any(">>" in row.get("0", "") for _line, row in raw):
        raise InputError("has no 'path' column (expected path, description, inclusion, exclusion, example, "
                         "colour, exclusive; or Taguette's tag, MAXQDA's Code, QualCoder's Category>>Code rows)",
                         path=where)
    return "path", [(line, {"path": row.get("0", ""), "description": row.get("1", "")}) for line, row in raw]


def parse_codebook_csv(project: Project, path: str | os.PathLike[str]) -> list[CodeRow]:
    """Read and validate a codebook CSV against the project, without changing anything."""
    where = str(path)
    path_column, rows = _rows_of_any_tool(path, where)
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
            code_path = normalise_code_path(_as_our_path(field(path_column), path_column))
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
        result.append(CodeRow(line, code_path, field("description", *DESCRIPTION_COLUMNS[1:]),
                              *(field(f) for f in _TEXT_FIELDS[1:]), colour, shortcut,
                              exclusive_text in _TRUE, order, guid))
    return result


def import_codebook_csv(project: Project, path: str | os.PathLike[str]) -> str:
    """Import (or re-import) a codebook CSV in one transaction; returns a summary line."""
    rows = parse_codebook_csv(project, path)
    added = updated = implied = 0
    known = {c.path for c in project.codes()} | {r.path for r in rows}
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
                    levels = row.path.split(PATH_SEPARATOR)
                    missing = [PATH_SEPARATOR.join(levels[:i]) for i in range(1, len(levels))
                               if PATH_SEPARATOR.join(levels[:i]) not in known]
                    known.update(missing)
                    implied += len(missing)
                    project.add_code(row.path, color=row.colour, sort_order=row.order, guid=row.guid,
                                     create_parents=True, **fields)  # type: ignore[arg-type]
                    added += 1
            except InputError as exc:
                raise InputError(str(exc), path=str(path), line=row.line) from None
    summary = f"{added} codes added, {updated} updated"
    return summary + (f", {implied} parent codes created for them" if implied else "")


def codebook_table(project: Project, quotes: int = 0) -> tuple[list[str], Iterator[list[object]]]:
    """The codebook export's header, and its rows (one per code in tree order, with per-coder usage
    and the first ``quotes`` coded passages) made one at a time: a preview of the first rows reads
    the quotes of those codes only."""
    coders = project.coders()
    counts = project.code_usage_by_coder()
    header = list(EXPORT_COLUMNS)
    for coder in coders:
        header += [f"segments:{coder.name}", f"documents:{coder.name}"]
    header += [f"quote_{i}" for i in range(1, quotes + 1)]

    def rows() -> Iterator[list[object]]:
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
            yield row

    return header, rows()


def export_codebook_csv(project: Project, path: str | os.PathLike[str], quotes: int = 0, bom: bool = True,
                        delimiter: str = ",", protect_formulas: bool = True) -> int:
    """Write the codebook, one row per code in tree order, with per-coder usage and sample quotes."""
    options = CsvOptions(bom=bom, delimiter=delimiter, protect_formulas=protect_formulas)
    header, rows = codebook_table(project, quotes)
    return write_csv(path, header, rows, options, project_path=project.path)


# ---- codebooks for other tools ----------------------------------------------------------------------

CODEBOOK_TOOLS = ("annotator", "taguette", "qualcoder", "maxqda")
_NOT_CARRIED = ("colours, inclusion/exclusion criteria, examples, shortcut keys and exclusive groups are not "
                "part of {tool}'s codebook file")


def _shared_names(project: Project) -> list[list[str]]:
    by_name: dict[str, list[str]] = {}
    for code in project.codes():
        by_name.setdefault(code.name.casefold(), []).append(code.path)
    return [paths for paths in by_name.values() if len(paths) > 1]


def codebook_for_tool(project: Project, tool: str) -> tuple[list[str] | None, list[list[object]], list[str]]:
    """(header or None, rows, warnings) of the codebook as ``tool`` reads it.

    Taguette reads ``tag`` and ``description`` (and refuses a file that also has ``name`` or ``path``);
    its tags are flat, so a code's full path is its tag. QualCoder reads header-less rows ``Category>>Code``
    and a memo; parents become categories, which hold no codings, and code names must be unique. MAXQDA
    reads ``Code`` and ``Memo`` with levels separated by a backslash, and shortens names to 63 characters.
    """
    codes = project.codes()
    warnings = [_NOT_CARRIED.format(tool={"taguette": "Taguette", "qualcoder": "QualCoder", "maxqda": "MAXQDA"}[tool])]
    if tool == "taguette":
        if any(c.parent_id is not None for c in codes):
            warnings.append("Taguette has no code tree: each code becomes a tag named by its whole path ('A/B')")
        return ["tag", "description"], [[c.path, c.description] for c in codes], warnings
    if tool == "qualcoder":
        shared = _shared_names(project)
        if shared:
            warnings.append(f"{len(shared)} code name(s) are used under different parents ({' and '.join(shared[0][:2])}); "
                            "QualCoder needs unique code names, and its import would merge them or drop their codings")
        counts = project.segment_counts_by_code()
        parents = {c.parent_id for c in codes if c.parent_id is not None}
        applied = [c.path for c in codes if c.id in parents and counts.get(c.id)]
        if applied:
            warnings.append(f"{len(applied)} code(s) with sub-codes were applied (first: '{applied[0]}'); in QualCoder they "
                            "become categories, which cannot hold codings")
        return None, [[c.path.replace(PATH_SEPARATOR, ">>"), c.description] for c in codes], warnings
    if tool == "maxqda":
        long = [c.path for c in codes if len(c.name) > 63]
        if long:
            warnings.append(f"{len(long)} code name(s) are longer than the 63 characters MAXQDA keeps (first: '{long[0][:40]}…')")
        return ["Code", "Memo"], [[c.path.replace(PATH_SEPARATOR, "\\"), c.description] for c in codes], warnings
    raise InputError(f"unknown tool '{tool}' (choose {', '.join(CODEBOOK_TOOLS)})")


def export_codebook_for_tool(project: Project, path: str | os.PathLike[str], tool: str,
                             options: CsvOptions | None = None) -> tuple[int, list[str]]:
    """Write the codebook in the CSV layout ``tool`` imports; returns (codes written, warnings)."""
    header, rows, warnings = codebook_for_tool(project, tool)
    return write_csv(path, header, rows, options, project_path=project.path), warnings
