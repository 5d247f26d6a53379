"""Benchmarks of the project store at 100 / 1,000 / 10,000 articles, to show how each cost grows.

Measured: building a coded project (bulk load), opening it, listing its documents, opening one document
with 5,000 segments, applying and undoing a code, and the peak memory of a fresh process that opens a
project and loads all its segments. Each generated article has about 3,000 characters and three
coders' segments (about 27 per article); see ``generate.py``.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from memory import PEAK_MB_SOURCE
from conftest import SIZES, copy_project
from generate import add_dense_document, generate_project

from annotator.core.store import Project

_runs = itertools.count()


@pytest.mark.parametrize("n_articles", SIZES)
def test_create_and_bulk_load(benchmark, bench_dir: Path, n_articles: int) -> None:
    """Create a project and load n articles, a 20-code codebook, 3 coders' segments and assignments."""

    def setup() -> tuple[tuple[Path, int], dict]:
        return (bench_dir / f"create-{next(_runs)}.annotator", n_articles), {}

    def create(path: Path, n: int) -> None:
        generate_project(path, n)
        path.unlink()

    benchmark.pedantic(create, setup=setup, rounds=3 if n_articles <= 1000 else 1)
    benchmark.extra_info["articles"] = n_articles


@pytest.mark.parametrize("n_articles", SIZES)
def test_open_project(benchmark, generated: Callable[..., Path], n_articles: int) -> None:
    """Project.open (header, write-ahead log and schema checks; no whole-file scan) and close (checkpoint)."""
    path = generated(n_articles)

    def open_and_close() -> None:
        Project.open(path).close()

    benchmark(open_and_close)
    benchmark.extra_info["file_mb"] = round(path.stat().st_size / 2**20, 1)


@pytest.mark.parametrize("n_articles", SIZES)
def test_list_documents(benchmark, generated: Callable[..., Path], n_articles: int) -> None:
    """The document list a window shows right after opening (no texts)."""
    with Project.open(generated(n_articles)) as project:
        documents = benchmark(project.documents)
    assert len(documents) == n_articles


@pytest.fixture(scope="module")
def dense_project(generated: Callable[..., Path], bench_dir: Path) -> tuple[Path, int]:
    path = copy_project(generated(100), bench_dir / "dense.annotator")
    with Project.open(path) as project:
        document_id = add_dense_document(project, n_segments=5000)
    return path, document_id


def test_segments_of_dense_document(benchmark, dense_project: tuple[Path, int]) -> None:
    """project.segments(document_id=...) for a 60,000-character document carrying 5,000 segments."""
    path, document_id = dense_project
    with Project.open(path) as project:
        segments = benchmark(lambda: project.segments(document_id=document_id))
    assert len(segments) == 5000


def test_open_dense_document(benchmark, dense_project: tuple[Path, int]) -> None:
    """Everything the coding view reads to show a document: its text and metadata, and its segments."""
    path, document_id = dense_project

    with Project.open(path) as project:
        def open_document() -> int:
            document = project.document(document_id)
            return len(document.text or "") + len(project.segments(document_id=document_id))

        benchmark(open_document)


@pytest.mark.parametrize("n_articles", SIZES)
def test_apply_and_undo_code(benchmark, generated: Callable[..., Path], n_articles: int) -> None:
    """One coder action and its undo, each a committed transaction (what Ctrl+1 then Ctrl+Z cost)."""
    commands = pytest.importorskip("annotator.core.commands")
    with Project.open(generated(n_articles)) as project:
        coder = project.coder("coder1").id
        code = project.code("Economic/Costs").id
        document_id = n_articles // 2

        def apply_and_undo() -> None:
            command = commands.AddSegment(document_id, coder, code, 10, 40)
            command.do(project)
            command.undo(project)

        before = project.counts()
        benchmark(apply_and_undo)
        assert project.counts() == before


_PEAK = PEAK_MB_SOURCE + textwrap.dedent("""
    import json, resource, sys
    from annotator.core.store import Project

    baseline = peak_mb()
    with Project.open(sys.argv[1]) as project:
        documents = project.documents()
        segments = project.segments()
        texts = sum(len(project.document_text(d.id)) for d in documents[::10])
    print(json.dumps({"peak_mb": peak_mb(), "baseline_mb": baseline, "segments": len(segments)}))
""")


@pytest.mark.parametrize("n_articles", SIZES)
def test_peak_memory_open_and_load(benchmark, generated: Callable[..., Path], n_articles: int) -> None:
    """Peak resident memory of a fresh process that opens the project, lists its documents, loads every
    segment and reads every tenth text (the time measured includes interpreter start-up)."""
    path = generated(n_articles)
    result: dict[str, float] = {}

    def run() -> None:
        out = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True,
                             check=True).stdout
        result.update(json.loads(out))

    benchmark.pedantic(run, rounds=1)
    benchmark.extra_info["peak_mb"] = round(result["peak_mb"], 1)
    benchmark.extra_info["baseline_mb"] = round(result["baseline_mb"], 1)
    benchmark.extra_info["segments"] = result["segments"]
