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
