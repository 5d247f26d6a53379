"""Corpus search: exact offsets, KWIC text, script/case insensitivity, filters, the dictionary, coding hits."""

from __future__ import annotations

import pytest

from annotator.core import segmentation
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.search import SearchFilters, code_hits, delete_segments, search

MAINLAND = ("研究人员表示，孕妇血样检测有助于保障生物安全。\n"
            "专家建议加强实验室管理，并公开检测数据。")
HONG_KONG = "香港大學研究團隊發現，孕婦血樣中的病毒含量與生物安全實驗室的檢測結果一致。"
ENGLISH = "Hong Kong officials said the biosafety law protects pregnant women. HONG KONG agreed."


@pytest.fixture
def corpus(project):
    project.add_documents([
        DocumentInput(text=MAINLAND, name="xinhua-1", outlet="新华社", date="2020-03-01", language="zh"),
        DocumentInput(text=HONG_KONG, name="mingpao-1", outlet="明報", date="2020-05-20", language="zh"),
        DocumentInput(text=ENGLISH, name="scmp-1", outlet="SCMP", date="2021-01-10", language="en"),
    ])
    return project


def test_simplified_query_finds_both_scripts_with_exact_offsets_and_context(corpus):
    hits = search(corpus, "孕妇", context=6)
    assert [(h.document_name, h.start, h.end, h.keyword) for h in hits] == [
        ("xinhua-1", 7, 9, "孕妇"), ("mingpao-1", 11, 13, "孕婦")]
    assert hits[0].left == "究人员表示，" == MAINLAND[1:7]
    assert hits[0].right == "血样检测有助"
    assert hits[1].left == "究團隊發現，" and hits[1].right == "血樣中的病毒"


def test_traditional_query_finds_simplified_text(corpus):
    hits = search(corpus, "實驗室")
    assert {(h.document_name, h.keyword) for h in hits} == {("xinhua-1", "实验室"), ("mingpao-1", "實驗室")}
    for hit in hits:
        text = corpus.document_text(hit.document_id)
        assert text[hit.start:hit.end] == hit.keyword


def test_context_is_on_one_line(corpus):
    hit = search(corpus, "加强", context=10)[0]
    assert "\n" not in hit.left
    assert hit.left == "生物安全。 专家建议"


def test_english_is_case_insensitive_and_phrases_match_in_order(corpus):
    hits = search(corpus, "hong kong")
    assert [(h.start, h.end, h.keyword) for h in hits] == [(0, 9, "Hong Kong"), (68, 77, "HONG KONG")]
    assert search(corpus, "kong hong") == []


def test_multi_word_chinese_query_is_a_phrase(corpus):
    hits = search(corpus, "孕妇血样")  # segmented as 孕妇 血样 like the documents
    assert [(h.document_name, h.keyword) for h in hits] == [("xinhua-1", "孕妇血样"), ("mingpao-1", "孕婦血樣")]


def test_filters(corpus):
    assert [h.document_name for h in search(corpus, "孕妇", SearchFilters(outlet="明報"))] == ["mingpao-1"]
    assert search(corpus, "孕妇", SearchFilters(language="en")) == []
    assert [h.document_name for h in search(corpus, "孕妇", SearchFilters(date_from="2020-04-01"))] == ["mingpao-1"]
    assert [h.document_name for h in search(corpus, "孕妇", SearchFilters(date_to="2020-03"))] == ["xinhua-1"]


def test_code_and_coder_filters_keep_hits_inside_segments(corpus):
    ana = corpus.ensure_coder("Ana")
    ben = corpus.ensure_coder("Ben")
    health = corpus.add_code("Frames/Health")
    sub = corpus.add_code("Frames/Health/Pregnancy")
    corpus.add_segment(1, ana.id, sub.id, 7, 23)  # 孕妇血样检测有助于保障生物安全
    corpus.add_segment(2, ben.id, health.id, 0, 10)  # 香港大學研究團隊發現: no 孕婦 inside
    hits = search(corpus, "孕妇", SearchFilters(code_id=health.id))
    assert [(h.document_name, h.start) for h in hits] == [("xinhua-1", 7)]
    assert search(corpus, "孕妇", SearchFilters(coder_id=ben.id)) == []
    assert len(search(corpus, "研究", SearchFilters(coder_id=ben.id))) == 1


def test_limit_and_bad_queries(corpus):
    assert len(search(corpus, "孕妇", limit=1)) == 1
    with pytest.raises(InputError):
        search(corpus, "，。")
    assert search(corpus, '"quoted"') == []


def test_dictionary_change_resegments_only_affected_documents(corpus):
    assert segmentation.ensure_segmented(corpus) == 3
    affected = segmentation.add_terms(corpus, ["孕婦血樣", "生物安全"])
    assert affected == [1, 2]  # the English article does not contain either term
    assert segmentation.stale_documents(corpus) == []
    hits = search(corpus, "孕妇血样")
    assert [(h.start, h.end) for h in hits] == [(7, 11), (11, 15)]
    assert search(corpus, "血样") == []  # now inside one word
    tokens = segmentation.document_tokens(corpus, 2)
    assert "孕妇血样" in tokens.words and "生物安全" in tokens.words
    assert segmentation.remove_terms(corpus, ["孕婦血樣"]) == [1, 2]
    assert [h.keyword for h in search(corpus, "血样")] == ["血样", "血樣"]
    with pytest.raises(InputError):
        segmentation.remove_terms(corpus, ["不存在"])


def test_cache_is_reused_and_new_documents_are_segmented(corpus):
    segmentation.ensure_segmented(corpus)
    assert segmentation.ensure_segmented(corpus) == 0
    corpus.add_documents([DocumentInput(text="台灣衛福部公布孕婦疫苗接種指引。", name="cna-1", outlet="中央社")])
    assert segmentation.stale_documents(corpus) == [4]
    assert [h.document_name for h in search(corpus, "孕妇")][-1] == "cna-1"
    corpus.delete_document(4)
    assert corpus.db.execute("SELECT count(*) FROM token_cache").fetchone()[0] == 3
    assert [h.document_name for h in search(corpus, "孕妇")] == ["xinhua-1", "mingpao-1"]


def test_code_all_hits_in_one_transaction_and_undo(corpus):
    coder = corpus.ensure_coder("Ana")
    code = corpus.add_code("Frames/Health")
    hits = search(corpus, "孕妇")
    ids = code_hits(corpus, hits, coder.id, code.id)
    assert [(s.document_id, s.start, s.end) for s in corpus.segments()] == [(1, 7, 9), (2, 11, 13)]
    assert code_hits(corpus, hits, coder.id, code.id) == []  # already coded: not duplicated
    delete_segments(corpus, ids)
    assert corpus.segments() == []


def test_code_hits_command_undo_redo_keeps_ids(corpus):
    from annotator.core.search import CodeHits

    coder = corpus.ensure_coder("Ana")
    code = corpus.add_code("Frames/Health")
    command = CodeHits(search(corpus, "孕妇"), coder.id, code.id, code_name="Health")
    changes = command.do(corpus)
    ids = [s.id for s in corpus.segments()]
    assert changes.documents == {1, 2} and len(ids) == 2
    command.undo(corpus)
    assert corpus.segments() == []
    command.do(corpus)
    assert [s.id for s in corpus.segments()] == ids
    assert command.text == "code 2 hit(s) as 'Health'"


def test_parallel_segmentation_gives_the_same_cache(corpus, monkeypatch):
    serial = {i: segmentation.document_tokens(corpus, i) for i in (1, 2, 3)}
    corpus.db.execute("DELETE FROM token_cache")
    monkeypatch.setattr(segmentation, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr(segmentation, "_worker_count", lambda _n: 2)
    assert segmentation.ensure_segmented(corpus) == 3
    assert {i: segmentation.document_tokens(corpus, i) for i in (1, 2, 3)} == serial
    assert [h.document_name for h in search(corpus, "孕妇")] == ["xinhua-1", "mingpao-1"]


def test_a_project_from_before_the_token_cache_is_migrated_and_searchable(tmp_path, monkeypatch):
    from annotator.core.store import Project, schema

    path = tmp_path / "old.annotator"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with Project.create(path) as old:
        old.add_documents([DocumentInput(text=HONG_KONG, name="mingpao-1")])
        assert old.stored_schema_version() == 1
    monkeypatch.undo()
    with Project.open(path) as project:
        assert project.stored_schema_version() >= 2
        assert [(h.start, h.end) for h in search(project, "孕妇")] == [(11, 13)]


def test_snapping_follows_the_project_dictionary(corpus):
    text = corpus.document_text(2)  # 香港大學研究團隊發現，孕婦血樣...
    assert segmentation.snap_in_project(corpus, text, 12, 14) == (11, 15)  # 婦血 -> 孕婦血樣 (two words)
    segmentation.add_terms(corpus, ["孕妇血样"])
    assert segmentation.snap_in_project(corpus, text, 11, 12) == (11, 15)  # 孕 -> the whole new word
    assert segmentation.document_tokens(corpus, 2).spans[4] == (11, 15)


def test_batched_cache_writes_keep_the_search_index_exact(project, monkeypatch):
    """Rows go in multi-row INSERTs (one FTS5 flush per statement): the index must still match the
    cache row for row, through inserts, upserts and a re-segmentation after a dictionary change."""
    from annotator.core.store import token_cache

    monkeypatch.setattr(token_cache, "WRITE_BATCH", 7)
    texts = [f"第{i}篇：孕妇血样检测 sample{i % 5} 生物安全" for i in range(40)]
    project.add_documents([DocumentInput(text=t, name=f"d{i}") for i, t in enumerate(texts)])
    assert segmentation.ensure_segmented(project) == 40
    project.db.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
    assert len(search(project, "sample3")) == 8
    assert len(search(project, "孕妇")) == 40
    rows = list(project.cached_token_rows())
    with project.transaction():
        project.write_tokens(rows[:20] + rows[:3])  # replaced, one of them twice in one statement
    project.db.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
    assert list(project.cached_token_rows()) == rows
    assert len(segmentation.add_terms(project, ["孕妇血样"])) == 40
    project.db.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
    assert len(search(project, "孕妇血样")) == 40 and search(project, "孕妇") == []
