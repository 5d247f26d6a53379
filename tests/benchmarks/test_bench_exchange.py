"""Benchmarks of exports at 100 / 1,000 / 10,000 articles: segments CSV, document x code matrix,
codebook CSV with quotes and a REFI-QDA .qdpx project, to show how each cost grows with the corpus."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SIZES

from annotator.core.codebook import export_codebook_csv
from annotator.core.exchange.refi import export_qdpx
from annotator.core.exporters.matrix import export_matrix_csv
from annotator.core.exporters.segments import export_segments_csv
from annotator.core.store import Project

_runs = itertools.count()
EXPORTS = {
    "segments csv": lambda project, path: export_segments_csv(project, path.with_suffix(".csv")),
    "matrix csv": lambda project, path: export_matrix_csv(project, path.with_suffix(".csv")),
    "codebook csv with 3 quotes": lambda project, path: export_codebook_csv(project, path.with_suffix(".csv"),
                                                                            quotes=3),
    "qdpx": lambda project, path: export_qdpx(project, path.with_suffix(".qdpx")),
}


@pytest.mark.parametrize("what", list(EXPORTS))
@pytest.mark.parametrize("n_articles", SIZES)
def test_export(benchmark, generated: Callable[..., Path], bench_dir: Path, n_articles: int, what: str) -> None:
    """One export of a coded project (3 coders, 20 codes, ~27 segments per article)."""
    with Project.open(generated(n_articles), readonly=True) as project:
        def run() -> None:
            target = bench_dir / f"export-{next(_runs)}"
            EXPORTS[what](project, target)

        benchmark.pedantic(run, rounds=3 if n_articles <= 1000 else 1)
        benchmark.extra_info["articles"] = n_articles
