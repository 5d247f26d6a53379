"""Bulk edits in the real window (issue 13): 5,000 hits coded at once, undo, redo; merging two codes over
5,000 segments, and its undo. Targets: each finishes (edit and every view refreshed) in < 150 ms, and the event
loop never stalls for more than 50 ms while it runs (the edit runs off the GUI thread); the figures are
reported with the targets missed (not asserted: they depend on the machine's load).

Also the paint and open paths: a word-cloud repaint (< 5 ms) and opening a 330,000-character Chinese
document (< 150 ms). Run with ``make bench`` (skipped by ``make test``); figures are reported with the
targets missed in the best round.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer

from annotator.core import commands
from annotator.core.model import DocumentInput
from annotator.core.store import Project
from annotator.gui import heap
from tests.benchmarks.test_bench_agreement_view import StallMeter

HITS = 5_000
DOCUMENTS = 500
MAX_MS = 150
MAX_STALL_MS = 50
WORDS = ("officials said the border trade in samples keeps growing despite new rules while families "
         "pay clinics for tests that courts call illegal and doctors call unsafe").split()


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory):
    """500 English articles, each with the word "smuggling" ten times: 5,000 hits."""
    rng = random.Random(13)
    path = tmp_path_factory.mktemp("bench-bulk") / "bulk.annotator"
    with Project.create(path) as project:
        docs = []
        for i in range(DOCUMENTS):
            sentences = []
            for _ in range(10):
                words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
                words.insert(rng.randrange(len(words)), "smuggling")
                sentences.append(" ".join(words).capitalize() + ".")
            docs.append(DocumentInput(text="\n".join(sentences) + "\n", name=f"article-{i:03d}", language="en",
                                      outlet=("Daily", "Herald", "Post")[i % 3]))
        project.add_documents(docs)
        project.ensure_coder("Ana")
        project.ensure_coder("Ben")
        project.add_code("Crime")
        project.add_code("Trade")
        from annotator.core.segmentation import ensure_segmented

        ensure_segmented(project)
    return path


@pytest.fixture
def window(qtbot, corpus_path):
    from annotator.gui.main_window import MainWindow

    project = Project.open(corpus_path)
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.resize(1440, 860)
    win.show()
    qtbot.waitExposed(win)
    win.bus.set_coder(project.coder("Ana").id)
    heap.settle()  # as the app does once its window is shown (gui/app.py)
    yield win
    heap.unsettle()
    win.stack.clear()
    win.close()
    project.close()


def _timed(qtbot, win, action) -> tuple[float, int]:
    """Run ``action`` and wait in a real event loop (as the app does: qtbot's polling wait holds the GIL
    and would starve the worker) until the edit is done and announced; (milliseconds, worst stall)."""
    announced = []
    loop = QEventLoop()

    def check(*_args) -> None:
        if announced and not win.bus.editing:
            QTimer.singleShot(0, loop.quit)  # after every view has handled the announcement

    def heard(changes) -> None:
        announced.append(changes)
        check()

    win.bus.changed.connect(heard)
    win.bus.editing_changed.connect(check)
    meter = StallMeter()
    clock = QElapsedTimer()
    meter.start()
    clock.start()
    action()
    if not (announced and not win.bus.editing):
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
    QCoreApplication.processEvents()
    elapsed = clock.nsecsElapsed() / 1e6
    stall = meter.stop()
    win.bus.changed.disconnect(heard)
    win.bus.editing_changed.disconnect(check)
    assert announced, "the edit was never announced"
    return elapsed, stall


def test_bench_code_all_hits_undo_redo(benchmark, qtbot, window):
    win = window
    view = win.search_view
    win.show_view("search")
    with qtbot.waitSignal(view.search_finished, timeout=60_000):
        view.run_search("smuggling")
    assert view.model.rowCount() == HITS
    view.set_current_code(win.project.code("Crime").id)
    view.set_current_coder(win.project.coder("Ana").id)
    win.show_view("main")
    figures: dict[str, list[tuple[float, int]]] = {"code": [], "undo": [], "redo": []}

    def round_trip():
        figures["code"].append(_timed(qtbot, win, view.code_button.click))
        assert win.project.segment_count() == HITS
        figures["undo"].append(_timed(qtbot, win, win.act_undo.trigger))
        assert win.project.segment_count() == 0
        figures["redo"].append(_timed(qtbot, win, win.act_redo.trigger))
        assert win.project.segment_count() == HITS
        figures["undo"].append(_timed(qtbot, win, win.act_undo.trigger))
        win.stack.clear()

    benchmark.pedantic(round_trip, rounds=3, iterations=1)
    _report(benchmark, figures)


def test_bench_merge_two_codes_and_undo(benchmark, qtbot, window):
    win = window
    project = win.project
    crime, trade = project.code("Crime"), project.code("Trade")
    view = win.search_view
    from annotator.core.search import code_hits, search

    hits = search(project, "smuggling")
    code_hits(project, hits[: HITS // 2], project.coder("Ana").id, crime.id)
    code_hits(project, hits[HITS // 2:], project.coder("Ben").id, crime.id)
    win.bus.announce(commands.Changes.everything())
    assert project.segment_count(code_ids=[crime.id]) == HITS
    figures: dict[str, list[tuple[float, int]]] = {"merge": [], "undo merge": []}

    def round_trip():
        figures["merge"].append(_timed(qtbot, win, lambda: win.bus.perform(commands.MergeCodes(crime.id, trade.id))))
        assert project.segment_count(code_ids=[trade.id]) == HITS
        figures["undo merge"].append(_timed(qtbot, win, win.act_undo.trigger))
        assert project.segment_count(code_ids=[crime.id]) == HITS
        win.stack.clear()

    benchmark.pedantic(round_trip, rounds=3, iterations=1)
    _report(benchmark, figures)
    assert view is not None


def _report(benchmark, figures) -> None:
    """Best and worst of the rounds, with whether the targets were met (reported, not asserted: on a
    shared machine the worst round measures the neighbours as much as the edit)."""
    missed = []
    for name, runs in figures.items():
        best_ms, worst_ms = min(ms for ms, _ in runs), max(ms for ms, _ in runs)
        worst_stall = max(stall for _, stall in runs)
        benchmark.extra_info[f"{name}_ms"] = f"{best_ms:.0f}-{worst_ms:.0f}"
        benchmark.extra_info[f"{name}_stall_ms"] = worst_stall
        if best_ms >= MAX_MS or worst_stall >= MAX_STALL_MS:
            missed.append(name)
    benchmark.extra_info["targets_missed"] = ", ".join(missed) or "none"


# ---- paint and open paths ---------------------------------------------------------------------

def test_bench_word_cloud_repaint(benchmark, qtbot):
    """Painting a 60-word cloud (and a grid of six) once laid out: paint events only draw."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    from annotator.gui.analysis_view import FrameClouds, WordCloud

    rng = random.Random(5)
    words = [(f"{rng.choice(WORDS)}{i}", rng.randint(1, 500)) for i in range(60)]
    cloud = WordCloud()
    qtbot.addWidget(cloud)
    cloud.resize(520, 360)
    cloud.set_words(words, "#4363d8", "Frame")
    image = QImage(QSize(520, 360), QImage.Format.Format_ARGB32)
    clock = QElapsedTimer()
    clock.start()
    cloud.render(image)  # the first paint lays the words out, once
    benchmark.extra_info["first_paint_with_layout_ms"] = round(clock.nsecsElapsed() / 1e6, 1)
    benchmark.pedantic(lambda: cloud.render(image), rounds=30, iterations=1)
    grid = FrameClouds()
    qtbot.addWidget(grid)
    grid.resize(900, 600)
    grid.set_clouds([(f"Frame {i}", "#e6194b", words[i:i + 40]) for i in range(6)])
    big = QImage(QSize(900, 600), QImage.Format.Format_ARGB32)
    grid.render(big)
    clock.restart()
    for _ in range(10):
        grid.render(big)
    benchmark.extra_info["six_cloud_grid_repaint_ms"] = round(clock.nsecsElapsed() / 1e7, 2)
    benchmark.extra_info["targets_missed"] = "none" if benchmark.stats.stats.min < 0.005 else "repaint < 5 ms"


def test_bench_open_chinese_document(benchmark, qtbot, tmp_path):
    """A 330,000-character Chinese article (an astral character now and then) opened in a pane."""
    from annotator.gui.main_window import MainWindow
    from tests.benchmarks.generate import ZH_WORDS

    rng = random.Random(2)
    parts, size = [], 0
    while size < 330_000:
        paragraph = "".join(rng.choice(ZH_WORDS) for _ in range(rng.randint(40, 120))) + "。"
        if rng.random() < 0.05:
            paragraph += "𠀀"  # CJK Extension B: two UTF-16 units
        parts.append(paragraph)
        size += len(paragraph) + 1
    text = "\n".join(parts)[:330_000]
    project = Project.create(tmp_path / "zh.annotator")
    doc = project.add_documents([DocumentInput(text=text, name="long-zh", language="zh")]).added[0]
    project.add_documents([DocumentInput(text="短文。", name="short", language="zh")])
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    pane = win.coding.panes[1]
    short = project.document("short", with_text=False).id

    def open_long():
        win.coding.open_document(short, pane)
        QCoreApplication.processEvents()
        clock = QElapsedTimer()
        clock.start()
        win.coding.open_document(doc.id, pane)
        QCoreApplication.processEvents()  # the first screen is laid out and painted
        pane.editor.viewport().repaint()
        return clock.nsecsElapsed() / 1e6

    times = []
    benchmark.pedantic(lambda: times.append(open_long()), rounds=5, iterations=1)
    benchmark.extra_info["open_ms"] = round(max(times), 1)
    win.close()
    project.close()
    benchmark.extra_info["targets_missed"] = "none" if min(times) < MAX_MS else "open < 150 ms"
