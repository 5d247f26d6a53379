"""A search query is cut like a document, without loading jieba's dictionary (lexicon lookups only)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator.core import query_segmenter, tokens

QUERIES = ["孕妇", "孕婦血樣", "老龄化问题", "生物安全实验室", "香港大學研究團隊", "Hong Kong's 經濟", "李家超週二表示",
           "中科院计算所𰼊𧣟丘北县", "COVID-19疫苗", "the vaccine", "", "。"]


def test_the_lexicon_is_jiebas_table():
    jieba = tokens.jieba_tokenizer()
    path, _stamp = query_segmenter.dictionary_source()
    freq, total = query_segmenter.read_dictionary(path)
    assert total == jieba.total and freq == jieba.FREQ
    lexicon = query_segmenter.lexicon()
    assert lexicon.total == jieba.total
    assert lexicon.lookup(["孕妇", "孕", "孕妇血样", "nope"]) == {w: jieba.FREQ[w] for w in ("孕妇", "孕")}


@pytest.mark.parametrize("query", QUERIES)
def test_query_is_cut_exactly_as_a_document(query):
    words, flat = query_segmenter.segment_query(query)
    expected_words, expected_flat = tokens.segment(query)
    assert (words, list(flat)) == (expected_words, list(expected_flat))


def test_with_a_user_dictionary_the_terms_count():
    words, _ = query_segmenter.segment_query("孕妇血样", ["孕妇血样"])
    assert words == ["孕妇血样"]
    assert query_segmenter.segment_query("孕妇血样")[0] == ["孕妇", "血样"]


def test_a_dictionary_query_loads_neither_jieba_nor_rjieba(tmp_path):
    query_segmenter.lexicon()  # built in this session's data folder
    code = ("import sys\n"
            "from annotator.core.query_segmenter import segment_query\n"
            "print(segment_query('孕婦血樣 老龄化问题')[0])\n"
            "print('rjieba' in sys.modules, 'jieba' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.splitlines() == ["['孕妇', '血样', '老龄化', '问题']", "False False"]


def test_a_damaged_lexicon_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path))
    (tmp_path / query_segmenter.LEXICON_FILE).write_bytes(b"not a database")
    table = {"老龄化": 50, "老": 9, "老龄": 0, "问题": 80, "问": 7, "题": 6}
    monkeypatch.setattr(query_segmenter, "read_dictionary", lambda path: (table, 1000))  # a small one, quick
    assert query_segmenter.lexicon(build=False) is None
    rebuilt = query_segmenter.lexicon()
    assert rebuilt.total == 1000 and rebuilt.longest == 3 and rebuilt.lookup(["老龄", "问题"]) == {"老龄": 0, "问题": 80}
