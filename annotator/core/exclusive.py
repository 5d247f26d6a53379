"""Mutually exclusive code groups as variables: within a group a coder gives a stretch of text one value.

A code marked ``exclusive`` that has children is a group (the agreement engine's nominal variable): its
value on a stretch of text is which child (or a descendant of that child) the coder applied there.
Two different children of one group on overlapping text of one coder are two values for one unit,
which no agreement coefficient can count. New coding prevents that (the second child replaces the
first, see ``annotator.core.commands.AddSegment``); imports refuse it; files that already hold such
conflicts (older projects, merges) are listed by ``find_conflicts`` for ``annotator check`` and the
Agreement view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from annotator.core.model import Code, Segment
from annotator.core.store import Project

K = TypeVar("K")


@dataclass(frozen=True)
class ExclusiveGroups:
    """For each code, the groups it gives a value to and which value: code id -> ((group id, child id), ...)."""

    values: dict[int, tuple[tuple[int, int], ...]]
    paths: dict[int, str]  # code id -> path, for messages

    @classmethod
    def of(cls, codes: Sequence[Code]) -> "ExclusiveGroups":
        by_id = {c.id: c for c in codes}
        has_children = {c.parent_id for c in codes if c.parent_id is not None}
        groups = {c.id for c in codes if c.exclusive and c.id in has_children}
        values: dict[int, tuple[tuple[int, int], ...]] = {}
        for code in codes:
            found: list[tuple[int, int]] = []
            child = code
            seen = {code.id}
            while child.parent_id is not None and child.parent_id in by_id:
                parent = by_id[child.parent_id]
                if parent.id in groups:
                    found.append((parent.id, child.id))
                if parent.id in seen:  # a cycle in a damaged file: stop rather than loop
                    break
                seen.add(parent.id)
                child = parent
            if found:
                values[code.id] = tuple(found)
        return cls(values, {c.id: c.path for c in codes})

    @classmethod
    def of_project(cls, project: Project) -> "ExclusiveGroups":
        return cls.of(project.codes())

    def __bool__(self) -> bool:
        return bool(self.values)

    def clash(self, a: int, b: int) -> int | None:
        """The group in which codes ``a`` and ``b`` are different values, or None if they can coexist."""
        if a == b:
            return None
        other = dict(self.values.get(b, ()))
        for group, child in self.values.get(a, ()):
            if group in other and other[group] != child:
                return group
        return None

    def grouped_codes(self) -> list[int]:
        """Every code that is a value of some group (the only codes that can conflict)."""
        return sorted(self.values)

    def path(self, code_id: int) -> str:
        return self.paths.get(code_id, "?")


@dataclass(frozen=True)
class Item(Generic[K]):
    """A coded span to check: ``key`` is whatever the caller needs back (a segment id, a CSV line)."""

    key: K
    document_id: int
    coder: object  # a coder id, or a coder name for rows not stored yet
    code_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Clash(Generic[K]):
    """Two items giving two values of ``group_id`` to the overlap ``start``-``end``."""

    first: Item[K]
    second: Item[K]
    group_id: int

    @property
    def start(self) -> int:
        return max(self.first.start, self.second.start)

    @property
    def end(self) -> int:
        return min(self.first.end, self.second.end)


def clashes(items: Iterable[Item[K]], groups: ExclusiveGroups) -> list[Clash[K]]:
    """Every pair of items of one coder in one document that overlap and clash, in text order.

    A sweep over the items sorted by start within each (document, coder): a pair is compared only
    while the second starts before the first ends, so long documents with many codings stay cheap.
    """
    by_place: dict[tuple[int, object], list[Item[K]]] = {}
    for item in items:
        if item.code_id in groups.values:
            by_place.setdefault((item.document_id, item.coder), []).append(item)
    found: list[Clash[K]] = []
    for place in by_place.values():
        place.sort(key=lambda i: (i.start, i.end))
        for index, first in enumerate(place):
            for second in place[index + 1:]:
                if second.start >= first.end:
                    break
                group = groups.clash(first.code_id, second.code_id)
                if group is not None:
                    found.append(Clash(first, second, group))
    found.sort(key=lambda c: (c.first.document_id, c.start, c.end))
    return found


def conflicting_segments(project: Project, document_id: int, coder_id: int, code_id: int, start: int, end: int,
                         *, ignore: Iterable[int] = (), groups: ExclusiveGroups | None = None) -> list[Segment]:
    """The coder's segments in the document that a coding of ``code_id`` at ``start``-``end`` would
    contradict: other values of one of its exclusive groups on overlapping text."""
    groups = ExclusiveGroups.of_project(project) if groups is None else groups
    if code_id not in groups.values:
        return []
    skip = set(ignore)
    return [s for s in project.segments(document_id=document_id, coder_ids=[coder_id])
            if s.id not in skip and s.start < end and start < s.end and groups.clash(code_id, s.code_id) is not None]


@dataclass(frozen=True)
class Conflict:
    """Two values of one exclusive group on overlapping text of one coder, already in the file."""

    document: str
    coder: str
    group: str
    start: int
    end: int
    codes: tuple[str, str]
    segment_ids: tuple[int, int]

    def as_dict(self) -> dict[str, object]:
        return {"document": self.document, "coder": self.coder, "group": self.group, "start": self.start,
                "end": self.end, "codes": list(self.codes), "segments": list(self.segment_ids)}

    def describe(self) -> str:
        return (f"{self.document} [{self.start}-{self.end}]: {self.coder} gives '{self.group}' two values, "
                f"'{self.codes[0]}' and '{self.codes[1]}' (segments {self.segment_ids[0]} and {self.segment_ids[1]})")


def find_conflicts(project: Project, *, coder_ids: Sequence[int] | None = None,
                   document_ids: Sequence[int] | None = None) -> list[Conflict]:
    """Every exclusive-group conflict stored in the project (optionally of some coders or documents)."""
    groups = ExclusiveGroups.of_project(project)
    if not groups:
        return []
    segments = project.segments(code_ids=groups.grouped_codes(), coder_ids=coder_ids, document_ids=document_ids)
    found = clashes((Item(s.id, s.document_id, s.coder_id, s.code_id, s.start, s.end) for s in segments), groups)
    if not found:
        return []
    names = project.document_names()
    coders = {c.id: c.name for c in project.coders()}
    return [Conflict(names[c.first.document_id], coders[c.first.coder], groups.path(c.group_id),  # type: ignore[index]
                     c.start, c.end, (groups.path(c.first.code_id), groups.path(c.second.code_id)),
                     (c.first.key, c.second.key)) for c in found]


__all__ = ["Clash", "Conflict", "ExclusiveGroups", "Item", "clashes", "conflicting_segments", "find_conflicts"]
