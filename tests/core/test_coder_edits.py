"""Coders: rename, merge (two names of one person) and delete without losing a segment; undo is exact."""

from __future__ import annotations

import pytest

from annotator.core import adjudication
from annotator.core.coder_edits import AddCoder, DeleteCoder, MergeCoders, RenameCoder, SetCoderRole
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput


def state(project) -> tuple:
    """Everything a coder edit may touch, comparable before and after."""
    return (project.coders(), project.segments(), project.assignments(),
            [(m.id, m.coder_id) for m in project.memos()], project.decision_rows_mentioning(
                [c.id for c in project.coders()]), project.meta("consensus_coder"))


@pytest.fixture
def two_names(project):
    docs = project.add_documents([DocumentInput(text="One article about floods.", name="a"),
                                  DocumentInput(text="Another article, on fires.", name="b")]).added
    code = project.add_code("Risk")
    other = project.add_code("Blame")
    ana = project.ensure_coder("Ana")
    ana2 = project.ensure_coder("ana.li")
    ben = project.ensure_coder("Ben")
    project.add_segment(docs[0].id, ana.id, code.id, 0, 3)
    project.add_segment(docs[0].id, ana2.id, code.id, 0, 3, "same span, with a memo")  # a twin
    project.add_segment(docs[1].id, ana2.id, other.id, 8, 15)
    project.add_segment(docs[1].id, ben.id, other.id, 8, 15)
    project.set_assignment(docs[0].id, ana.id, "in_progress")
    project.set_assignment(docs[0].id, ana2.id, "done")
    project.set_assignment(docs[1].id, ana2.id, "in_progress")
    project.add_memo("a note", document_id=docs[0].id, coder_id=ana2.id)
    return project, docs, code, other, ana, ana2, ben


def test_merge_keeps_every_segment_once_and_the_further_status(two_names):
    project, docs, code, other, ana, ana2, ben = two_names
    before = state(project)
    merge = MergeCoders(ana2.id, ana.id)
    merge.do(project)
    assert [c.name for c in project.coders()] == ["Ana", "Ben"]
    mine = project.segments(coder_ids=[ana.id])
    assert [(s.document_id, s.code_id, s.start, s.end) for s in mine] == [
        (docs[0].id, code.id, 0, 3), (docs[1].id, other.id, 8, 15)]
    assert mine[0].memo == "same span, with a memo"  # the twin's memo came along
    assert {(a.document_id, a.status) for a in project.assignments(coder_id=ana.id)} == {
        (docs[0].id, "done"), (docs[1].id, "in_progress")}
    assert [m.coder_id for m in project.memos()] == [ana.id]
    assert merge.text == "merge coder 'ana.li' into 'Ana'"
    merge.undo(project)
    assert state(project) == before
    merge.do(project)
    assert len(project.segments()) == 3


def test_merge_moves_adjudication_decisions_and_the_consensus_name(two_names):
    project, docs, code, _other, ana, ana2, _ben = two_names
    consensus = adjudication.consensus_coder(project, "Consensus")
    old = project.ensure_coder("Agreed")
    project.record_decision(consensus, (docs[0].id, code.id, 0, 3), "accept", [ana2.id])
    project.record_decision(old.id, (docs[1].id, code.id, 0, 3), "none", [])
    before = state(project)
    merge = MergeCoders(consensus, old.id)
    merge.do(project)
    assert project.meta("consensus_coder") == "Agreed"
    assert project.decision_of(old.id, (docs[0].id, code.id, 0, 3)) == ("accept", [ana2.id])
    merge.undo(project)
    assert state(project) == before
    MergeCoders(ana2.id, ana.id).do(project)
    assert project.decision_of(consensus, (docs[0].id, code.id, 0, 3)) == ("accept", [ana.id])


def test_delete_removes_the_coder_s_work_and_undo_brings_it_back(two_names):
    project, _docs, _code, _other, _ana, ana2, _ben = two_names
    before = state(project)
    delete = DeleteCoder(ana2.id)
    delete.do(project)
    assert delete.segments_deleted == 2
    assert "ana.li" not in [c.name for c in project.coders()]
    assert [m.coder_id for m in project.memos()] == [None]  # the memo stays, unsigned
    delete.undo(project)
    assert state(project) == before


def test_rename_add_and_role(two_names):
    project, _docs, _code, _other, ana, _ana2, ben = two_names
    rename = RenameCoder(ana.id, "Ana Li")
    rename.do(project)
    assert project.coder(ana.id).name == "Ana Li"
    rename.undo(project)
    assert project.coder(ana.id).name == "Ana"
    with pytest.raises(InputError, match="already exists"):
        RenameCoder(ana.id, "Ben").do(project)
    add = AddCoder("Chen", "adjudicator")
    add.do(project)
    assert project.coder("Chen").role == "adjudicator"
    add.undo(project)
    assert project.find_coder("Chen") is None
    with pytest.raises(InputError, match="already exists"):
        AddCoder("Ben").do(project)
    role = SetCoderRole(ben.id, "adjudicator")
    role.do(project)
    assert project.coder(ben.id).is_adjudicator
    role.undo(project)
    assert not project.coder(ben.id).is_adjudicator
    with pytest.raises(InputError, match="itself"):
        MergeCoders(ben.id, ben.id).do(project)
