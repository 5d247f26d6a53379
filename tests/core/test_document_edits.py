"""Document properties, deletion (with everything attached) and sets, each undoable exactly."""

from __future__ import annotations

import pytest

from annotator.core.document_edits import (
    AddToSet, DeleteDocuments, DeleteSet, RemoveFromSet, RenameSet, UpdateDocument, parse_attributes,
)
from annotator.core.errors import InputError
from annotator.core.memos import AddMemo, DeleteMemo, EditMemo, export_memos_csv, memo_entries
from annotator.core.model import DocumentInput


@pytest.fixture
def corpus(project):
    docs = project.add_documents([DocumentInput(text="Police seized blood samples.", name="wire"),
                                  DocumentInput(text="警方破获非法运送孕妇血样案。", name="cctv")]).added
    ana = project.ensure_coder("Ana")
    code = project.add_code("Crime")
    project.add_segment(docs[0].id, ana.id, code.id, 0, 6, "why")
    project.add_segment(docs[1].id, ana.id, code.id, 0, 2)
    project.set_assignment(docs[0].id, ana.id, "done")
    project.add_memo("about the wire", document_id=docs[0].id, coder_id=ana.id)
    return project, docs, ana, code


def everything(project) -> tuple:
    return (project.documents(), [project.document_text(d) for d in project.document_ids()], project.segments(),
            project.memos(), project.assignments(), [(s.name, project.set_members(s.id)) for s in project.document_sets()])


def test_properties_and_attributes_are_edited_and_undone(corpus):
    project, docs, _ana, _code = corpus
    edit = UpdateDocument(docs[0].id, title="Police break up ring", outlet="Pacific Newswire", date="2025-06-12",
                          language="EN", url="https://example.org/a", attributes=parse_attributes(["wave=1"]))
    edit.do(project)
    doc = project.document("wire", with_text=False)
    assert (doc.title, doc.outlet, doc.date, doc.language, doc.attributes) == (
        "Police break up ring", "Pacific Newswire", "2025-06-12", "en", {"wave": "1"})
    UpdateDocument(docs[0].id, attributes={"wave": "", "section": "world"}).do(project)
    assert project.document("wire", with_text=False).attributes == {"section": "world"}
    edit.undo(project)
    assert project.document("wire", with_text=False).title == ""


@pytest.mark.parametrize(("fields", "message"), [
    ({"date": "12/06/2025"}, "not YYYY-MM-DD"), ({"date": "2025-02-30"}, "not YYYY-MM-DD"),
    ({"language": "Chinese!"}, "not a language code"), ({"name": " "}, "needs a name"),
    ({"text": "x"}, "unknown document property"),
])
def test_bad_properties_are_refused(corpus, fields, message):
    project, docs, _ana, _code = corpus
    with pytest.raises(InputError, match=message):
        UpdateDocument(docs[0].id, **fields).do(project)
    with pytest.raises(InputError, match="KEY=VALUE"):
        parse_attributes(["wave"])


def test_delete_takes_codings_memos_assignments_and_sets_and_undo_restores_them(corpus):
    project, docs, _ana, _code = corpus
    AddToSet("Wire services", [docs[0].id]).do(project)
    before = everything(project)
    delete = DeleteDocuments([docs[0].id])
    delete.do(project)
    assert delete.segments_deleted == 1
    assert [d.name for d in project.documents()] == ["cctv"]
    assert project.memos() == [] and [a.document_id for a in project.assignments()] == [docs[1].id]
    delete.undo(project)
    assert everything(project) == before


def test_sets_add_remove_rename_delete_undo(corpus):
    project, docs, _ana, _code = corpus
    add = AddToSet("Chinese state media", [docs[1].id, docs[1].id])
    add.do(project)
    document_set = project.document_set("Chinese state media")
    assert project.set_members(document_set.id) == [docs[1].id]
    add.undo(project)
    assert project.find_document_set("Chinese state media") is None
    add.do(project)  # redo brings the same set back
    assert project.document_set("Chinese state media").id == document_set.id
    remove = RemoveFromSet(document_set.id, [docs[1].id, docs[0].id])
    remove.do(project)
    assert remove.removed == [docs[1].id]
    remove.undo(project)
    rename = RenameSet(document_set.id, "State media")
    rename.do(project)
    delete = DeleteSet(document_set.id)
    delete.do(project)
    assert project.document_sets() == []
    delete.undo(project)
    assert project.set_members(document_set.id) == [docs[1].id]
    rename.undo(project)
    assert project.document_set(document_set.id).name == "Chinese state media"


def test_memos_on_documents_codes_and_the_journal_are_listed_searched_and_exported(corpus, tmp_path):
    project, docs, ana, code = corpus
    journal = AddMemo("Decided to code headlines only. 标题", coder_id=ana.id)
    journal.do(project)
    AddMemo("Use for arrests and charges.", code_id=code.id).do(project)
    kinds = [e.kind for e in memo_entries(project)]
    assert kinds == ["project", "code", "document", "segment"]
    assert [e.text for e in memo_entries(project, search="標題")] == ["Decided to code headlines only. 标题"]
    assert [e.text for e in memo_entries(project, kinds=("segment",))] == ["why"]
    assert [e.kind for e in memo_entries(project, document_id=docs[0].id)] == ["document", "segment"]
    edit = EditMemo(journal.memo.id, "Headlines and leads.")
    edit.do(project)
    assert project.memos_by_id(journal.memo.id).text == "Headlines and leads."
    edit.undo(project)
    assert project.memos_by_id(journal.memo.id).text.startswith("Decided")
    delete = DeleteMemo(journal.memo.id)
    delete.do(project)
    delete.undo(project)
    assert project.memos_by_id(journal.memo.id) == journal.memo
    journal.undo(project)
    with pytest.raises(InputError):
        project.memos_by_id(journal.memo.id)
    assert export_memos_csv(project, tmp_path / "memos.csv") == 3
    text = (tmp_path / "memos.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "kind,document,code,coder,start,end,text,created,updated"
    with pytest.raises(InputError, match="needs some text"):
        AddMemo("  ").do(project)


def test_save_copy_writes_a_complete_new_file_and_never_overwrites(corpus, tmp_path):
    from annotator.core.errors import ProjectError
    from annotator.core.store import Project

    project = corpus[0]
    copy = project.save_copy(tmp_path / "copy.annotator")
    with Project.open(copy, readonly=True) as other:
        assert other.counts() == project.counts()
    with pytest.raises(ProjectError, match="already exists"):
        project.save_copy(copy)
    with pytest.raises(ProjectError, match="already exists"):
        project.save_copy(project.path)
