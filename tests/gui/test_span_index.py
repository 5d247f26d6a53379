"""The per-block span index: incremental edits give the same picture as a full rebuild."""

from __future__ import annotations

import random

from annotator.core.model import Segment
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanIndex

TEXT = "first 😀 paragraph here\nsecond one 中文 text\n\nfourth after blank\n"


def seg(i, start, end, coder=1, code=1):
    return Segment(i, f"g{i}", 1, coder, code, start, end)


def picture(index):
    return {b: sorted((s.start, s.end, s.segment_id, s.own) for s in spans)
            for b, spans in index.by_block.items() if spans}


def test_spans_split_by_block_in_qt_positions():
    index = SpanIndex(TEXT, OffsetMap(TEXT))
    index.rebuild([seg(1, 6, 30)], own_coder_id=1)
    # Block 0 is "first 😀 paragraph here" (22 code points, 23 UTF-16 units); block 1 starts at 23.
    assert [(s.start, s.end) for s in index.spans_in_block(0)] == [(6, 23)]
    assert [(s.start, s.end) for s in index.spans_in_block(1)] == [(0, 30 - 23)]
    assert [s.id for s in index.segments_at(7)] == [1]
    assert index.segments_at(2) == []


def test_incremental_matches_rebuild():
    rng = random.Random(1)
    index = SpanIndex(TEXT, OffsetMap(TEXT))
    segments = {}
    index.rebuild([], own_coder_id=1)
    for i in range(1, 60):
        if segments and rng.random() < 0.3:
            gone = rng.choice(list(segments))
            del segments[gone]
            index.update({gone}, [], own_coder_id=1)
        else:
            start = rng.randrange(0, len(TEXT) - 2)
            segments[i] = seg(i, start, rng.randrange(start + 1, len(TEXT)), coder=rng.choice([1, 2]))
            index.update({i}, [segments[i]], own_coder_id=1)
        full = SpanIndex(TEXT, OffsetMap(TEXT))
        full.rebuild(list(segments.values()), own_coder_id=1)
        assert picture(index) == picture(full)
        # Overlapping segments never share a lane.
        for spans in index.by_block.values():
            for a in spans:
                for b in spans:
                    if a.segment_id != b.segment_id and a.start < b.end and b.start < a.end:
                        assert a.lane != b.lane


def _brute_force_runs(spans, length):
    """The old per-stretch scan: every span tested against every stretch between two boundaries."""
    cuts = sorted({0, length} | {s.start for s in spans} | {s.end for s in spans})
    runs = []
    for lo, hi in zip(cuts, cuts[1:]):
        if hi <= lo or lo < 0 or hi > length:
            continue
        own = tuple(sorted({s.code_id for s in spans if s.own and s.start <= lo and s.end >= hi}))
        others = tuple(sorted({s.coder_id for s in spans if not s.own and s.start <= lo and s.end >= hi}))
        if own or others:
            if runs and runs[-1][1] == lo and runs[-1][2:] == (own, others):
                runs[-1] = (runs[-1][0], hi, own, others)
            else:
                runs.append((lo, hi, own, others))
    return runs


def test_one_sweep_gives_the_same_formats_as_testing_every_stretch():
    from annotator.gui.highlighting import format_runs
    from annotator.gui.span_index import DrawnSpan

    rng = random.Random(18)
    for _ in range(300):
        length = rng.randint(1, 120)
        spans = []
        for i in range(rng.randint(1, 25)):
            start = rng.randrange(0, length)
            end = rng.randint(start + 1, length)
            spans.append(DrawnSpan(start, end, i, rng.randint(1, 4), rng.randint(1, 3), 0, rng.random() < 0.6))
        assert format_runs(spans, length) == _brute_force_runs(spans, length)


def test_lanes_are_the_lowest_free_at_each_start():
    index = SpanIndex(TEXT, OffsetMap(TEXT))
    index.rebuild([seg(1, 0, 10), seg(2, 2, 5), seg(3, 5, 8), seg(4, 6, 7), seg(5, 10, 12)], own_coder_id=1)
    lanes = {s.segment_id: s.lane for s in index.spans_in_block(0)}
    assert lanes == {1: 0, 2: 1, 3: 1, 4: 2, 5: 0} and index.lanes == 3


def _reference_spans(text, segments, own_coder_id):
    """The old one-coding-at-a-time build: lanes from two heaps, then each coding cut at block ends."""
    import heapq
    from bisect import bisect_right

    offsets = OffsetMap(text)
    starts_cp = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    starts = [offsets.to_qt(s) for s in starts_cp]
    by_block, busy, free, lanes = {}, [], [], 0
    for seg in sorted(segments, key=lambda s: (s.start, -s.end, s.id)):
        while busy and busy[0][0] <= seg.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        lane = heapq.heappop(free) if free else lanes
        lanes = max(lanes, lane + 1)
        heapq.heappush(busy, (seg.end, lane))
        q_start, q_end = offsets.to_qt(seg.start), offsets.to_qt(seg.end)
        first = bisect_right(starts_cp, seg.start) - 1
        last = bisect_right(starts_cp, max(seg.start, seg.end - 1)) - 1
        for block in range(first, last + 1):
            base = starts[block]
            stop = starts[block + 1] - 1 if block + 1 < len(starts) else q_end
            by_block.setdefault(block, []).append((max(q_start, base) - base, min(q_end, stop) - base, seg.id,
                                                   seg.code_id, seg.coder_id, lane, seg.coder_id == own_coder_id))
    return by_block, lanes


def test_the_vectorised_build_gives_the_one_by_one_spans_lanes_and_counts():
    from collections import Counter

    from annotator.gui.span_index import Coding

    rng = random.Random(4)
    alphabet = list("ab 中文\n\n") + ["😀", "𠀀"]
    for trial in range(300):
        text = "".join(rng.choices(alphabet, k=rng.randint(1, 200)))
        segments = []
        for i in range(1, rng.randint(1, 60)):
            start = rng.randrange(0, len(text))
            end = rng.randint(start + 1, len(text)) if start < len(text) else start
            if trial % 2:
                segments.append(Coding(i, rng.randint(1, 3), rng.randint(1, 5), start, end, 0))
            else:
                segments.append(seg(i, start, end, coder=rng.randint(1, 3), code=rng.randint(1, 5)))
        own = rng.choice([1, 2, None])
        index = SpanIndex(text, OffsetMap(text))
        changed = index.rebuild(segments, own_coder_id=own)
        expected, lanes = _reference_spans(text, segments, own)
        assert changed == set(expected)
        assert {b: [tuple(s) for s in spans] for b, spans in index.by_block.items()} == expected
        assert index.lanes == lanes
        assert index.code_counts() == dict(Counter(s.code_id for s in segments))


def test_blocks_are_made_when_drawn_and_edits_after_a_rebuild_match_a_fresh_one():
    from collections import Counter

    rng = random.Random(8)
    text = "\n".join("paragraph number %d here" % i for i in range(40))
    segments = {}
    for i in range(1, 200):
        start = rng.randrange(0, len(text) - 2)
        segments[i] = seg(i, start, min(len(text), start + rng.randint(1, 60)), coder=rng.choice([1, 2]))
    index = SpanIndex(text, OffsetMap(text))
    index.rebuild(list(segments.values()), own_coder_id=1)
    assert not index._blocks  # nothing made yet
    index.spans_in_block(3)
    assert set(index._blocks) == {3}
    for i in range(200, 260):
        if rng.random() < 0.4:
            gone = rng.choice(list(segments))
            del segments[gone]
            index.update({gone}, [], own_coder_id=1)
        else:
            start = rng.randrange(0, len(text) - 2)
            segments[i] = seg(i, start, min(len(text), start + rng.randint(1, 60)), coder=rng.choice([1, 2]))
            index.update({i}, [segments[i]], own_coder_id=1)
    full = SpanIndex(text, OffsetMap(text))
    full.rebuild(list(segments.values()), own_coder_id=1)
    assert picture(index) == picture(full)
    assert index.code_counts() == full.code_counts() == dict(Counter(s.code_id for s in segments.values()))
