"""The built-in demo project: built from the bundled samples, every highlight where it was meant to be."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from annotator.core import demo
from annotator.core.errors import ProjectError
from annotator.core.store import Project
from annotator.core.text import detect_language, normalise


@pytest.fixture
def demo_project(tmp_path):
    path = tmp_path / demo.DEMO_FILE_NAME
    demo.create_demo_project(path)
    project = Project.open(path)
    yield project
    project.close()


def _stored(project: Project) -> Counter[tuple[str, str, str, str]]:
    """(document, coder, code path, coded text) of every stored segment."""
    names = {d.id: d.name for d in project.documents()}
    coders = {c.id: c.name for c in project.coders()}
    codes = {c.id: c.path for c in project.codes()}
    texts = {doc_id: project.document_text(doc_id) for doc_id in names}
    return Counter(
        (names[s.document_id], coders[s.coder_id], codes[s.code_id], texts[s.document_id][s.start:s.end])
        for s in project.segments()
    )


def test_demo_file_name():
    assert demo.DEMO_FILE_NAME == "demo.annotator"


def test_builds_with_documents_codes_coders(demo_project):
    counts = demo_project.counts()
    assert counts["documents"] == 4
    assert counts["coders"] == 2
    assert counts["codes"] == 14
    assert counts["segments"] > 60
    assert [c.name for c in demo_project.coders()] == ["Ana", "Ben"]
    assert demo_project.meta("demo") == "1"


def test_every_segment_covers_its_intended_phrase(demo_project):
    expected: Counter[tuple[str, str, str, str]] = Counter()
    for seg in demo.SEGMENTS:
        for coder in seg.coders:
            expected[(seg.document, coder, seg.code, seg.phrase)] += 1
    for doc_name, choices in demo.PRIMARY_FRAMES.items():
        title = demo_project.document(doc_name, with_text=False).title
        for coder, frame in choices.items():
            expected[(doc_name, coder, f"{demo.PRIMARY_FRAME}/{frame}", title)] += 1
    assert _stored(demo_project) == expected


def test_documents_have_the_right_languages(demo_project):
    languages = {d.name: d.language for d in demo_project.documents()}
    assert languages == {"state-broadcaster": "zh", "hk-paper": "zh", "analysis": "en", "wire": "en"}
    # The manifest agrees with what detection would have said.
    for doc in demo_project.documents():
        assert detect_language(demo_project.document_text(doc.id)) == doc.language


def test_offsets_after_astral_emoji_are_code_points(demo_project):
    doc = demo_project.document("analysis")
    text = doc.text
    assert text is not None
    dna = text.index("\U0001F9EC")
    baby = text.index("\U0001F476")
    spans = {text[s.start:s.end]: s for s in demo_project.segments(document_id=doc.id)}
    after_one = spans["Your aunt just wants a grandson \U0001F476"]
    after_both = spans["captured the gap between the state's framing of the case and the way many ordinary "
                       "people understood it"]
    assert dna < after_one.start < baby < after_one.end
    assert after_one.end == baby + 1  # the emoji is one code point, not a UTF-16 surrogate pair
    assert after_both.start > baby
    # Offsets count code points: the UTF-16 position would be two units further on per emoji passed.
    assert after_both.start == len(text[:after_both.start])
    assert len(text[:after_both.start].encode("utf-16-le")) // 2 == after_both.start + 2


def test_primary_frame_is_one_choice_per_coder_and_article(demo_project):
    group = demo_project.code(demo.PRIMARY_FRAME)
    assert group.exclusive
    frame_ids = set(demo_project.descendant_ids(group.id, include_self=False))
    for doc in demo_project.documents():
        for coder in demo_project.coders():
            chosen = [s for s in demo_project.segments(document_id=doc.id, coder_ids=[coder.id])
                      if s.code_id in frame_ids]
            assert len(chosen) == 1, (doc.name, coder.name)
            assert chosen[0].start == 0


def test_coders_mostly_agree_but_not_always(demo_project):
    stored = _stored(demo_project)
    ana = {(d, k, t) for (d, c, k, t) in stored if c == "Ana"}
    ben = {(d, k, t) for (d, c, k, t) in stored if c == "Ben"}
    shared = ana & ben
    assert len(shared) > len(ana ^ ben) / 2
    assert ana - ben and ben - ana
    assert demo.PRIMARY_FRAMES["wire"]["Ana"] != demo.PRIMARY_FRAMES["wire"]["Ben"]


def test_some_highlights_of_one_coder_overlap(demo_project):
    overlapping = 0
    for doc in demo_project.documents():
        for coder in demo_project.coders():
            segs = demo_project.segments(document_id=doc.id, coder_ids=[coder.id])
            overlapping += sum(1 for i, a in enumerate(segs) for b in segs[i + 1:]
                               if b.start < a.end and a.code_id != b.code_id)
    assert overlapping >= 5


def test_memos_and_assignments(demo_project):
    memos = demo_project.memos()
    assert any(m.document_id is not None for m in memos)
    assert any(m.code_id is not None for m in memos)
    assert sum(1 for s in demo_project.segments() if s.memo) >= 5
    statuses = Counter(a.status for a in demo_project.assignments())
    assert statuses == {"done": 7, "in_progress": 1}
    wire = demo_project.document("wire", with_text=False)
    ben = demo_project.coder("Ben")
    assert demo_project.assignment_status(wire.id, ben.id) == "in_progress"


def test_codebook_is_complete_and_distinct(demo_project):
    codes = demo_project.codes()
    colours = [c.color for c in codes]
    assert len(set(colours)) == len(colours)
    shortcuts = [c.shortcut for c in codes if c.shortcut]
    assert shortcuts == [str(n) for n in range(1, 10)]
    for code in codes:
        assert code.description and code.inclusion and code.exclusion and code.example, code.path
    assert [c.path for c in codes if c.exclusive] == [demo.PRIMARY_FRAME]


def test_sample_files_are_stored_unchanged_and_sized_as_intended():
    """Stored text equals the file, so anyone can check a highlight against the sample on disk."""
    folder = demo.samples_dir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sizes = {}
    for entry in manifest["documents"]:
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        assert normalise(text) == text
        assert entry["title"] == demo.headline(text)
        sizes[entry["name"]] = len(text) if entry["language"] == "zh" else len(text.split())
    assert 600 <= sizes["state-broadcaster"] <= 900
    assert 300 <= sizes["hk-paper"] <= 500
    assert 600 <= sizes["analysis"] <= 900
    assert 300 <= sizes["wire"] <= 400


def test_refuses_an_existing_file(tmp_path):
    path = tmp_path / demo.DEMO_FILE_NAME
    demo.create_demo_project(path)
    with pytest.raises(ProjectError):
        demo.create_demo_project(path)


def test_a_bad_phrase_leaves_no_file_behind(tmp_path, monkeypatch):
    broken = demo.SEGMENTS + (demo.DemoSegment("wire", ("Ana",), "Crime and enforcement", "not in the text"),)
    monkeypatch.setattr(demo, "SEGMENTS", broken)
    path = tmp_path / demo.DEMO_FILE_NAME
    with pytest.raises(ValueError, match="not in document 'wire'"):
        demo.create_demo_project(path)
    assert list(tmp_path.iterdir()) == []
