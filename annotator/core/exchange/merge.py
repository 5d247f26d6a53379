"""Merge another copy of a project (each coder's own file, or a .qdpx) into this one.

Typical use: every coder codes in a private copy; the lead merges them all for the agreement report.
The other file is opened read-only and read completely before anything changes; the merge itself is
one transaction. Matching (documents by content hash, codes by guid then path, coders by name) and
duplicate skipping make merging the same file twice a no-op.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.exchange.bundle import (
    AssignmentSpec,
    Bundle,
    CodeSpec,
    CoderSpec,
    DocumentSpec,
    MemoSpec,
    MergeReport,
    SegmentSpec,
    SetSpec,
    apply_bundle,
)
from annotator.core.store import Project


def project_bundle(other: Project) -> Bundle:
    """Everything in ``other`` as a bundle (documents keyed by guid). Texts are read only for documents
    this project lacks, and segments are streamed from ``other`` while the bundle is applied, so ``other``
    must stay open until then."""
    bundle = Bundle(knows_exclusive=True)
    coders = other.coders()
    bundle.coders = [CoderSpec(c.name, c.guid, c.color) for c in coders]
    codes = other.codes()
    bundle.codes = [CodeSpec(c.path, c.guid, c.color, c.description, c.inclusion, c.exclusion, c.example,
                             c.shortcut, c.exclusive, c.sort_order, c.codable) for c in codes]
    documents = other.documents()
    for d in documents:
        bundle.documents.append(DocumentSpec(
            key=d.guid, name=d.name, guid=d.guid, title=d.title, outlet=d.outlet, date=d.date, language=d.language,
            url=d.url, source_file=d.source_file, attributes=d.attributes, hash=d.hash,
            load=lambda document_id=d.id: other.document_text(document_id)))
    doc_key = {d.id: d.guid for d in documents}
    key_id = {d.guid: d.id for d in documents}
    bundle.load_texts = lambda specs: {doc_key[i]: text for i, text in other.document_texts([key_id[s.key] for s in specs])}
    coder_name = {c.id: c.name for c in coders}
    code_path = {c.id: c.path for c in codes}
    bundle.segments = (SegmentSpec(doc_key[d], coder_name[c], code_path[k], s, e, memo, guid, created, updated)
                       for _id, guid, d, c, k, s, e, memo, created, updated in other.segment_records())
    bundle.assignments = [AssignmentSpec(doc_key[a.document_id], coder_name[a.coder_id], a.status)
                          for a in other.assignments()]
    bundle.memos = [MemoSpec(m.text, doc_key.get(m.document_id) if m.document_id is not None else None,
                             code_path.get(m.code_id) if m.code_id is not None else None,
                             coder_name.get(m.coder_id) if m.coder_id is not None else None,
                             m.created, m.updated, m.guid or None)
                    for m in other.memos()]
    bundle.sets = [SetSpec(s.name, s.guid, s.description, [doc_key[i] for i in other.set_members(s.id)])
                   for s in other.document_sets()]
    return bundle


def merge_project(project: Project, other_path: str | os.PathLike[str], *, mark_done: bool = False) -> MergeReport:
    """Merge an .annotator project or a .qdpx file into ``project`` (one transaction); ``mark_done`` marks
    every document of the other file as done for each coder who coded in it (for other tools' files,
    which record no progress)."""
    other_path = Path(other_path)
    if not other_path.exists():
        raise InputError("no such file", path=str(other_path))
    if project.path is not None and project.path.exists() and os.path.samefile(other_path, project.path):
        raise InputError("cannot merge a project into itself", path=str(other_path))
    if other_path.suffix.lower() == ".qdpx":
        from annotator.core.exchange.refi import read_qdpx

        return apply_bundle(project, read_qdpx(other_path), mark_done=mark_done)
    # One state of the other file throughout, though its coder may be working in it (a shared folder).
    with Project.open(other_path, readonly=True) as other, other.snapshot():
        return apply_bundle(project, project_bundle(other), mark_done=mark_done)
