"""Moving a coding's boundary one word at a time (the keyboard's Alt+Shift+←/→ and Alt+Ctrl+←/→).

Stops are the ends (for an end) or starts (for a start) of word tokens, as selections snap to them:
jieba words in Chinese, Unicode words elsewhere; each punctuation mark is a stop of its own, so a
coding can take in or leave out the full stop after its last word. Only a window around the boundary
is tokenised, so a nudge costs the same in a 300,000-character article as in a tweet.
"""

from __future__ import annotations

from typing import Literal

from annotator.core.tokens import word_spans

Which = Literal["start", "end"]
WINDOW = 120  # characters each side of the boundary: many words, even in Chinese


def stops(text: str, lo: int, hi: int, *, tokenizer=None) -> list[tuple[int, int]]:
    """Word tokens and single punctuation marks of ``text[lo:hi]`` as (start, end) offsets into ``text``."""
    chunk = text[lo:hi]
    spans = word_spans(chunk, tokenizer=tokenizer)
    covered = bytearray(len(chunk))
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    marks = [(i, i + 1) for i, ch in enumerate(chunk) if not covered[i] and not ch.isspace()]
    return sorted((s + lo, e + lo) for s, e in spans + marks)


def nudge(text: str, start: int, end: int, which: Which, direction: int, *, tokenizer=None) -> tuple[int, int]:
    """``(start, end)`` with one boundary moved to the next word stop left (-1) or right (+1).

    A boundary inside a word moves to that word's edge first ("samples th|at" → "samples that|" or
    "samples|"). The span never becomes empty or leaves the text; where no stop is left, nothing moves.
    """
    if direction not in (-1, 1):
        raise ValueError("direction is -1 (left) or +1 (right)")
    position = end if which == "end" else start
    window = WINDOW
    while True:
        lo, hi = max(0, position - window), min(len(text), position + window)
        edges = [e if which == "end" else s for s, e in stops(text, lo, hi, tokenizer=tokenizer)]
        if which == "end":
            allowed = [e for e in edges if e > start and (e > position if direction > 0 else e < position)]
        else:
            allowed = [s for s in edges if s < end and (s > position if direction > 0 else s < position)]
        # A stop at the window's edge may be a cut word: look further unless the window is the whole text.
        if allowed or (lo == 0 and hi == len(text)) or window >= 4 * WINDOW:
            break
        window *= 2
    if not allowed:
        return start, end
    target = min(allowed) if direction > 0 else max(allowed)
    return (start, target) if which == "end" else (target, end)


def nudge_in_project(project, text: str, start: int, end: int, which: Which, direction: int) -> tuple[int, int]:
    """``nudge`` with the project's user dictionary, so a word taught to the segmenter is one stop."""
    from annotator.core.segmentation import project_tokenizer

    return nudge(text, start, end, which, direction, tokenizer=project_tokenizer(project))


__all__ = ["nudge", "nudge_in_project", "stops"]
