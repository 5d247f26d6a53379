"""Writing REFI-QDA: ``.qdc`` codebooks and ``.qdpx`` projects, streamed as they are written.

A ``.qdpx`` is a zip holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``) and each text as
UTF-8 ``sources/<guid>.txt``, referenced as ``internal://<guid>.txt``. Selections count code points from
0, end exclusive: our own convention, so stored offsets go out unchanged. The XML is written element by
element (``XmlWriter``) and documents are read a slice at a time, so memory does not grow with the corpus.

What travels, and how our own import reads it back:
- documents (title as the source's Description; outlet, date, language, url and free attributes as text
  variables), codes (colour, description, isCodable), coders with their names, segments with memo and
  time stamps, document sets (``Sets``), and memos as ``Notes``: a document's memos referenced from its
  source, a code's from the code, the project journal from the project (a note whose text XML cannot
  carry goes into the archive as a file, so it comes back exactly);
- each coder's progress (assigned / in progress / done) as a text variable per coder, named
  "Annotator status: <coder>" with "annotator-status:<coder guid>" as its description: other tools show
  it as a document variable, our import turns it back into assignments (agreement needs "done");
- a coder name holding characters XML cannot carry is written readable in ``name`` and exactly, as JSON,
  in the user's ``id`` ("annotator-name:...").

Identifiers are stored guids, or derived deterministically (codings, notes, variables), so exporting
twice gives the same XML, and project -> .qdpx -> new project -> .qdpx gives the same XML again.
What REFI-QDA cannot carry (inclusion/exclusion/example, shortcuts, exclusive groups) is named in the
returned warnings, with what a target tool cannot hold (QualCoder needs unique code names).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from annotator import __version__
from annotator.core.errors import InputError
from annotator.core.exchange.xml_writer import XmlWriter, escape_attribute, escape_text, has_invalid, xml_safe
from annotator.core.exporters.output import check_target, output_file
from annotator.core.model import Code, Document, Memo
from annotator.core.store import Project

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"Annotator {__version__}"
DOCUMENT_FIELDS = ("title", "outlet", "date", "language", "url")
STATUS_PREFIX = "annotator-status:"
STATUS_VARIABLE = "Annotator status: {}"
NAME_PREFIX = "annotator-name:"
SLICE = 500  # documents read per query
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same project gives the same archive
_DERIVED = uuid.UUID("6f1d2a7c-5b0e-4c55-9a43-2d9f3f0e8b11")


@dataclass
class ExportReport:
    """What an export wrote and what the format (or the tools that read it) cannot hold."""

    documents: int = 0
    segments: int = 0
    warnings: list[str] = field(default_factory=list)


def derived_guid(*parts: str) -> str:
    """A stable guid for things we do not store a guid for (codings, notes, variables): ``uuid5`` of the
    parts, computed directly (a large export derives millions)."""
    digest = bytearray(hashlib.sha1(_DERIVED.bytes + "/".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex().upper()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@lru_cache(maxsize=65536)
def xml_datetime(stamp: str | None) -> str | None:
    """An ISO time stamp as xsd:dateTime in UTC (cached: segments coded together share their stamps)."""
    if not stamp:
        return None
    try:
        value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def variable_values(document: Document) -> dict[str, str]:
    """A document's metadata as text variables (our fields first, then free attributes)."""
    values = {f: getattr(document, f) for f in DOCUMENT_FIELDS if getattr(document, f)}
    for key, value in sorted(document.attributes.items()):
        if key not in values and key not in DOCUMENT_FIELDS and str(value):
            values[key] = str(value)
    return values


def note_name(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "memo")
    return first if len(first) <= 60 else first[:59] + "…"


class _Notes:
    """Memos as REFI notes, in the order the XML first refers to them."""

    def __init__(self, project: Project) -> None:
        self.by_document: dict[int, list[Memo]] = defaultdict(list)
        self.by_code: dict[int, list[Memo]] = defaultdict(list)
        self.journal: list[Memo] = []
        for memo in project.memos():
            if memo.document_id is not None:
                self.by_document[memo.document_id].append(memo)
            elif memo.code_id is not None:
                self.by_code[memo.code_id].append(memo)
            else:
                self.journal.append(memo)
        self.guids: dict[int, str] = {}
        self.order: list[tuple[Memo, str]] = []
        self._seen: Counter[tuple[str, ...]] = Counter()

    def guid(self, memo: Memo, owner: str) -> str:
        """The memo's own guid (or, for a memo without one, a guid derived from its place and text)."""
        if memo.id not in self.guids:
            key = (owner, memo.created, memo.text)
            self._seen[key] += 1
            self.guids[memo.id] = memo.guid or derived_guid("note", *key, str(self._seen[key]))
            self.order.append((memo, self.guids[memo.id]))
        return self.guids[memo.id]


def _write_codes(xml: XmlWriter, codes: list[Code], notes: _Notes | None) -> None:
    """The code tree, parents before children, without recursion."""
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:  # tree order: parents first, siblings in order
        children[code.parent_id].append(code)
    stack: list[tuple[Code, bool]] = [(c, False) for c in reversed(children[None])]
    while stack:
        code, done = stack.pop()
        if done:
            xml.end()
            continue
        xml.start("Code", {"guid": code.guid, "name": code.name, "isCodable": "true" if code.codable else "false",
                           "color": code.color.upper()})
        if code.description:
            xml.text_element("Description", code.description)
        for memo in (notes.by_code.get(code.id, []) if notes is not None else []):
            xml.empty("NoteRef", {"targetGUID": notes.guid(memo, code.guid)})  # type: ignore[union-attr]
        stack.append((code, True))
        stack.extend((c, False) for c in reversed(children[code.id]))


def refi_warnings(project: Project, *, whole_project: bool) -> list[str]:
    """What a REFI-QDA file of this project cannot carry, or what a tool reading it cannot hold."""
    warnings: list[str] = []
    codes = project.codes()
    extras = [c.path for c in codes if c.inclusion or c.exclusion or c.example or c.shortcut]
    if extras:
        warnings.append(f"{len(extras)} code(s) have inclusion/exclusion criteria, examples or shortcut keys, which "
                        f"REFI-QDA cannot carry (first: '{extras[0]}'); export the codebook CSV to keep them")
    exclusive = [c.path for c in codes if c.exclusive]
    if exclusive:
        warnings.append(f"exclusive groups ({', '.join(exclusive[:3])}) are not part of REFI-QDA; other tools "
                        "will not enforce them")
    by_name: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        by_name[code.name.casefold()].append(code.path)
    shared = [paths for paths in by_name.values() if len(paths) > 1]
    if shared:
        warnings.append(f"{len(shared)} code name(s) are used under different parents ({' and '.join(shared[0][:2])}"
                        "); QualCoder needs unique code names and merges or drops such codes and their codings")
    unsafe = [c.path for c in codes if has_invalid(c.name) or has_invalid(c.description)]
    if whole_project:
        unsafe += [d.name for d in project.documents() if has_invalid(d.name) or has_invalid(d.title)]
    if unsafe:
        warnings.append(f"{len(unsafe)} name(s) or description(s) hold control characters XML cannot carry "
                        f"(first: {unsafe[0]!r}); they are left out of the file")
    return warnings


def codebook_xml(project: Project) -> bytes:
    codes = project.codes()
    if not codes:
        raise InputError("the codebook is empty; add codes before exporting a .qdc file")
    buffer = io.StringIO()
    xml = XmlWriter(buffer)
    xml.start("CodeBook", {"xmlns": CODEBOOK_NS, "origin": ORIGIN})
    xml.start("Codes")
    _write_codes(xml, codes, None)
    xml.close()
    return buffer.getvalue().encode("utf-8")


def export_qdc(project: Project, path: str | os.PathLike[str]) -> ExportReport:
    """Write the codebook as a REFI-QDA ``.qdc`` file."""
    check_target(Path(path), project.path)
    data = codebook_xml(project)
    with output_file(path, project_path=project.path, binary=True) as handle:
        handle.write(data)
    return ExportReport(warnings=refi_warnings(project, whole_project=False))


class _ProjectWriter:
    def __init__(self, project: Project, xml: XmlWriter, archive: bool) -> None:
        self.project, self.xml, self.archive = project, xml, archive
        self.note_files: list[tuple[str, str]] = []  # (guid, text) of notes written as files
        self.coders = project.coders()
        self.coder_guid = {c.id: c.guid for c in self.coders}
        self.codes = project.codes()
        self.code_guid = {c.id: c.guid for c in self.codes}
        self.notes = _Notes(project)
        self.ids = project.document_ids()
        self.report = ExportReport()

    def slices(self) -> list[list[int]]:
        return [self.ids[i:i + SLICE] for i in range(0, len(self.ids), SLICE)]

    def write(self) -> None:
        project, xml = self.project, self.xml
        name = project.path.stem if project.path is not None else "Annotator project"
        xml.start("Project", {"xmlns": PROJECT_NS, "name": name, "origin": ORIGIN,
                              "creationDateTime": xml_datetime(project.meta("created"))})
        if self.coders:
            xml.start("Users")
            for coder in self.coders:
                exact = has_invalid(coder.name)
                xml.empty("User", {"guid": coder.guid, "name": coder.name,
                                   "id": NAME_PREFIX + json.dumps(coder.name) if exact else None})
            xml.end()
        if self.codes:
            xml.start("CodeBook")
            xml.start("Codes")
            _write_codes(xml, self.codes, self.notes)
            xml.end()
            xml.end()
        variables, statuses = self.variables()
        if variables or statuses:
            xml.start("Variables")
            for variable_name, guid in variables.items():
                xml.empty("Variable", {"guid": guid, "name": variable_name, "typeOfVariable": "Text"})
            for coder_id, guid in statuses.items():
                coder = next(c for c in self.coders if c.id == coder_id)
                xml.start("Variable", {"guid": guid, "name": STATUS_VARIABLE.format(coder.name),
                                       "typeOfVariable": "Text"})
                xml.text_element("Description", STATUS_PREFIX + coder.guid)
                xml.end()
            xml.end()
        if self.ids:
            xml.start("Sources")
            for batch in self.slices():
                self.sources(batch, variables, statuses)
            xml.end()
        self.write_notes()
        sets = project.document_sets()
        if sets:
            guids = dict(zip(self.ids, self.document_guids()))
            xml.start("Sets")
            for document_set in sets:
                xml.start("Set", {"guid": document_set.guid, "name": document_set.name})
                if document_set.description:
                    xml.text_element("Description", document_set.description)
                for document_id in project.set_members(document_set.id):
                    xml.empty("MemberSource", {"targetGUID": guids[document_id]})
                xml.end()
            xml.end()
        for memo in self.notes.journal:
            xml.empty("NoteRef", {"targetGUID": self.notes.guid(memo, "project")})
        xml.close()

    def document_guids(self) -> list[str]:
        guids: list[str] = []
        for batch in self.slices():
            guids.extend(d.guid for d in self.project.documents(ids=batch))
        return guids

    def variables(self) -> tuple[dict[str, str], dict[int, str]]:
        names: dict[str, str] = {}
        with_status: set[int] = set()
        for batch in self.slices():
            for document in self.project.documents(ids=batch):
                for variable_name in variable_values(document):
                    names.setdefault(variable_name, derived_guid("variable", variable_name))
            with_status.update(coder for _doc, coder, _status in self.project.assignments_in(batch))
        statuses = {c.id: derived_guid("status", c.guid) for c in self.coders if c.id in with_status}
        return names, statuses

    def sources(self, batch: list[int], variables: dict[str, str], statuses: dict[int, str]) -> None:
        project, xml = self.project, self.xml
        segments = defaultdict(list)
        for row in project.selections_in(batch):
            segments[row[0]].append(row)
        status = defaultdict(dict)
        for document_id, coder_id, value in project.assignments_in(batch):
            status[document_id][coder_id] = value
        for document in project.documents(ids=batch):
            self.report.documents += 1
            xml.start("TextSource", {"guid": document.guid, "name": document.name,
                                     "plainTextPath": f"internal://{document.guid}.txt"})
            if document.title and document.title != document.name:
                xml.text_element("Description", document.title)
            selections = segments.get(document.id, [])
            if selections:
                xml.fragment("".join(self.selection(segment, xml.depth) for segment in selections))
                self.report.segments += len(selections)
            for memo in self.notes.by_document.get(document.id, []):
                xml.empty("NoteRef", {"targetGUID": self.notes.guid(memo, document.guid)})
            for variable_name, value in variable_values(document).items():
                self.variable_value(variables[variable_name], value)
            for coder_id, guid in statuses.items():
                if coder_id in status.get(document.id, {}):
                    self.variable_value(guid, status[document.id][coder_id])
            xml.end()

    def selection(self, row: tuple, depth: int) -> str:  # type: ignore[type-arg]
        """One ``PlainTextSelection`` with its ``Coding``, as markup (the same as the writer would make);
        ``row`` as ``Project.selections_in`` gives it."""
        _document, guid, coder_id, code_id, start, end, memo, created, updated = row
        pad, user = self.xml.indent * depth, self.coder_guid[coder_id]
        created, updated = xml_datetime(created), xml_datetime(updated)
        stamp = f' creationDateTime="{created}"' if created else ""
        modified = f' modifiedDateTime="{updated}"' if updated and updated != created else ""
        note = f"\n{pad}  <Description>{escape_text(memo)}</Description>" if memo else ""
        return (f'\n{pad}<PlainTextSelection guid="{escape_attribute(guid)}" startPosition="{start}" '
                f'endPosition="{end}" creatingUser="{user}"{stamp}{modified}>{note}'
                f'\n{pad}  <Coding guid="{derived_guid("coding", guid)}" creatingUser="{user}"{stamp}>'
                f'\n{pad}    <CodeRef targetGUID="{self.code_guid[code_id]}" />'
                f"\n{pad}  </Coding>\n{pad}</PlainTextSelection>")

    def variable_value(self, guid: str, value: str) -> None:
        self.xml.start("VariableValue")
        self.xml.empty("VariableRef", {"targetGUID": guid})
        self.xml.text_element("TextValue", value)
        self.xml.end()

    def write_notes(self) -> None:
        # Every memo has been given its guid by now (documents, codes) except the journal's.
        for memo in self.notes.journal:
            self.notes.guid(memo, "project")
        if not self.notes.order:
            return
        xml = self.xml
        xml.start("Notes")
        for memo, guid in self.notes.order:
            attributes = {"guid": guid, "name": note_name(xml_safe(memo.text)),
                          "creatingUser": self.coder_guid.get(memo.coder_id) if memo.coder_id else None,
                          "creationDateTime": xml_datetime(memo.created),
                          "modifiedDateTime": xml_datetime(memo.updated)
                          if xml_datetime(memo.updated) != xml_datetime(memo.created) else None}
            if has_invalid(memo.text) and self.archive:
                # XML cannot carry the text exactly: the note's text goes into the archive as a file.
                attributes["plainTextPath"] = f"internal://{guid}.txt"
                xml.empty("Note", attributes)
                self.note_files.append((guid, memo.text))
            else:
                xml.start("Note", attributes)
                xml.text_element("PlainTextContent", memo.text)
                xml.end()
        xml.end()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def project_xml(project: Project) -> bytes:
    """The ``project.qde`` of a project, in memory (tests, previews; exports stream it)."""
    buffer = io.StringIO()
    _ProjectWriter(project, XmlWriter(buffer), False).write()
    return buffer.getvalue().encode("utf-8")


def export_qdpx(project: Project, path: str | os.PathLike[str]) -> ExportReport:
    """Write documents, codebook, coders, segments, memos, sets and progress as a ``.qdpx`` archive."""
    check_target(Path(path), project.path)
    with project.snapshot():  # one state of the project, though the app may be coding in it meanwhile
        return _export_qdpx(project, path)


def _export_qdpx(project: Project, path: str | os.PathLike[str]) -> ExportReport:
    warnings = refi_warnings(project, whole_project=True)
    with output_file(path, project_path=project.path, binary=True) as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            with archive.open(_entry("project.qde"), "w", force_zip64=True) as entry:
                text = io.TextIOWrapper(entry, encoding="utf-8", newline="")
                writer = _ProjectWriter(project, XmlWriter(text), True)
                writer.write()
                text.flush()
                text.detach()
            # A zip takes one entry at a time: the texts follow the XML, a slice of documents at a time.
            for batch in writer.slices():
                texts = dict(project.document_texts(batch))
                for document in project.documents(ids=batch):
                    archive.writestr(_entry(f"sources/{document.guid}.txt"), texts[document.id].encode("utf-8"))
            for guid, note in writer.note_files:
                archive.writestr(_entry(f"sources/{guid}.txt"), note.encode("utf-8"))
    writer.report.warnings = warnings
    return writer.report
