"""Coded segments of one document arranged for drawing: per text block, in Qt positions, with lanes.

Built once per document load (in time linear in the codings, give or take a sort: 50,000 take about
0.1 s) and patched per edit, it lets the highlighter and the margin look up only the block they are
painting instead of scanning every segment. Drawing needs five numbers per coding (``Coding``); the full
``Segment`` (memo, guid, times) is read only for the few a coder clicks or inspects (``segments``).
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple, Protocol

from annotator.core.model import Segment
from annotator.gui.offsets import OffsetMap


class Coding(NamedTuple):
    """What drawing a coding needs (a ``Segment`` has the same attributes; its ``memo`` is the text,
    here a flag: either is true when the coding has a memo)."""

    id: int
    coder_id: int
    code_id: int
    start: int
    end: int
    memo: int = 0


class Drawable(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def coder_id(self) -> int: ...
    @property
    def code_id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def memo(self) -> object: ...


def codings(rows: Iterable[tuple[int, int, int, int, int, int]]) -> list[Coding]:
    """(id, coder_id, code_id, start, end, has a memo) rows as ``Coding`` tuples, at C speed."""
    return [_new(Coding, row) for row in rows]


class SegmentCache(Mapping[int, Segment]):
    """The index's codings as full ``Segment`` objects, read through ``loader`` when first asked for.

    Iterating ``values()`` reads every missing one in one go; prefer ``SpanIndex.codings`` for counts
    and positions.
    """

    def __init__(self, index: "SpanIndex", loader: Callable[[list[int]], list[Segment]] | None) -> None:
        self._index = index
        self._loader = loader
        self._known: dict[int, Segment] = {}

    def remember(self, segment: Segment) -> None:
        self._known[segment.id] = segment

    def forget(self, segment_id: int) -> None:
        self._known.pop(segment_id, None)

    def clear(self) -> None:
        self._known.clear()

    def _load(self, ids: list[int]) -> None:
        if ids:
            if self._loader is None:
                raise KeyError(ids[0])
            for segment in self._loader(ids):
                self._known[segment.id] = segment

    def __getitem__(self, segment_id: int) -> Segment:
        if segment_id not in self._index.codings:
            raise KeyError(segment_id)
        if segment_id not in self._known:
            self._load([segment_id])
        return self._known[segment_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._index.codings)

    def __len__(self) -> int:
        return len(self._index.codings)

    def __contains__(self, segment_id: object) -> bool:
        return segment_id in self._index.codings

    def many(self, ids: Iterable[int]) -> list[Segment]:
        """The segments with these ids (all indexed), read in one go where not known yet."""
        ids = list(ids)
        self._load([i for i in ids if i not in self._known])
        return [self._known[i] for i in ids]

    def values(self):  # type: ignore[override]
        self._load([i for i in self._index.codings if i not in self._known])
        return [self._known[i] for i in self._index.codings]


class DrawnSpan(NamedTuple):
    """A segment's share of one block: positions relative to the block start (UTF-16).

    A named tuple, not a dataclass: a crowded article makes tens of thousands on every open.
    """

    start: int
    end: int
    segment_id: int
    code_id: int
    coder_id: int
    lane: int
    own: bool


_new = tuple.__new__  # builds a named tuple without its Python-level __new__ (hot on open)


class SpanIndex:
    def __init__(self, text: str, offsets: OffsetMap,
                 loader: Callable[[list[int]], list[Segment]] | None = None) -> None:
        """``loader(ids)`` reads full segments for ``segments`` when the index was built from ``Coding``s."""
        self.offsets = offsets
        # Qt position at which each block (paragraph) starts; blocks are separated by one '\n'.
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.block_starts_cp = starts
        self.block_starts = [offsets.to_qt(s) for s in starts]
        self.by_block: dict[int, list[DrawnSpan]] = {}
        self.codings: dict[int, Drawable] = {}
        self.segments = SegmentCache(self, loader)
        self.lanes = 0

    def rebuild(self, segments: Iterable[Drawable], own_coder_id: int | None) -> set[int]:
        """Replace the indexed codings (``Coding``s or ``Segment``s); return the blocks whose spans changed."""
        old = self.by_block
        self.codings = {s.id: s for s in segments}
        self.segments.clear()
        for seg in self.codings.values():
            if isinstance(seg, Segment):
                self.segments.remember(seg)
        segments = self.codings.values()
        self.by_block = {}
        # Each segment takes the lowest lane free at its start: busy lanes in a heap by end, free ones
        # in a heap by number (n log n, where scanning the lanes per segment grows with the overlap).
        busy: list[tuple[int, int]] = []
        free: list[int] = []
        lanes = 0
        for seg in sorted(segments, key=lambda s: (s.start, -s.end, s.id)):
            while busy and busy[0][0] <= seg.start:
                heapq.heappush(free, heapq.heappop(busy)[1])
            if free:
                lane = heapq.heappop(free)
            else:
                lane, lanes = lanes, lanes + 1
            heapq.heappush(busy, (seg.end, lane))
            self._add_spans(seg, lane, seg.coder_id == own_coder_id)
        self.lanes = lanes
        new = self.by_block
        return {b for b in set(old) | set(new) if old.get(b) != new.get(b)}

    def update(self, changed_ids: set[int], current: list[Segment], own_coder_id: int | None) -> set[int]:
        """Apply one edit incrementally: drop ``changed_ids``, add ``current`` (those still visible).

        Only the blocks the segments touch are recomputed, so coding in a long article stays instant.
        """
        touched: set[int] = set()
        # Only ids indexed here (an edit of 5,000 hits names them all; this document holds a few): the
        # cache knows no other segments, so the rest need no forgetting.
        for seg_id in self.codings.keys() & changed_ids:
            seg = self.codings.pop(seg_id)
            self.segments.forget(seg_id)
            for block in self._blocks_of(seg):
                touched.add(block)
                kept = [span for span in self.by_block.get(block, []) if span.segment_id != seg_id]
                if kept:
                    self.by_block[block] = kept
                else:
                    self.by_block.pop(block, None)
        for seg in current:
            blocks = self._blocks_of(seg)
            busy = {span.lane for b in blocks for span in self.by_block.get(b, [])
                    if self.codings[span.segment_id].start < seg.end
                    and self.codings[span.segment_id].end > seg.start}
            lane = next(i for i in range(len(busy) + 1) if i not in busy)
            self.codings[seg.id] = seg
            if isinstance(seg, Segment):
                self.segments.remember(seg)
            self._add_spans(seg, lane, seg.coder_id == own_coder_id)
            self.lanes = max(self.lanes, lane + 1)
            touched.update(blocks)
        return touched

    def _blocks_of(self, seg: Drawable) -> range:
        first = bisect_right(self.block_starts_cp, seg.start) - 1
        last = bisect_right(self.block_starts_cp, max(seg.start, seg.end - 1)) - 1
        return range(first, last + 1)

    def _add_spans(self, seg: Drawable, lane: int, own: bool) -> None:
        to_qt = self.offsets.to_qt
        q_start, q_end = to_qt(seg.start), to_qt(seg.end)
        starts = self.block_starts
        first = bisect_right(self.block_starts_cp, seg.start) - 1
        if q_end <= (starts[first + 1] - 1 if first + 1 < len(starts) else q_end):  # within one block: most
            base = starts[first]
            spans = self.by_block.get(first)
            if spans is None:
                spans = self.by_block[first] = []
            spans.append(_new(DrawnSpan, (q_start - base, q_end - base, seg.id, seg.code_id, seg.coder_id, lane, own)))
            return
        for block in self._blocks_of(seg):
            base = starts[block]
            stop = starts[block + 1] - 1 if block + 1 < len(starts) else q_end
            self.by_block.setdefault(block, []).append(DrawnSpan(
                max(q_start, base) - base, min(q_end, stop) - base, seg.id, seg.code_id, seg.coder_id,
                lane, own))

    def spans_in_block(self, block: int) -> list[DrawnSpan]:
        return self.by_block.get(block, [])

    def segments_at(self, offset: int) -> list[Segment]:
        """Segments covering code-point ``offset`` (for clicks on a highlight)."""
        block = bisect_right(self.block_starts_cp, offset) - 1
        local = self.offsets.to_qt(offset) - self.block_starts[block]
        ids = [s.segment_id for s in self.spans_in_block(block) if s.start <= local < s.end]
        return self.segments.many(ids)
