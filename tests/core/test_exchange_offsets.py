"""The offset map from a text as another tool wrote it to the text as stored (exchange/offset_map.py)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.exchange.offset_map import OffsetMap
from annotator.core.text import normalise

# Characters that normalisation changes or reaches across: CR/LF, BOM, combining marks, precomposed
# letters, singletons, compatibility ideographs, characters NFC expands, Hangul jamo, Tamil vowel signs.
TRICKY = ("\r", "\n", "\r\n", "\ufeff", "e", "\u0301", "\u0308", "\u0327", "é", "\u212b", "\u2126", "\uf900",
          "\u0958", "\u0344", "\u1100", "\u1161", "\u11a8", "\u0b95", "\u0bbe", "\u0bd7", "\u0f73", "\u0f71",
          "\u3099", "か", "中", "😀", "𠀀", " ", "a")


@given(st.lists(st.sampled_from(TRICKY), max_size=40))
@settings(max_examples=400, deadline=None)
def test_map_agrees_with_normalise_and_keeps_order(parts):
    raw = "".join(parts)
    mapping = OffsetMap(raw)
    assert mapping.text == normalise(raw)
    starts = [mapping.start(k) for k in range(len(raw) + 1)]
    ends = [mapping.end(k) for k in range(len(raw) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert starts[0] == ends[0] == 0 or raw.startswith("\ufeff")
    assert ends[-1] == starts[-1] == len(mapping.text)
    assert all(s <= e for s, e in zip(starts, ends))


@given(st.lists(st.sampled_from(TRICKY), max_size=12), st.lists(st.sampled_from(TRICKY), max_size=12),
       st.lists(st.sampled_from(("word", "词语", "Ωmega")), min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_a_selection_of_plain_words_lands_on_the_same_words(before, after, words):
    """Words that normalisation leaves alone are found at the mapped offsets, whatever surrounds them."""
    target = " ".join(words)
    raw = "".join(before) + " " + target + " " + "".join(after)
    start = len("".join(before)) + 1
    mapping = OffsetMap(raw)
    s, e = mapping.span(start, start + len(target))
    assert mapping.text[s:e] == unicodedata.normalize("NFC", target)


def test_crlf_nfd_and_expansion_by_hand():
    raw = "\ufeffCafe\u0301\r\nnai\u0308ve \u0958x"
    mapping = OffsetMap(raw)
    assert mapping.text == "Café\nnaïve \u0915\u093cx"
    assert mapping.span(1, 6) == (0, 4)  # "Café" with its decomposed accent
    assert mapping.span(8, 14) == (5, 10)  # "naïve" after a CRLF
    assert mapping.span(15, 17) == (11, 14)  # the expanded QA and the x
    assert mapping.start(7) == 4 and mapping.end(7) == 5  # between CR and LF: the whole line break
    assert OffsetMap("plain").identity
