"""What a unit is, and how coded segments become unit x coder values without visiting each unit.

All unit kinds share one representation: every document is a stretch of a global *unit axis*
(characters, tokens, sentences, paragraphs, or a single unit per document). Each segment becomes an
interval on that axis. The boundaries of every segment in scope are sorted once (``Boundaries``) and
shared by all codes: a code's runs (stretches where every coder's value is constant) come from a filter of
that one order and a cumulative sum, so the cost grows with the segments, never with the characters, and
no code pays for a sort of its own. Stretches nobody coded are not visited at all: each document's
uncovered rest is one weighted row (``code_rows``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.boundaries import paragraph_spans, sentence_spans
from annotator.core.agreement.measures import unique_rows

UNIT_KINDS = ("character", "token", "sentence", "paragraph", "document")


def token_spans(text: str) -> list[tuple[int, int]]:
    from annotator.core.tokens import word_spans

    return word_spans(text)


SPLITTERS: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "token": token_spans,
    "sentence": sentence_spans,
    "paragraph": paragraph_spans,
}

__all__ = ["UNIT_KINDS", "SPLITTERS", "UnitAxis", "build_axis", "Boundaries", "Runs", "TargetRows", "code_rows",
           "paragraph_spans", "sentence_spans", "token_spans", "merge_intervals"]


@dataclass
class UnitAxis:
    """The global unit axis of a set of documents.

    ``doc_offsets[d]`` is where document d begins on the axis (D + 1 entries). For text units,
    ``unit_starts``/``unit_ends`` give each unit's character offsets inside its document.
    """

    kind: str
    doc_offsets: np.ndarray
    unit_starts: np.ndarray | None = None
    unit_ends: np.ndarray | None = None
    char_offsets: np.ndarray | None = None  # document start in the concatenated character axis

    @property
    def doc_units(self) -> np.ndarray:
        return np.diff(self.doc_offsets)

    def map_segments(self, doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Segment character spans -> [lo, hi) intervals on the axis (empty when no unit is touched)."""
        if self.kind == "character":
            base = self.doc_offsets[doc]
            return base + start, base + end
        if self.kind == "document":
            return doc.astype(np.int64), doc.astype(np.int64) + 1
        assert self.unit_starts is not None and self.unit_ends is not None and self.char_offsets is not None
        gs = self.char_offsets[doc] + start
        ge = self.char_offsets[doc] + end
        global_starts = self.char_offsets[self.unit_doc] + self.unit_starts
        global_ends = self.char_offsets[self.unit_doc] + self.unit_ends
        lo = np.searchsorted(global_ends, gs, side="right")  # first unit ending after the start
        hi = np.searchsorted(global_starts, ge, side="left")  # units starting before the end
        return lo, np.maximum(hi, lo)

    @property
    def unit_doc(self) -> np.ndarray:
        counts = np.diff(self.doc_offsets)
        return np.repeat(np.arange(len(counts)), counts)

    def char_span(self, doc: int, lo: int, hi: int) -> tuple[int, int]:
        """Character offsets (inside the document) covered by axis units [lo, hi)."""
        if self.kind == "character":
            base = int(self.doc_offsets[doc])
            return lo - base, hi - base
        if self.kind == "document":
            assert self.char_offsets is not None
            return 0, int(self.char_offsets[doc + 1] - self.char_offsets[doc])
        assert self.unit_starts is not None and self.unit_ends is not None
        return int(self.unit_starts[lo]), int(self.unit_ends[hi - 1])


def build_axis(kind: str, lengths: Sequence[int], texts: Callable[[int], str] | None = None,
               cache: dict[str, list[tuple[int, int]]] | None = None,
               on_document: Callable[[int], None] | None = None,
               spans_for: Callable[[int], list[tuple[int, int]]] | None = None) -> UnitAxis:
    """The unit axis for documents of the given lengths; ``texts(d)`` is only called for text units.

    ``on_document(d)`` is called after each document is split (progress and cancellation: tokenising
    a large Chinese corpus with jieba is the slow part of token-level agreement). ``spans_for(d)``,
    when given, supplies the units instead of splitting ``texts(d)`` (e.g. the project's token cache).
    """
    if kind not in UNIT_KINDS:
        raise ValueError(f"unknown unit '{kind}'")
    lengths_arr = np.asarray(lengths, dtype=np.int64)
    char_offsets = np.concatenate([[0], np.cumsum(lengths_arr)]).astype(np.int64)
    if kind == "character":
        return UnitAxis(kind, char_offsets, char_offsets=char_offsets)
    if kind == "document":
        return UnitAxis(kind, np.arange(len(lengths_arr) + 1, dtype=np.int64), char_offsets=char_offsets)
    assert texts is not None or spans_for is not None
    split = SPLITTERS[kind]
    cache = {} if cache is None else cache
    starts: list[int] = []
    ends: list[int] = []
    counts = []
    for d in range(len(lengths_arr)):
        if spans_for is not None:
            spans = spans_for(d)
        else:
            assert texts is not None
            text = texts(d)
            key = f"{kind}:{text}"
            spans = cache.get(key)
            if spans is None:
                spans = cache[key] = split(text)
        counts.append(len(spans))
        starts.extend(s for s, _ in spans)
        ends.extend(e for _, e in spans)
        if on_document is not None:
            on_document(d)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return UnitAxis(kind, offsets, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64),
                    char_offsets)


def merge_intervals(group: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Union of overlapping intervals within each group (touching ones stay apart), vectorised.

    Returns (kept index of the first interval of each merged run, group, lo, hi) of the merged intervals.
    """
    if len(lo) == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty
    order = np.lexsort((lo, group))
    g, a, b = group[order], lo[order], hi[order]
    # Running maximum of hi within each group: shift each group by a constant larger than any position.
    span = int(max(int(b.max()), int(a.max())) - min(int(a.min()), 0) + 1)
    rank = np.concatenate([[0], np.cumsum(g[1:] != g[:-1])])
    shifted = np.maximum.accumulate(rank * span + b)
    reach = shifted - rank * span  # running max of hi in the group, up to this interval
    new_run = np.ones(len(a), bool)
    new_run[1:] = (g[1:] != g[:-1]) | (a[1:] >= reach[:-1])
    run_id = np.cumsum(new_run) - 1
    first = np.flatnonzero(new_run)
    ends = np.zeros(len(first), np.int64)
    np.maximum.at(ends, run_id, b)
    return order[first], g[first], a[first], ends


@dataclass
class Boundaries:
    """Every (merged) segment of the scope as an interval on the unit axis, its boundaries sorted once.

    Segments of one coder and one code that overlap are merged first (a coder's overlapping spans of a
    code are one coding); ``code``/``coder`` are per merged interval.
    """

    code: np.ndarray
    coder: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    event_keys: np.ndarray  # (2N,) sorted axis positions
    event_index: np.ndarray  # (2N,) which interval
    event_sign: np.ndarray  # (2N,) +1 start, -1 end

    @classmethod
    def build(cls, code: np.ndarray, coder: np.ndarray, lo: np.ndarray, hi: np.ndarray, n_coders: int) -> "Boundaries":
        keep = hi > lo
        code, coder, lo, hi = code[keep], coder[keep], lo[keep], hi[keep]
        group = code.astype(np.int64) * max(n_coders, 1) + coder
        first, g, mlo, mhi = merge_intervals(group, lo, hi)
        mcode, mcoder = code[first], coder[first]
        keys = np.concatenate([mlo, mhi])
        index = np.concatenate([np.arange(len(mlo)), np.arange(len(mlo))])
        sign = np.concatenate([np.ones(len(mlo), np.int8), -np.ones(len(mlo), np.int8)])
        # Ends before starts at one position: adjacent units stay separate and never overlap.
        order = np.lexsort((sign, keys))
        return cls(mcode, mcoder, mlo, mhi, keys[order], index[order], sign[order])


@dataclass
class Runs:
    """Maximal covered stretches of the axis where every coder's coverage of a target is constant.

    For a single code, ``count`` is 0/1 per coder. For a group of channels (children), per coder:
    ``count`` how many channel codings cover it, ``first`` the channel when they all agree (else -1).
    """

    start: np.ndarray  # (R,) axis position
    length: np.ndarray  # (R,) units
    doc: np.ndarray  # (R,) document index
    count: np.ndarray  # (R, m)
    channel: np.ndarray  # (R, m): 1-based channel, 0 none, -1 several different channels (a conflict)


def target_runs(b: Boundaries, channel_of_code: dict[int, int], doc_offsets: np.ndarray, n_coders: int) -> Runs:
    """Runs of one target (a code: one channel; a group: its children as channels 1..C)."""
    codes = np.fromiter(channel_of_code, dtype=np.int64, count=len(channel_of_code))
    channels = np.fromiter(channel_of_code.values(), dtype=np.int64, count=len(channel_of_code))
    if len(b.code):
        lookup = np.zeros(int(max(b.code.max(), codes.max(initial=0))) + 1, np.int64)
        lookup[codes] = channels
        interval_channel = lookup[b.code]
        interval_channel[~np.isin(b.code, codes)] = 0
    else:
        interval_channel = np.zeros(0, np.int64)
    wanted = interval_channel[b.event_index] > 0
    idx = b.event_index[wanted]
    keys = b.event_keys[wanted]
    sign = b.event_sign[wanted].astype(np.int64)
    m = n_coders
    if len(keys) == 0:
        z = np.zeros(0, np.int64)
        return Runs(z, z, z, np.zeros((0, m), np.int64), np.zeros((0, m), np.int64))
    coder = b.coder[idx]
    ch = interval_channel[idx]
    rows = np.arange(len(keys))
    count = np.zeros((len(keys), m), np.int32)
    count[rows, coder] = sign
    count = np.cumsum(count, axis=0)
    several = len(channels) and channels.max() > 1
    if several:
        total = np.zeros((len(keys), m), np.int64)
        square = np.zeros((len(keys), m), np.int64)
        total[rows, coder] = sign * ch
        square[rows, coder] = sign * ch * ch
        total, square = np.cumsum(total, axis=0), np.cumsum(square, axis=0)
    lengths = np.diff(keys)
    live = (lengths > 0) & (count[:-1] > 0).any(axis=1)
    start = keys[:-1][live]
    cnt = count[:-1][live].astype(np.int64)
    if several:
        tot, sq = total[:-1][live], square[:-1][live]
        same = cnt * sq == tot * tot  # all covering channels equal (Cauchy-Schwarz equality)
        channel = np.where(cnt == 0, 0, np.where(same, tot // np.maximum(cnt, 1), -1))
    else:
        channel = np.where(cnt > 0, 1, 0)
    doc = np.searchsorted(doc_offsets, start, side="right") - 1
    return Runs(start, lengths[live], doc, cnt, channel)


@dataclass
class TargetRows:
    """One target's distinct value patterns, and which pattern each covered run / uncovered rest shows."""

    patterns: np.ndarray  # (P, m) category index, -1 missing
    row_pattern: np.ndarray  # (N,)
    row_doc: np.ndarray  # (N,)
    row_weight: np.ndarray  # (N,) units
    runs: Runs
    conflict_runs: np.ndarray  # (R, m) bool: coder coded two different channels there (finished coders)

    @property
    def weights(self) -> np.ndarray:
        return np.bincount(self.row_pattern, weights=self.row_weight, minlength=len(self.patterns))

    def doc_weights(self, n_docs: int) -> np.ndarray:
        """(D, P) units per document and pattern (for per-document values and the bootstrap)."""
        p = len(self.patterns)
        flat = np.bincount(self.row_doc * p + self.row_pattern, weights=self.row_weight, minlength=n_docs * p)
        return flat.reshape(n_docs, p)

    def doc_totals(self, per_pattern: np.ndarray, n_docs: int) -> np.ndarray:
        """(D, s) per-document sums of per-pattern statistics, without a dense (D, P) table."""
        out = np.empty((n_docs, per_pattern.shape[1]))
        for j in range(per_pattern.shape[1]):
            out[:, j] = np.bincount(self.row_doc, weights=self.row_weight * per_pattern[self.row_pattern, j],
                                    minlength=n_docs)
        return out


def code_rows(runs: Runs, done: np.ndarray, doc_units: np.ndarray, kind: str) -> TargetRows:
    """Unit x coder values of a target: covered runs plus, per document, its uncovered rest.

    A coder whose assignment is not done is missing (-1) there, not "coded nothing". For a group, value 0
    is "(none)" and i the i-th child; a finished coder who applied two different children to one unit
    is missing there (the conflict is reported, never resolved by codebook order).
    """
    m = done.shape[1]
    values = np.where(runs.channel > 0, runs.channel, 0) if kind == "group" else (runs.count > 0).astype(np.int64)
    conflicts = (runs.channel < 0) & done[runs.doc] if kind == "group" else np.zeros(values.shape, bool)
    values = np.where(done[runs.doc], values, -1)
    values[conflicts] = -1
    covered = np.bincount(runs.doc, weights=runs.length, minlength=len(doc_units))
    rest = doc_units - covered
    rest_docs = np.flatnonzero(rest > 0)
    rest_values = np.where(done[rest_docs], 0, -1)
    all_values = np.concatenate([values.reshape(-1, m), rest_values.reshape(-1, m)])
    row_doc = np.concatenate([runs.doc, rest_docs]).astype(np.int64)
    row_weight = np.concatenate([runs.length, rest[rest_docs]]).astype(float)
    patterns, inverse = unique_rows(all_values) if len(all_values) else (np.zeros((0, m), np.int64), np.zeros(0, np.int64))
    return TargetRows(patterns, inverse, row_doc, row_weight, runs, conflicts)
