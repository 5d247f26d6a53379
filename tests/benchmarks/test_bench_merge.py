"""Benchmark: merging a coder's copy of 1,000 / 10,000 / 20,000 articles, as a ratio to importing them.

Issue 16: merging 20,000 articles ran past 600 s while importing them took about 4 s (every document was
stored with its own ``add_documents``, re-reading every hash; every segment with its own inserts). The
inputs are the same articles: a seeded CSV (what ``annotator import`` reads) and a coder's project made
from that CSV with one coder's segments (~9 per article) and progress. Three figures per size, each in a
fresh project: importing the CSV; merging the coder's copy into an empty project (documents and
segments); merging it into a lead project that already holds the documents (the everyday case: only
segments and statuses move). ``ANNOTATOR_BENCH_MAX`` caps the sizes.
"""

from __future__ import annotations

import itertools
import os
import random
import time
from pathlib import Path

import pytest
from data_cache import cached
from generate import add_codebook, coder_spans, generate_csv, true_spans, Noise

from annotator.core.exchange.merge import merge_project
from annotator.core.importers.batch import import_files
from annotator.core.store import Project

SIZES = tuple(n for n in (1_000, 10_000, 20_000) if n <= max(1_000, int(os.environ.get("ANNOTATOR_BENCH_MAX", "20000"))))
CHARS = 2_000
_runs = itertools.count()


def corpus(n: int) -> Path:
    return cached("articles-csv", ".csv", {"articles": n, "seed": 11, "chars": CHARS},
                  lambda path: generate_csv(path, n, seed=11, chars_per_article=CHARS), project=False)


def build_coder_copy(csv_path: Path, path: Path) -> None:
    """One coder's project: the corpus, the generated codebook, that coder's segments, most documents done."""
    rng = random.Random(12)
    with Project.create(path) as project:
        import_files(project, [csv_path])
        leaves, siblings = add_codebook(project)
        coder = project.ensure_coder("coder-b").id
        rows, statuses = [], {}
        for document_id, length in project.document_lengths().items():
            for code_id, start, end in coder_spans(rng, true_spans(rng, length, leaves), length, siblings, leaves,
                                                    Noise()):
                rows.append((document_id, coder, code_id, start, end, ""))
            statuses[(document_id, coder)] = "done" if rng.random() < 0.9 else "in_progress"
        project.add_segments(rows)
        project.set_assignments(statuses)


def coder_copy(n: int) -> Path:
    return cached("coder-copy", ".annotator", {"articles": n, "seed": 12, "chars": CHARS},
                  lambda path: build_coder_copy(corpus(n), path))


def lead_project(n: int) -> Path:
    """The lead's project: the same articles imported, the same codebook, no codings yet."""
    def build(path: Path) -> None:
        with Project.create(path) as project:
            import_files(project, [corpus(n)])
            add_codebook(project)

    return cached("lead-project", ".annotator", {"articles": n, "chars": CHARS}, build)


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


@pytest.mark.parametrize("n_articles", SIZES)
def test_merge_versus_import(benchmark, bench_dir: Path, n_articles: int) -> None:
    csv_path, copy, lead = corpus(n_articles), coder_copy(n_articles), lead_project(n_articles)

    def fresh() -> Path:
        path = bench_dir / f"merge-{next(_runs)}.annotator"
        Project.create(path).close()
        return path

    def import_once() -> None:
        with Project.open(fresh()) as project:
            import_files(project, [csv_path])

    def merge_once() -> None:
        with Project.open(fresh()) as project:
            merge_project(project, copy)

    def merge_into_lead() -> None:
        target = bench_dir / f"lead-{next(_runs)}.annotator"
        target.write_bytes(lead.read_bytes())
        target.chmod(0o644)
        started = time.perf_counter()
        with Project.open(target) as project:
            report = merge_project(project, copy)
        assert report.documents_matched == n_articles
        return time.perf_counter() - started

    import_s = timed(import_once)
    benchmark.pedantic(merge_once, rounds=1 if n_articles > 1_000 else 3, iterations=1)
    merge_s = benchmark.stats.stats.median
    lead_s = merge_into_lead()
    with Project.open(copy, readonly=True) as project:
        segments = project.segment_count()
    benchmark.extra_info.update({
        "articles": n_articles, "segments": segments, "import s": round(import_s, 2),
        "merge into empty s": round(merge_s, 2), "ratio to import": round(merge_s / import_s, 2),
        "merge into lead s": round(lead_s, 2), "lead ratio to import": round(lead_s / import_s, 2)})
