"""Benchmark: the agreement window on the engine's benchmark corpus never stalls the event loop > 100 ms.

Corpus: 1,000 documents x 3,000 characters, 3 coders, 20 codes, ~30,000 segments (the same seeded data as
``test_bench_agreement``), saved to a file so the worker can open its own connection. A 5 ms timer ticks
on the GUI thread while the window computes at character level with a 1,000-resample bootstrap; the
largest gap between ticks is the longest the window was frozen. Run with ``make bench``.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from annotator.core.store import Project
from tests.benchmarks.test_bench_agreement import build_project

MAX_STALL_MS = 100


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    memory, rows = build_project()
    path = tmp_path_factory.mktemp("bench-agreement-view") / "corpus.annotator"
    target = sqlite3.connect(path)
    memory.db.conn.backup(target)
    target.close()
    memory.close()
    return path, len(rows)


class StallMeter:
    """Largest gap between ticks of a fast timer on the GUI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.timer.start()

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.worst


def test_bench_agreement_window_does_not_freeze(benchmark, qtbot, corpus_file):
    from annotator.gui.agreement_view import AgreementView

    path, segments = corpus_file
    project = Project.open(path)
    view = AgreementView(project)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.set_scope(unit="character", bootstrap=1000, seed=1)
    meter = StallMeter()
    stalls = []

    def run():
        meter.start()
        view.compute()
        qtbot.waitUntil(lambda: not view.busy(), timeout=120_000)
        stalls.append(meter.stop())

    benchmark.pedantic(run, rounds=3, iterations=1)
    benchmark.extra_info["segments"] = segments
    benchmark.extra_info["worst_stall_ms"] = max(stalls)
    assert view.report is not None and len(view.data["codes"]) == 20
    assert max(stalls) < MAX_STALL_MS, f"the event loop stalled for {stalls} ms"
    project.close()


def test_bench_review_list(benchmark, qtbot, corpus_file):
    """Finding and listing every disagreement cluster (GUI thread): reported, not asserted."""
    from annotator.gui.review_view import ReviewView

    path, _ = corpus_file
    project = Project.open(path)
    view = ReviewView(project)
    stack = view.bus.stack
    qtbot.addWidget(view)
    benchmark.pedantic(view.reload, rounds=1, iterations=1)
    benchmark.extra_info["disagreements"] = len(view.state.disagreements)
    assert view.model.rowCount() == len(view.state.disagreements) > 0
    # One decision with every disagreement listed: only its document is re-checked.
    clock = QElapsedTimer()
    clock.start()
    view.accept(view.pane_coders[:1])
    benchmark.extra_info["decision_ms"] = clock.elapsed()
    clock.restart()
    stack.undo()
    benchmark.extra_info["undo_ms"] = clock.elapsed()
    assert view.state.remaining == len(view.state.disagreements)
    project.close()
