"""REFI-QDA .qdc/.qdpx export and import, and project merge."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from annotator.core.codebook import load_template
from annotator.core.errors import InputError
from annotator.core.exchange.merge import merge_project
from annotator.core.exchange.refi import (
    CODEBOOK_NS,
    PROJECT_NS,
    codebook_xml,
    export_qdc,
    export_qdpx,
    import_refi,
    project_xml,
)
from annotator.core.model import DocumentInput
from annotator.core.store import Project

TEXT_ZH = "新华社北京电 警方破获一起走私孕妇血样案件。😀 专家称这威胁生物安全。"
TEXT_EN = "The ring shipped blood samples across the border.\nAnalysts blamed son preference."


def build(project: Project) -> Project:
    load_template(project, "generic-frames")
    project.add_code("Conflict/Between agencies", color="#123456", description="Two offices disagree")
    project.add_documents([
        DocumentInput(text=TEXT_ZH, name="xinhua", title="走私血样案", outlet="Xinhua", date="2024-03-01",
                      url="https://example.org/a", attributes={"section": "社会"}),
        DocumentInput(text=TEXT_EN, name="analysis")])
    zh, en = project.document("xinhua"), project.document("analysis")
    ann, bo = project.ensure_coder("ann"), project.ensure_coder("bo")
    resp, conflict = project.code("Responsibility"), project.code("Conflict/Between agencies")
    project.add_segment(zh.id, ann.id, resp.id, 7, 21, "police action")
    project.add_segment(zh.id, bo.id, resp.id, 7, 21)
    project.add_segment(zh.id, bo.id, conflict.id, TEXT_ZH.index("😀"), len(TEXT_ZH))
    project.add_segment(en.id, ann.id, conflict.id, 0, 8)
    project.set_assignment(en.id, bo.id, "done")
    return project


def snapshot(project: Project) -> dict:
    docs = {d.guid: d for d in project.documents()}
    coders = {c.id: c.name for c in project.coders()}
    codes = {c.id: c.path for c in project.codes()}
    return {
        "documents": sorted((d.name, project.document_text(d.id), d.title, d.outlet, d.date, d.language, d.url,
                             d.attributes) for d in docs.values()),
        "codes": [(c.path, c.guid, c.color, c.description) for c in project.codes()],
        "segments": sorted((project.document(s.document_id, with_text=False).name, coders[s.coder_id],
                            codes[s.code_id], s.start, s.end, s.memo, s.guid) for s in project.segments()),
        "counts": project.counts(),
    }


@pytest.fixture
def source(tmp_path) -> Project:
    project = build(Project.create(tmp_path / "source.annotator"))
    yield project
    project.close()


def test_qdpx_round_trip(source, tmp_path):
    export_qdpx(source, tmp_path / "out.qdpx")
    target = Project.create(tmp_path / "target.annotator")
    summary = import_refi(target, tmp_path / "out.qdpx")
    assert summary.startswith("2 documents added")
    before, after = snapshot(source), snapshot(target)
    for key in ("documents", "codes", "segments"):
        assert before[key] == after[key], key
    assert {d.guid for d in source.documents()} == {d.guid for d in target.documents()}
    assert [c.guid for c in source.coders()] == [c.guid for c in target.coders()]
    # Importing again changes nothing.
    import_refi(target, tmp_path / "out.qdpx")
    assert snapshot(target) == after
    target.close()


def test_qdpx_layout_and_stable_guids(source, tmp_path):
    export_qdpx(source, tmp_path / "a.qdpx")
    export_qdpx(source, tmp_path / "b.qdpx")
    with zipfile.ZipFile(tmp_path / "a.qdpx") as a, zipfile.ZipFile(tmp_path / "b.qdpx") as b:
        names = sorted(a.namelist())
        assert names == sorted(["project.qde"] + [f"sources/{d.guid}.txt" for d in source.documents()])
        assert a.read("project.qde") == b.read("project.qde")
        zh = source.document("xinhua")
        assert a.read(f"sources/{zh.guid}.txt").decode("utf-8") == TEXT_ZH
        qde = a.read("project.qde").decode("utf-8")
    assert f'plainTextPath="internal://{zh.guid}.txt"' in qde
    # Selections count code points: the emoji segment starts at its Python index.
    assert f'startPosition="{TEXT_ZH.index("😀")}"' in qde


def test_schema_valid(source, shared, tmp_path):
    xmlschema = pytest.importorskip("xmlschema")
    folder = shared / "reference" / "refi-qda"
    project_schema = xmlschema.XMLSchema(str(folder / "Project-mrt2019.xsd"))
    codebook_schema = xmlschema.XMLSchema(str(folder / "Codebook.xsd"))
    assert project_schema.target_namespace == PROJECT_NS
    assert codebook_schema.target_namespace == CODEBOOK_NS
    project_schema.validate(project_xml(source).decode("utf-8"))
    codebook_schema.validate(codebook_xml(source).decode("utf-8"))
    # An empty project is valid too (optional sections are left out).
    project_schema.validate(project_xml(Project.memory()).decode("utf-8"))


def test_qdc_round_trip(source, tmp_path):
    export_qdc(source, tmp_path / "codes.qdc")
    target = Project.memory()
    assert import_refi(target, tmp_path / "codes.qdc").startswith("0 documents added (0 already present), 6 codes")
    assert [(c.path, c.guid, c.color) for c in target.codes()] == \
        [(c.path, c.guid, c.color) for c in source.codes()]


def test_empty_codebook_qdc_refused(tmp_path):
    with pytest.raises(InputError, match="codebook is empty"):
        export_qdc(Project.memory(), tmp_path / "x.qdc")


def test_import_atlas_ti_sample(shared):
    project = Project.memory()
    import_refi(project, shared / "reference" / "refi-qda" / "samples" / "atlas-ti-23-codebook.qdpx")
    paths = [c.path for c in project.codes()]
    assert paths == ["Commits", "Commits/2022-05-10T02:05:59Z 19e4dce", "Commits/2022-02-11T10:39:25Z cdbfd92"]
    assert project.code("Commits").guid == "A182CD3A-D83C-4D8C-BC80-26D9103EC6D6"
    assert {c.name for c in project.coders()} == {"Enric Llagostera", "ATLAS.ti"}


def test_crlf_source_offsets_are_mapped(tmp_path):
    """Another tool's CRLF text is normalised to LF; selections must still cover the same words."""
    raw = "Line one\r\nLine two words"
    code_guid, doc_guid = "11111111-2222-3333-4444-555555555555", "AAAAAAAA-2222-3333-4444-555555555555"
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x">
 <Users><User guid="99999999-2222-3333-4444-555555555555" name="kim"/></Users>
 <CodeBook><Codes><Code guid="{code_guid}" name="A/B" isCodable="true" color="#abc"/></Codes></CodeBook>
 <Sources><TextSource guid="{doc_guid}" name="d" plainTextPath="internal://{doc_guid}.txt">
  <PlainTextSelection guid="BBBBBBBB-2222-3333-4444-555555555555" startPosition="15" endPosition="24"
     creatingUser="99999999-2222-3333-4444-555555555555">
   <Coding guid="CCCCCCCC-2222-3333-4444-555555555555"><CodeRef targetGUID="{code_guid}"/></Coding>
  </PlainTextSelection></TextSource></Sources></Project>"""
    with zipfile.ZipFile(tmp_path / "crlf.qdpx", "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(f"sources/{doc_guid}.txt", raw.encode("utf-8"))
    project = Project.memory()
    import_refi(project, tmp_path / "crlf.qdpx")
    (segment,) = project.segments()
    assert project.document_text(segment.document_id)[segment.start:segment.end] == "two words"
    code = project.code("A-B")  # '/' in a foreign code name is not a level separator
    assert code.color == "#aabbcc"
    assert project.coder(segment.coder_id).name == "kim"


def test_merge_projects(tmp_path):
    lead = build(Project.create(tmp_path / "lead.annotator"))
    other = Project.create(tmp_path / "coder.annotator")
    load_template(other, "generic-frames")
    other.add_documents([DocumentInput(text=TEXT_EN, name="analysis"),
                         DocumentInput(text="A brand new article text.", name="new one"),
                         DocumentInput(text="Different text, same name.", name="xinhua")])
    # The same code under the same guid, and a new one.
    other.add_code("Conflict/Between agencies", guid=lead.code("Conflict/Between agencies").guid)
    other.add_code("Human interest/Victims")
    cy = other.ensure_coder("cy")
    ann = other.ensure_coder("ann")
    en = other.document("analysis")
    other.add_segment(en.id, cy.id, other.code("Human interest/Victims").id, 4, 8, "cy's note")
    other.add_segment(en.id, ann.id, other.code("Conflict/Between agencies").id, 0, 8)  # duplicate of lead's
    other.set_assignment(en.id, ann.id, "done")
    other.add_memo("Check the headline", document_id=en.id, coder_id=cy.id)
    other.add_memo("Victims named", code_id=other.code("Human interest/Victims").id)
    other.close()

    report = merge_project(lead, tmp_path / "coder.annotator")
    assert (report.documents_added, report.documents_matched) == (2, 1)
    assert report.codes_added == 1 and report.coders_added == 1
    assert (report.segments_added, report.segments_skipped) == (1, 1)
    assert any("xinhua" in c for c in report.conflicts)
    assert lead.document("xinhua (2)").name == "xinhua (2)"
    assert lead.assignment_status(lead.document("analysis").id, lead.coder("ann").id) == "done"
    assert report.memos_added == 2
    assert [m.text for m in lead.memos(document_id=lead.document("analysis").id)] == ["Check the headline"]
    after = snapshot(lead)
    again = merge_project(lead, tmp_path / "coder.annotator")
    assert not again.changed
    assert snapshot(lead) == after
    lead.close()


def test_merge_reports_exclusive_conflict(tmp_path):
    lead = Project.create(tmp_path / "lead.annotator")
    lead.add_code("Primary frame", exclusive=True)
    other = Project.create(tmp_path / "other.annotator")
    other.add_code("Primary frame", exclusive=False)
    other.close()
    report = merge_project(lead, tmp_path / "other.annotator")
    assert report.conflicts and "exclusive" in report.conflicts[0]
    assert lead.code("Primary frame").exclusive
    lead.close()


def test_merge_from_qdpx_and_into_itself(source, tmp_path):
    export_qdpx(source, tmp_path / "s.qdpx")
    target = Project.memory()
    report = merge_project(target, tmp_path / "s.qdpx")
    assert report.segments_added == 4
    with pytest.raises(InputError, match="into itself"):
        merge_project(source, source.path)


def test_control_characters_do_not_break_xml(tmp_path, shared):
    xmlschema = pytest.importorskip("xmlschema")
    project = Project.memory()
    project.add_code("Pasted\x0bname", description="bell\x07 and form feed\x0c")
    project.add_documents([DocumentInput(text="Some text with a vertical\x0btab.", name="d")])
    who = project.ensure_coder("ann")
    project.add_segment(project.document("d").id, who.id, project.codes()[0].id, 0, 4, "memo\x01")
    schema = xmlschema.XMLSchema(str(shared / "reference" / "refi-qda" / "Project-mrt2019.xsd"))
    schema.validate(project_xml(project).decode("utf-8"))
    export_qdpx(project, tmp_path / "c.qdpx")
    target = Project.memory()
    import_refi(target, tmp_path / "c.qdpx")
    assert target.codes()[0].path == "Pastedname"
    assert target.document_text(target.documents()[0].id) == "Some text with a vertical\x0btab."


def test_imported_codes_follow_existing_ones(shared):
    project = Project.memory()
    load_template(project, "generic-frames")
    before = [c.path for c in project.codes()]
    import_refi(project, shared / "reference" / "refi-qda" / "samples" / "atlas-ti-23-codebook.qdpx")
    assert [c.path for c in project.codes()][: len(before)] == before


def test_segment_edited_in_both_copies_is_a_conflict(tmp_path):
    lead = Project.create(tmp_path / "lead.annotator")
    lead.add_documents([DocumentInput(text=TEXT_EN, name="analysis")])
    code, who = lead.add_code("Blame"), lead.ensure_coder("ann")
    segment = lead.add_segment(lead.document("analysis").id, who.id, code.id, 0, 8)
    lead.close()
    shutil.copy(tmp_path / "lead.annotator", tmp_path / "copy.annotator")
    with Project.open(tmp_path / "copy.annotator") as copy:
        copy.update_segment(segment.id, end=12)
    with Project.open(tmp_path / "lead.annotator") as lead:
        report = merge_project(lead, tmp_path / "copy.annotator")
        assert report.segments_added == 1 and len(report.conflicts) == 1 and "both kept" in report.conflicts[0]
        assert not merge_project(lead, tmp_path / "copy.annotator").changed
