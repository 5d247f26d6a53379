"""Memos: notes on a document, on a code, entries of the project journal, and the memos of codings.

Listing and searching them (``annotator memos list --search``, the Memos panel), exporting them (one
CSV of every memo, codings' memos included) and the undoable edits that add, change and delete them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from annotator.core.commands import Changes, Command
from annotator.core.errors import InputError
from annotator.core.model import Memo
from annotator.core.store import Project
from annotator.core.tokens import to_simplified

KINDS = ("project", "document", "code", "segment")
EXPORT_COLUMNS = ("kind", "document", "code", "coder", "start", "end", "text", "created", "updated")


@dataclass(frozen=True)
class MemoEntry:
    """A memo as lists show it: what it is on (names), who wrote it, the text."""

    kind: str  # project (the journal), document, code, or segment (a coding's memo)
    id: int  # the memo's id, or for a coding's memo the segment's id
    text: str
    document: str = ""
    code: str = ""
    coder: str = ""
    document_id: int | None = None
    code_id: int | None = None
    start: int | None = None
    end: int | None = None
    created: str = ""
    updated: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "document": self.document, "code": self.code,
                "coder": self.coder, "start": self.start, "end": self.end, "text": self.text,
                "created": self.created, "updated": self.updated}


def memo_entries(project: Project, *, kinds: tuple[str, ...] = KINDS, search: str = "",
                 document_id: int | None = None, code_id: int | None = None) -> list[MemoEntry]:
    """Memos of the given kinds (journal, code and document memos, then codings' memos in text order),
    optionally only those containing ``search`` (any case; simplified or traditional script)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise InputError(f"unknown memo kind '{sorted(unknown)[0]}' (use {', '.join(KINDS)})")
    entries = [MemoEntry(kind=_kind(r), id=r["id"], text=r["text"], document=r["document"] or "",
                         code=r["code"] or "", coder=r["coder"] or "", document_id=r["document_id"],
                         code_id=r["code_id"], created=r["created"], updated=r["updated"])
               for r in project.memo_rows()]
    entries = [e for e in entries if e.kind in kinds]
    if "segment" in kinds:
        from annotator.core.retrieval import RetrievalFilter, retrieve

        wanted = RetrievalFilter(document_ids=[document_id] if document_id is not None else None,
                                 code_ids=[code_id] if code_id is not None else None, with_memo=True)
        entries += [MemoEntry("segment", s.id, s.memo, s.document, s.code, s.coder, s.document_id, s.code_id,
                              s.start, s.end, s.created, s.updated) for s in retrieve(project, wanted) if s.memo]
    if document_id is not None:
        entries = [e for e in entries if e.document_id == document_id]
    if code_id is not None:
        entries = [e for e in entries if e.kind == "segment" or e.code_id == code_id]
    needle = to_simplified(search.strip()).casefold()
    if needle:
        entries = [e for e in entries if needle in to_simplified(e.text).casefold()]
    return entries


def _kind(row: dict[str, object]) -> str:
    return "document" if row["document_id"] is not None else "code" if row["code_id"] is not None else "project"


def export_memos_csv(project: Project, path: str | os.PathLike[str], options=None) -> int:
    """Every memo, codings' memos included, as one CSV (kind, document, code, coder, start, end, text ...)."""
    from annotator.core.exporters.csv_export import write_csv

    rows = [[e.as_dict()[c] for c in EXPORT_COLUMNS] for e in memo_entries(project)]
    return write_csv(path, EXPORT_COLUMNS, rows, options)


# ---- undoable edits --------------------------------------------------------------------------

class AddMemo(Command):
    """A memo on a document or a code, or (neither) an entry of the project journal."""

    def __init__(self, text: str, *, document_id: int | None = None, code_id: int | None = None,
                 coder_id: int | None = None) -> None:
        self.args = dict(document_id=document_id, code_id=code_id, coder_id=coder_id)
        self.body = text
        self.memo: Memo | None = None
        self.text = "add memo"

    def do(self, project: Project) -> Changes:
        if not self.body.strip():
            raise InputError("a memo needs some text")
        if self.memo is None:
            self.memo = project.add_memo(self.body, **self.args)  # type: ignore[arg-type]
        else:
            project.restore_memos([self.memo])
        return Changes(memos=True)

    def undo(self, project: Project) -> Changes:
        assert self.memo is not None
        project.delete_memo(self.memo.id)
        return Changes(memos=True)


class EditMemo(Command):
    def __init__(self, memo_id: int, text: str) -> None:
        self.memo_id = memo_id
        self.body = text
        self.before: Memo | None = None
        self.text = "edit memo"

    def do(self, project: Project) -> Changes:
        if not self.body.strip():
            raise InputError("a memo needs some text (delete it instead)")
        with project.transaction():
            self.before = project.memos_by_id(self.memo_id)
            project.update_memo(self.memo_id, self.body)
        return Changes(memos=True)

    def undo(self, project: Project) -> Changes:
        assert self.before is not None
        with project.transaction():
            project.delete_memo(self.memo_id)
            project.restore_memos([self.before])
        return Changes(memos=True)


class DeleteMemo(Command):
    def __init__(self, memo_id: int) -> None:
        self.memo_id = memo_id
        self.saved: Memo | None = None
        self.text = "delete memo"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.saved = project.memos_by_id(self.memo_id)
            project.delete_memo(self.memo_id)
        return Changes(memos=True)

    def undo(self, project: Project) -> Changes:
        assert self.saved is not None
        project.restore_memos([self.saved])
        return Changes(memos=True)


__all__ = ["AddMemo", "DeleteMemo", "EditMemo", "EXPORT_COLUMNS", "KINDS", "MemoEntry", "export_memos_csv",
           "memo_entries"]
