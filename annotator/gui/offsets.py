"""The one place that converts code-point offsets (the store's) to Qt's UTF-16 positions and back.

Qt counts characters outside the Basic Multilingual Plane (emoji, CJK Extension B) as two units; the store
counts them as one. Text without such characters, nearly all news, takes an identity fast path; otherwise a
sorted table of astral code-point positions (found by one regex scan) makes each conversion a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Convert between code-point offsets and UTF-16 positions for one text."""

    __slots__ = ("_astral", "_astral_utf16")

    def __init__(self, text: str) -> None:
        # Code-point indexes of astral characters; empty for BMP-only text (the fast path). A regex scans
        # in C: 330,000 Chinese characters take a few milliseconds (a Python loop over them, ~0.2 s).
        if text.isascii():
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: shifted by the astral characters before it.
        self._astral_utf16 = [cp + n for n, cp in enumerate(self._astral)]

    @property
    def is_identity(self) -> bool:
        return not self._astral

    def to_qt(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset``."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def to_qt_array(self, offsets, np):
        """``to_qt`` of a numpy array of code-point offsets."""
        if not self._astral:
            return offsets
        return offsets + np.searchsorted(np.asarray(self._astral, np.int64), offsets, "left")

    def from_qt(self, position: int) -> int:
        """Code-point offset of UTF-16 ``position`` (a position inside a surrogate pair rounds down)."""
        if not self._astral:
            return position
        # Astral characters starting before `position` each add one extra UTF-16 unit.
        before = bisect_left(self._astral_utf16, position)
        if before and self._astral_utf16[before - 1] + 1 == position:
            # Points between the two halves of a pair: round down to the character's start.
            return self._astral[before - 1]
        return position - before

    def count_in(self, start: int, end: int) -> int:
        """Number of astral characters in code points ``[start, end)``."""
        if not self._astral:
            return 0
        return bisect_left(self._astral, end) - bisect_left(self._astral, start)


def utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text) + sum(1 for _ in _ASTRAL.finditer(text))


__all__ = ["OffsetMap", "utf16_length"]
