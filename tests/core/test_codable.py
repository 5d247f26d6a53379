"""A code that only groups others (``codable`` false: REFI-QDA isCodable="false", migration 7) cannot be
applied: not one span, not a re-code, not "Code all hits", not a segments CSV; nothing is written."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.core import commands
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.search import CodeHits, Hit
from annotator.core.segments_io import import_segments_csv
from annotator.core.store import Project


@pytest.fixture
def grouped(project):
    doc = project.add_documents([DocumentInput(text="Police seized blood samples at the border.", name="a")]).added[0]
    ana = project.ensure_coder("Ana")
    group = project.add_code("Primary frame", codable=False)
    crime = project.add_code("Primary frame/Crime")
    return project, doc, ana, group, crime


def test_a_grouping_code_is_not_applied_by_any_edit(grouped, tmp_path):
    project, doc, ana, group, crime = grouped
    with pytest.raises(InputError, match="'Primary frame' only groups other codes"):
        commands.AddSegment(doc.id, ana.id, group.id, 0, 6).do(project)
    assert project.segments() == [] and project.assignment_status(doc.id, ana.id) is None
    hit = Hit(doc.id, "a", "", "", 0, 6, "", "Police", "")
    with pytest.raises(InputError, match="only groups other codes"):
        CodeHits([hit], ana.id, group.id).do(project)
    assert project.segments() == []
    seg = commands.AddSegment(doc.id, ana.id, crime.id, 0, 6).do(project)
    assert seg.documents == {doc.id}
    segment = project.segments()[0]
    with pytest.raises(InputError, match="only groups other codes"):
        commands.UpdateSegment(segment.id, code_id=group.id).do(project)
    assert project.segment(segment.id).code_id == crime.id
    commands.UpdateSegment(segment.id, start=1).do(project)  # other edits of a segment stay possible
    csv = tmp_path / "s.csv"
    csv.write_text("document,coder,code,start,end\na,Ana,Primary frame,7,13\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s\.csv, line 2: code 'Primary frame' only groups"):
        import_segments_csv(project, csv)
    assert len(project.segments()) == 1


def test_annotator_code_refuses_a_grouping_code_in_one_line(tmp_path, capsys):
    path = tmp_path / "p.annotator"
    with Project.create(path) as project:
        project.add_documents([DocumentInput(text="Police seized blood samples.", name="a")])
        project.add_code("Primary frame", codable=False)
    assert main(["code", str(path), "--document", "a", "--coder", "Ana", "--code", "Primary frame",
                 "--start", "0", "--end", "6"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "only groups other codes and cannot be applied" in err[0]
    with Project.open(path) as project:
        assert project.segments() == [] and project.coders() == []


def test_the_wire_and_the_server_agree_on_every_synced_column():
    """What a copy sends and what the server stores are one list per table (``codable`` was missing)."""
    from annotator.core.store.sync_log import WIRE
    from annotator.core.team.remote import BOOLEAN
    from annotator.core.team.server_schema import TABLES

    assert [t.name for t in TABLES] == list(WIRE)
    for table in TABLES:
        assert (WIRE[table.name].key, WIRE[table.name].columns) == (table.key, table.columns), table.name
    assert {("codes", "exclusive"), ("codes", "codable")} <= BOOLEAN
