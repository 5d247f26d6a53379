"""Integrity checks of a project file (``annotator check``): each check returns findings, none means fine.

A check is a function ``(project) -> list[Finding]`` registered in ``CHECKS`` under a short name; add
one by appending to the list. Checks only read: they report what is wrong and where, and say how to
fix it, but change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.core.store import Project


@dataclass(frozen=True)
class Finding:
    check: str  # the name of the check that found it
    message: str  # one line a user can act on
    details: dict[str, object] = field(default_factory=dict)  # machine-readable (JSON output)

    def as_dict(self) -> dict[str, object]:
        return {"check": self.check, "message": self.message, **self.details}


Check = Callable[[Project], list[Finding]]


def exclusive_conflicts(project: Project) -> list[Finding]:
    """Two values of one exclusive group on overlapping text of one coder (older files, merges)."""
    from annotator.core.exclusive import find_conflicts

    return [Finding("exclusive-groups", c.describe() + "; keep one (re-code or delete the other)", c.as_dict())
            for c in find_conflicts(project)]


CHECKS: list[tuple[str, Check]] = [
    ("exclusive-groups", exclusive_conflicts),
]


def run_checks(project: Project, names: list[str] | None = None) -> list[Finding]:
    """The findings of every check (or of the named ones), in check order."""
    known = dict(CHECKS)
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        from annotator.core.errors import InputError

        raise InputError(f"unknown check '{unknown[0]}' (checks: {', '.join(known)})")
    return [f for name, check in CHECKS if not names or name in names for f in check(project)]
