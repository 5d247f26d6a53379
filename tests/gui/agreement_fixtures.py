"""A three-coder project for the agreement and review windows: two articles (English, Chinese), all done."""

from __future__ import annotations

import pytest

from annotator.core.model import DocumentInput

EN = ("Police broke up a ring smuggling blood samples across the border.\n"
      "Officials said the trade threatens national biosecurity and public health.\n"
      "Prices for the illegal tests rose sharply last year.\n")
ZH = "警方破获非法运送孕妇血样出境案。\n专家指出，这损害国家生物安全。\n黑市检测价格去年大涨。\n"

# (document, coder, code, phrase): Ana, Ben and Cal mostly agree, not always.
CODINGS = [
    ("en", "Ana", "Crime", "Police broke up a ring"), ("en", "Ben", "Crime", "Police broke up a ring"),
    ("en", "Cal", "Crime", "Police broke up a ring"),
    ("en", "Ana", "Security", "threatens national biosecurity"),
    ("en", "Ben", "Security", "national biosecurity"),
    ("en", "Cal", "Security", "threatens national biosecurity"),
    ("en", "Cal", "Economy", "Prices for the illegal tests rose"),
    ("en", "Ana", "Economy", "Prices for the illegal tests rose"),
    ("zh", "Ana", "Crime", "警方破获非法运送孕妇血样出境案"), ("zh", "Ben", "Crime", "警方破获非法运送孕妇血样出境案"),
    ("zh", "Cal", "Crime", "警方破获非法运送孕妇血样出境案"),
    ("zh", "Ana", "Security", "国家生物安全"), ("zh", "Ben", "Security", "损害国家生物安全"),
    ("zh", "Ben", "Economy", "黑市检测价格"),
]


@pytest.fixture
def three_coders(project):
    project.add_documents([DocumentInput(text=EN, name="en", title="Ring broken up", language="en"),
                           DocumentInput(text=ZH, name="zh", title="血样案", language="zh")])
    coders = {n: project.ensure_coder(n).id for n in ("Ana", "Ben", "Cal")}
    codes = {n: project.add_code(n).id for n in ("Crime", "Security", "Economy")}
    docs = {d.name: d for d in project.documents()}
    rows = []
    for doc, coder, code, phrase in CODINGS:
        text = EN if doc == "en" else ZH
        start = text.index(phrase)
        rows.append((docs[doc].id, coders[coder], codes[code], start, start + len(phrase), ""))
    project.add_segments(rows)
    for d in docs.values():
        for c in coders.values():
            project.set_assignment(d.id, c, "done")
    return project


@pytest.fixture
def main_window(qtbot, three_coders):
    from annotator.gui.main_window import MainWindow

    win = MainWindow(three_coders)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.agreement.cancel()
    win.stack.clear()
