"""Reading REFI-QDA files written by any tool: ``.qdc`` codebooks and ``.qdpx`` projects, into a ``Bundle``.

Incoming files are hostile until proven otherwise: XML is parsed with defusedxml, DTDs refused (no entity
expansion, no external entities); zip entries must stay inside the archive; sizes, entry counts and
compression ratios are capped. Nothing touches a project here; ``apply_bundle`` stores a bundle in one
transaction.

What real tools write, and how it is read:
- the texts may sit in ``sources/`` (QualCoder, our own), ``Sources/`` (NVivo), at the top of the archive,
  or under a folder that also holds ``project.qde``; entry names are matched without regard to case or to
  Windows backslashes, and a text may also be inline (``PlainTextContent``);
- selections count code points of the text *as written*; every text is normalised on the way in (CRLF,
  NFD accents from macOS, characters NFC changes), so every selection goes through the same normalisation
  (``OffsetMap``). Carriage returns inside inline ``PlainTextContent`` are kept for the count (an XML
  parser would fold them away) and mapped like any other;
- GUIDs shared by two elements: two sources (their selections are nested, so nothing is ambiguous) or two
  notes are given new guids, with a warning; two codes or two users sharing a guid that codings refer to
  make the file ambiguous, and it is refused;
- notes (memos) hang on sources, codes, selections or the project; a note nothing refers to becomes an
  entry of the project journal. MAXQDA's document sets (``Sets`` of ``MemberSource``) become document sets;
  ``isCodable="false"`` is kept; codings on a whole source become a segment over the whole text;
- our own coder-progress variables (see ``refi_export``) become assignments again; other tools' files
  record no progress, which the bundle says (``records_progress``) so that a merge can warn.
What cannot be stored (pictures, PDFs, audio, cases, links, graphs) is skipped and named in a warning.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import uuid
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DET

from annotator.core.errors import InputError
from annotator.core.exchange.bundle import (
    AssignmentSpec,
    Bundle,
    CodeSpec,
    CoderSpec,
    DocumentSpec,
    MemoSpec,
    SegmentSpec,
    SetSpec,
)
from annotator.core.exchange.offset_map import OffsetMap
from annotator.core.exchange.refi_export import DOCUMENT_FIELDS, NAME_PREFIX, STATUS_PREFIX
from annotator.core.model import ASSIGNMENT_STATUSES, MAX_CODE_DEPTH, PATH_SEPARATOR

MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, beyond which an entry is treated as a zip bomb
MAX_ENTRIES = 1_000_000
IMPORTED_CODER = "imported"
_OTHER_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")
# Markup, comments, CDATA and processing instructions, or a run of character data (for the CR fix below).
_TOKENS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+", re.S)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if _local(c.tag) == name]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _text(element: ET.Element | None) -> str:
    return "" if element is None or element.text is None else element.text.replace("\r\n", "\n").replace("\r", "\n")


def _guid(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().strip("{}").upper()
    try:
        uuid.UUID(value)
    except ValueError:
        return None
    return value


def _colour(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if len(value) == 4 and value.startswith("#"):
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.lower()


def _keep_carriage_returns(data: bytes) -> bytes:
    """Write every CR in character data as ``&#13;``, which an XML parser keeps (it folds a literal CRLF
    into LF), so that inline texts keep the characters their selections count."""
    if b"\r" not in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data

    def fix(match: re.Match[bytes]) -> bytes:
        token = match.group(0)
        if token.startswith(b"<![CDATA["):
            return token.replace(b"\r", b"]]>&#13;<![CDATA[")
        # Markup stays; so does white space between elements (and around the root, where a character
        # reference would not even be allowed).
        return token if token.startswith(b"<") or not token.strip() else token.replace(b"\r", b"&#13;")

    return _TOKENS.sub(fix, data)


def _parse_error(exc: Exception, where: str) -> InputError:
    if isinstance(exc, defusedxml.DefusedXmlException):
        return InputError(f"refused: the XML declares a DTD or entities ({type(exc).__name__}); REFI-QDA files "
                          "never need them", path=where)
    return InputError(f"not well-formed XML ({exc})", path=where)


def parse_xml(data: bytes, where: str) -> ET.Element:
    """Parse untrusted XML whole (a codebook): no DTD, hence no entities and no external references."""
    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (defusedxml.DefusedXmlException, ET.ParseError) as exc:
        raise _parse_error(exc, where) from None


# ---- the archive -----------------------------------------------------------------------------------

class _Archive:
    """Entries of a .qdpx by normalised name (case and slashes as different tools write them)."""

    def __init__(self, archive: zipfile.ZipFile, where: str) -> None:
        self.archive, self.where = archive, where
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"refused: the archive holds {len(infos)} entries", path=where)
        total = 0
        self.by_path: dict[str, zipfile.ZipInfo] = {}
        self.by_name: dict[str, list[zipfile.ZipInfo]] = defaultdict(list)
        for info in infos:
            name = info.filename
            pure = PurePosixPath(name.replace("\\", "/"))
            if pure.is_absolute() or ".." in pure.parts or (len(name) > 1 and name[1] == ":"):
                raise InputError(f"refused: unsafe path '{name}' in the archive (path traversal)", path=where)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"refused: the archive unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB",
                                 path=where)
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(f"refused: '{name}' is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                                 "(a zip bomb?)", path=where)
            if info.is_dir():
                continue
            key = self.key(name)
            self.by_path.setdefault(key, info)
            self.by_name[key.rpartition("/")[2]].append(info)

    @staticmethod
    def key(name: str) -> str:
        return "/".join(p for p in name.replace("\\", "/").split("/") if p and p != ".").lower()

    def project_entry(self) -> tuple[zipfile.ZipInfo, str]:
        """``project.qde`` (or the only ``.qde``), shallowest first, and the folder it sits in."""
        found = sorted((k for k in self.by_path if k.rpartition("/")[2] == "project.qde"), key=lambda k: k.count("/"))
        if not found:
            found = [k for k in self.by_path if k.endswith(".qde")]
            if len(found) != 1:
                raise InputError("no project.qde inside; not a REFI-QDA project archive", path=self.where)
        key = found[0]
        return self.by_path[key], key.rpartition("/")[0] + "/" if "/" in key else ""

    def find(self, reference: str, base: str) -> zipfile.ZipInfo | None:
        """The entry an ``internal://`` (or relative, or absolute) text path names, wherever the tool put it."""
        name = reference.split("://", 1)[1] if "://" in reference else reference
        name = self.key(name)
        for candidate in (base + "sources/" + name, base + name, "sources/" + name, name):
            if candidate in self.by_path:
                return self.by_path[candidate]
        hits = self.by_name.get(name.rpartition("/")[2], [])
        return hits[0] if len(hits) == 1 else None

    def read(self, info: zipfile.ZipInfo) -> bytes:
        with self.archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
        if len(data) > info.file_size:
            raise InputError(f"refused: '{info.filename}' is larger than the archive declares", path=self.where)
        return data

    def text(self, info: zipfile.ZipInfo, what: str) -> str:
        raw = self.read(info)
        for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if raw.startswith(bom):
                try:
                    return raw[2:].decode(codec)
                except UnicodeDecodeError:
                    break
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{what}: '{info.filename}' is not UTF-8 text", path=self.where) from None


# ---- reading a project -------------------------------------------------------------------------------

@dataclass
class _Coding:
    spec: SegmentSpec
    code: str | None  # code guid
    user: str | None  # user guid
    notes: list[str] = field(default_factory=list)  # note guids to append to the memo


class _ProjectReader:
    def __init__(self, where: str, archive: _Archive | None, base: str) -> None:
        self.where, self.archive, self.base = where, archive, base
        self.bundle = Bundle(records_progress=False)  # unless our own status variables say otherwise
        self.users: dict[str, str] = {}  # guid -> coder name
        self.ambiguous_users: set[str] = set()
        self.user_clashes: list[str] = []
        self.code_paths: dict[str, str] = {}  # guid -> path
        self.ambiguous_codes: set[str] = set()
        self.variables: dict[str, str] = {}  # guid -> name
        self.status_variables: dict[str, str] = {}  # variable guid -> user guid
        self.sources: dict[str, str] = {}  # source guid -> document key
        self.source_names: dict[str, str] = {}
        self.codings: list[_Coding] = []
        self.notes: dict[str, tuple[str, str | None, str | None, str | None]] = {}  # guid -> text, user, dates
        self.note_refs: list[tuple[str, str | None, str]] = []  # (kind, key, note guid)
        self.statuses: list[tuple[str, str, str]] = []  # (document key, user guid, status)
        self.sets: list[tuple[str, str | None, str, list[str]]] = []
        self.skipped: Counter[str] = Counter()
        self.guid_clashes: list[str] = []

    def warn(self, message: str) -> None:
        self.bundle.warnings.append(message)

    # -- sections, each handled when its element is complete -------------------------------------

    def users_section(self, element: ET.Element) -> None:
        for user in _children(element, "User"):
            guid = _guid(user.get("guid"))
            identifier = user.get("id") or ""
            name = (user.get("name") or "").strip()
            if identifier.startswith(NAME_PREFIX):  # our own export: the exact name, control characters too
                try:
                    name = str(json.loads(identifier[len(NAME_PREFIX):]))
                except (ValueError, TypeError):
                    pass
            name = name or identifier.strip() or (f"user {guid[:8]}" if guid else "")
            if not name:
                continue
            if guid and guid in self.users:
                if self.users[guid] == name:
                    continue  # the same user twice
                self.ambiguous_users.add(guid)
                self.user_clashes.append(f"users '{self.users[guid]}' and '{name}' share the GUID {guid}")
                guid = None  # kept as a coder of its own (refused below if codings name that GUID)
            if guid:
                self.users[guid] = name
            if name not in {c.name for c in self.bundle.coders}:
                self.bundle.coders.append(CoderSpec(name, guid))

    def codebook_section(self, codes_element: ET.Element | None) -> None:
        if codes_element is None:
            return
        taken: set[str] = set()
        renamed = 0
        stack: list[tuple[ET.Element, str, int, int]] = [
            (code, "", 1, order) for order, code in reversed(list(enumerate(_children(codes_element, "Code"))))]
        while stack:
            code, prefix, depth, order = stack.pop()
            if depth > MAX_CODE_DEPTH:
                raise InputError(f"the codebook is more than {MAX_CODE_DEPTH} levels deep (code "
                                 f"'{(code.get('name') or '')[:40]}'); Annotator keeps codebooks to {MAX_CODE_DEPTH} "
                                 "levels", path=self.where)
            raw_name = code.get("name") or ""
            name = " ".join(raw_name.replace(PATH_SEPARATOR, "-").split()) or "(unnamed)"
            renamed += name != raw_name.strip()
            path = f"{prefix}{PATH_SEPARATOR}{name}" if prefix else name
            base, n = path, 2
            while path in taken:
                path, n = f"{base} ({n})", n + 1
            if path != base:
                self.warn(f"two codes are called '{base}' under one parent; the second was named '{path}'")
            taken.add(path)
            guid = _guid(code.get("guid"))
            if guid in self.code_paths:
                self.ambiguous_codes.add(guid)
                self.guid_clashes.append(f"codes '{self.code_paths[guid]}' and '{path}' share the GUID {guid}")
                guid = None
            self.bundle.codes.append(CodeSpec(
                path=path, guid=guid, color=_colour(code.get("color")), description=_text(_child(code, "Description")).strip(),
                sort_order=order, codable=(code.get("isCodable") or "true").strip().lower() not in ("false", "0")))
            if guid:
                self.code_paths[guid] = path
            for ref in _children(code, "NoteRef"):
                self.note_refs.append(("code", path, _guid(ref.get("targetGUID")) or ""))
            children = _children(code, "Code")
            stack.extend((child, path, depth + 1, i) for i, child in reversed(list(enumerate(children))))
        if renamed:
            self.warn(f"{renamed} code name(s) held '/' or extra spaces, which code paths cannot; '/' became '-'")

    def variables_section(self, element: ET.Element) -> None:
        for variable in _children(element, "Variable"):
            guid = _guid(variable.get("guid"))
            if not guid:
                continue
            self.variables[guid] = (variable.get("name") or "").strip()
            description = _text(_child(variable, "Description")).strip()
            if description.startswith(STATUS_PREFIX):
                user = _guid(description[len(STATUS_PREFIX):])
                if user:
                    self.status_variables[guid] = user
                    self.bundle.records_progress = True

    def notes_section(self, element: ET.Element) -> None:
        for note in _children(element, "Note"):
            guid = _guid(note.get("guid")) or ""
            content = _child(note, "PlainTextContent")
            if content is not None:
                text = _text(content)
            else:
                text = self.referenced_text(note.get("plainTextPath") or "", f"note '{note.get('name') or guid}'",
                                            required=False) or ""
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if not text.strip():
                continue
            if guid in self.notes or not guid:
                self.warn(f"two notes share the GUID {guid or '(none)'}; the second got a new one")
                guid = str(uuid.uuid4()).upper()
                self.note_refs.append(("free", None, guid))
            self.notes[guid] = (text, _guid(note.get("creatingUser")), note.get("creationDateTime"),
                                note.get("modifiedDateTime"))

    def sets_section(self, element: ET.Element) -> None:
        for item in _children(element, "Set"):
            members = [_guid(m.get("targetGUID")) or "" for m in _children(item, "MemberSource")]
            codes = _children(item, "MemberCode")
            if codes:
                self.skipped["code set member(s) (only document sets are kept)"] += len(codes)
            name = (item.get("name") or "").strip()
            if name:
                self.sets.append((name, _guid(item.get("guid")), _text(_child(item, "Description")).strip(), members))

    def referenced_text(self, reference: str, what: str, *, required: bool = True) -> str | None:
        if not reference:
            return None
        info = self.archive.find(reference, self.base) if self.archive is not None else None
        if info is None:
            if required:
                raise InputError(f"{what}: its text '{reference}' is not in the archive (looked in sources/, "
                                 "Sources/ and beside project.qde); nothing was imported", path=self.where)
            return None
        return self.archive.text(info, what)  # type: ignore[union-attr]

    # -- one source --------------------------------------------------------------------------------

    def source(self, source: ET.Element, index: int) -> None:
        kind = _local(source.tag)
        name = (source.get("name") or "").strip() or "document"
        if kind != "TextSource":
            self.skipped[f"{kind} item(s) (only plain-text sources are supported)"] += 1
            return
        content = _child(source, "PlainTextContent")
        if content is not None and content.text is not None:
            raw = content.text
        elif source.get("plainTextPath"):
            raw = self.referenced_text(source.get("plainTextPath") or "", f"source '{name}'")
        elif source.get("richTextPath"):
            raise InputError(f"source '{name}' has only a rich-text version ({source.get('richTextPath')}); "
                             "export the project with plain-text sources", path=self.where)
        else:
            raise InputError(f"source '{name}' has no text (neither PlainTextContent nor plainTextPath)",
                             path=self.where)
        assert raw is not None
        mapping = OffsetMap(raw)
        text = mapping.text
        selections = _children(source, "PlainTextSelection")
        if not text.strip():
            self.warn(f"source '{name}' is empty; skipped with its {len(selections)} selection(s)")
            return
        key = f"#{index}"
        guid = _guid(source.get("guid"))
        if guid in self.sources:
            self.warn(f"sources '{self.source_names[guid]}' and '{name}' share the GUID {guid}; '{name}' got a new "
                      "one (its codings stay with it)")
            guid = None
        if guid:
            self.sources[guid] = key
            self.source_names[guid] = name
        values = {"title": _text(_child(source, "Description")).strip()}
        for element in _children(source, "VariableValue"):
            ref = _child(element, "VariableRef")
            variable = _guid(ref.get("targetGUID")) if ref is not None else None
            value = next((c.text for c in element if _local(c.tag).endswith("Value") and c.text), None)
            if variable in self.status_variables:
                if value and value.strip() in ASSIGNMENT_STATUSES:
                    self.statuses.append((key, self.status_variables[variable], value.strip()))
            elif variable in self.variables and self.variables[variable] and value is not None:
                values[self.variables[variable]] = value.strip()
        self.bundle.documents.append(DocumentSpec(
            key=key, name=name, text=text, guid=guid, **{f: values.pop(f, "") for f in DOCUMENT_FIELDS},
            attributes={k: v for k, v in values.items() if k}))
        outside = 0
        for selection in selections:
            try:
                start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
            except ValueError:
                self.skipped["selection(s) without valid positions"] += 1
                continue
            if not 0 <= start < end <= mapping.raw_length:
                outside += 1
                continue
            start, end = mapping.span(start, end)
            codings = _children(selection, "Coding")
            if not codings:
                self.skipped["selection(s) without a code"] += 1
                continue
            memo = _text(_child(selection, "Description")).strip()
            notes = [_guid(r.get("targetGUID")) or "" for r in _children(selection, "NoteRef")]
            for coding in codings:
                ref = _child(coding, "CodeRef")
                notes_here = notes + [_guid(r.get("targetGUID")) or "" for r in _children(coding, "NoteRef")]
                self.codings.append(_Coding(
                    SegmentSpec(document=key, coder="", code="", start=start, end=end, memo=memo,
                                guid=_guid(selection.get("guid")) if len(codings) == 1 else None,
                                created=coding.get("creationDateTime") or selection.get("creationDateTime"),
                                updated=selection.get("modifiedDateTime")),
                    _guid(ref.get("targetGUID")) if ref is not None else None,
                    _guid(coding.get("creatingUser") or selection.get("creatingUser")), notes_here))
        for coding in _children(source, "Coding"):  # a code on the whole source
            ref = _child(coding, "CodeRef")
            self.codings.append(_Coding(
                SegmentSpec(document=key, coder="", code="", start=0, end=len(text), created=coding.get("creationDateTime")),
                _guid(ref.get("targetGUID")) if ref is not None else None, _guid(coding.get("creatingUser"))))
        if outside:
            self.warn(f"source '{name}': {outside} selection(s) lie outside its text; skipped")
        for ref in _children(source, "NoteRef"):
            self.note_refs.append(("document", key, _guid(ref.get("targetGUID")) or ""))

    # -- tying references together -----------------------------------------------------------------

    def finish(self) -> Bundle:
        bundle = self.bundle
        referenced_codes = {c.code for c in self.codings}
        referenced_users = {c.user for c in self.codings}
        bad = self.ambiguous_codes & referenced_codes
        if bad:
            clash = next(c for c in self.guid_clashes if next(iter(bad)) in c)
            raise InputError(f"{clash}, and codings refer to it: the file is ambiguous; fix it in the tool that "
                             "wrote it", path=self.where)
        for clash in self.guid_clashes:
            self.warn(f"{clash}; the second got a new GUID (no coding refers to it)")
        bad_users = self.ambiguous_users & referenced_users
        if bad_users:
            guid = next(iter(bad_users))
            raise InputError(f"two users with different names share the GUID {guid}, and codings refer to it: the "
                             "file is ambiguous; fix it in the tool that wrote it", path=self.where)
        for clash in self.user_clashes:
            self.warn(f"{clash}; the second was kept as a coder with a new GUID (no coding names it)")
        notes_by_guid = {g: n for g, n in self.notes.items()}
        used_notes: set[str] = set()
        unknown_codes = anonymous = 0
        for coding in self.codings:
            path = self.code_paths.get(coding.code or "")
            if path is None:
                unknown_codes += 1
                continue
            coder = self.users.get(coding.user or "")
            if coder is None:
                anonymous += 1
                coder = IMPORTED_CODER
            coding.spec.code, coding.spec.coder = path, coder
            for guid in coding.notes:
                if guid in notes_by_guid:
                    used_notes.add(guid)
                    extra = notes_by_guid[guid][0]
                    coding.spec.memo = f"{coding.spec.memo}\n\n{extra}" if coding.spec.memo else extra
            bundle.segments.append(coding.spec)
        if anonymous:
            if IMPORTED_CODER not in {c.name for c in bundle.coders}:
                bundle.coders.append(CoderSpec(IMPORTED_CODER))
            self.warn(f"{anonymous} coding(s) name no known user; they are stored under the coder '{IMPORTED_CODER}'")
        if unknown_codes:
            self.warn(f"{unknown_codes} coding(s) refer to codes that are not in the codebook; skipped")
        for kind, key, guid in self.note_refs:
            if kind == "free" or guid not in notes_by_guid:
                continue
            text, user, created, modified = notes_by_guid[guid]
            first = guid not in used_notes
            used_notes.add(guid)
            bundle.memos.append(MemoSpec(text, document=key if kind == "document" else None,
                                         code=key if kind == "code" else None, coder=self.users.get(user or ""),
                                         created=created, updated=modified, guid=guid if first else None))
        for guid, (text, user, created, modified) in self.notes.items():
            if guid not in used_notes:  # a free note: an entry of the project journal
                bundle.memos.append(MemoSpec(text, coder=self.users.get(user or ""), created=created,
                                             updated=modified, guid=guid))
        for name, guid, description, members in self.sets:
            keys = [self.sources[m] for m in members if m in self.sources]
            if len(keys) < len(members):
                self.warn(f"set '{name}': {len(members) - len(keys)} member(s) are not text sources here; left out")
            bundle.sets.append(SetSpec(name, guid, description, keys))
        for key, user, status in self.statuses:
            if user in self.users:
                bundle.assignments.append(AssignmentSpec(key, self.users[user], status))
        for what, n in self.skipped.items():
            self.warn(f"{n} {what} skipped")
        return bundle


def _read_project(data: bytes, where: str, archive: _Archive | None, base: str) -> Bundle:
    reader = _ProjectReader(where, archive, base)
    depth = 0
    sources_seen = 0
    stream = io.BytesIO(_keep_carriage_returns(data))
    try:
        events = DET.iterparse(stream, events=("start", "end"), forbid_dtd=True, forbid_entities=True,
                               forbid_external=True)
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1 and _local(element.tag) != "Project":
                    raise InputError(f"project.qde has root <{_local(element.tag)}>, expected <Project>", path=where)
                continue
            depth -= 1
            tag = _local(element.tag)
            if depth == 2 and tag in ("TextSource", *_OTHER_SOURCES):
                reader.source(element, sources_seen)
                sources_seen += 1
                element.clear()
            elif depth == 1:
                if tag == "Users":
                    reader.users_section(element)
                elif tag == "CodeBook":
                    reader.codebook_section(_child(element, "Codes"))
                elif tag == "Variables":
                    reader.variables_section(element)
                elif tag == "Notes":
                    reader.notes_section(element)
                elif tag == "Sets":
                    reader.sets_section(element)
                elif tag == "NoteRef":
                    reader.note_refs.append(("project", None, _guid(element.get("targetGUID")) or ""))
                elif tag in ("Cases", "Links", "Graphs"):
                    reader.skipped[f"{tag.lower()} section(s) (not kept by Annotator)"] += 1
                element.clear()
    except (defusedxml.DefusedXmlException, ET.ParseError) as exc:
        raise _parse_error(exc, f"{where}:project.qde") from None
    return reader.finish()


def _check_file(path: str | os.PathLike[str], where: str) -> None:
    """A regular file of a size we read (a pipe would hang; a .qdc is read whole, so its size is checked first)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=where) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a pipe or a device); save it as a file first", path=where)
    if str(path).lower().endswith(".qdc") and info.st_size > MAX_TOTAL_BYTES:
        raise InputError(f"refused: larger than {MAX_TOTAL_BYTES // 2**20} MB", path=where)


def read_qdpx(path: str | os.PathLike[str]) -> Bundle:
    """Read and check a .qdpx archive completely, without touching any project."""
    where = str(path)
    _check_file(path, where)
    try:
        if not zipfile.is_zipfile(path):
            raise InputError("not a .qdpx file (not a zip archive)", path=where)
        with zipfile.ZipFile(path) as zipped:
            archive = _Archive(zipped, where)
            entry, base = archive.project_entry()
            return _read_project(archive.read(entry), where, archive, base)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"damaged .qdpx archive ({exc})", path=where) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted entries, unknown compression methods
        raise InputError(f"cannot read the archive ({exc})", path=where) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=where) from None


def read_qdc(path: str | os.PathLike[str]) -> Bundle:
    where = str(path)
    _check_file(path, where)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=where) from None
    if len(data) > MAX_TOTAL_BYTES:
        raise InputError(f"refused: larger than {MAX_TOTAL_BYTES // 2**20} MB", path=where)
    root = parse_xml(data, where)
    if _local(root.tag) != "CodeBook":
        raise InputError(f"root element is <{_local(root.tag)}>, expected <CodeBook>", path=where)
    reader = _ProjectReader(where, None, "")
    reader.codebook_section(_child(root, "Codes"))
    return reader.finish()
