"""REFI-QDA fidelity (issue 16): a round trip keeps everything we store, and files other tools write (folder
layouts, normalisation-sensitive texts, shared GUIDs, notes, sets, codability) import faithfully."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from annotator.core.errors import InputError
from annotator.core.exchange.merge import merge_project
from annotator.core.exchange.refi import export_qdpx, import_refi_report, read_qdpx
from annotator.core.model import DocumentInput
from annotator.core.store import Project

TEXT_ZH = "新华社北京电 警方破获一起走私孕妇血样案件。😀 专家称这威胁生物安全。"
TEXT_EN = "The ring shipped blood samples across the border.\nAnalysts blamed son preference."
G = "{:08X}-2222-3333-4444-555555555555".format  # readable GUIDs for hand-written files


def rich_project(path: Path) -> Project:
    """Every kind of thing a .qdpx can carry for us."""
    project = Project.create(path)
    project.add_code("Frames", description="Grouping only", codable=False)
    security = project.add_code("Frames/Security", color="#123456", description="Threat to the nation")
    morality = project.add_code("Frames/Morality")
    project.add_documents([
        DocumentInput(text=TEXT_ZH, name="xinhua", title="走私血样案", outlet="Xinhua", date="2024-03-01",
                      url="https://example.org/a", attributes={"section": "社会"}),
        DocumentInput(text=TEXT_EN, name="analysis")])
    zh, en = project.document("xinhua"), project.document("analysis")
    ann, odd = project.ensure_coder("ann"), project.ensure_coder("bo\x01b")  # a control character in a name
    project.add_segment(zh.id, ann.id, security.id, 7, 21, "police action")
    project.add_segment(zh.id, odd.id, morality.id, TEXT_ZH.index("😀"), len(TEXT_ZH))
    project.add_segment(en.id, ann.id, morality.id, 0, 8)
    project.set_assignment(zh.id, ann.id, "done")
    project.set_assignment(en.id, ann.id, "in_progress")
    project.set_assignment(zh.id, odd.id, "done")
    project.add_memo("Check the date with the wire copy.", document_id=zh.id, coder_id=ann.id)
    project.add_memo("Use only for state actors.", code_id=security.id)
    project.add_memo("Round 1 started.\nBell\x07 rang.")  # a journal entry XML cannot carry as text
    wave = project.ensure_document_set("Wave 1", description="March sample")
    project.add_to_set(wave.id, [zh.id, en.id])
    return project


def content(project: Project) -> dict:
    names = {d.id: d.name for d in project.documents()}
    coders = {c.id: c.name for c in project.coders()}
    codes = {c.id: c.path for c in project.codes()}
    return {
        "documents": sorted((d.guid, d.name, project.document_text(d.id), d.title, d.outlet, d.date, d.url,
                             d.attributes) for d in project.documents()),
        "codes": [(c.path, c.guid, c.color, c.description, c.codable) for c in project.codes()],
        "coders": sorted((c.guid, c.name) for c in project.coders()),
        "segments": sorted((s.guid, names[s.document_id], coders[s.coder_id], codes[s.code_id], s.start, s.end, s.memo)
                           for s in project.segments()),
        "memos": sorted((m.kind, m.text, coders.get(m.coder_id)) for m in project.memos()),
        "sets": [(s.name, s.description, sorted(names[i] for i in project.set_members(s.id)))
                 for s in project.document_sets()],
        "done": sorted((names[a.document_id], coders[a.coder_id], a.status) for a in project.assignments()),
    }


def archive_contents(path: Path) -> dict[str, bytes]:
    """The archive's entries, with the project's own name and creation time taken out of project.qde."""
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    root = ET.fromstring(entries["project.qde"])
    for attribute in ("name", "creationDateTime"):
        root.attrib.pop(attribute, None)
    entries["project.qde"] = ET.tostring(root)
    return entries


def test_round_trip_project_qdpx_project_qdpx_is_identical(tmp_path, shared):
    xmlschema = pytest.importorskip("xmlschema")
    source = rich_project(tmp_path / "source.annotator")
    first = tmp_path / "first.qdpx"
    report = export_qdpx(source, first)
    assert report.documents == 2 and report.segments == 3
    copy = Project.create(tmp_path / "copy.annotator")
    merge = import_refi_report(copy, first)
    assert not merge.conflicts, merge.conflicts
    assert content(copy) == content(source)
    second = tmp_path / "second.qdpx"
    export_qdpx(copy, second)
    assert archive_contents(second) == archive_contents(first)
    schema = xmlschema.XMLSchema(str(shared / "reference" / "refi-qda" / "Project-mrt2019.xsd"))
    with zipfile.ZipFile(second) as archive:
        schema.validate(archive.read("project.qde").decode("utf-8"))
    # Importing the same file again changes nothing.
    assert not import_refi_report(copy, first).changed
    source.close()
    copy.close()


def qdpx(path: Path, qde: str, files: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde) if "project.qde" not in {k.rpartition("/")[2] for k in files} else None
        for name, data in files.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def project_qde(sources: str, *, codes: str = "", users: str = "", extra: str = "") -> str:
    codes = codes or f'<Code guid="{G(1)}" name="Frame" isCodable="true"/>'
    users = users or f'<User guid="{G(9)}" name="kim"/>'
    return (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
            f'<Users>{users}</Users><CodeBook><Codes>{codes}</Codes></CodeBook>'
            f'<Sources>{sources}</Sources>{extra}</Project>')


def selection(guid: int, start: int, end: int, code: int = 1, user: int = 9, inner: str = "") -> str:
    return (f'<PlainTextSelection guid="{G(guid)}" startPosition="{start}" endPosition="{end}" creatingUser="{G(user)}">'
            f'{inner}<Coding guid="{G(guid + 500)}" creatingUser="{G(user)}"><CodeRef targetGUID="{G(code)}"/></Coding>'
            "</PlainTextSelection>")


def coded_text(project: Project) -> list[str]:
    return sorted(project.document_text(s.document_id)[s.start:s.end] for s in project.segments())


@pytest.mark.parametrize("folder", ["Sources/", "sources/", "", "MyProject/Sources/", "MyProject\\sources\\"])
def test_every_folder_layout_real_tools_write(tmp_path, folder):
    """NVivo writes Sources/ (capital S); some zip a top folder; Windows tools write backslashes."""
    text = "Security services warned of a threat."
    sources = f'<TextSource guid="{G(100)}" name="a" plainTextPath="internal://{G(100)}.txt">{selection(1, 0, 8)}</TextSource>'
    qde_name = "MyProject/project.qde" if folder.startswith("MyProject") else "project.qde"
    path = qdpx(tmp_path / "x.qdpx", "", {qde_name: project_qde(sources), f"{folder}{G(100)}.txt": text})
    project = Project.memory()
    report = import_refi_report(project, path)
    assert report.documents_added == 1
    assert [w for w in report.warnings if "no coder progress" not in w] == []
    assert coded_text(project) == ["Security"]


def test_a_missing_text_refuses_the_file(tmp_path):
    sources = f'<TextSource guid="{G(100)}" name="lost" plainTextPath="internal://{G(100)}.txt"/>'
    path = qdpx(tmp_path / "x.qdpx", project_qde(sources), {})
    project = Project.memory()
    with pytest.raises(InputError, match="source 'lost': its text .* is not in the archive"):
        import_refi_report(project, path)
    assert project.document_count() == 0


@pytest.mark.parametrize(("raw", "word"), [
    ("Cafe\u0301 owners and the re\u0301gime\r\nsaid Security matters.", "Security"),  # NFD (macOS) and CRLF
    ("\u0958\u0959 the Ω\u2126 sign: Security first.", "Security"),  # NFC expands U+0958, maps U+2126
    ("Line one\rLine two\r\nLine three Security.", "Security"),  # old Mac CR and Windows CRLF
])
def test_selections_follow_the_normalisation_of_the_text(tmp_path, raw, word):
    start = raw.index(word)
    sources = (f'<TextSource guid="{G(100)}" name="a" plainTextPath="internal://{G(100)}.txt">'
               f'{selection(1, start, start + len(word))}</TextSource>')
    path = qdpx(tmp_path / "x.qdpx", project_qde(sources), {f"sources/{G(100)}.txt": raw})
    project = Project.memory()
    import_refi_report(project, path)
    assert coded_text(project) == [word]
    assert project.document_text(project.documents()[0].id) == unicodedata.normalize(
        "NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def test_crlf_inside_inline_plain_text_content(tmp_path):
    """An XML parser folds CRLF into LF; the selection counted both characters of each line break."""
    raw = "First line\r\nSecond line\r\nSecurity here."
    start = raw.index("Security")
    lines = raw.replace("\r\n", "\n")  # the file is written with CRLF line ends throughout
    sources = (f'<TextSource guid="{G(100)}" name="inline">\n<PlainTextContent>{lines}</PlainTextContent>\n'
               f'{selection(1, start, start + 8)}</TextSource>')
    path = tmp_path / "x.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project_qde(sources).replace("\n", "\r\n").encode("utf-8"))
    project = Project.memory()
    import_refi_report(project, path)
    assert coded_text(project) == ["Security"]


def test_two_sources_sharing_a_guid_keep_their_own_codings(tmp_path):
    sources = (f'<TextSource guid="{G(100)}" name="first" plainTextPath="internal://a.txt">{selection(1, 0, 5)}</TextSource>'
               f'<TextSource guid="{G(100)}" name="second" plainTextPath="internal://b.txt">{selection(2, 0, 6)}'
               "</TextSource>")
    path = qdpx(tmp_path / "x.qdpx", project_qde(sources), {"sources/a.txt": "Alpha text", "sources/b.txt": "Bravo! text"})
    project = Project.memory()
    report = import_refi_report(project, path)
    assert any("share the GUID" in w for w in report.warnings)
    by_document = {project.document(s.document_id, with_text=False).name: project.document_text(s.document_id)[s.start:s.end]
                   for s in project.segments()}
    assert by_document == {"first": "Alpha", "second": "Bravo!"}


def test_codes_or_users_sharing_a_guid_that_codings_use_are_refused(tmp_path):
    sources = f'<TextSource guid="{G(100)}" name="a" plainTextPath="internal://a.txt">{selection(1, 0, 5)}</TextSource>'
    two_codes = f'<Code guid="{G(1)}" name="A" isCodable="true"/><Code guid="{G(1)}" name="B" isCodable="true"/>'
    path = qdpx(tmp_path / "codes.qdpx", project_qde(sources, codes=two_codes), {"sources/a.txt": "Alpha text"})
    with pytest.raises(InputError, match="share the GUID .* ambiguous"):
        read_qdpx(path)
    two_users = f'<User guid="{G(9)}" name="kim"/><User guid="{G(9)}" name="lee"/>'
    path = qdpx(tmp_path / "users.qdpx", project_qde(sources, users=two_users), {"sources/a.txt": "Alpha text"})
    with pytest.raises(InputError, match="different names share the GUID"):
        read_qdpx(path)


def test_other_tools_notes_sets_and_codability_come_in(tmp_path):
    """MAXQDA-style: notes on a source, a code and a selection, a free note, a document set, a category code."""
    codes = (f'<Code guid="{G(2)}" name="Category" isCodable="false"><NoteRef targetGUID="{G(71)}"/>'
             f'<Code guid="{G(1)}" name="Frame" isCodable="true"/></Code>')
    sources = (f'<TextSource guid="{G(100)}" name="a" plainTextPath="internal://a.txt">'
               f'{selection(1, 0, 5, inner="<Description>selection memo</Description>")}'
               f'<NoteRef targetGUID="{G(70)}"/></TextSource>')
    notes = "".join(f'<Note guid="{G(n)}" name="n{n}"><PlainTextContent>{text}</PlainTextContent></Note>'
                    for n, text in ((70, "on the document"), (71, "on the code"), (72, "free note")))
    sets = f'<Sets><Set guid="{G(80)}" name="Wave 1"><MemberSource targetGUID="{G(100)}"/></Set></Sets>'
    path = qdpx(tmp_path / "x.qdpx", project_qde(sources, codes=codes, extra=f"<Notes>{notes}</Notes>{sets}"),
                {"sources/a.txt": "Alpha text"})
    project = Project.memory()
    report = import_refi_report(project, path)
    assert report.memos_added == 3 and report.sets_added == 1
    assert sorted((m.kind, m.text) for m in project.memos()) == [
        ("code", "on the code"), ("document", "on the document"), ("project", "free note")]
    assert not project.code("Category").codable and project.code("Category/Frame").codable
    assert [s.memo for s in project.segments()] == ["selection memo"]
    assert [project.set_members(s.id) for s in project.document_sets()] == [[project.documents()[0].id]]


def test_a_codebook_deeper_than_the_limit_is_refused(tmp_path):
    deep = "".join(f'<Code guid="{i:08X}-2222-3333-4444-555555555555" name="L{i}" isCodable="true">'
                   for i in range(2000)) + "</Code>" * 2000
    path = tmp_path / "deep.qdc"
    path.write_text(f'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{deep}</Codes>'
                    "</CodeBook>", encoding="utf-8")
    project = Project.memory()
    with pytest.raises(InputError, match="more than 64 levels deep"):
        import_refi_report(project, path)
    assert project.codes() == []


def test_done_state_travels_and_other_tools_files_warn(tmp_path):
    """Our own .qdpx carries who finished what; a file without progress says so, and --mark-done helps."""
    source = rich_project(tmp_path / "source.annotator")
    export_qdpx(source, tmp_path / "ours.qdpx")
    lead = Project.create(tmp_path / "lead.annotator")
    report = merge_project(lead, tmp_path / "ours.qdpx")
    assert not any("no coder progress" in w for w in report.warnings)
    assert ("xinhua", "ann", "done") in content(lead)["done"]
    # The same codings from a tool that records no progress.
    sources = f'<TextSource guid="{G(100)}" name="a" plainTextPath="internal://a.txt">{selection(1, 0, 5)}</TextSource>'
    foreign = qdpx(tmp_path / "maxqda.qdpx", project_qde(sources), {"sources/a.txt": "Alpha text"})
    other = Project.create(tmp_path / "other.annotator")
    report = merge_project(other, foreign)
    assert any("records no coder progress" in w and "--mark-done" in w for w in report.warnings)
    assert [a.status for a in other.assignments()] == ["in_progress"]
    report = merge_project(other, foreign, mark_done=True)
    assert [a.status for a in other.assignments()] == ["done"]
    for project in (source, lead, other):
        project.close()


def test_merge_prints_every_conflict_it_resolves(tmp_path):
    """A code renamed in one copy and a description changed are conflicts, with how they were resolved."""
    lead = Project.create(tmp_path / "lead.annotator")
    lead.add_code("Frames/Security", description="Threat to the nation")
    lead.add_documents([DocumentInput(text=TEXT_EN, name="analysis")])
    lead.close()
    import shutil

    shutil.copy(tmp_path / "lead.annotator", tmp_path / "copy.annotator")
    with Project.open(tmp_path / "copy.annotator") as copy:
        security = copy.code("Frames/Security")
        copy.move_code(security.id, "Frames/Safety")
        copy.update_code(security.id, description="Anything about safety")
        copy.update_document_metadata(copy.document("analysis").id, name="analysis-v2")
    with Project.open(tmp_path / "lead.annotator") as lead:
        report = merge_project(lead, tmp_path / "copy.annotator")
    assert "code 'Frames/Security' is called 'Frames/Safety' in the other file; kept 'Frames/Security'" in report.conflicts
    assert any("the description differs" in c and "kept this project's" in c for c in report.conflicts)
    assert any("is called 'analysis-v2' in the other file" in c for c in report.conflicts)


def test_qdpx_export_warns_about_what_other_tools_cannot_hold(tmp_path):
    project = Project.memory()
    project.add_code("Frames/Economic", inclusion="money talk")
    project.add_code("Primary frame/Economic")
    warnings = export_qdpx(project, tmp_path / "x.qdpx").warnings
    assert any("QualCoder needs unique code names" in w for w in warnings)
    assert any("inclusion/exclusion" in w for w in warnings)


def test_users_sharing_a_guid_that_nothing_refers_to_are_both_kept(tmp_path):
    users = f'<User guid="{G(9)}" name="kim"/><User guid="{G(9)}" name="lee"/><User guid="{G(8)}" name="max"/>'
    sources = f'<TextSource guid="{G(100)}" name="a" plainTextPath="internal://a.txt">{selection(1, 0, 5, user=8)}</TextSource>'
    path = qdpx(tmp_path / "x.qdpx", project_qde(sources, users=users), {"sources/a.txt": "Alpha text"})
    project = Project.memory()
    report = import_refi_report(project, path)
    assert {c.name for c in project.coders()} == {"kim", "lee", "max"}
    assert any("share the GUID" in w for w in report.warnings)
