"""Benchmark: importing a 10,000-article CSV corpus (mixed Chinese/English, ~2,000 characters each).

The whole path a researcher's ``annotator import project corpus.csv`` takes: decode and parse the CSV
(``read_documents``), then normalise, hash, detect language and store in one transaction
(``add_documents``). Targets: under 10 s and under 500 MB peak memory. Peak memory is measured as the
maximum resident set size of a fresh subprocess, because the benchmark process itself carries pytest
and whatever earlier tests loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from memory import PEAK_MB_SOURCE

from annotator.core.importers import read_documents
from annotator.core.store import Project

ARTICLES = 10_000
CHARS_PER_ARTICLE = 2_000


@pytest.fixture(scope="module")
def corpus_csv(tmp_path_factory) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import generate_csv

    path = tmp_path_factory.mktemp("bench-import") / "corpus.csv"
    return generate_csv(path, ARTICLES, seed=7, chars_per_article=CHARS_PER_ARTICLE, zh_share=0.5)


def import_corpus(csv_path: Path, project_path: Path) -> int:
    documents = read_documents(csv_path)
    with Project.create(project_path) as project:
        return len(project.add_documents(documents).added)


_MEASURE = PEAK_MB_SOURCE + textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path

    from annotator.core.importers import read_documents
    from annotator.core.store import Project

    csv_path, project_path = Path(sys.argv[1]), Path(sys.argv[2])
    baseline = peak_mb()
    t0 = time.perf_counter()
    documents = read_documents(csv_path)
    t1 = time.perf_counter()
    with Project.create(project_path) as project:
        added = len(project.add_documents(documents).added)
    t2 = time.perf_counter()
    print(json.dumps({"added": added, "read_s": t1 - t0, "store_s": t2 - t1, "total_s": t2 - t0,
                      "baseline_mb": baseline, "peak_rss_mb": peak_mb()}))
""")


def test_bench_import_10k_article_csv(benchmark, corpus_csv, tmp_path):
    runs = iter(range(100))

    def run() -> int:
        return import_corpus(corpus_csv, tmp_path / f"bench-{next(runs)}.annotator")

    added = benchmark.pedantic(run, rounds=1, iterations=1, warmup_rounds=0)
    assert added == ARTICLES

    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(corpus_csv), str(tmp_path / "measured.annotator")],
        capture_output=True, text=True, check=True, timeout=600)
    figures = json.loads(result.stdout)
    figures["subprocess_wall_s"] = time.perf_counter() - started
    figures["csv_mb"] = corpus_csv.stat().st_size / 2**20
    figures["project_mb"] = (tmp_path / "measured.annotator").stat().st_size / 2**20
    assert figures["added"] == ARTICLES
    benchmark.extra_info.update({k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()})
    print("\nimport 10k CSV:", json.dumps(benchmark.extra_info))
