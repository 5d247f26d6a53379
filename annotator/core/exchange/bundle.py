"""A project's content in a neutral form, and the one routine that folds it into an open project.

Both the REFI-QDA importer and the project merge read their source into a ``Bundle`` first (so a
damaged file is refused before anything changes) and then call ``apply_bundle`` inside one transaction.
Matching rules: documents by content hash, codes by guid then path, coders by name; segments that
already exist (same document, coder, code, start, end) are skipped, so applying the same bundle twice
changes nothing. Every difference found on the way (a code renamed in one copy, descriptions that
differ, a document under another name, a guid taken by something else) is a conflict with the way it
was resolved, listed in the report.

Applying is a handful of set operations, whatever the size: documents are matched by hash in slices and
stored with one streamed ``add_documents``; segments go through ``Project.merge_segments`` (a temporary
table and three statements), so merging 20,000 articles costs about what importing them does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from annotator.core.errors import InputError
from annotator.core.model import PATH_SEPARATOR, DocumentInput
from annotator.core.store import Project, check_colour
from annotator.core.text import content_hash, normalise

_STATUS_RANK = {"assigned": 0, "in_progress": 1, "done": 2}
_COMPARED = ("description", "inclusion", "exclusion", "example")


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
    codable: bool = True


@dataclass
class DocumentSpec:
    key: str  # how segments refer to it inside the bundle
    name: str
    text: str = ""  # already normalised; or given by ``load``
    guid: str | None = None
    title: str = ""
    outlet: str = ""
    date: str = ""
    language: str = ""
    url: str = ""
    source_file: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    hash: str | None = None  # content hash of the normalised text, when the source knows it
    load: Callable[[], str] | None = None  # reads the text when it is needed (a merge of a matched text never does)

    def the_text(self) -> str:
        return self.load() if self.load is not None and not self.text else self.text


@dataclass(slots=True)
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
    code: str | None = None  # CodeSpec.path; neither: an entry of the project journal
    coder: str | None = None
    created: str | None = None
    updated: str | None = None
    guid: str | None = None


@dataclass
class SetSpec:
    name: str
    guid: str | None = None
    description: str = ""
    documents: list[str] = field(default_factory=list)  # DocumentSpec.key


@dataclass
class Bundle:
    coders: list[CoderSpec] = field(default_factory=list)
    codes: list[CodeSpec] = field(default_factory=list)  # parents before children
    documents: list[DocumentSpec] = field(default_factory=list)
    segments: Iterable[SegmentSpec] = field(default_factory=list)  # may be a generator (read as applied)
    assignments: list[AssignmentSpec] = field(default_factory=list)
    memos: list[MemoSpec] = field(default_factory=list)
    sets: list[SetSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    knows_exclusive: bool = False  # REFI-QDA cannot express exclusive groups; an Annotator project can
    records_progress: bool = True  # whether the source says who finished what (other tools' .qdpx: no)
    # Reads the texts of many lazily loaded documents at once (key -> text): a merge reads another
    # project's texts a slice at a time instead of one query per document.
    load_texts: Callable[[list[DocumentSpec]], dict[str, str]] | None = None


@dataclass
class MergeReport:
    """What an import or merge did; ``conflicts`` name each difference and how it was resolved,
    ``warnings`` what was skipped or could not be kept."""

    documents_added: int = 0
    documents_matched: int = 0
    codes_added: int = 0
    codes_matched: int = 0
    coders_added: int = 0
    segments_added: int = 0
    segments_skipped: int = 0
    assignments_changed: int = 0
    memos_added: int = 0
    sets_added: int = 0
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.codes_added or self.coders_added or self.segments_added
                    or self.assignments_changed or self.memos_added or self.sets_added)

    def summary(self) -> str:
        line = (f"{self.documents_added} documents added ({self.documents_matched} already present), "
                f"{self.codes_added} codes added ({self.codes_matched} matched), {self.coders_added} coders added, "
                f"{self.segments_added} segments added ({self.segments_skipped} duplicates skipped), "
                f"{self.assignments_changed} assignments updated, {self.memos_added} memos added")
        if self.sets_added:
            line += f", {self.sets_added} document sets added"
        if self.conflicts:
            line += f"; {len(self.conflicts)} conflicts"
        if self.warnings:
            line += f"; {len(self.warnings)} warnings"
        return line


def apply_bundle(project: Project, bundle: Bundle, *, mark_done: bool = False) -> MergeReport:
    """Fold ``bundle`` into ``project`` in one transaction (all or nothing).

    ``mark_done`` marks every document of the bundle as done for every coder who coded in it (for
    files from tools that record no progress).
    """
    report = MergeReport(warnings=list(bundle.warnings))
    with project.transaction():
        coder_ids = _apply_coders(project, bundle, report)
        code_ids = _apply_codes(project, bundle, report)
        doc_ids = _apply_documents(project, bundle, report)
        coded = _apply_segments(project, bundle, report, doc_ids, coder_ids, code_ids)
        _apply_assignments(project, bundle, report, doc_ids, coder_ids, coded if mark_done else set())
        _apply_memos(project, bundle, report, doc_ids, coder_ids, code_ids)
        _apply_sets(project, bundle, report, doc_ids)
    if coded and not bundle.records_progress and not mark_done:
        report.warnings.append(
            f"the file records no coder progress (other tools' .qdpx files cannot): the documents of the "
            f"{len(coded)} coder(s) in it stay 'in progress', and agreement counts finished documents only; if they "
            "finished, merge the file again with `annotator merge --mark-done`")
    return report


def _apply_coders(project: Project, bundle: Bundle, report: MergeReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    ours = {c.name: c for c in project.coders()}
    for spec in bundle.coders:
        name = spec.name.strip()
        if not name or name in ids:
            continue
        if name in ours:
            ids[name] = ours[name].id
            continue
        guid = spec.guid
        if guid and project.guid_taken("coders", guid):
            holder = project.coder_by_guid(guid)
            report.conflicts.append(f"coder '{name}': its GUID belongs to '{holder.name if holder else '?'}' here; "
                                    "added as a different coder with a new GUID")
            guid = None
        color = spec.color
        if color:
            try:
                color = check_colour(color)
            except InputError:
                color = None
        ids[name] = project.ensure_coder(name, guid=guid, color=color).id
        report.coders_added += 1
    return ids


def _apply_codes(project: Project, bundle: Bundle, report: MergeReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    for spec in bundle.codes:
        ours = project.code_by_guid(spec.guid) if spec.guid else None
        if ours is not None and ours.path != spec.path:
            report.conflicts.append(f"code '{ours.path}' is called '{spec.path}' in the other file; kept '{ours.path}'")
        if ours is None:
            ours = project.find_code(spec.path)
        if ours is not None:
            ids[spec.path] = ours.id
            report.codes_matched += 1
            for name in _COMPARED:
                theirs = getattr(spec, name)
                if theirs and theirs != getattr(ours, name):
                    report.conflicts.append(f"code '{ours.path}': the {name} differs in the other file; kept this "
                                            "project's")
            if ours.exclusive != spec.exclusive and bundle.knows_exclusive:
                report.conflicts.append(
                    f"code '{ours.path}': exclusive is {int(ours.exclusive)} here but {int(spec.exclusive)} in the "
                    "other file; kept this project's setting")
            if ours.codable != spec.codable:
                report.conflicts.append(f"code '{ours.path}': {'' if ours.codable else 'not '}codable here but "
                                        f"{'' if spec.codable else 'not '}in the other file; kept this project's")
            continue
        parent_path, _, leaf = spec.path.rpartition(PATH_SEPARATOR)
        path = spec.path
        if parent_path and parent_path in ids:
            # The parent may have matched a code at another path (renamed here): follow it.
            path = project.code(ids[parent_path]).path + PATH_SEPARATOR + leaf
        if project.find_code(path) is not None:
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
            report.conflicts.append(f"code '{spec.path}': its shortcut '{shortcut}' is taken here; added without it")
            shortcut = ""
        guid = spec.guid
        if guid and project.guid_taken("codes", guid):
            guid = None
        # Appended after existing siblings: bundle codes come in tree order, so their order is kept
        # without interleaving with codes already here.
        code = project.add_code(
            path, color=color, description=spec.description, inclusion=spec.inclusion,
            exclusion=spec.exclusion, example=spec.example, shortcut=shortcut, exclusive=spec.exclusive,
            sort_order=None, guid=guid, codable=spec.codable)
        ids[spec.path] = code.id
        report.codes_added += 1
    return ids


def _apply_documents(project: Project, bundle: Bundle, report: MergeReport) -> dict[str, int]:
    """Match documents by content hash in one pass; store the new ones with one streamed ``add_documents``."""
    ids: dict[str, int] = {}
    specs = bundle.documents
    for spec in specs:
        if spec.hash is None:
            spec.text = normalise(spec.the_text())
            spec.hash = content_hash(spec.text)
    here = project.documents_by_hash([s.hash for s in specs if s.hash])
    names_taken = project.document_names_taken([s.name.strip() or "document" for s in specs])
    guids_taken = project.document_guids_taken([s.guid for s in specs if s.guid])
    new: list[tuple[DocumentSpec, str]] = []
    first_of_hash: dict[str, DocumentSpec] = {}
    for spec in specs:
        assert spec.hash is not None
        if spec.hash in here:
            document_id, name = here[spec.hash]
            ids[spec.key] = document_id
            report.documents_matched += 1
            if spec.name.strip() and spec.name.strip() != name:
                report.conflicts.append(f"document '{name}' is called '{spec.name.strip()}' in the other file (same "
                                        f"text); kept '{name}'")
            continue
        if spec.hash in first_of_hash:  # the same text twice in the bundle: one document
            continue
        first_of_hash[spec.hash] = spec
        name = spec.name.strip() or "document"
        if name in names_taken:
            base, n = name, 2
            while f"{base} ({n})" in names_taken or project.document_names_taken([f"{base} ({n})"]):
                n += 1
            name = f"{base} ({n})"
            report.conflicts.append(f"document '{base}': a different text has that name here; added as '{name}'")
        names_taken.add(name)
        if spec.guid and spec.guid in guids_taken:
            report.conflicts.append(f"document '{name}': its GUID belongs to a different text here; added with a "
                                    "new GUID")
            spec.guid = None
        new.append((spec, name))

    def inputs() -> Iterator[DocumentInput]:
        for start in range(0, len(new), 500):
            batch = new[start:start + 500]
            texts = bundle.load_texts([spec for spec, _ in batch if not spec.text]) if bundle.load_texts else {}
            for spec, name in batch:
                yield DocumentInput(text=texts.get(spec.key) or spec.the_text(), name=name, title=spec.title,
                                    outlet=spec.outlet, date=spec.date, language=spec.language, url=spec.url,
                                    source_file=spec.source_file, attributes=spec.attributes, guid=spec.guid or "")

    if new:
        added = project.add_documents(inputs())
        by_hash = {d.hash: d.id for d in added.added}
        report.documents_added += len(added.added)
        for spec in specs:
            if spec.key not in ids and spec.hash in by_hash:
                ids[spec.key] = by_hash[spec.hash]
    for spec in specs:  # a text that was twice in the bundle
        if spec.key not in ids and spec.hash in first_of_hash:
            ids[spec.key] = ids.get(first_of_hash[spec.hash].key, 0) or here.get(spec.hash, (0, ""))[0]
    return ids


def _apply_segments(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int],
                    coder_ids: dict[str, int], code_ids: dict[str, int]) -> set[int]:
    """Every segment through one ``merge_segments``; returns the ids of the coders who coded here."""
    lengths = project.document_lengths()
    missing = outside = 0
    coded: set[int] = set()

    def rows() -> Iterator[tuple[int, int, int, int, int, str, str | None, str | None, str | None]]:
        nonlocal missing, outside
        for spec in bundle.segments:
            document_id, code_id = doc_ids.get(spec.document), code_ids.get(spec.code)
            if spec.coder not in coder_ids:
                coder_ids[spec.coder] = project.ensure_coder(spec.coder).id
                report.coders_added += 1
            if document_id is None or code_id is None:
                missing += 1
                continue
            if not 0 <= spec.start < spec.end <= lengths[document_id]:
                outside += 1
                continue
            coder_id = coder_ids[spec.coder]
            coded.add(coder_id)
            yield (document_id, coder_id, code_id, spec.start, spec.end, spec.memo or "", spec.guid, spec.created,
                   spec.updated)

    added, duplicates, clashes = project.merge_segments(rows())
    report.segments_added += added
    report.segments_skipped += duplicates
    for guid, start, end in clashes:
        report.conflicts.append(f"segment {guid} was changed in both copies (now {start}-{end} there); both kept")
    if missing:
        report.warnings.append(f"{missing} segment(s) refer to a missing document or code; skipped")
    if outside:
        report.warnings.append(f"{outside} segment(s) lie outside their document; skipped")
    return coded


def _apply_assignments(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int],
                       coder_ids: dict[str, int], mark_done_for: set[int]) -> None:
    """Statuses only move forward (assigned -> in progress -> done), as a set: read once, written once."""
    wanted: dict[tuple[int, int], str] = {}
    for spec in bundle.assignments:
        document_id, coder_id = doc_ids.get(spec.document), coder_ids.get(spec.coder)
        if document_id is None or coder_id is None or spec.status not in _STATUS_RANK:
            continue
        pair = (document_id, coder_id)
        if pair not in wanted or _STATUS_RANK[spec.status] > _STATUS_RANK[wanted[pair]]:
            wanted[pair] = spec.status
    for document_id in set(doc_ids.values()):
        for coder_id in mark_done_for:
            wanted[(document_id, coder_id)] = "done"
    if not wanted:
        return
    current = project.assignment_statuses(wanted)
    changes = {pair: status for pair, status in wanted.items()
               if current[pair] is None or _STATUS_RANK[status] > _STATUS_RANK[current[pair]]}  # type: ignore[index]
    if changes:
        project.set_assignments(changes)
        report.assignments_changed += len(changes)


def _apply_memos(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int],
                 coder_ids: dict[str, int], code_ids: dict[str, int]) -> None:
    """Memos are added unless the same text is already attached to the same document, code or journal."""
    existing = project.memo_keys()
    for spec in bundle.memos:
        document_id = doc_ids.get(spec.document) if spec.document is not None else None
        code_id = code_ids.get(spec.code) if spec.code is not None else None
        if (spec.document is not None and document_id is None) or (spec.code is not None and code_id is None):
            continue
        if not spec.text.strip():
            continue
        key = (document_id, code_id, spec.text)
        if key in existing:
            continue
        project.add_memo(spec.text, document_id=document_id, code_id=code_id,
                         coder_id=coder_ids.get(spec.coder) if spec.coder else None, created=spec.created,
                         updated=spec.updated or spec.created, guid=spec.guid)
        existing.add(key)
        report.memos_added += 1


def _apply_sets(project: Project, bundle: Bundle, report: MergeReport, doc_ids: dict[str, int]) -> None:
    for spec in bundle.sets:
        found = project.find_document_set(spec.name)
        if found is None:
            guid = spec.guid if spec.guid and not project.guid_taken("document_sets", spec.guid) else None
            found = project.ensure_document_set(spec.name, description=spec.description, guid=guid)
            report.sets_added += 1
        project.add_to_set(found.id, [doc_ids[k] for k in spec.documents if k in doc_ids])
