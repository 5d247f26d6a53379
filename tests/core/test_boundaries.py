"""Nudging a coding's boundary moves it one word (English and Chinese), never one character."""

from __future__ import annotations

import pytest

from annotator.core.boundaries import nudge, nudge_in_project
from annotator.core.model import DocumentInput

EN = "Police seized blood samples that were bound for labs."
ZH = "临江警方破获非法运送孕妇血样出境案，筑牢生物安全防线。"


def test_the_end_moves_to_the_end_of_the_next_word():
    start, end = 0, EN.index("samples") + len("samples")
    assert EN[start:nudge(EN, start, end, "end", 1)[1]] == "Police seized blood samples that"
    assert EN[start:nudge(EN, start, end, "end", -1)[1]] == "Police seized blood"


def test_a_boundary_inside_a_word_goes_to_that_word_s_edge_first():
    inside = EN.index("that") + 2  # "samples th|at"
    assert nudge(EN, 0, inside, "end", 1) == (0, EN.index("that") + 4)
    assert nudge(EN, 0, inside, "end", -1) == (0, EN.index("samples") + 7)


def test_the_start_moves_by_words_and_a_full_stop_is_a_stop_of_its_own():
    start, end = EN.index("blood"), len(EN) - 1  # up to "labs", without the full stop
    assert EN[nudge(EN, start, end, "start", 1)[0]:end] == "samples that were bound for labs"
    assert EN[nudge(EN, start, end, "start", -1)[0]:end].startswith("seized blood")
    assert EN[start:nudge(EN, start, end, "end", 1)[1]].endswith("labs.")


def test_a_span_never_becomes_empty_or_leaves_the_text():
    one = (EN.index("blood"), EN.index("blood") + 5)
    assert nudge(EN, *one, "end", -1) == one
    assert nudge(EN, *one, "start", 1) == one
    assert nudge(EN, 0, 6, "start", -1) == (0, 6)
    assert nudge(EN, 0, len(EN), "end", 1) == (0, len(EN))


def test_chinese_moves_by_jieba_words():
    start = ZH.index("非法")
    end = start + 2
    assert ZH[start:nudge(ZH, start, end, "end", 1)[1]] == "非法运送"
    later = ZH.index("孕妇")
    assert ZH[nudge(ZH, later, later + 2, "start", -1)[0]:later + 2] == "运送孕妇"
    comma = ZH.index("，")
    assert nudge(ZH, 0, comma, "end", 1) == (0, comma + 1)  # the comma, then the next word


def test_far_into_a_long_text_only_a_window_is_read():
    text = "word " * 100_000 + EN
    base = text.index("samples")
    assert text[base:nudge(text, base, base + 7, "end", 1)[1]] == "samples that"


def test_the_project_dictionary_keeps_its_words_whole(project):
    from annotator.core.segmentation import add_terms

    doc = project.add_documents([DocumentInput(text=ZH, name="zh")]).added[0]
    text = project.document_text(doc.id)
    start = text.index("孕妇")
    before = nudge_in_project(project, text, start, start + 2, "end", 1)
    add_terms(project, ["孕妇血样出境"])
    start = text.index("运送")
    after = nudge_in_project(project, text, start, start + 2, "end", 1)
    assert text[start:after[1]] == "运送孕妇血样出境"
    assert before[1] > start


@pytest.mark.parametrize("direction", [0, 2])
def test_direction_is_one_step(direction):
    with pytest.raises(ValueError):
        nudge(EN, 0, 6, "end", direction)
