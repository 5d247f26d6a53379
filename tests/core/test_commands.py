"""Undoable edits: each command's undo restores exactly what was there, with the same ids."""

from __future__ import annotations

import pytest

from annotator.core import commands
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput


@pytest.fixture
def coded(project):
    doc = project.add_documents([DocumentInput(text="Police seized blood samples at the border.", name="a")]).added[0]
    ana = project.ensure_coder("Ana")
    frame = project.add_code("Frame")
    crime = project.add_code("Frame/Crime")
    health = project.add_code("Health")
    return project, doc, ana, frame, crime, health


def test_add_segment_do_undo_redo_keeps_id(coded):
    project, doc, ana, _, crime, _ = coded
    cmd = commands.AddSegment(doc.id, ana.id, crime.id, 0, 6, code_name="Crime")
    changes = cmd.do(project)
    assert changes.documents == {doc.id}
    seg_id = cmd.segment.id
    assert project.assignment_status(doc.id, ana.id) == "in_progress"
    cmd.undo(project)
    assert project.segments() == []
    assert project.assignment_status(doc.id, ana.id) is None
    cmd.do(project)
    assert [s.id for s in project.segments()] == [seg_id]
    assert "Crime" in cmd.text


def test_delete_segment_undo_restores_everything(coded):
    project, doc, ana, _, crime, _ = coded
    seg = project.add_segment(doc.id, ana.id, crime.id, 7, 13, "memo")
    cmd = commands.DeleteSegment(seg.id)
    cmd.do(project)
    assert project.segments() == []
    cmd.undo(project)
    assert project.segments() == [seg]


def test_update_segment_and_memo(coded):
    project, doc, ana, _, crime, health = coded
    seg = project.add_segment(doc.id, ana.id, crime.id, 7, 13)
    recode = commands.UpdateSegment(seg.id, "re-code", code_id=health.id, end=20)
    recode.do(project)
    assert (project.segment(seg.id).code_id, project.segment(seg.id).end) == (health.id, 20)
    recode.undo(project)
    assert (project.segment(seg.id).code_id, project.segment(seg.id).end) == (crime.id, 13)
    memo = commands.SetMemo(seg.id, "check")
    memo.do(project)
    assert project.segment(seg.id).memo == "check"
    memo.undo(project)
    assert project.segment(seg.id).memo == ""


def test_refused_edit_changes_nothing(coded):
    project, doc, ana, _, crime, _ = coded
    with pytest.raises(InputError):
        commands.AddSegment(doc.id, ana.id, crime.id, 5, 500).do(project)
    assert project.segments() == []


def test_code_commands(coded):
    project, _, _, frame, crime, health = coded
    add = commands.AddCode("Frame/Economy", color="#123456")
    add.do(project)
    new_id = project.code("Frame/Economy").id
    add.undo(project)
    add.do(project)
    assert project.code("Frame/Economy").id == new_id
    nested = commands.AddCode("Topic/Sub/Leaf")
    nested.do(project)
    ids = [project.code(p).id for p in ("Topic", "Topic/Sub", "Topic/Sub/Leaf")]
    nested.undo(project)
    assert not any(c.path.startswith("Topic") for c in project.codes())
    nested.do(project)
    assert [project.code(p).id for p in ("Topic", "Topic/Sub", "Topic/Sub/Leaf")] == ids
    update = commands.UpdateCode(health.id, color="#abcdef", description="why")
    update.do(project)
    assert project.code(health.id).color == "#abcdef"
    update.undo(project)
    assert project.code(health.id).description == ""
    move = commands.MoveCode(frame.id, "Frames")
    move.do(project)
    assert project.code(crime.id).path == "Frames/Crime"
    move.undo(project)
    assert project.code(crime.id).path == "Frame/Crime"


def test_delete_code_restores_codes_and_segments_with_same_ids(coded):
    project, doc, ana, frame, crime, _ = coded
    s1 = project.add_segment(doc.id, ana.id, crime.id, 0, 6)
    s2 = project.add_segment(doc.id, ana.id, frame.id, 7, 13)
    before_codes = project.codes()
    cmd = commands.DeleteCode(frame.id)
    changes = cmd.do(project)
    assert changes.codebook and changes.documents == {doc.id}
    assert [c.path for c in project.codes()] == ["Health"]
    assert project.segments() == []
    cmd.undo(project)
    assert project.codes() == before_codes
    assert project.segments() == [s1, s2]


def test_merge_codes(coded):
    project, doc, ana, frame, crime, health = coded
    s1 = project.add_segment(doc.id, ana.id, crime.id, 0, 6)
    cmd = commands.MergeCodes(frame.id, health.id)
    cmd.do(project)
    assert project.segment(s1.id).code_id == health.id
    assert [c.path for c in project.codes()] == ["Health"]
    cmd.undo(project)
    assert project.segment(s1.id).code_id == crime.id
    assert [c.path for c in project.codes()] == ["Frame", "Frame/Crime", "Health"]
    with pytest.raises(InputError):
        commands.MergeCodes(frame.id, crime.id).do(project)


def test_set_assignment(coded):
    project, doc, ana, *_ = coded
    cmd = commands.SetAssignment(doc.id, ana.id, "done")
    cmd.do(project)
    assert project.assignment_status(doc.id, ana.id) == "done"
    cmd.undo(project)
    assert project.assignment_status(doc.id, ana.id) is None


def test_bulk_guids_are_unique_version_4_uuids():
    import uuid

    from annotator.core.store.rows import new_guids

    guids = new_guids(2000)
    assert len(set(guids)) == 2000
    assert all(uuid.UUID(g).version == 4 and uuid.UUID(g).variant == uuid.RFC_4122 and g == g.upper()
               for g in guids)
