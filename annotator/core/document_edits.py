"""Undoable edits of documents and document sets: properties, deletion, set membership.

A document's text is never edited (every offset depends on it); its properties are: title, outlet,
date, language, URL, name and free attributes (``wave=2``, ``section=opinion``). Deleting documents
takes their codings, memos, assignments and memberships with them, and undo brings all of it back
with the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core.commands import Changes, Command
from annotator.core.errors import InputError
from annotator.core.model import Assignment, Document, DocumentSet, Memo, Segment
from annotator.core.store import Project

PROPERTIES = ("title", "outlet", "date", "language", "url", "name")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LANGUAGE = re.compile(r"[a-z]{2,3}([-_][a-z0-9]{2,8})*")


def check_properties(fields: Mapping[str, str]) -> dict[str, str]:
    """Trimmed properties, refused with a clear line where they would break lists, filters or exports."""
    bad = set(fields) - set(PROPERTIES)
    if bad:
        raise InputError(f"unknown document property '{sorted(bad)[0]}' (use {', '.join(PROPERTIES)})")
    out = {k: str(v).strip() for k, v in fields.items()}
    if "name" in out and not out["name"]:
        raise InputError("a document needs a name")
    date = out.get("date", "")
    if date and not (_DATE.fullmatch(date) and _valid_date(date)):
        raise InputError(f"date '{date}' is not YYYY-MM-DD (or YYYY-MM, or YYYY); dates sort and filter as text")
    if "language" in out:
        out["language"] = out["language"].lower()
        if out["language"] and not _LANGUAGE.fullmatch(out["language"]):
            raise InputError(f"language '{out['language']}' is not a language code such as zh, en or zh-hant")
    return out


def _valid_date(date: str) -> bool:
    from datetime import date as _date

    parts = [int(p) for p in date.split("-")] + [1, 1]
    try:
        _date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def parse_attributes(pairs: Iterable[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings as a dict; ``KEY=`` (empty value) means: remove the attribute."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"attribute '{pair}' is not KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


class UpdateDocument(Command):
    """Change a document's properties and attributes (``attributes``: keys to set; an empty value removes)."""

    def __init__(self, document_id: int, *, attributes: Mapping[str, str] | None = None, **fields: str) -> None:
        self.document_id = document_id
        self.fields = check_properties(fields)
        self.attribute_changes = dict(attributes or {})
        self.before: Document | None = None
        self.text = "edit document properties"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.before = project.document(self.document_id, with_text=False)
            attributes = None
            if self.attribute_changes:
                attributes = {**self.before.attributes, **self.attribute_changes}
                attributes = {k: v for k, v in attributes.items() if v != ""}
            project.update_document_metadata(self.document_id, attributes=attributes, **self.fields)
        return Changes(document_list=True)

    def undo(self, project: Project) -> Changes:
        assert self.before is not None
        project.update_document_metadata(self.document_id, attributes=self.before.attributes,
                                         **{k: getattr(self.before, k) for k in PROPERTIES})
        return Changes(document_list=True)


@dataclass
class _DocumentsSnapshot:
    rows: list[dict[str, Any]]
    segments: list[Segment]
    memos: list[Memo]
    assignments: list[Assignment]
    memberships: list[tuple[int, int]]
    decisions: list[tuple[Any, ...]]


class DeleteDocuments(Command):
    """Delete documents with everything attached to them; undo restores it all with the same ids."""

    def __init__(self, document_ids: Iterable[int]) -> None:
        self.document_ids = sorted(set(document_ids))
        self.saved: _DocumentsSnapshot | None = None
        self.text = "delete document" if len(self.document_ids) == 1 else f"delete {len(self.document_ids)} documents"

    def do(self, project: Project) -> Changes:
        if not self.document_ids:
            raise InputError("no documents to delete")
        with project.transaction():
            rows = project.document_rows(self.document_ids)
            if len(rows) != len(self.document_ids):
                missing = sorted(set(self.document_ids) - {r["id"] for r in rows})
                raise InputError(f"no document with id {missing[0]}")
            wanted = set(self.document_ids)
            self.saved = _DocumentsSnapshot(
                rows=rows,
                segments=project.segments(document_ids=self.document_ids),
                memos=project.memos_of_documents(self.document_ids),
                assignments=[a for a in project.assignments() if a.document_id in wanted],
                memberships=project.set_memberships(self.document_ids),
                decisions=project.decision_rows_of_documents(self.document_ids))
            project.delete_documents(self.document_ids)
        return self._changes()

    def undo(self, project: Project) -> Changes:
        saved = self.saved
        assert saved is not None
        with project.transaction():
            project.restore_document_rows(saved.rows)
            project.restore_segments(saved.segments)
            project.restore_memos(saved.memos)
            project.restore_assignments(saved.assignments)
            project.add_memberships(saved.memberships)
            project.restore_decision_rows(saved.decisions)
        return self._changes()

    def _changes(self) -> Changes:
        return Changes(set(self.document_ids), document_list=True, assignments=True, sets=True, memos=True,
                       dictionary=True)

    @property
    def segments_deleted(self) -> int:
        return len(self.saved.segments) if self.saved else 0


class AddToSet(Command):
    """Put documents in a set, creating the set if it is new (undo removes what it added)."""

    def __init__(self, set_name: str, document_ids: Iterable[int]) -> None:
        self.set_name = set_name.strip()
        self.document_ids = list(dict.fromkeys(document_ids))
        self.created: DocumentSet | None = None
        self.added: list[int] = []
        self.text = f"add to set '{self.set_name}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            existing = project.find_document_set(self.set_name)
            if existing is None and self.created is not None:  # redo
                project.restore_document_set(self.created, [])
                existing = self.created
            elif existing is None:
                existing = self.created = project.ensure_document_set(self.set_name)
            self.added = project.add_to_set(existing.id, self.document_ids)
        return Changes(sets=True)

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            document_set = project.document_set(self.set_name)
            project.remove_from_set(document_set.id, self.added)
            if self.created is not None:
                project.delete_document_set(document_set.id)
        return Changes(sets=True)


class RemoveFromSet(Command):
    def __init__(self, set_id: int, document_ids: Iterable[int]) -> None:
        self.set_id = set_id
        self.document_ids = list(dict.fromkeys(document_ids))
        self.removed: list[int] = []
        self.text = "remove from set"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.text = f"remove from set '{project.document_set(self.set_id).name}'"
            self.removed = project.remove_from_set(self.set_id, self.document_ids)
        return Changes(sets=True)

    def undo(self, project: Project) -> Changes:
        project.add_to_set(self.set_id, self.removed)
        return Changes(sets=True)


class DeleteSet(Command):
    """Delete a document set (its documents stay in the project)."""

    def __init__(self, set_id: int) -> None:
        self.set_id = set_id
        self.saved: DocumentSet | None = None
        self.members: list[int] = []
        self.text = "delete document set"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.saved = project.document_set(self.set_id)
            self.members = project.set_members(self.set_id)
            project.delete_document_set(self.set_id)
        return Changes(sets=True)

    def undo(self, project: Project) -> Changes:
        assert self.saved is not None
        project.restore_document_set(self.saved, self.members)
        return Changes(sets=True)


class RenameSet(Command):
    def __init__(self, set_id: int, name: str) -> None:
        self.set_id = set_id
        self.name = name.strip()
        self.before = ""
        self.text = f"rename set to '{self.name}'"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            self.before = project.document_set(self.set_id).name
            project.rename_document_set(self.set_id, self.name)
        return Changes(sets=True)

    def undo(self, project: Project) -> Changes:
        project.rename_document_set(self.set_id, self.before)
        return Changes(sets=True)


__all__ = ["AddToSet", "DeleteDocuments", "DeleteSet", "PROPERTIES", "RemoveFromSet", "RenameSet", "UpdateDocument",
           "check_properties", "parse_attributes"]
