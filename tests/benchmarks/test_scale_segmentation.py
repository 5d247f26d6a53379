"""Scale section: Chinese segmentation of a 10 M-character corpus, and the first search in a fresh process.

Issue 18: segmenting 10 M Chinese characters < 5 s (peer: rjieba cutting the same texts, nothing stored);
the first search of a Chinese word < 0.3 s in a fresh process; rjieba measured against jieba (token
boundaries on the same runs, simplified and traditional). The corpus is generated from test_bench_text's
vocabulary (seeded) and cached (data_cache.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from data_cache import cached, private_copy
from scale import Measure, Target, command, python_child
from test_bench_text import chinese_corpus
from test_scale_start import annotator_command

from annotator.core.store import Project

DOCUMENTS, CHARACTERS, SEED = 3_334, 3_000, 5  # 10,002,000 characters
SEARCH_DOCUMENTS = 1_000
RARE_WORD = "老龄化问题"  # a two-word phrase in a few dozen of the 1,000 documents


def _corpus_project(path: Path, documents: int, segmented: bool, seed: int) -> None:
    project = Project.create(path)
    project.add_documents(chinese_corpus(documents, CHARACTERS, seed=seed))
    if segmented:
        from annotator.core.segmentation import ensure_segmented

        ensure_segmented(project)
    project.close()


@pytest.fixture(scope="module")
def corpus_10m() -> Path:
    params = {"documents": DOCUMENTS, "chars": CHARACTERS, "seed": SEED, "segmented": 0}
    return cached("zh-corpus", ".annotator", params, lambda p: _corpus_project(p, DOCUMENTS, False, SEED))


@pytest.fixture(scope="module")
def corpus_1k() -> Path:
    params = {"documents": SEARCH_DOCUMENTS, "chars": CHARACTERS, "seed": 9, "segmented": 1}
    return cached("zh-corpus", ".annotator", params, lambda p: _corpus_project(p, SEARCH_DOCUMENTS, True, 9))


def test_scale_segment_corpus(scale, corpus_10m, tmp_path):
    runs = iter(range(100))

    def ours():
        folder = tmp_path / f"run{next(runs)}"
        folder.mkdir()
        copy = private_copy(corpus_10m, folder)
        return python_child(
            "import time\n"
            "from annotator.core.store import Project\n"
            "from annotator.core.segmentation import ensure_segmented\n"
            f"project = Project.open({str(copy)!r})\n"
            "started = time.perf_counter()\n"
            "count = ensure_segmented(project)\n"
            "report(seconds=time.perf_counter() - started, documents=count)\n"
            "project.close()\n")

    peer_code = (
        "import time, rjieba\n"
        "from annotator.core.store import Project\n"
        f"project = Project.open({str(corpus_10m)!r}, readonly=True)\n"
        "texts = [text for _, text in project.document_texts()]\n"
        "started = time.perf_counter()\n"
        "words = sum(len(rjieba.cut(text)) for text in texts)\n"
        "report(seconds=time.perf_counter() - started, words=words)\n")
    mine, theirs = scale.paired(ours, lambda: python_child(peer_code), runs=3)
    scale.row("segment the corpus (`annotator segment`: tokens, offsets, search index written)",
              f"{DOCUMENTS * CHARACTERS / 1e6:.0f} M Chinese characters", mine,
              peer_name="rjieba.cut over the same texts (one process, nothing stored)", peer=theirs,
              target=Target(seconds=5.0), notes=f"{mine.extra.get('documents')} documents; 2 worker processes")


def test_scale_rjieba_against_jieba(scale, corpus_10m):
    """Both cut every Han run of the corpus (simplified view), and a traditional sample as it is."""
    code = (
        "import time, rjieba, jieba, logging\n"
        "jieba.setLogLevel(logging.WARNING)\n"
        "from annotator.core import tokens\n"
        "from annotator.core.store import Project\n"
        f"project = Project.open({str(corpus_10m)!r}, readonly=True)\n"
        "texts = [text for _, text in project.document_texts()]\n"
        "runs = [run for text in texts for run in tokens._HAN_RUN.findall(tokens.to_simplified(text))]\n"
        "jieba.initialize()\n"
        "started = time.perf_counter()\n"
        "theirs = [jieba.lcut(run) for run in runs]\n"
        "jieba_seconds = time.perf_counter() - started\n"
        "started = time.perf_counter()\n"
        "ours = [rjieba.cut(run) for run in runs]\n"
        "rjieba_seconds = time.perf_counter() - started\n"
        "differ = sum(a != b for a, b in zip(ours, theirs))\n"
        "from opencc import OpenCC\n"
        "traditional = OpenCC('s2t').convert(''.join(texts[:100]))\n"
        "han = tokens._HAN_RUN.findall(traditional)\n"
        "differ_traditional = sum(rjieba.cut(r) != jieba.lcut(r) for r in han)\n"
        "report(rjieba=rjieba_seconds, jieba=jieba_seconds, runs=len(runs), differ=differ,\n"
        "       characters=sum(map(len, runs)), traditional_runs=len(han), differ_traditional=differ_traditional)\n")
    result = python_child(code)
    facts = result.extra
    ours = Measure(seconds=float(facts["rjieba"]))
    peer = Measure(seconds=float(facts["jieba"]))
    scale.row("rjieba vs jieba: cut every Han run", f"{int(facts['characters']) / 1e6:.1f} M characters, "
              f"{int(facts['runs']):,} runs", ours, peer_name="jieba.lcut (default mode, HMM)", peer=peer,
              notes=f"{facts['differ']} runs cut differently; traditional (300 k chars, as written): "
              f"{facts['differ_traditional']} of {int(facts['traditional_runs']):,} runs differ")


def test_scale_first_search(scale, corpus_1k):
    prelude = (
        "import time\n"
        "from annotator.core.store import Project\n"
        "from annotator.core.search import search\n"
        f"project = Project.open({str(corpus_1k)!r}, readonly=True)\n"
        "started = time.perf_counter()\n")
    ours_code = prelude + (
        f"hits = search(project, {RARE_WORD!r})\n"
        "import sys\n"
        "report(seconds=time.perf_counter() - started, hits=len(hits), loaded='rjieba' in sys.modules or 'jieba' in sys.modules)\n")
    peer_code = prelude + (  # what the query cost before: a segmenter's dictionary loaded to cut it
        "from annotator.core import tokens\n"
        "tokens.jieba_tokenizer()\n"
        f"hits = search(project, {RARE_WORD!r})\n"
        "report(seconds=time.perf_counter() - started, hits=len(hits))\n")
    python_child("from annotator.core.query_segmenter import lexicon\nlexicon()\n")  # built once per machine
    mine, theirs = scale.paired(lambda: python_child(ours_code), lambda: python_child(peer_code), runs=5)
    scale.row("first search of a Chinese word, fresh process", f"{SEARCH_DOCUMENTS:,} docs, rare phrase", mine,
              peer_name="the same with jieba's dictionary loaded for the query", peer=theirs,
              target=Target(seconds=0.3), notes=f"{mine.extra.get('hits')} hits; open excluded; "
              f"a segmenter loaded: {mine.extra.get('loaded')}")
    whole, floor = scale.paired(
        lambda: command([*annotator_command(), "search", str(corpus_1k), RARE_WORD]),
        lambda: command([sys.executable, "-c", "import annotator.core.search"]), runs=3)
    scale.row("`annotator search` (whole command, fresh process)", f"{SEARCH_DOCUMENTS:,} docs, rare phrase", whole,
              peer_name="`python -c 'import annotator.core.search'`", peer=floor,
              notes="the peer is the import floor of any search (sqlite-utils imports numpy)")
