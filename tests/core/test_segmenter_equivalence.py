"""rjieba (jieba-rs) cuts exactly as jieba wherever we use it; jieba's algorithm covers the rest.

What is measured (a larger run is in the scale section of `make bench`): the token boundaries of both on
our samples (simplified, and traditional through the simplified view) and on generated text made of
jieba's own dictionary words, which is harder than news (every junction is a chance to disagree);
user dictionaries (terms added with jieba's suggested frequency); and the one place they differ, Han
runs holding a CJK Extension G character, which therefore go to jieba's algorithm.
"""

from __future__ import annotations

import random
import re
from itertools import accumulate
from pathlib import Path

import pytest

from annotator.core import tokens

rjieba = pytest.importorskip("rjieba")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [ROOT / "resources/samples/state-broadcaster.zh.txt", ROOT / "resources/samples/hk-paper.zh-hant.txt",
           ROOT / "docs/tutorial.zh_CN.md"]
TERMS = ["孕妇血样", "生物安全", "驗男女", "妇血", "走私"]


def han_runs(text: str) -> list[str]:
    return tokens._HAN_RUN.findall(tokens.to_simplified(text))


def jieba_words(run: str, jieba_tokenizer) -> list[str]:
    return list(jieba_tokenizer._Tokenizer__cut_DAG(run))  # jieba's own default-mode cut of one run


@pytest.fixture
def dictionary_text() -> list[str]:
    """Runs glued from jieba's dictionary words (weighted by frequency), and rarer words uniformly."""
    freq = tokens.jieba_tokenizer().FREQ
    words = [w for w, f in freq.items() if f > 0 and tokens._HAN_RUN.fullmatch(w)]
    cumulative = list(accumulate(freq[w] for w in words))
    rng = random.Random(18)
    runs = ["".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(2, 20))) for _ in range(1500)]
    runs += ["".join(rng.choices(words, k=rng.randint(2, 8))) for _ in range(1500)]
    return runs


def test_rjieba_cuts_our_samples_and_dictionary_text_like_jieba(dictionary_text):
    jieba_tokenizer = tokens.jieba_tokenizer()
    runs = [run for path in SAMPLES for run in han_runs(path.read_text(encoding="utf-8"))] + dictionary_text
    differ = [run for run in runs if rjieba.cut(run) != jieba_words(run, jieba_tokenizer)]
    assert len(runs) > 3000 and not differ


def test_user_dictionary_cuts_agree(dictionary_text):
    project = tokens.ProjectTokenizer(TERMS)
    assert project.rust is not None
    rng = random.Random(5)
    runs = [rng.choice(dictionary_text)[:12] + rng.choice(TERMS) + rng.choice(dictionary_text)[:8] for _ in range(500)]
    runs = [run for text in runs for run in han_runs(text)]
    assert all(project.rust.cut(run) == project.python_cut(run) for run in runs)
    assert "孕妇血样" in project.rust.cut("警方查获孕妇血样")


def test_extension_g_runs_differ_in_rjieba_so_jieba_cuts_them():
    run = "中科院计算所𰼊𧣟丘北县"  # U+30F0A is in CJK Extension G
    assert rjieba.cut(run) != jieba_words(run, tokens.jieba_tokenizer())
    words, _ = tokens.segment("“" + run + "”")
    assert words == jieba_words(run, tokens.jieba_tokenizer())


def _reference(text: str, cut) -> tuple[list[str], list[int]]:
    """The plain per-chunk, per-run algorithm ``segment`` must reproduce."""
    view = tokens.to_simplified(text)
    words, flat = [], []
    for match in tokens._WORD.finditer(view):
        position, chunk = match.start(), match.group()
        pieces = []
        last = 0
        for han in tokens._HAN_RUN.finditer(chunk):
            if han.start() > last:
                pieces.append((chunk[last:han.start()].lower(), han.start() - last))
            pieces.extend((w, len(w)) for w in cut(han.group()))
            last = han.end()
        if last < len(chunk):
            pieces.append((chunk[last:].lower(), len(chunk) - last))
        for word, length in pieces:
            words.append(word)
            flat += [position, position + length]
            position += length
    return words, flat


MIXED = ["特首李家超（John Lee）週二表示，Hong Kong's 經濟在2023年復甦。COVID-19疫苗 abc-美国-def a.美.b 美-中 İstanbul",
         "", "。，！", "Hello, world!", "乾隆年間天氣很乾燥，頭髮也乾了。"]


@pytest.mark.parametrize("terms", [[], TERMS])
def test_segment_matches_the_per_run_algorithm_with_rjieba_and_with_jieba(terms, monkeypatch):
    texts = MIXED + [path.read_text(encoding="utf-8") for path in SAMPLES]
    project = tokens.ProjectTokenizer(terms) if terms else None
    jieba_cut = (project.python_cut if project else lambda run: list(tokens._cut(run)))
    for text in texts:
        words, flat = tokens.segment(text, tokenizer=project)
        assert (words, list(flat)) == _reference(text, jieba_cut), text[:30]
    # With rjieba switched off (not installed, or ANNOTATOR_SEGMENTER=jieba) the result is the same.
    monkeypatch.setattr(tokens, "_rust", False)
    monkeypatch.setenv("ANNOTATOR_SEGMENTER", "jieba")
    python_only = tokens.ProjectTokenizer(terms) if terms else None
    assert python_only is None or python_only.rust is None
    for text in texts:
        words, flat = tokens.segment(text, tokenizer=python_only)
        assert (words, list(flat)) == _reference(text, jieba_cut), text[:30]


def test_the_fast_scan_finds_the_tokens_of_the_word_walk():
    """``_scan_fast`` (regex passes) against ``_scan`` (one step per word) on random mixed strings."""
    import numpy as np

    alphabet = list("孕妇血样中文乾隆") + list("abcXYZİ09_") + list("'’.-") + list(" ，。\n!") + ["𠀀", "ア", "한"]
    rng = random.Random(7)
    for _ in range(3000):
        view = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        fast = tokens._scan_fast(view, np)
        words, starts, ends, runs, run_starts = [], [], [], [], []
        tokens._scan(view, tokens._DEFAULT_CUTTER, True, words, starts, ends, runs, run_starts)
        order = sorted(range(len(words)), key=starts.__getitem__)
        fast_order = sorted(range(len(fast[0])), key=fast[1].__getitem__)
        assert [(fast[0][i], fast[1][i], fast[2][i]) for i in fast_order] == \
            [(words[i], starts[i], ends[i]) for i in order], view
        assert (fast[3], fast[4]) == (runs, run_starts), view


def test_unassigned_han_block_code_points_take_the_word_walk():
    text = "中文\U0002a6e0中文"  # U+2A6E0 is in a Han block but unassigned: not a word character
    assert tokens._unassigned_han_pattern().search(text)
    words, flat = tokens.segment(text)
    assert words == ["中文", "中文"] and list(flat) == [0, 2, 3, 5]


def _bulk_texts() -> list[str]:
    """Long texts the numpy path takes: our samples, random mixtures of their pieces with Latin words,
    digits, connectors between every kind of neighbour, traditional characters and kana/hangul."""
    samples = [path.read_text(encoding="utf-8") for path in SAMPLES]
    extras = ["COVID-19", "Hong Kong's", "e.g.", "a.美.b", "美-中", "-", "'", "’", ".", "İstanbul", "ß", "x_y",
              "2023年", "Ⅷ", "①", "ア", "한", "\u0301", "乾隆", "頭髮乾了", "孕婦血樣", "驗男女", " ", "\n", "，", "！",
              "\r\n", "\ud800", "\x00"]
    big = "".join(samples)
    rng = random.Random(11)
    texts = list(samples)
    for _ in range(400):
        pieces = []
        while sum(map(len, pieces)) < rng.randint(200, 1500):
            if rng.random() < 0.5:
                start = rng.randrange(len(big))
                pieces.append(big[start:start + rng.randint(1, 40)])
            else:
                pieces.append(rng.choice(extras))
        texts.append("".join(pieces))
    return texts


@pytest.mark.parametrize("terms", [[], TERMS])
def test_the_bulk_path_gives_the_word_walk_s_words_and_offsets(terms):
    """``_packed_bulk`` (numpy over code points, one cut per text) against ``_segment_words``."""
    cutter = tokens.ProjectTokenizer(terms) if terms else tokens._DEFAULT_CUTTER
    texts = _bulk_texts()
    taken = 0
    for text in texts:
        bulk = tokens._packed_bulk(text, cutter)
        words, flat = tokens._segment_words(text, cutter)
        if bulk is not None:
            taken += 1
            assert (bulk[0], list(bulk[1])) == (" ".join(words), list(flat)), text[:40]
        assert tokens.segment(text, tokenizer=None if not terms else cutter) == (words, flat)
    assert taken == len(texts)


def test_the_bulk_path_leaves_astral_and_unassigned_han_to_the_word_walk():
    long = "中文" * 150
    for odd in ("\U00030f0a", "\U0002a6e0", "\ufa6e", "𠀀"):
        assert tokens._packed_bulk(long + odd + long, tokens._DEFAULT_CUTTER) is None
    words, flat = tokens.segment(long + "\U0002a6e0" + long)
    assert words == ["中文"] * 300 and list(flat[298:302]) == [298, 300, 301, 303]


@pytest.mark.parametrize("terms", [[], TERMS])
def test_texts_cut_together_give_each_text_s_own_tokens(terms):
    """``segment_packed_many`` (a group joined by newlines, cut once) against one text at a time, with
    short and empty texts, Han-only ones, and groups that must fall back (an astral character)."""
    tokenizer = tokens.ProjectTokenizer(terms) if terms else None
    cutter = tokenizer or tokens._DEFAULT_CUTTER
    texts = _bulk_texts() + ["", "中", "abc", "美-中", "-中文", "中文-", "孕妇血样检测" * 30, "。", "x" * 300]
    han_only = [text for text in (_HAN_RUN_ONLY.sub("", t) for t in texts) if text]
    rng = random.Random(3)
    groups = [rng.sample(texts, rng.randint(2, 9)) for _ in range(150)] + \
        [rng.sample(han_only, rng.randint(2, 9)) for _ in range(50)] + [["", ""], ["中文" * 200, "𠀀中文", ""]]
    bulk = 0
    for group in groups:
        expected = [(joined, flat.tobytes()) for joined, flat in (tokens.segment_packed(t, tokenizer=tokenizer)
                                                                   for t in group)]
        assert tokens.segment_packed_many(group, tokenizer=tokenizer) == expected
        bulk += tokens._packed_bulk_many(group, cutter) is not None
    assert bulk >= 195  # all but the last group took the joined cut


_HAN_RUN_ONLY = re.compile("[^\u4e00-\u9fff，。 ]")  # what a Han-only text keeps
