"""Hostile REFI-QDA files: each is refused with a clear message and the project is left unchanged."""

from __future__ import annotations

import zipfile

import pytest

from annotator.core.codebook import load_template
from annotator.core.errors import InputError
from annotator.core.exchange import refi_import
from annotator.core.exchange.refi import import_refi
from annotator.core.model import DocumentInput
from annotator.core.store import Project

MINIMAL = '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol4;"/>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="11111111-2222-3333-4444-555555555555" name="&xxe;" isCodable="true"/></Codes></CodeBook>"""


@pytest.fixture
def project() -> Project:
    p = Project.memory()
    load_template(p, "generic-frames")
    p.add_documents([DocumentInput(text="An article already here.", name="here")])
    return p


def dump(project: Project) -> tuple:
    return (project.counts(), [(c.path, c.guid) for c in project.codes()],
            [(d.name, d.guid) for d in project.documents()])


def make_zip(path, entries: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def refused(project: Project, path, message: str) -> None:
    before = dump(project)
    with pytest.raises(InputError, match=message):
        import_refi(project, path)
    assert dump(project) == before


def test_billion_laughs_in_qdpx(project, tmp_path):
    refused(project, make_zip(tmp_path / "bomb.qdpx", {"project.qde": BILLION_LAUGHS}), "DTD or entities")


def test_external_entity_in_qdc(project, tmp_path):
    path = tmp_path / "xxe.qdc"
    path.write_text(EXTERNAL_ENTITY)
    refused(project, path, "DTD or entities")
    assert not any("root:" in c.path for c in project.codes())


def test_path_traversal(project, tmp_path):
    for name in ("../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "C:/evil.txt"):
        path = make_zip(tmp_path / "trav.qdpx", {"project.qde": MINIMAL, name: "x"})
        refused(project, path, "unsafe path")


def test_oversized_archive(project, tmp_path, monkeypatch):
    monkeypatch.setattr(refi_import, "MAX_TOTAL_BYTES", 1000)
    path = make_zip(tmp_path / "big.qdpx", {"project.qde": MINIMAL, "sources/a.txt": "x" * 2000},
                    compression=zipfile.ZIP_STORED)
    refused(project, path, "unpacks to more than")


def test_compression_bomb(project, tmp_path):
    path = make_zip(tmp_path / "zipbomb.qdpx", {"project.qde": MINIMAL, "sources/a.txt": b"\0" * 5_000_000})
    refused(project, path, "zip bomb")


def test_missing_project_qde(project, tmp_path):
    refused(project, make_zip(tmp_path / "empty.qdpx", {"sources/a.txt": "x"}), "no project.qde")


def test_not_a_zip_and_not_xml(project, tmp_path):
    (tmp_path / "fake.qdpx").write_text("hello")
    refused(project, tmp_path / "fake.qdpx", "not a zip")
    (tmp_path / "fake.qdc").write_text("<CodeBook><unclosed>")
    refused(project, tmp_path / "fake.qdc", "not well-formed")
    (tmp_path / "wrong.qdc").write_text(MINIMAL)
    refused(project, tmp_path / "wrong.qdc", "expected <CodeBook>")
    (tmp_path / "x.txt").write_text("x")
    refused(project, tmp_path / "x.txt", r"expected a \.qdc or \.qdpx")


def test_source_not_utf8(project, tmp_path):
    guid = "AAAAAAAA-2222-3333-4444-555555555555"
    qde = (f'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
           f'<TextSource guid="{guid}" name="d" plainTextPath="internal://{guid}.txt"/></Sources></Project>')
    path = make_zip(tmp_path / "enc.qdpx", {"project.qde": qde, f"sources/{guid}.txt": "中文".encode("gbk")})
    refused(project, path, "not UTF-8")


def test_foreign_selection_out_of_range_is_skipped(project, tmp_path):
    """A bad selection from another tool is skipped with a warning, not stored."""
    guid, code = "AAAAAAAA-2222-3333-4444-555555555555", "11111111-2222-3333-4444-555555555555"
    qde = (f'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>'
           f'<Code guid="{code}" name="C" isCodable="true"/></Codes></CodeBook><Sources>'
           f'<TextSource guid="{guid}" name="d"><PlainTextContent>short</PlainTextContent>'
           f'<PlainTextSelection guid="BBBBBBBB-2222-3333-4444-555555555555" startPosition="2" endPosition="99">'
           f'<Coding guid="CCCCCCCC-2222-3333-4444-555555555555"><CodeRef targetGUID="{code}"/></Coding>'
           f'</PlainTextSelection></TextSource></Sources></Project>')
    summary = import_refi(project, make_zip(tmp_path / "range.qdpx", {"project.qde": qde}))
    assert "0 segments added" in summary and "1 warnings" in summary
