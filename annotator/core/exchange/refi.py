"""REFI-QDA exchange: ``.qdc`` codebooks and ``.qdpx`` projects (ATLAS.ti, MAXQDA, NVivo, QualCoder...).

A ``.qdpx`` is a zip holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``) and the
documents as UTF-8 ``sources/<guid>.txt``, referenced as ``internal://<guid>.txt``. Text selections
count Unicode code points from 0, end exclusive, which is exactly our offset convention. Our stored
guids are written out, so exporting twice gives the same identifiers and re-importing matches them.

Incoming files are hostile until proven otherwise: XML is parsed only with defusedxml with DTDs
refused (no entity expansion, no external entities), zip entries must stay inside the archive, and
the uncompressed size and compression ratio are capped. Everything is read and checked before the
project changes; the change itself is one transaction.

Not carried by REFI-QDA and therefore lost on a round trip through other tools: a code's inclusion,
exclusion, example, shortcut and exclusive flag. Document metadata (title, outlet, date, language, url and
free attributes) travels as REFI-QDA text variables.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DET

from annotator import __version__
from annotator.core.errors import InputError
from annotator.core.exchange.bundle import (
    Bundle,
    CodeSpec,
    CoderSpec,
    DocumentSpec,
    SegmentSpec,
    apply_bundle,
)
from annotator.core.exporters.output import check_target, output_file
from annotator.core.model import PATH_SEPARATOR, Document
from annotator.core.store import Project
from annotator.core.text import normalise

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, beyond which an entry is treated as a zip bomb
MAX_ENTRIES = 100_000
ORIGIN = f"Annotator {__version__}"
_CODING_NS = uuid.UUID("6f1d2a7c-5b0e-4c55-9a43-2d9f3f0e8b11")


# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    """Drop the control characters XML 1.0 cannot carry (a pasted memo may hold one)."""
    return _XML_INVALID.sub("", value)


def _derived_guid(*parts: str) -> str:
    """A stable guid for elements we do not store (codings), so repeated exports are identical."""
    return str(uuid.uuid5(_CODING_NS, "/".join(parts))).upper()


def _xml_datetime(stamp: str) -> str | None:
    try:
        value = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


DOCUMENT_FIELDS = ("title", "outlet", "date", "language", "url")


def _variable_values(document: Document) -> dict[str, str]:
    """A document's metadata as REFI-QDA text variables (our fields first, then free attributes)."""
    values = {f: getattr(document, f) for f in DOCUMENT_FIELDS if getattr(document, f)}
    for key, value in sorted(document.attributes.items()):
        if key not in values and key not in DOCUMENT_FIELDS and str(value):
            values[key] = str(value)
    return values


def _document_variables(documents: list[Document]) -> dict[str, str]:
    names: dict[str, str] = {}
    for document in documents:
        for name in _variable_values(document):
            names.setdefault(name, _derived_guid("variable", name))
    return names


def _codes_element(project: Project, ns: str) -> ET.Element | None:
    codes = project.codes()
    if not codes:
        return None
    root = ET.Element(f"{{{ns}}}Codes")
    elements: dict[int, ET.Element] = {}
    for code in codes:
        parent = elements.get(code.parent_id, root) if code.parent_id is not None else root
        element = ET.SubElement(parent, f"{{{ns}}}Code", guid=code.guid, name=_xml_safe(code.name), isCodable="true",
                                color=code.color.upper())
        if code.description:
            # Description must precede child codes in the schema; codes are visited parents first.
            ET.SubElement(element, f"{{{ns}}}Description").text = _xml_safe(code.description)
        elements[code.id] = element
    return root


def _serialise(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_xml(project: Project) -> bytes:
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=ORIGIN)
    codes = _codes_element(project, CODEBOOK_NS)
    if codes is None:
        raise InputError("the codebook is empty; add codes before exporting a .qdc file")
    root.append(codes)
    return _serialise(root, CODEBOOK_NS)


def project_xml(project: Project) -> bytes:
    ns = PROJECT_NS
    name = project.path.stem if project.path is not None else "Annotator project"
    root = ET.Element(f"{{{ns}}}Project", name=name, origin=ORIGIN)
    created = _xml_datetime(project.meta("created"))
    if created:
        root.set("creationDateTime", created)
    coders = project.coders()
    if coders:
        users = ET.SubElement(root, f"{{{ns}}}Users")
        for coder in coders:
            ET.SubElement(users, f"{{{ns}}}User", guid=coder.guid, name=_xml_safe(coder.name))
    codes = _codes_element(project, ns)
    if codes is not None:
        ET.SubElement(root, f"{{{ns}}}CodeBook").append(codes)
    documents = project.documents()
    variables = _document_variables(documents)
    if variables:
        # After Users and CodeBook, before Sources, as the schema's sequence requires.
        declared = ET.Element(f"{{{ns}}}Variables")
        for name, guid in variables.items():
            ET.SubElement(declared, f"{{{ns}}}Variable", guid=guid, name=name, typeOfVariable="Text")
        root.append(declared)
    if documents:
        coder_guid = {c.id: c.guid for c in coders}
        code_guid = {c.id: c.guid for c in project.codes()}
        sources = ET.SubElement(root, f"{{{ns}}}Sources")
        for document in documents:
            source = ET.SubElement(sources, f"{{{ns}}}TextSource", guid=document.guid, name=_xml_safe(document.name),
                                   plainTextPath=f"internal://{document.guid}.txt")
            if document.title and document.title != document.name:
                ET.SubElement(source, f"{{{ns}}}Description").text = _xml_safe(document.title)
            for segment in project.segments(document_id=document.id):
                selection = ET.SubElement(
                    source, f"{{{ns}}}PlainTextSelection", guid=segment.guid,
                    startPosition=str(segment.start), endPosition=str(segment.end),
                    creatingUser=coder_guid[segment.coder_id])
                stamp = _xml_datetime(segment.created)
                if stamp:
                    selection.set("creationDateTime", stamp)
                if segment.memo:
                    ET.SubElement(selection, f"{{{ns}}}Description").text = _xml_safe(segment.memo)
                coding = ET.SubElement(selection, f"{{{ns}}}Coding", guid=_derived_guid("coding", segment.guid),
                                       creatingUser=coder_guid[segment.coder_id])
                ET.SubElement(coding, f"{{{ns}}}CodeRef", targetGUID=code_guid[segment.code_id])
            for name, value in _variable_values(document).items():
                element = ET.SubElement(source, f"{{{ns}}}VariableValue")
                ET.SubElement(element, f"{{{ns}}}VariableRef", targetGUID=variables[name])
                ET.SubElement(element, f"{{{ns}}}TextValue").text = _xml_safe(value)
    return _serialise(root, ns)


def export_qdc(project: Project, path: str | os.PathLike[str]) -> None:
    """Write the codebook as a REFI-QDA ``.qdc`` file."""
    check_target(Path(path), project.path)
    data = codebook_xml(project)
    with output_file(path, project_path=project.path, binary=True) as handle:
        handle.write(data)


def export_qdpx(project: Project, path: str | os.PathLike[str]) -> None:
    """Write documents, codebook, coders and segments as a REFI-QDA ``.qdpx`` archive."""
    with output_file(path, project_path=project.path, binary=True) as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", project_xml(project))
            for document in project.documents():
                archive.writestr(f"sources/{document.guid}.txt", project.document_text(document.id).encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------------

def _parse_xml(data: bytes, where: str) -> ET.Element:
    """Parse untrusted XML: no DTD, hence no entities (billion laughs) and no external references."""
    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"refused: the XML declares a DTD or entities ({type(exc).__name__}); REFI-QDA files "
                         "never need them", path=where) from None
    except ET.ParseError as exc:
        raise InputError(f"not well-formed XML ({exc})", path=where) from None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if _local(c.tag) == name]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    found = _children(element, name)
    return found[0] if found else None


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


def _code_specs(codes_element: ET.Element | None) -> tuple[list[CodeSpec], dict[str, str]]:
    """Code specs (parents first) and a map guid -> path."""
    specs: list[CodeSpec] = []
    by_guid: dict[str, str] = {}
    taken: set[str] = set()

    def walk(element: ET.Element, prefix: str) -> None:
        for order, code in enumerate(_children(element, "Code")):
            name = " ".join((code.get("name") or "").replace(PATH_SEPARATOR, "-").split()) or "(unnamed)"
            path = f"{prefix}{PATH_SEPARATOR}{name}" if prefix else name
            base, n = path, 2
            while path in taken:
                path, n = f"{base} ({n})", n + 1
            taken.add(path)
            description = _child(code, "Description")
            guid = _guid(code.get("guid"))
            specs.append(CodeSpec(path=path, guid=guid, color=_colour(code.get("color")),
                                  description=(description.text or "").strip() if description is not None else "",
                                  sort_order=order))
            if guid:
                by_guid[guid] = path
            walk(code, path)

    if codes_element is not None:
        walk(codes_element, "")
    return specs, by_guid


def _check_zip(archive: zipfile.ZipFile, where: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"refused: the archive holds {len(infos)} entries", path=where)
    total = 0
    for info in infos:
        name = info.filename
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or (len(name) > 1 and name[1] == ":"):
            raise InputError(f"refused: unsafe path '{name}' in the archive (path traversal)", path=where)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"refused: the archive unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB", path=where)
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"refused: '{name}' is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                             "(a zip bomb?)", path=where)


def _read_entry(archive: zipfile.ZipFile, name: str, where: str) -> bytes:
    info = archive.getinfo(name)
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise InputError(f"refused: '{name}' is larger than the archive declares", path=where)
    return data


def read_qdpx(path: str | os.PathLike[str]) -> Bundle:
    """Read and check a .qdpx archive completely, without touching any project."""
    where = str(path)
    if not zipfile.is_zipfile(path):
        raise InputError("not a .qdpx file (not a zip archive)", path=where)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_zip(archive, where)
            names = {i.filename for i in archive.infolist()}
            qde = next((n for n in names if n.lower() == "project.qde"), None)
            if qde is None:
                raise InputError("no project.qde inside; not a REFI-QDA project archive", path=where)
            root = _parse_xml(_read_entry(archive, qde, where), f"{where}:project.qde")
            if _local(root.tag) != "Project":
                raise InputError(f"project.qde has root <{_local(root.tag)}>, expected <Project>", path=where)

            def source_text(reference: str) -> str | None:
                entry = reference.split("internal://", 1)[1] if reference.startswith("internal://") else None
                if entry is None:
                    return None
                candidates = [f"sources/{entry}", entry]
                for candidate in candidates:
                    if candidate in names:
                        raw = _read_entry(archive, candidate, where)
                        try:
                            return raw.decode("utf-8-sig")
                        except UnicodeDecodeError:
                            raise InputError(f"source '{candidate}' is not UTF-8 text", path=where) from None
                return None

            return _bundle_from_project(root, source_text, where)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"damaged .qdpx archive ({exc})", path=where) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted entries, unknown compression methods
        raise InputError(f"cannot read the archive ({exc})", path=where) from None


def _bundle_from_project(root: ET.Element, source_text, where: str) -> Bundle:  # type: ignore[no-untyped-def]
    bundle = Bundle()
    users = _child(root, "Users")
    user_names: dict[str, str] = {}
    for user in _children(users, "User") if users is not None else []:
        guid = _guid(user.get("guid"))
        name = (user.get("name") or user.get("id") or "").strip() or (f"user {guid[:8]}" if guid else "")
        if not name:
            continue
        if guid:
            user_names[guid] = name
        bundle.coders.append(CoderSpec(name, guid))
    declared = _child(root, "Variables")
    variable_names = {_guid(v.get("guid")): (v.get("name") or "").strip()
                      for v in (_children(declared, "Variable") if declared is not None else [])}
    codebook = _child(root, "CodeBook")
    bundle.codes, code_paths = _code_specs(_child(codebook, "Codes") if codebook is not None else None)
    sources = _child(root, "Sources")
    skipped_kinds: dict[str, int] = {}
    for source in list(sources) if sources is not None else []:
        kind = _local(source.tag)
        if kind != "TextSource":
            skipped_kinds[kind] = skipped_kinds.get(kind, 0) + 1
            continue
        name = (source.get("name") or "").strip() or "document"
        content = _child(source, "PlainTextContent")
        if content is not None and content.text:
            raw = content.text
        else:
            raw = source_text(source.get("plainTextPath") or "")
        if raw is None:
            bundle.warnings.append(f"source '{name}': its text is missing from the archive; skipped")
            continue
        text = normalise(raw)
        key = source.get("guid") or name
        offset_map = _offset_map(raw, text)
        if not text.strip():
            bundle.warnings.append(f"source '{name}' is empty; skipped")
            continue
        description = _child(source, "Description")
        values = {"title": (description.text or "").strip() if description is not None else ""}
        for element in _children(source, "VariableValue"):
            ref = _child(element, "VariableRef")
            variable = variable_names.get(_guid(ref.get("targetGUID")) if ref is not None else None)
            value = next((c.text for c in element if _local(c.tag).endswith("Value") and c.text), None)
            if variable and value is not None:
                values[variable] = value.strip()
        bundle.documents.append(DocumentSpec(
            key=key, name=name, text=text, guid=_guid(source.get("guid")),
            **{f: values.pop(f, "") for f in DOCUMENT_FIELDS},
            attributes={k: v for k, v in values.items() if k}))
        for selection in _children(source, "PlainTextSelection"):
            try:
                start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
            except ValueError:
                bundle.warnings.append(f"source '{name}': a selection without valid positions; skipped")
                continue
            if offset_map is not None:
                if not (0 <= start <= len(raw) and 0 <= end <= len(raw)):
                    bundle.warnings.append(f"source '{name}': selection {start}-{end} is outside the text; skipped")
                    continue
                start, end = offset_map[start], offset_map[end]
            memo_element = _child(selection, "Description")
            memo = (memo_element.text or "").strip() if memo_element is not None else ""
            codings = _children(selection, "Coding")
            for coding in codings:
                ref = _child(coding, "CodeRef")
                code_guid = _guid(ref.get("targetGUID")) if ref is not None else None
                if code_guid not in code_paths:
                    bundle.warnings.append(f"source '{name}': a coding refers to an unknown code; skipped")
                    continue
                user = _guid(coding.get("creatingUser") or selection.get("creatingUser"))
                coder = user_names.get(user or "", "imported")
                if coder == "imported" and not any(c.name == "imported" for c in bundle.coders):
                    bundle.coders.append(CoderSpec("imported"))
                bundle.segments.append(SegmentSpec(
                    document=key, coder=coder, code=code_paths[code_guid], start=start, end=end, memo=memo,
                    guid=_guid(selection.get("guid")) if len(codings) == 1 else None,
                    created=selection.get("creationDateTime")))
    for kind, n in skipped_kinds.items():
        bundle.warnings.append(f"{n} {kind} item(s) skipped: only plain-text sources are supported")
    return bundle


def _offset_map(raw: str, text: str) -> list[int] | None:
    """Where each code point offset of the file's text lands in the normalised text (None if unchanged).

    A BOM and CR/CRLF line breaks are mapped exactly. NFC composition (rare in exported text) is not
    mapped: offsets after a composed character may shift by one, and are clamped to the text."""
    if raw == text:
        return None
    mapping: list[int] = []
    i, j = 0, 0
    if raw.startswith("\ufeff"):
        mapping.append(0)
        i = 1
    while i < len(raw):
        mapping.append(j)
        if raw[i] == "\r" and i + 1 < len(raw) and raw[i + 1] == "\n":
            mapping.append(j)
            i += 2
            j += 1
            continue
        i += 1
        j += 1
    mapping.append(j)
    return [min(m, len(text)) for m in mapping]


def read_qdc(path: str | os.PathLike[str]) -> Bundle:
    where = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=where) from None
    if len(data) > MAX_TOTAL_BYTES:
        raise InputError("refused: larger than 200 MB", path=where)
    root = _parse_xml(data, where)
    if _local(root.tag) != "CodeBook":
        raise InputError(f"root element is <{_local(root.tag)}>, expected <CodeBook>", path=where)
    bundle = Bundle()
    bundle.codes, _ = _code_specs(_child(root, "Codes"))
    return bundle


def read_refi(path: str | os.PathLike[str]) -> Bundle:
    """Read and check a .qdc codebook or a .qdpx project, without touching any project."""
    suffix = Path(path).suffix.lower()
    if suffix == ".qdc":
        return read_qdc(path)
    if suffix == ".qdpx":
        return read_qdpx(path)
    raise InputError("expected a .qdc or .qdpx file", path=str(path))


def import_refi(project: Project, path: str | os.PathLike[str]) -> str:
    """Import a .qdc codebook or a .qdpx project; returns a one-line summary."""
    return apply_bundle(project, read_refi(path)).summary()
