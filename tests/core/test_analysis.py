"""Frame analysis on a small bilingual corpus: keyness, frames by outlet, co-occurrence."""

from __future__ import annotations

import math

import pytest

from annotator.core import analysis
from annotator.core.model import DocumentInput

ARTICLES = [
    ("xinhua-1", "新华社", "政府宣布加强疫苗接种。疫苗接种可以保护孕妇健康。经济复苏计划同时启动，市场信心回升。"),
    ("xinhua-2", "新华社", "市场信心回升，经济复苏明显。出口增长带动就业。"),
    ("mingpao-1", "明報", "政府宣佈加強疫苗接種，疫苗接種保護孕婦健康。市民擔心經濟前景。"),
]


@pytest.fixture
def coded(project):
    project.add_documents([DocumentInput(text=t, name=n, outlet=o, language="zh") for n, o, t in ARTICLES])
    ana = project.ensure_coder("Ana")
    consensus = project.ensure_coder("Consensus")
    health = project.add_code("Frames/Health")
    economy = project.add_code("Frames/Economy")
    vaccine = project.add_code("Frames/Health/Vaccination")
    docs = {d.name: (d.id, project.document_text(d.id)) for d in project.documents()}

    def code(name, snippet, code_id, coder_id):
        doc_id, text = docs[name]
        start = text.index(snippet)
        project.add_segment(doc_id, coder_id, code_id, start, start + len(snippet))

    code("xinhua-1", "政府宣布加强疫苗接种。疫苗接种可以保护孕妇健康。", vaccine.id, ana.id)
    code("xinhua-1", "经济复苏计划同时启动，市场信心回升。", economy.id, ana.id)
    code("xinhua-2", "市场信心回升，经济复苏明显。", economy.id, ana.id)
    code("mingpao-1", "政府宣佈加強疫苗接種，疫苗接種保護孕婦健康。", health.id, ana.id)
    code("mingpao-1", "孕婦健康。市民擔心經濟前景。", economy.id, ana.id)  # overlaps the health segment
    code("xinhua-2", "出口增长带动就业。", economy.id, consensus.id)
    return project, health, economy, ana, consensus


def test_log_likelihood_matches_a_hand_computation():
    # 10 of 1,000 tokens in the target, 20 of 10,000 in the reference.
    e1, e2 = 1000 * 30 / 11000, 10000 * 30 / 11000
    expected = 2 * (10 * math.log(10 / e1) + 20 * math.log(20 / e2))
    assert analysis.log_likelihood(10, 20, 1000, 10000) == pytest.approx(expected)
    assert analysis.log_likelihood(0, 0, 100, 100) == 0.0


def test_stopwords_cover_both_languages():
    words = analysis.stopwords()
    assert {"的", "了", "我们", "the", "and"} <= words
    assert not analysis.is_content_word("的") and not analysis.is_content_word("2020")
    assert analysis.is_content_word("疫苗")


def test_characteristic_words_of_a_code_include_subcodes_and_both_scripts(coded):
    project, health, _economy, ana, _ = coded
    result = analysis.characteristic_words(project, health.id, coder_id=ana.id, top=5)
    top = {w.word: w for w in result.words}
    assert result.segments == 2
    assert top["疫苗"].count == 4  # 疫苗 twice in each script
    assert top["接种"].count == 4
    assert top["疫苗"].rest_count == 0 and top["疫苗"].overused
    assert result.words[0].g2 >= result.words[-1].g2
    assert all(w.word not in analysis.stopwords() for w in result.words)
    assert [w.word for w in result.by_frequency(2)] == ["接种", "疫苗"]


def test_characteristic_words_for_a_coder(coded):
    project, _health, economy, _ana, consensus = coded
    result = analysis.characteristic_words(project, economy.id, coder_id=consensus.id, min_count=1)
    assert result.segments == 1
    assert {w.word for w in result.words} >= {"出口", "增长", "就业"}


def test_frame_codes_descend_through_a_single_root(coded):
    project, health, economy, *_ = coded
    assert [c.path for c in analysis.frame_codes(project)] == ["Frames/Health", "Frames/Economy"]
    assert [c.path for c in analysis.frame_codes(project, "Frames/Health")] == ["Frames/Health/Vaccination"]


def test_frames_by_outlet(coded):
    project, health, economy, ana, _ = coded
    result = analysis.frames_by_outlet(project, coder_id=ana.id)
    assert result.outlets == ["新华社", "明報"]
    assert result.documents == {"新华社": 2, "明報": 1}
    assert result.share("新华社", health.id) == 0.5
    assert result.share("新华社", economy.id) == 1.0
    assert result.segment_counts[("新华社", economy.id)] == 2
    assert result.share("明報", health.id) == 1.0
    rows = result.rows()
    assert rows[0] == {"outlet": "新华社", "frame": "Frames/Health", "documents": 2, "coded_documents": 2,
                       "documents_with_frame": 1, "share": 0.5, "segments": 1}


def test_cooccurrence_by_document_and_by_overlap(coded):
    project, health, economy, ana, _ = coded
    matrix = analysis.cooccurrence(project, coder_id=ana.id)
    assert [c.path for c in matrix.codes] == ["Frames/Health", "Frames/Economy"]
    assert matrix.documents == [[2, 2], [2, 3]]
    assert matrix.overlaps == [[0, 1], [1, 0]]
    assert matrix.rows()[0] == {"code": "Frames/Health", "Frames/Health": 2, "Frames/Economy": 2}
