"""Shared benchmark fixtures: generated projects at the standard sizes, built once per session.

``generated(n)`` returns the path of a seeded project with ``n`` articles (see ``generate.py``); it is
shared by every benchmark, so a benchmark that edits it must leave it as it found it (do + undo), or copy
it first with ``copy_project``. ``ANNOTATOR_BENCH_MAX=1000`` caps the sizes for a quick run.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate_project  # noqa: E402

ALL_SIZES = (100, 1_000, 10_000)
SIZES = tuple(n for n in ALL_SIZES if n <= int(os.environ.get("ANNOTATOR_BENCH_MAX", "10000")))


@pytest.fixture(scope="session")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-projects")


@pytest.fixture(scope="session")
def generated(bench_dir: Path) -> Callable[..., Path]:
    """A factory: ``generated(n_articles, **generator_options)`` -> path of a (cached) project."""
    cache: dict[tuple, Path] = {}

    def make(n_articles: int, **options: object) -> Path:
        key = (n_articles, tuple(sorted(options.items())))
        if key not in cache:
            path = bench_dir / f"generated-{n_articles}-{len(cache)}.annotator"
            cache[key] = generate_project(path, n_articles, **options)  # type: ignore[arg-type]
        return cache[key]

    return make


def copy_project(source: Path, target: Path) -> Path:
    """A private copy of a generated project, for benchmarks that change it."""
    shutil.copyfile(source, target)
    return target
