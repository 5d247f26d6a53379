"""GUI benchmarks on a 300,000-character article with 5,000 segments from 3 coders.

Targets (issue 4): open < 0.5 s; apply or undo one code < 50 ms; repaint of a viewport < 16 ms.
Run with ``make bench`` (skipped by ``make test``).
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import DocumentInput

LENGTH = 300_000
SEGMENTS = 5_000


def _article() -> str:
    rng = random.Random(7)
    words = ("police border blood samples smuggling ring officials biosecurity trade market demand "
             "hospital clinic families pregnant women test gender law court").split()
    paragraphs, size = [], 0
    while size < LENGTH:
        para = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120))) + "."
        paragraphs.append(para)
        size += len(para) + 1
    return "\n".join(paragraphs)[:LENGTH - 1] + "."


@pytest.fixture
def big(project):
    text = _article()
    doc = project.add_documents([DocumentInput(text=text, name="big", language="en")]).added[0]
    coders = [project.ensure_coder(n).id for n in ("Ana", "Ben", "Chen")]
    codes = [project.add_code(f"Frame {i}").id for i in range(8)]
    rng = random.Random(3)
    rows = []
    for i in range(SEGMENTS):
        start = rng.randrange(0, LENGTH - 400)
        rows.append((doc.id, coders[i % 3], rng.choice(codes), start, start + rng.randint(5, 300), ""))
    project.add_segments(rows)
    return project, doc


@pytest.fixture
def window(qtbot, big, qapp):
    from annotator.gui.main_window import MainWindow

    project, doc = big
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.act_show_others.setChecked(True)  # worst case: every coder's segments drawn
    return win, doc


def test_open_document(benchmark, window):
    win, doc = window
    pane = win.coding.panes[1]
    benchmark.pedantic(lambda: win.coding.open_document(doc.id, pane), rounds=5, iterations=1)


def test_apply_and_undo_code(benchmark, window, qtbot):
    win, doc = window
    pane = win.coding.panes[0]
    win.coding.open_document(doc.id, pane)
    pane.editor.setFocus()

    def apply_and_undo():
        pane.select_span(150_000, 150_040)
        qtbot.keyClick(pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        win.act_undo.trigger()

    benchmark.pedantic(apply_and_undo, rounds=10, iterations=1)
    assert len(win.project.segments(document_id=doc.id)) == SEGMENTS


def test_apply_one_code(benchmark, window, qtbot):
    win, doc = window
    pane = win.coding.panes[0]
    win.coding.open_document(doc.id, pane)
    positions = iter(range(1000, 290_000, 997))

    def apply():
        start = next(positions)
        pane.select_span(start, start + 30)
        win.coding.apply_code(win.project.codes()[0].id, snap=False)

    benchmark.pedantic(apply, rounds=10, iterations=1)


def test_viewport_repaint(benchmark, window):
    win, doc = window
    pane = win.coding.panes[0]
    win.coding.open_document(doc.id, pane)
    bar = pane.editor.verticalScrollBar()
    steps = iter(range(0, bar.maximum(), max(1, bar.maximum() // 200)))

    def scroll_and_paint():
        bar.setValue(next(steps))
        pane.editor.viewport().repaint()
        pane.editor.margin.repaint()

    benchmark.pedantic(scroll_and_paint, rounds=50, iterations=1)


def test_cold_start_to_window(benchmark, big, tmp_path):
    """`annotator PROJECT --screenshot` in a fresh interpreter: import, open, show, render (< 1.5 s)."""
    import os
    import subprocess
    import sys

    project, _ = big
    path = str(project.path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def start():
        subprocess.run([sys.executable, "-m", "annotator", path, "--screenshot", str(tmp_path / "s.png")],
                       check=True, env=env, capture_output=True)

    benchmark.pedantic(start, rounds=3, iterations=1)
