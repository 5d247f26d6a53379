"""Integrity checks of a project file (``annotator check``): each check returns findings, none means fine.

A check is a function ``(project) -> list[Finding]`` registered in ``CHECKS`` under a short name; add
one by appending to the list. Checks only read: they report what is wrong and where, and say how to
fix it, but change nothing.

Opening a project does not read the whole file (that made every command wait 1-2 s on a large archive):
SQLite's full check runs after an unclean shutdown, in the background in the app, and here on demand
(``sqlite``; ``--quick`` runs SQLite's faster quick_check instead). Beyond it, the facts Annotator relies
on are verified: every reference points somewhere, every coded span lies inside its text, every text
still has the length and hash it was imported with (offsets depend on it), the codebook's paths agree
with its tree. When SQLite finds the file itself damaged, the checks that read tables are skipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.core.model import MAX_CODE_DEPTH, PATH_SEPARATOR
from annotator.core.store import Project
from annotator.core.text import content_hash

LIMIT = 100  # findings per check worth listing


@dataclass(frozen=True)
class Finding:
    check: str  # the name of the check that found it
    message: str  # one line a user can act on
    details: dict[str, object] = field(default_factory=dict)  # machine-readable (JSON output)
    severity: str = "error"  # or "warning": worth a look, not wrong

    def as_dict(self) -> dict[str, object]:
        return {"check": self.check, "message": self.message, "severity": self.severity, **self.details}


Check = Callable[[Project], list[Finding]]


def sqlite_integrity(project: Project, *, full: bool = True) -> list[Finding]:
    """SQLite's integrity_check: every page, every index entry against its table."""
    return [Finding("sqlite", line + "; restore a backup of the project (the file is damaged)")
            for line in project.sqlite_check(full=full, limit=LIMIT)]


def sqlite_quick(project: Project) -> list[Finding]:
    return sqlite_integrity(project, full=False)


def references(project: Project) -> list[Finding]:
    return [Finding("references", f"{table} row {rowid} refers to a missing row of {parent}",
                    {"table": table, "rowid": rowid, "parent": parent})
            for table, rowid, parent in project.foreign_key_problems()[:LIMIT]]


def spans(project: Project) -> list[Finding]:
    return [Finding("spans", f"segment {segment_id} in '{name}' spans {start}-{end}, but the text has {length} "
                    "characters", {"segment": segment_id, "document": name, "start": start, "end": end})
            for segment_id, name, start, end, length in project.segments_outside_their_documents(LIMIT)]


def texts(project: Project) -> list[Finding]:
    found: list[Finding] = []
    for _id, name, text, length, digest in project.document_texts_with_stored_facts():
        problem = ""
        if len(text) != length:
            problem = f"has {len(text)} characters but was imported with {length}; coded offsets may no longer fit"
        elif content_hash(text) != digest:
            problem = "was changed after import (its hash differs); coded offsets may no longer fit"
        elif "\x00" in text:
            problem = "contains a NUL character, which cuts exported passages short"
        if problem:
            found.append(Finding("texts", f"document '{name}' {problem}", {"document": name}))
            if len(found) >= LIMIT:
                break
    return found


def codebook(project: Project) -> list[Finding]:
    found: list[Finding] = []
    for _id, path, name, parent_path in project.code_paths_and_parents():
        expected = f"{parent_path}{PATH_SEPARATOR}{name}" if parent_path is not None else name
        if path != expected:
            found.append(Finding("codebook", f"code '{path}' should be at '{expected}' by its place in the tree",
                                 {"code": path}))
        elif path.count(PATH_SEPARATOR) >= MAX_CODE_DEPTH:
            found.append(Finding("codebook", f"code '{path[:60]}…' is more than {MAX_CODE_DEPTH} levels deep",
                                 {"code": path}, severity="warning"))
        if len(found) >= LIMIT:
            break
    return found


def exclusive_conflicts(project: Project) -> list[Finding]:
    """Two values of one exclusive group on overlapping text of one coder (older files, merges)."""
    from annotator.core.exclusive import find_conflicts

    return [Finding("exclusive-groups", c.describe() + "; keep one (re-code or delete the other)", c.as_dict())
            for c in find_conflicts(project)]


CHECKS: list[tuple[str, Check]] = [
    ("sqlite", sqlite_integrity),
    ("references", references),
    ("spans", spans),
    ("texts", texts),
    ("codebook", codebook),
    ("exclusive-groups", exclusive_conflicts),
]
QUICK = {"sqlite": sqlite_quick}  # what --quick runs instead
FILE_LEVEL = {"sqlite"}  # checks that still make sense when SQLite finds the file damaged


def run_checks(project: Project, names: list[str] | None = None, *, quick: bool = False) -> list[Finding]:
    """The findings of every check (or of the named ones), in check order."""
    known = dict(CHECKS)
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        from annotator.core.errors import InputError

        raise InputError(f"unknown check '{unknown[0]}' (checks: {', '.join(known)})")
    findings: list[Finding] = []
    damaged = False
    for name, check in CHECKS:
        if names and name not in names:
            continue
        if damaged and name not in FILE_LEVEL:
            findings.append(Finding(name, "not run: the file itself is damaged", severity="warning"))
            continue
        try:
            found = (QUICK.get(name, check) if quick else check)(project)
        except sqlite3.DatabaseError as exc:
            found = [Finding(name, f"could not be run: the file is damaged ({exc})")]
        findings.extend(found)
        damaged = damaged or (name in FILE_LEVEL and any(f.severity == "error" for f in found))
    return findings
