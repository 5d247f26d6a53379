"""Exclusive groups as variables: a coder gives overlapping text at most one value of a group."""

from __future__ import annotations

import pytest

from annotator.core import commands
from annotator.core.errors import InputError
from annotator.core.exclusive import ExclusiveGroups, find_conflicts
from annotator.core.model import DocumentInput

TEXT = "Police seized blood samples at the border.\nFamilies wanted sons."


@pytest.fixture
def frames(project):
    doc = project.add_documents([DocumentInput(text=TEXT, name="wire")]).added[0]
    ana = project.ensure_coder("Ana")
    ben = project.ensure_coder("Ben")
    group = project.add_code("Primary frame", exclusive=True)
    crime = project.add_code("Primary frame/Crime")
    security = project.add_code("Primary frame/Security")
    border = project.add_code("Primary frame/Security/Border")
    health = project.add_code("Health")
    return project, doc, ana, ben, group, crime, security, border, health


def test_groups_know_which_child_a_code_is_a_value_of(frames):
    project, _doc, _ana, _ben, group, crime, security, border, health = frames
    groups = ExclusiveGroups.of_project(project)
    assert groups.clash(crime.id, security.id) == group.id
    assert groups.clash(crime.id, border.id) == group.id  # a descendant counts as its child's value
    assert groups.clash(security.id, border.id) is None  # same value
    assert groups.clash(crime.id, health.id) is None
    assert groups.clash(group.id, crime.id) is None  # the group code itself is no value


def test_a_second_child_replaces_the_first_in_one_undoable_edit(frames):
    project, doc, ana, _ben, _group, crime, security, _border, _health = frames
    first = commands.AddSegment(doc.id, ana.id, crime.id, 0, 42)
    first.do(project)
    second = commands.AddSegment(doc.id, ana.id, security.id, 7, 27)
    changes = second.do(project)
    assert [s.code_id for s in project.segments()] == [security.id]
    assert [s.id for s in second.replaced] == [first.segment.id]
    assert first.segment.id in changes.segment_ids
    second.undo(project)
    assert [(s.id, s.code_id) for s in project.segments()] == [(first.segment.id, crime.id)]
    second.do(project)  # redo
    assert [s.code_id for s in project.segments()] == [security.id]


def test_other_coders_other_codes_and_separate_text_are_left_alone(frames):
    project, doc, ana, ben, _group, crime, security, border, health = frames
    project.add_segment(doc.id, ben.id, crime.id, 0, 42)  # another coder
    project.add_segment(doc.id, ana.id, crime.id, 43, 64)  # other text
    project.add_segment(doc.id, ana.id, health.id, 0, 42)  # not in the group
    project.add_segment(doc.id, ana.id, security.id, 0, 6)  # same value as the new one
    cmd = commands.AddSegment(doc.id, ana.id, border.id, 0, 42)
    cmd.do(project)
    assert cmd.replaced == []
    assert len(project.segments()) == 5


def test_recode_replaces_but_resize_into_a_sibling_is_refused(frames):
    project, doc, ana, _ben, _group, crime, security, _border, health = frames
    left = project.add_segment(doc.id, ana.id, crime.id, 0, 6)
    right = project.add_segment(doc.id, ana.id, security.id, 7, 13)
    with pytest.raises(InputError, match="exclusive group"):
        commands.UpdateSegment(right.id, "adjust boundary", start=3).do(project)
    other = project.add_segment(doc.id, ana.id, health.id, 0, 13)
    recode = commands.UpdateSegment(other.id, "re-code", code_id=crime.id)
    recode.do(project)
    assert [s.id for s in recode.replaced] == [right.id]  # left is the same value: it stays
    recode.undo(project)
    assert {s.id for s in project.segments()} == {left.id, right.id, other.id}


def test_memo_edits_and_resizes_work_in_a_file_that_already_has_a_conflict(frames):
    project, doc, ana, _ben, _group, crime, security, _border, _health = frames
    a = project.add_segment(doc.id, ana.id, crime.id, 0, 20)
    b = project.add_segment(doc.id, ana.id, security.id, 7, 27)
    commands.SetMemo(a.id, "why").do(project)
    commands.UpdateSegment(b.id, "adjust boundary", end=30).do(project)
    assert len(project.segments()) == 2


def test_find_conflicts_lists_conflicts_already_in_the_file(frames):
    project, doc, ana, ben, _group, crime, security, border, _health = frames
    a = project.add_segment(doc.id, ana.id, crime.id, 0, 20)
    b = project.add_segment(doc.id, ana.id, border.id, 7, 27)
    project.add_segment(doc.id, ben.id, crime.id, 0, 20)
    project.add_segment(doc.id, ben.id, security.id, 20, 27)  # touching, not overlapping
    (conflict,) = find_conflicts(project)
    assert conflict.as_dict() == {
        "document": "wire", "coder": "Ana", "group": "Primary frame", "start": 7, "end": 20,
        "codes": ["Primary frame/Crime", "Primary frame/Security/Border"], "segments": [a.id, b.id]}
    assert "two values" in conflict.describe()
    assert find_conflicts(project, coder_ids=[ben.id]) == []


def test_recoding_a_selection_is_one_edit_and_replaces_siblings(frames):
    from annotator.core.segment_edits import RecodeSegments

    project, doc, ana, ben, _group, crime, security, _border, health = frames
    a = project.add_segment(doc.id, ana.id, health.id, 0, 6)
    b = project.add_segment(doc.id, ben.id, health.id, 43, 51)
    sibling = project.add_segment(doc.id, ana.id, security.id, 0, 20)
    before = project.segments()
    recode = RecodeSegments([a.id, b.id], crime.id)
    recode.do(project)
    assert [s.code_id for s in project.segments()] == [crime.id, crime.id]
    assert recode.replaced == [sibling] and recode.text == "re-code 2 codings"
    recode.undo(project)
    assert project.segments() == before
