"""A project's content in a neutral form, and the one routine that folds it into an open project.

Both the REFI-QDA importer and the project merge read their source into a ``Bundle`` first (so a
damaged file is refused before anything changes) and then call ``apply_bundle`` inside one transaction.
Matching rules: documents by content hash, codes by guid then path, coders by name; segments that
already exist (same document, coder, code, start, end, or same guid) are skipped, so applying the same
bundle twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.errors import InputError
from annotator.core.model import PATH_SEPARATOR, DocumentInput
from annotator.core.store import Project, check_colour
from annotator.core.text import content_hash, normalise

_STATUS_RANK = {"assigned": 0, "in_progress": 1, "done": 2}


@dataclass
class CoderSpec:
    name: str
    guid: str | None = None
    color: str | None = None


@dataclass
class CodeSpec:
    path: str
    guid: str | None = None
    color: str | None = None
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    shortcut: str = ""
    exclusive: bool = False
    sort_order: int | None = None


@dataclass
class DocumentSpec:
    key: str  # how segments refer to it inside the bundle
    name: str
    text: str  # already normalised
    guid: str | None = None
    title: str = ""
    outlet: str = ""
    date: str = ""
    language: str = ""
    url: str = ""
    source_file: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class SegmentSpec:
    document: str  # DocumentSpec.key
    coder: str  # coder name
    code: str  # CodeSpec.path
    start: int
    end: int
    memo: str = ""
    guid: str | None = None
    created: str | None = None
    updated: str | None = None


@dataclass
class AssignmentSpec:
    document: str
    coder: str
    status: str


@dataclass
class MemoSpec:
    text: str
    document: str | None = None  # DocumentSpec.key, or
    code: str | None = None  # CodeSpec.path
    coder: str | None = None


@dataclass
class Bundle:
    coders: list[CoderSpec] = field(default_factory=list)
    codes: list[CodeSpec] = field(default_factory=list)  # parents before children
    documents: list[DocumentSpec] = field(default_factory=list)
    segments: list[SegmentSpec] = field(default_factory=list)
    assignments: list[AssignmentSpec] = field(default_factory=list)
    memos: list[MemoSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    knows_exclusive: bool = False  # REFI-QDA cannot express exclusive groups; an Annotator project can


@dataclass
class MergeReport:
    """What an import or merge did; ``conflicts`` need a human look, ``warnings`` were handled."""

    documents_added: int = 0
    documents_matched: int = 0
    codes_added: int = 0
    codes_matched: int = 0
    coders_added: int = 0
    segments_added: int = 0
    segments_skipped: int = 0
    assignments_changed: int = 0
    memos_added: int = 0
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.codes_added or self.coders_added or self.segments_added
                     or self.assignments_changed or self.memos_added)

    def summary(self) -> str:
        line = (f"{self.documents_added} documents added ({self.documents_matched} already present), "
                f"{self.codes_added} codes added ({self.codes_matched} matched), {self.coders_added} coders added, "
                f"{self.segments_added} segments added ({self.segments_skipped} duplicates skipped), "
                f"{self.assignments_changed} assignments updated, {self.memos_added} memos added")
        if self.conflicts:
            line += f"; {len(self.conflicts)} conflicts"
        if self.warnings:
            line += f"; {len(self.warnings)} warnings"
        return line


def _guid_free(project: Project, table: str, guid: str | None) -> bool:
    return bool(guid) and not project.guid_taken(table, guid)


def apply_bundle(project: Project, bundle: Bundle) -> MergeReport:
    """Fold ``bundle`` into ``project`` in one transaction (all or nothing)."""
    report = MergeReport(warnings=list(bundle.warnings))
    with project.transaction():
        coder_ids = _apply_coders(project, bundle, report)
        code_ids = _apply_codes(project, bundle, report)
        doc_ids = _apply_documents(project, bundle, report)
        _apply_segments(project, bundle, report, doc_ids, coder_ids, code_ids)
        _apply_assignments(project, bundle, report, doc_ids, coder_ids)
        _apply_memos(project, bundle, report, doc_ids, coder_ids, code_ids)
    return report


def _apply_coders(project: Project, bundle: Bundle, report: MergeReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    names = {c.name for c in project.coders()}
    for spec in bundle.coders:
        name = spec.name.strip()
        if not name or name in ids:
            continue
        if name not in names:
            report.coders_added += 1
            names.add(name)
        guid = spec.guid if _guid_free(project, "coders", spec.guid) else None
        color = spec.color
        if color:
            try:
                color = check_colour(color)
            except InputError:
                color = None
        ids[name] = project.ensure_coder(name, guid=guid, color=color).id
    return ids


def _apply_codes(project: Project, bundle: Bundle, report: MergeReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    for spec in bundle.codes:
        ours = project.code_by_guid(spec.guid) if spec.guid else None
        if ours is None:
            ours = project.find_code(spec.path)
        if ours is not None:
            ids[spec.path] = ours.id
            report.codes_matched += 1
            if ours.exclusive != spec.exclusive and bundle.knows_exclusive:
                report.conflicts.append(
                    f"code '{ours.path}': exclusive is {int(ours.exclusive)} here but {int(spec.exclusive)} in the "
                    "other file; kept this project's setting")
            continue
        parent_path = spec.path.rpartition(PATH_SEPARATOR)[0]
        path = spec.path
        if parent_path and parent_path in ids:
            # The parent may have matched a code at another path (renamed here): follow it.
            path = project.code(ids[parent_path]).path + PATH_SEPARATOR + spec.path.rpartition(PATH_SEPARATOR)[2]
        if project._has_path(path):
            ids[spec.path] = project.code(path).id
            report.codes_matched += 1
            continue
        color = spec.color
        if color:
            try:
                color = check_colour(color)
            except InputError:
                report.warnings.append(f"code '{spec.path}': colour '{color}' not understood; a default was used")
                color = None
        shortcut = spec.shortcut
        if shortcut and project.code_with_shortcut(shortcut) is not None:
            shortcut = ""
        # Appended after existing siblings: bundle codes come in tree order, so their order is kept
        # without interleaving with codes already here.
        code = project.add_code(
            path, color=color, description=spec.description, inclusion=spec.inclusion,
            exclusion=spec.exclusion, example=spec.example, shortcut=shortcut, exclusive=spec.exclusive,
            sort_order=None, guid=spec.guid if _guid_free(project, "codes", spec.guid) else None)
        ids[spec.path] = code.id
        report.codes_added += 1
    return ids


def _apply_documents(project: Project, bundle: Bundle, report: MergeReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    by_hash = project.document_hashes()
    names = set(project.document_names().values())
    for spec in bundle.documents:
        text = normalise(spec.text)
        digest = content_hash(text)
        if digest in by_hash:
            ids[spec.key] = by_hash[digest]
            report.documents_matched += 1
            continue
        name = spec.name.strip() or "document"
        if name in names:
            base, n = name, 2
            while f"{base} ({n})" in names:
                n += 1
            name = f"{base} ({n})"
            report.conflicts.append(f"document '{base}': a different text has that name here; added as '{name}'")
        added = project.add_documents([DocumentInput(
            text=text, name=name, title=spec.title, outlet=spec.outlet, date=spec.date,
            language=spec.language, url=spec.url, source_file=spec.source_file,
            attributes=spec.attributes)]).added
        if not added:
            continue
        document_id = added[0].id
        if _guid_free(project, "documents", spec.guid):
            project.set_document_guid(document_id, spec.guid)
        ids[spec.key] = by_hash[digest] = document_id
        names.add(name)
        report.documents_added += 1
    return ids


def _apply_segments(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int],
                    coder_ids: dict[str, int], code_ids: dict[str, int]) -> None:
    lengths = project.document_lengths()
    existing = project.segment_keys()
    for spec in bundle.segments:
        document_id = doc_ids.get(spec.document)
        code_id = code_ids.get(spec.code)
        if spec.coder not in coder_ids:
            coder_ids[spec.coder] = project.ensure_coder(spec.coder).id
            report.coders_added += 1
        coder_id = coder_ids[spec.coder]
        if document_id is None or code_id is None:
            report.warnings.append(f"a segment refers to a missing document or code ({spec.document}, {spec.code}); "
                                   "skipped")
            continue
        if not (0 <= spec.start < spec.end <= lengths[document_id]):
            report.warnings.append(f"segment {spec.start}-{spec.end} lies outside its document; skipped")
            continue
        key = (document_id, coder_id, code_id, spec.start, spec.end)
        if key in existing:
            report.segments_skipped += 1
            continue
        guid = spec.guid if _guid_free(project, "segments", spec.guid) else None
        if spec.guid and guid is None:
            report.conflicts.append(
                f"segment {spec.guid} was changed in both copies (now {spec.start}-{spec.end} there); both kept")
        project.add_segment(document_id, coder_id, code_id, spec.start, spec.end, spec.memo, guid=guid,
                            created=spec.created, updated=spec.updated)
        existing.add(key)
        report.segments_added += 1


def _apply_assignments(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int],
                       coder_ids: dict[str, int]) -> None:
    for spec in bundle.assignments:
        document_id, coder_id = doc_ids.get(spec.document), coder_ids.get(spec.coder)
        if document_id is None or coder_id is None or spec.status not in _STATUS_RANK:
            continue
        ours = project.assignment_status(document_id, coder_id)
        if ours is None or _STATUS_RANK[spec.status] > _STATUS_RANK[ours]:
            project.set_assignment(document_id, coder_id, spec.status)
            report.assignments_changed += 1


def _apply_memos(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int],
                 coder_ids: dict[str, int], code_ids: dict[str, int]) -> None:
    """Memos are added unless the same text is already attached to the same document or code."""
    existing = project.memo_keys()
    for spec in bundle.memos:
        document_id = doc_ids.get(spec.document) if spec.document is not None else None
        code_id = code_ids.get(spec.code) if spec.code is not None else None
        if (document_id is None) == (code_id is None) or not spec.text.strip():
            continue
        key = (document_id, code_id, spec.text)
        if key in existing:
            continue
        project.add_memo(spec.text, document_id=document_id, code_id=code_id,
                         coder_id=coder_ids.get(spec.coder) if spec.coder else None)
        existing.add(key)
        report.memos_added += 1
