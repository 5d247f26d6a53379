"""Domain objects of a project: plain dataclasses, no storage and no Qt.

Offsets (``start``, ``end``) are always Python code points into the stored, normalised document text,
end exclusive, so ``document.text[segment.start:segment.end]`` is the coded text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AssignmentStatus = Literal["assigned", "in_progress", "done"]
ASSIGNMENT_STATUSES: tuple[str, ...] = ("assigned", "in_progress", "done")
PATH_SEPARATOR = "/"
# The deepest codebook accepted (levels of a code path). Real codebooks have 2-5 levels; a limit keeps a
# hostile or broken file from building trees that nothing can show or export sensibly.
MAX_CODE_DEPTH = 64


@dataclass(frozen=True)
class DocumentInput:
    """A document as an importer produces it, before it is stored (text not yet normalised)."""

    text: str
    name: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    language: str = ""  # "" or "auto" means: detect
    url: str = ""
    source_file: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    guid: str = ""  # kept when no other document has it (an exchange file's identifier); else a new one


@dataclass(frozen=True)
class Document:
    id: int
    guid: str
    name: str
    title: str
    outlet: str
    date: str
    language: str
    url: str
    source_file: str
    hash: str
    length: int
    attributes: dict[str, str] = field(default_factory=dict)
    text: str | None = None  # loaded on demand; long articles are not read for lists


@dataclass(frozen=True)
class Code:
    id: int
    guid: str
    path: str
    name: str
    parent_id: int | None
    color: str
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    shortcut: str = ""
    sort_order: int = 0
    exclusive: bool = False
    codable: bool = True  # False: only groups other codes (REFI-QDA isCodable="false"); cannot be applied

    @property
    def level(self) -> int:
        """Depth in the tree: 1 for a top-level code."""
        return self.path.count(PATH_SEPARATOR) + 1

    @property
    def parent_path(self) -> str:
        return self.path.rpartition(PATH_SEPARATOR)[0]


CODER_ROLES: tuple[str, ...] = ("coder", "adjudicator")


@dataclass(frozen=True)
class Coder:
    id: int
    guid: str
    name: str
    color: str
    role: str = "coder"  # "adjudicator": settles disagreements (the consensus); left out of agreement by default

    @property
    def is_adjudicator(self) -> bool:
        return self.role == "adjudicator"


@dataclass(frozen=True)
class Segment:
    id: int
    guid: str
    document_id: int
    coder_id: int
    code_id: int
    start: int
    end: int
    memo: str = ""
    created: str = ""
    updated: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


# A segment as a plain tuple in ``Segment``'s field order: ``Segment(*record)`` makes the object. Bulk edits
# keep thousands of these (a tuple costs a tenth of a frozen dataclass to make).
SegmentRecord = tuple[int, str, int, int, int, int, int, str, str, str]


@dataclass(frozen=True)
class Assignment:
    document_id: int
    coder_id: int
    status: str
    updated: str = ""


@dataclass(frozen=True)
class Memo:
    """A note on a document, on a code, or (neither) an entry of the project journal."""

    id: int
    document_id: int | None
    code_id: int | None
    coder_id: int | None
    text: str
    created: str = ""
    updated: str = ""
    guid: str = ""

    @property
    def kind(self) -> str:
        return "document" if self.document_id is not None else "code" if self.code_id is not None else "project"


@dataclass(frozen=True)
class DocumentSet:
    """A named group of documents (an outlet, a wave, a sample): MAXQDA's sets, NVivo's folders."""

    id: int
    guid: str
    name: str
    description: str = ""
    created: str = ""
