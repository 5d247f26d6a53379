"""Where an offset into a text *as another tool wrote it* lands in the text *as we store it*.

Import normalises every text once (``text.normalise``: no BOM, ``\\n`` line breaks, NFC), and stored
offsets count code points of the result. Offsets that arrive with a text (a REFI-QDA selection counts
code points of the source as written) must go through the same normalisation, or codings land on the
wrong words after the first CRLF, the first decomposed accent (macOS writes NFD) or the first character
NFC expands (U+0958 -> two code points). ``OffsetMap`` normalises a text piece by piece, cutting only
where NFC cannot reach across (before a starter that no earlier character composes with), so that the
pieces, normalised one by one, join into exactly ``normalise(raw)``; it records where each piece went.

An offset inside a piece that normalisation changed (between a letter and its accent, between the CR
and the LF of one line break) has no exact image: a selection's start moves to the start of the piece
and its end to the end, so a selection never loses a character it touched.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache

from annotator.core.text import normalise

_HANGUL_MEDIAL_AND_FINAL = (range(0x1161, 0x1176), range(0x11A8, 0x11C3))  # compose with the jamo before


@lru_cache(maxsize=1)
def _second_of_a_pair() -> frozenset[str]:
    """Starters that canonically compose with the character before them (such as U+0CD5, U+0BBE)."""
    found = set()
    for cp in range(0x300, 0x110000):
        decomposition = unicodedata.decomposition(chr(cp))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = decomposition.split()
        if len(parts) != 2:
            continue
        first, second = chr(int(parts[0], 16)), chr(int(parts[1], 16))
        if unicodedata.combining(second) == 0 and unicodedata.normalize("NFC", first + second) == chr(cp):
            found.add(second)
    for block in _HANGUL_MEDIAL_AND_FINAL:
        found.update(map(chr, block))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _boundary_before(char: str) -> bool:
    """Whether NFC can never reach back across ``char`` (a cut before it is safe)."""
    if char < "\u0300" or "\u4e00" <= char <= "\u9fff":
        return True
    if unicodedata.combining(char):
        return False
    head = unicodedata.normalize("NFD", char)[0]
    return unicodedata.combining(head) == 0 and head not in _second_of_a_pair()


class OffsetMap:
    """``normalise(raw)`` (as ``text``) and the map from offsets into ``raw`` to offsets into ``text``."""

    def __init__(self, raw: str) -> None:
        self.raw_length = len(raw)
        self.text = normalise(raw)
        # Runs of (raw start, stored start, raw length, stored length, exact): an exact run maps one to one.
        self._runs: list[tuple[int, int, int, int, bool]] = []
        if self.text == raw:
            self._runs.append((0, 0, len(raw), len(raw), True))
        else:
            self._build(raw)
        self._starts = [r[0] for r in self._runs]

    @property
    def identity(self) -> bool:
        return len(self._runs) == 1 and self._runs[0][4]

    def _add(self, raw_start: int, out_start: int, raw_length: int, out_length: int, exact: bool) -> None:
        if exact and raw_length == out_length and self._runs:
            r0, o0, rl, ol, e0 = self._runs[-1]
            if e0 and r0 + rl == raw_start and o0 + ol == out_start:
                self._runs[-1] = (r0, o0, rl + raw_length, ol + out_length, True)
                return
        self._runs.append((raw_start, out_start, raw_length, out_length, exact))

    def _build(self, raw: str) -> None:
        pieces: list[str] = []
        i, o, n = 0, 0, len(raw)
        if raw.startswith("\ufeff"):
            self._add(0, 0, 1, 0, False)
            i = 1
        while i < n:
            char = raw[i]
            if char == "\r":
                size = 2 if raw.startswith("\n", i + 1) else 1
                pieces.append("\n")
                self._add(i, o, size, 1, size == 1)
                i, o = i + size, o + 1
                continue
            j = i + 1
            while j < n and raw[j] != "\r" and not _boundary_before(raw[j]):
                j += 1
            piece = raw[i:j]
            normal = unicodedata.normalize("NFC", piece)
            pieces.append(normal)
            self._add(i, o, j - i, len(normal), normal == piece)
            i, o = j, o + len(normal)
        assert "".join(pieces) == self.text, "piecewise normalisation differs from text.normalise"

    def _locate(self, offset: int) -> tuple[int, int, int, int, bool]:
        if not 0 <= offset <= self.raw_length:
            raise ValueError(f"offset {offset} is outside the text (0-{self.raw_length})")
        index = max(0, bisect_right(self._starts, offset) - 1)
        return self._runs[index]

    def start(self, offset: int) -> int:
        """Where a selection starting at raw ``offset`` starts in the stored text."""
        raw_start, out_start, raw_length, out_length, exact = self._locate(offset)
        if offset >= raw_start + raw_length:
            return out_start + out_length
        if exact:
            return out_start + (offset - raw_start)
        return out_start

    def end(self, offset: int) -> int:
        """Where a selection ending at raw ``offset`` (exclusive) ends in the stored text."""
        raw_start, out_start, raw_length, out_length, exact = self._locate(offset)
        if exact or offset == raw_start:
            return out_start + min(offset - raw_start, out_length)
        return out_start + out_length

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)
