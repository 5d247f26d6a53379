"""Shared benchmark fixtures: generated projects at the standard sizes, and the scale section's recorder.

``generated(n)`` returns the path of a seeded project with ``n`` articles (see ``generate.py``), generated
once into the bench cache (``data_cache.py``) and copied for this session; it is shared by every benchmark
of the session, so a benchmark that edits it must leave it as it found it (do + undo), or copy it first
with ``copy_project``. ``ANNOTATOR_BENCH_MAX=1000`` caps the sizes for a quick run.

``scale`` records rows of the scale table (``scale.py``); ``archive`` is the 100,000-article project the
scale rows share (``ANNOTATOR_SCALE_ARTICLES`` shrinks it for a trial run of the scale tests).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from data_cache import cached, private_copy  # noqa: E402
from generate import generate_project  # noqa: E402
from scale import ScaleRecorder  # noqa: E402

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
            source = generated_file(n_articles, **options)
            cache[key] = private_copy(source, bench_dir)
        return cache[key]

    return make


def generated_file(n_articles: int, **options: object) -> Path:
    """The read-only cached project for these generator options (generated on first use)."""
    params = {"articles": n_articles, "seed": 0, **options}
    return cached("project", ".annotator", params,
                  lambda path: generate_project(path, n_articles, **options))  # type: ignore[arg-type]


SCALE_ARTICLES = int(os.environ.get("ANNOTATOR_SCALE_ARTICLES", "100000"))


@pytest.fixture(scope="session")
def archive() -> Path:
    """The newsroom archive of the scale section: 100,000 articles x ~3,000 characters, 3 coders, 20 codes
    (read-only, cached; use ``private_copy`` to open it for writing)."""
    return generated_file(SCALE_ARTICLES)


@pytest.fixture
def scale(benchmark) -> ScaleRecorder:
    """Records rows of the scale table; see scale.ScaleRecorder."""
    return ScaleRecorder(benchmark)


def copy_project(source: Path, target: Path) -> Path:
    """A private copy of a generated project, for benchmarks that change it."""
    shutil.copyfile(source, target)
    return target
