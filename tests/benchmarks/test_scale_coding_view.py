"""Scale section: opening a 300,000-character article with 50,000 codings in the coding view (< 0.5 s).

Every coder's codings are drawn (Show other coders on), the worst case. The peer is the obvious way to
draw them: a QTextEdit with one ``mergeCharFormat`` per coding, timed on the same text and codings.
"""

from __future__ import annotations

import random

import pytest
from scale import Measure, Target, combine, in_process
from test_bench_gui import LENGTH, _article

from annotator.core.model import DocumentInput

CODINGS = 50_000


@pytest.fixture
def crowded(project):
    text = _article()
    doc = project.add_documents([DocumentInput(text=text, name="crowded", language="en")]).added[0]
    coders = [project.ensure_coder(n).id for n in ("Ana", "Ben", "Chen")]
    codes = [project.add_code(f"Frame {i}").id for i in range(8)]
    rng = random.Random(18)
    rows = []
    for i in range(CODINGS):
        start = rng.randrange(0, LENGTH - 400)
        rows.append((doc.id, coders[i % 3], rng.choice(codes), start, start + rng.randint(5, 300), ""))
    project.add_segments(rows)
    return project, doc, text


def _peer(qapp, text: str, segments) -> Measure:
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
    from PySide6.QtWidgets import QTextEdit

    colours = [QColor.fromHsv(h, 90, 250) for h in range(0, 360, 45)]

    def draw() -> None:
        edit = QTextEdit()
        edit.setPlainText(text)
        cursor = QTextCursor(edit.document())
        for seg in segments:
            fmt = QTextCharFormat()
            fmt.setBackground(colours[seg.code_id % len(colours)])
            cursor.setPosition(seg.start)
            cursor.setPosition(seg.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        edit.show()
        qapp.processEvents()
        edit.close()

    return in_process(draw)


def test_scale_coding_view_open(scale, crowded, qtbot, qapp):
    from annotator.gui.main_window import MainWindow

    project, doc, text = crowded
    window = MainWindow(project)
    window.remember_state = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.act_show_others.setChecked(True)
    pane = window.coding.panes[1]

    def open_once() -> Measure:
        return in_process(lambda: (window.coding.open_document(doc.id, pane), qapp.processEvents()))

    ours = combine([open_once() for _ in range(5)])
    peer = _peer(qapp, text, project.segments(document_id=doc.id))
    drawn = sum(len(v) for v in pane.editor.span_index.by_block.values())
    scale.row("coding view open (every coder's codings drawn)", f"{LENGTH:,} characters, {CODINGS:,} codings", ours,
              peer_name="QTextEdit + one mergeCharFormat per coding", peer=peer, target=Target(seconds=0.5),
              notes=f"{drawn:,} block spans; includes the first paint; CPU {ours.extra['cpu']:.2f} s "
              "(the rest of the wall time is other processes on the machine); blocks off screen are "
              "highlighted in idle slices after")
