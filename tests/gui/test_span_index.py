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
