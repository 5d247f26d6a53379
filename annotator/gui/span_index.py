"""Coded segments of one document arranged for drawing: per text block, in Qt positions, with lanes.

Built once per document load (in time linear in the codings, give or take a sort: 50,000 take about
0.1 s) and patched per edit, it lets the highlighter and the margin look up only the block they are
painting instead of scanning every segment. Drawing needs five numbers per coding (``Coding``); the full
``Segment`` (memo, guid, times) is read only for the few a coder clicks or inspects (``segments``).
"""

from __future__ import annotations

import heapq
from functools import partial
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


def _drawn_fields(seg: Drawable) -> tuple[int, int, int, int, int]:
    return seg.id, seg.coder_id, seg.code_id, seg.start, seg.end


def _lanes(starts: list[int], ends: list[int]) -> tuple[list[int], int]:
    """The lane of each coding (in order of start): the lowest free at its start, a lane freed by a coding
    that ends there included. Busy lanes in a heap by end, free ones in a heap by number (n log n, where
    scanning the lanes per coding grew with the overlap); a busy entry is one integer, end and lane
    packed, which the heap compares faster than a tuple."""
    shift = max(len(starts), 1).bit_length()
    mask = (1 << shift) - 1
    busy: list[int] = []
    free: list[int] = []
    lanes: list[int] = []
    count = 0
    push, pop, append = heapq.heappush, heapq.heappop, lanes.append
    for start, end in zip(starts, ends):
        limit = (start << shift) | mask
        while busy and busy[0] <= limit:
            push(free, pop(busy) & mask)
        if free:
            lane = pop(free)
        else:
            lane = count
            count += 1
        push(busy, (end << shift) | lane)
        append(lane)
    return lanes, count


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
        self._blocks: dict[int, list[DrawnSpan]] = {}  # the spans of each block made so far
        # The rest, as rows [lo, hi) of ``_columns`` (DrawnSpan's fields as numpy arrays, by block): made
        # when a block is first drawn, so opening an article makes the spans of the paragraphs on screen
        # and the idle highlighting the others, not all 60,000 at once.
        self._unmade: dict[int, tuple[int, int]] = {}
        self._columns: tuple = ()
        self.codings: dict[int, Drawable] = {}
        self.segments = SegmentCache(self, loader)
        self.lanes = 0
        self._code_counts: dict[int, int] = {}

    @property
    def by_block(self) -> dict[int, list[DrawnSpan]]:
        """Every block's spans (all made now: for tests and comparisons; drawing uses ``spans_in_block``)."""
        for block in list(self._unmade):
            self._make(block)
        return self._blocks

    @property
    def empty(self) -> bool:
        return not self._blocks and not self._unmade

    def code_counts(self) -> dict[int, int]:
        """How many indexed codings each code has (the codebook's count column for this document)."""
        return dict(self._code_counts)

    def _make(self, block: int) -> None:
        lo, hi = self._unmade.pop(block)
        self._blocks[block] = list(map(partial(_new, DrawnSpan), zip(*(column[lo:hi].tolist()
                                                                      for column in self._columns))))
        if not self._unmade:
            self._columns = ()  # every block made: the arrays are no longer needed

    def rebuild(self, segments: Iterable[Drawable], own_coder_id: int | None) -> set[int]:
        """Replace the indexed codings (``Coding``s or ``Segment``s); return the blocks whose spans changed.

        Vectorised (numpy) but for the lanes: a crowded article's 50,000 codings took 0.2 s one by one.
        """
        fresh = self.empty
        old = {} if fresh else self.by_block
        self.codings = {s.id: s for s in segments}
        self.segments.clear()
        items = list(self.codings.values())
        uniform = bool(items) and type(items[0]) is Coding and all(type(seg) is Coding for seg in items)
        if not uniform:
            for seg in items:
                if isinstance(seg, Segment):
                    self.segments.remember(seg)
        self._blocks = {}
        self._unmade, self._columns, self.lanes, self._code_counts = self._build(items, uniform, own_coder_id)
        if fresh:
            return set(self._unmade)
        new = self.by_block
        return {b for b in set(old) | set(new) if old.get(b) != new.get(b)}

    def _build(self, segments: list[Drawable], uniform: bool, own_coder_id: int | None):
        """Every block's spans as rows of columns, each block's in the order of (start, longest first, id);
        the number of lanes; the count of each code."""
        if not segments:
            return {}, (), 0, {}
        import numpy as np

        columns = list(zip(*segments)) if uniform else list(zip(*(_drawn_fields(seg) for seg in segments)))
        ids, coders, codes, starts, ends = (np.array(column, np.int64) for column in columns[:5])
        order = np.lexsort((ids, -ends, starts))
        ids, coders, codes, starts, ends = ids[order], coders[order], codes[order], starts[order], ends[order]
        lane, lanes = _lanes(starts.tolist(), ends.tolist())
        # Each coding's share of each block it touches (most touch one), in Qt positions.
        block_cp = np.array(self.block_starts_cp, np.int64)
        block_qt = np.array(self.block_starts, np.int64)
        first = np.searchsorted(block_cp, starts, "right") - 1
        last = np.searchsorted(block_cp, np.maximum(starts, ends - 1), "right") - 1
        q_start, q_end = self.offsets.to_qt_array(starts, np), self.offsets.to_qt_array(ends, np)
        count = last - first + 1
        row = np.repeat(np.arange(len(ids)), count)
        block = first[row] + (np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count))
        base = block_qt[block]
        has_next = block + 1 < len(block_qt)
        stop = np.where(has_next, block_qt[np.minimum(block + 1, len(block_qt) - 1)] - 1, q_end[row])
        span_start = np.maximum(q_start[row], base) - base
        span_end = np.minimum(q_end[row], stop) - base
        by_block = np.argsort(block, kind="stable")
        row = row[by_block]
        own = coders == own_coder_id if own_coder_id is not None else np.zeros(len(ids), bool)
        columns = (span_start[by_block], span_end[by_block], ids[row], codes[row], coders[row],
                   np.asarray(lane, np.int64)[row], own[row])
        numbers, cuts = np.unique(block[by_block], return_index=True)
        bounds = [*cuts.tolist(), len(row)]
        unmade = {number: (bounds[i], bounds[i + 1]) for i, number in enumerate(numbers.tolist())}
        code_ids, code_counts = np.unique(codes, return_counts=True)
        return unmade, columns, lanes, dict(zip(code_ids.tolist(), code_counts.tolist()))

    def update(self, changed_ids: set[int], current: list[Segment], own_coder_id: int | None) -> set[int]:
        """Apply one edit incrementally: drop ``changed_ids``, add ``current`` (those still visible).

        Only the blocks the segments touch are recomputed, so coding in a long article stays instant.
        """
        touched: set[int] = set()
        counts = self._code_counts
        # Only ids indexed here (an edit of 5,000 hits names them all; this document holds a few): the
        # cache knows no other segments, so the rest need no forgetting.
        for seg_id in self.codings.keys() & changed_ids:
            seg = self.codings.pop(seg_id)
            self.segments.forget(seg_id)
            counts[seg.code_id] -= 1
            if not counts[seg.code_id]:
                del counts[seg.code_id]
            for block in self._blocks_of(seg):
                touched.add(block)
                kept = [span for span in self.spans_in_block(block) if span.segment_id != seg_id]
                if kept:
                    self._blocks[block] = kept
                else:
                    self._blocks.pop(block, None)
        for seg in current:
            blocks = self._blocks_of(seg)
            busy = {span.lane for b in blocks for span in self.spans_in_block(b)
                    if self.codings[span.segment_id].start < seg.end
                    and self.codings[span.segment_id].end > seg.start}
            lane = next(i for i in range(len(busy) + 1) if i not in busy)
            self.codings[seg.id] = seg
            counts[seg.code_id] = counts.get(seg.code_id, 0) + 1
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
        for block in self._blocks_of(seg):
            base = starts[block]
            stop = starts[block + 1] - 1 if block + 1 < len(starts) else q_end
            spans = self.spans_in_block(block)
            if not spans:
                spans = self._blocks[block] = []
            spans.append(DrawnSpan(max(q_start, base) - base, min(q_end, stop) - base, seg.id, seg.code_id,
                                   seg.coder_id, lane, own))

    def spans_in_block(self, block: int) -> list[DrawnSpan]:
        if block in self._unmade:
            self._make(block)
        return self._blocks.get(block, [])

    def segments_at(self, offset: int) -> list[Segment]:
        """Segments covering code-point ``offset`` (for clicks on a highlight)."""
        block = bisect_right(self.block_starts_cp, offset) - 1
        local = self.offsets.to_qt(offset) - self.block_starts[block]
        ids = [s.segment_id for s in self.spans_in_block(block) if s.start <= local < s.end]
        return self.segments.many(ids)
