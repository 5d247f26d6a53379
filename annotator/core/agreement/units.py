"""What a unit is, and how coded segments become unit x coder values without visiting each unit.

All unit kinds share one representation: every document is a stretch of a global *unit axis*
(characters, tokens, sentences, paragraphs, or a single unit per document). Each segment becomes an
interval on that axis. A sweep over all interval boundaries (``sweep``) yields runs of consecutive
units that share the same value vector, weighted by their length, so the cost grows with the number
of segments, never with the number of characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

UNIT_KINDS = ("character", "token", "sentence", "paragraph", "document")

# A sentence ends after a run of Chinese or English sentence punctuation (with closing quotes or
# brackets that follow it) or at a line break.
_SENTENCE = re.compile(r"[^\n。！？!?.]+(?:[。！？!?.]+[”’\"'」』）)]*)?|[。！？!?.]+")
_PARAGRAPH = re.compile(r"[^\n]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences split on 。！？!?. and line breaks; surrounding spaces trimmed, empty ones skipped."""
    return _trimmed_spans(_SENTENCE, text)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs are the non-blank lines between line breaks (stored text uses ``\\n``)."""
    return _trimmed_spans(_PARAGRAPH, text)


def _trimmed_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    for match in pattern.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def token_spans(text: str) -> list[tuple[int, int]]:
    from annotator.core.tokens import word_spans

    return word_spans(text)


SPLITTERS: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "token": token_spans,
    "sentence": sentence_spans,
    "paragraph": paragraph_spans,
}


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


@dataclass
class Runs:
    """Maximal stretches of the axis where every coder's coverage is constant."""

    start: np.ndarray  # (R,) axis position
    length: np.ndarray  # (R,) units
    doc: np.ndarray  # (R,) document index
    covered: np.ndarray  # (R, m, C) bool: coder covers channel


def sweep(lo: np.ndarray, hi: np.ndarray, coder: np.ndarray, channel: np.ndarray,
          doc_offsets: np.ndarray, n_coders: int, n_channels: int) -> Runs:
    """Sweep every interval boundary once; between boundaries all units share one value vector.

    Overlapping intervals of one coder and channel simply stack (coverage > 0), which merges them.
    Document boundaries are added as sentinels so every unit of every document lies in some run.
    """
    keep = hi > lo
    lo, hi, coder, channel = lo[keep], hi[keep], coder[keep], channel[keep]
    n = len(lo)
    keys = np.concatenate([lo, hi, doc_offsets]).astype(np.int64)
    width = n_coders * n_channels
    deltas = np.zeros((len(keys), width), dtype=np.int32)
    column = coder * n_channels + channel
    rows = np.arange(n)
    deltas[rows, column] = 1
    deltas[n + rows, column] = -1
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    coverage = np.cumsum(deltas[order], axis=0)
    lengths = np.diff(keys)
    positive = lengths > 0
    start = keys[:-1][positive]
    covered = (coverage[:-1][positive] > 0).reshape(-1, n_coders, n_channels)
    doc = np.searchsorted(doc_offsets, start, side="right") - 1
    return Runs(start, lengths[positive], doc, covered)


def run_values(runs: Runs, done: np.ndarray, kind: str) -> np.ndarray:
    """(R, m) category index per run and coder: binary 0/1, or for a group 0 = none, i = i-th child.

    A coder whose assignment is not done is missing (-1) there, not "coded nothing".
    """
    covered = runs.covered
    if kind == "code":
        values = covered[:, :, 0].astype(np.int64)
    else:
        # Overlapping children of an exclusive group: the first child in codebook order wins.
        values = np.where(covered.any(axis=2), covered.argmax(axis=2) + 1, 0).astype(np.int64)
    values[~done[runs.doc]] = -1
    return values


@dataclass
class UnitTable:
    """One target's distinct value patterns and, per document, how many units show each pattern."""

    patterns: np.ndarray  # (P, m)
    doc_weights: np.ndarray  # (D, P)

    @property
    def weights(self) -> np.ndarray:
        return self.doc_weights.sum(axis=0)


def unit_table(values: np.ndarray, runs: Runs, n_docs: int, n_coders: int) -> UnitTable:
    if len(values) == 0:
        return UnitTable(np.zeros((0, n_coders), np.int64), np.zeros((n_docs, 0)))
    patterns, inverse = np.unique(values, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    p = len(patterns)
    weights = np.bincount(runs.doc * p + inverse, weights=runs.length.astype(float), minlength=n_docs * p)
    return UnitTable(patterns, weights.reshape(n_docs, p))
