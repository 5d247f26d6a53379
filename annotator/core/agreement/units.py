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
           "document_rows", "target_runs",
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
    code are one coding); ``code``/``coder`` are per merged interval. The events (each interval's start
    and end) are sorted once by (code, position), so a code's events are one slice (``code_events``) and
    a group's are its codes' slices, merged by position.
    """

    code: np.ndarray
    coder: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    event_keys: np.ndarray  # (2N,) axis positions, sorted within each code
    event_index: np.ndarray  # (2N,) which interval
    event_sign: np.ndarray  # (2N,) +1 start, -1 end
    codes: np.ndarray  # distinct codes, ascending
    code_starts: np.ndarray  # events of codes[i] are [code_starts[i], code_starts[i + 1])

    @classmethod
    def build(cls, code: np.ndarray, coder: np.ndarray, lo: np.ndarray, hi: np.ndarray, n_coders: int, *,
              disjoint: bool = False, events: bool = True) -> "Boundaries":
        """``disjoint``: the caller knows no two intervals of one coder and code overlap (skips the merge);
        ``events=False``: intervals only (the document unit needs no sweep)."""
        keep = hi > lo
        code, coder, lo, hi = code[keep], coder[keep], lo[keep], hi[keep]
        if disjoint:
            mcode, mcoder, mlo, mhi = code, coder, lo, hi
        else:
            group = code.astype(np.int64) * max(n_coders, 1) + coder
            first, _g, mlo, mhi = merge_intervals(group, lo, hi)
            mcode, mcoder = code[first], coder[first]
        n = len(mlo)
        if not events:
            z = np.zeros(0, np.int64)
            return cls(mcode, mcoder, mlo, mhi, z, z, z.astype(np.int8), z, np.zeros(1, np.int64))
        if n:
            present = np.zeros(int(mcode.max()) + 1, bool)
            present[mcode] = True
            codes = np.flatnonzero(present)
            rank_of = np.cumsum(present) - 1
            code_rank = rank_of[mcode]
        else:
            codes, code_rank = np.zeros(0, np.int64), np.zeros(0, np.int64)
        keys = np.concatenate([mlo, mhi]).astype(np.int64)
        index = np.concatenate([np.arange(n), np.arange(n)])
        sign = np.concatenate([np.ones(n, np.int8), -np.ones(n, np.int8)])
        rank = np.concatenate([code_rank, code_rank]).astype(np.int64)
        # One packed sort: code, then position, then ends before starts (adjacent units never overlap).
        span = int(keys.max()) + 1 if n else 1
        order = np.argsort((rank * span + keys) * 2 + (sign > 0))  # ties are interchangeable
        starts = np.searchsorted(rank[order], np.arange(len(codes) + 1), side="left") if n else np.zeros(1, np.int64)
        return cls(mcode, mcoder, mlo, mhi, keys[order], index[order], sign[order], codes, starts)

    def by_code(self) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
        """(order of intervals by code, or None when they are in code order already; distinct codes; where
        each code's intervals start in that order)."""
        cached = getattr(self, "_by_code", None)
        if cached is None:
            presorted = len(self.code) < 2 or bool((self.code[1:] >= self.code[:-1]).all())
            order = None if presorted else np.argsort(self.code, kind="stable")
            sorted_codes = self.code if order is None else self.code[order]
            # Sorted already: each code starts where the value changes (no np.unique over every interval).
            n = len(sorted_codes)
            starts = np.concatenate([[0], np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1, [n]]
                                    if n else [[0]]).astype(np.int64)
            codes = sorted_codes[starts[:-1]]
            cached = self._by_code = (order, codes, starts)
        return cached

    def code_events(self, code_ids: Sequence[int]) -> np.ndarray:
        """Positions (into the event arrays) of these codes' events, sorted by axis position."""
        pieces = []
        for c in code_ids:
            i = int(np.searchsorted(self.codes, c))
            if i < len(self.codes) and self.codes[i] == c:
                pieces.append(np.arange(self.code_starts[i], self.code_starts[i + 1]))
        if not pieces:
            return np.zeros(0, np.int64)
        if len(pieces) == 1:
            return pieces[0]
        picked = np.concatenate(pieces)
        order = np.argsort(self.event_keys[picked] * 2 + (self.event_sign[picked] > 0), kind="stable")
        return picked[order]


@dataclass
class Runs:
    """Maximal covered stretches of the axis where every coder's coverage of a target is constant.

    For a single code, ``count`` is 0/1 per coder. For a group of channels (children), per coder:
    ``count`` how many channel codings cover it, ``channel`` the channel when they all agree.
    """

    start: np.ndarray  # (R,) axis position
    length: np.ndarray  # (R,) units
    doc: np.ndarray  # (R,) document index
    count: np.ndarray  # (R, m)
    channel: np.ndarray  # (R, m): 1-based channel, 0 none, -1 several different channels (a conflict)


def target_runs(b: Boundaries, channel_of_code: dict[int, int], doc_offsets: np.ndarray, n_coders: int) -> Runs:
    """Runs of one target (a code: one channel; a group: its children as channels 1..C)."""
    m = n_coders
    picked = b.code_events(list(channel_of_code))
    if len(picked) == 0:
        z = np.zeros(0, np.int64)
        return Runs(z, z, z, np.zeros((0, m), np.int64), np.zeros((0, m), np.int64))
    idx = b.event_index[picked]
    keys = b.event_keys[picked]
    sign = b.event_sign[picked].astype(np.int32)
    coder = b.coder[idx]
    rows = np.arange(len(keys))
    # Each coder's column contiguous (Fortran order): the running sums go down the columns at memory speed
    # (a C-order cumsum along axis 0 took ~5x longer with 100 coders).
    count = np.zeros((len(keys), m), np.int32, order="F")
    count[rows, coder] = sign
    np.cumsum(count, axis=0, out=count)
    several = max(channel_of_code.values()) > 1
    if several:
        lookup = np.zeros(max(channel_of_code) + 1, np.int64)
        lookup[list(channel_of_code)] = list(channel_of_code.values())
        ch = lookup[b.code[idx]]
        total = np.zeros((len(keys), m), np.int64, order="F")
        square = np.zeros((len(keys), m), np.int64, order="F")
        total[rows, coder] = sign * ch
        square[rows, coder] = sign * ch * ch
        np.cumsum(total, axis=0, out=total)
        np.cumsum(square, axis=0, out=square)
    lengths = np.diff(keys)
    live = (lengths > 0) & (count[:-1] > 0).any(axis=1)
    start = keys[:-1][live]
    cnt = count[:-1][live]
    if several:
        tot, sq = total[:-1][live], square[:-1][live]
        same = cnt * sq == tot * tot  # all covering channels equal (Cauchy-Schwarz equality)
        channel = np.where(cnt == 0, 0, np.where(same, tot // np.maximum(cnt, 1), -1))
    else:
        channel = (cnt > 0).astype(np.int8)
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
    one_row_per_document: bool = False  # row d is document d (the document unit)

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
        if self.one_row_per_document and bool((self.row_weight == 1).all()):  # row d is document d, weight 1
            return np.take(per_pattern, self.row_pattern, axis=0)
        if self.one_row_per_document or (len(self.row_doc) == n_docs and
                                         (np.bincount(self.row_doc, minlength=n_docs) == 1).all()):
            out = np.empty((n_docs, per_pattern.shape[1]))  # one row per document (the document unit)
            out[self.row_doc] = per_pattern[self.row_pattern] * self.row_weight[:, None]
            return out
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
    finished = done[runs.doc]
    if kind == "group":
        values = np.where(runs.channel > 0, runs.channel, 0)
        conflicts = (runs.channel < 0) & finished
        values = np.where(finished, values, -1)
        values[conflicts] = -1
    else:  # 0/1 (-1 missing) in one byte: a fraction of the memory traffic with many coders
        values = np.where(finished, (runs.count > 0).view(np.int8), np.int8(-1))
        conflicts = np.zeros(values.shape, bool)
    covered = np.bincount(runs.doc, weights=runs.length, minlength=len(doc_units))
    rest = doc_units - covered
    rest_docs = np.flatnonzero(rest > 0)
    rest_values = np.where(done[rest_docs], 0, -1).astype(values.dtype)
    all_values = np.concatenate([values.reshape(-1, m), rest_values.reshape(-1, m)])
    row_doc = np.concatenate([runs.doc, rest_docs]).astype(np.int64)
    row_weight = np.concatenate([runs.length, rest[rest_docs]]).astype(float)
    patterns, inverse = unique_rows(all_values) if len(all_values) else (np.zeros((0, m), np.int64), np.zeros(0, np.int64))
    return TargetRows(patterns, inverse, row_doc, row_weight, runs, conflicts)


def document_rows(b: Boundaries, channel_of_code: dict[int, int], done: np.ndarray, kind: str) -> TargetRows:
    """``code_rows`` for the document unit without a sweep: one row per document (weight 1).

    ``b`` holds one interval [d, d + 1) per (document, coder, code) (``Boundaries.build(..., disjoint=True)``
    on distinct triples); a code's value for a coder is whether the triple exists, a group's which child.
    """
    n_docs, m = done.shape
    order, codes, starts = b.by_code()
    pieces, channels = [], []
    for code_id, channel in channel_of_code.items():
        i = int(np.searchsorted(codes, code_id))
        if i < len(codes) and codes[i] == code_id:
            pieces.append(slice(int(starts[i]), int(starts[i + 1])))
            channels.append(np.full(starts[i + 1] - starts[i], channel, np.int64))
    if order is None and len(pieces) == 1:  # intervals sorted by code: the code's are one slice (views)
        doc, coder = b.lo[pieces[0]], b.coder[pieces[0]]
    else:
        everything = np.arange(len(b.code)) if order is None else order
        mine = np.concatenate([everything[s] for s in pieces]) if pieces else np.zeros(0, np.int64)
        doc, coder = b.lo[mine], b.coder[mine]
    if kind == "code" and 3 ** m <= 1 << 20:
        return _code_document_rows(doc, coder, done)
    ch = np.concatenate(channels) if channels else np.zeros(0, np.int64)
    cell = doc.astype(np.int64) * m + coder
    count = np.bincount(cell, minlength=n_docs * m).reshape(n_docs, m)
    if kind == "group":
        total = np.bincount(cell, weights=ch, minlength=n_docs * m).reshape(n_docs, m).astype(np.int64)
        square = np.bincount(cell, weights=ch * ch, minlength=n_docs * m).reshape(n_docs, m).astype(np.int64)
        same = count * square == total * total
        channel = np.where(count == 0, 0, np.where(same, total // np.maximum(count, 1), -1))
    else:
        channel = np.where(count > 0, 1, 0)
    # Every document is one row: its value per coder (0 where nothing of the target), -1 where not done
    # or, for a group, where the coder applied two different children (a conflict).
    conflicts = (channel < 0) & done
    values = np.where(done & ~conflicts, channel, -1)
    patterns, inverse = unique_rows(values)
    docs = np.arange(n_docs, dtype=np.int64)
    covered = (count > 0).any(axis=1)
    runs = Runs(docs[covered], np.ones(int(covered.sum()), np.int64), docs[covered], count[covered], channel[covered])
    return TargetRows(patterns, inverse, docs, np.ones(n_docs), runs, conflicts[covered], True)


def _code_document_rows(doc: np.ndarray, coder: np.ndarray, done: np.ndarray) -> TargetRows:
    """One code at the document unit with few coders: each document's value vector as one base-3 number
    (value + 1 per coder: 0 missing, 1 finished and uncoded, 2 coded), from the finished coders' triples
    marked in a (D, m) table, then counted."""
    n_docs, m = done.shape
    place = 3 ** np.arange(m - 1, -1, -1, dtype=np.int64)
    coded = np.zeros(n_docs * m, bool)
    coded[doc.astype(np.int64) * m + coder] = True  # the code's distinct (document, coder) pairs
    coded &= done.ravel()  # a coder who did not finish the document is missing there
    digit = (done.ravel().view(np.uint8) + coded.view(np.uint8)).reshape(n_docs, m)
    keys = digit[:, 0].astype(np.int64) * place[0]
    for g in range(1, m):
        keys += digit[:, g] * place[g]
    seen = np.bincount(keys, minlength=3 ** m) > 0
    present = np.flatnonzero(seen)
    rank = np.cumsum(seen) - 1
    digits = (present[:, None] // place[None, :]) % 3
    z = np.zeros(0, np.int64)
    runs = Runs(z, z, z, np.zeros((0, m), np.int64), np.zeros((0, m), np.int64))
    return TargetRows(digits - 1, rank[keys], np.arange(n_docs, dtype=np.int64), np.ones(n_docs), runs,
                      np.zeros((0, m), bool), True)
