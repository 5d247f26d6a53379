"""Code points <-> Qt UTF-16 positions, checked against Python's own UTF-16 encoding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.gui.offsets import OffsetMap, utf16_length


def utf16_position(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_bmp_text_is_identity():
    m = OffsetMap("警方破获 the case")
    assert m.is_identity
    assert m.to_qt(5) == 5 and m.from_qt(5) == 5


def test_emoji_and_extension_b():
    text = "a😀b𠀀c中"
    m = OffsetMap(text)
    assert not m.is_identity
    for i in range(len(text) + 1):
        assert m.to_qt(i) == utf16_position(text, i)
        assert m.from_qt(m.to_qt(i)) == i
    assert m.from_qt(2) == 1  # between the surrogate halves of 😀 -> its start
    assert utf16_length(text) == 8
    assert m.count_in(0, len(text)) == 2


@given(st.text(alphabet=st.sampled_from("ab中😀𠀀\n"), max_size=40))
def test_round_trip(text):
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_qt(i) == utf16_position(text, i)
        assert m.from_qt(m.to_qt(i)) == i
