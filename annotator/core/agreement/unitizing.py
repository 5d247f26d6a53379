"""Krippendorff's alpha_U for unitizing: spans on a continuum compared as units.

Source: Krippendorff, "On the reliability of unitizing contiguous data" (1995) and "Measuring the
reliability of qualitative text analysis data" (2004), in the form implemented by DKPro Statistics
(KrippendorffAlphaUnitizingAgreement, used by INCEpTION), which reproduces the book's example
(U1 in ../shared/reference/agreement-cases.md: alpha_U(c) = .7286, overall .8587).

Per category c, each coder splits the continuum [0, L) into sections: coded units and gaps. For two
coders, the distance between two of their sections is
- (b1 - b2)^2 + (e1 - e2)^2 when both are units and they overlap,
- the unit's length^2 when a unit lies inside the other coder's gap (it overlaps none of their units),
- 0 otherwise.
D_o = 2 sum_{pairs} distance / (m (m - 1) L^2); D_e follows Krippendorff (2004, p. 252) over all
possible placements of every unit in every gap; alpha_U = 1 - sum_c D_o / sum_c D_e.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

Interval = tuple[int, int]  # begin, end (exclusive)


def merge_overlaps(units: Sequence[Interval]) -> list[Interval]:
    """One coder's overlapping units of a code merged; merely adjacent units stay separate."""
    merged: list[list[int]] = []
    for begin, end in sorted(units):
        if end <= begin:
            continue
        if merged and begin < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [(b, e) for b, e in merged]


@dataclass(frozen=True)
class CategoryResult:
    observed: float
    expected: float
    alpha: float | None
    reason: str = ""
    units: dict[str, int] = field(default_factory=dict)


def _as_array(units: Sequence[Interval]) -> np.ndarray:
    return np.asarray(merge_overlaps(units), dtype=np.float64).reshape(-1, 2)


def observed_sum(a: np.ndarray, b: np.ndarray) -> float:
    """Sum of section distances between two coders' (sorted, merged) units of one category."""
    total = 0.0
    for first, second in ((a, b), (b, a)):
        if len(first) == 0:
            continue
        if len(second) == 0:
            total += float(((first[:, 1] - first[:, 0]) ** 2).sum())
            continue
        lo = np.searchsorted(second[:, 1], first[:, 0], side="right")
        hi = np.maximum(np.searchsorted(second[:, 0], first[:, 1], side="left"), lo)
        alone = hi == lo  # overlaps none of the other's units: it lies in one of their gaps
        total += float(((first[alone, 1] - first[alone, 0]) ** 2).sum())
    if len(a) and len(b):
        # Overlapping unit pairs, counted once (from a's side).
        lo = np.searchsorted(b[:, 1], a[:, 0], side="right")
        hi = np.maximum(np.searchsorted(b[:, 0], a[:, 1], side="left"), lo)
        counts = hi - lo
        if counts.sum():
            ai = np.repeat(np.arange(len(a)), counts)
            bi = np.concatenate([np.arange(l, h) for l, h in zip(lo[counts > 0], hi[counts > 0])])
            total += float(((a[ai, 0] - b[bi, 0]) ** 2 + (a[ai, 1] - b[bi, 1]) ** 2).sum())
    return total


def _gaps(units: np.ndarray, length: int) -> np.ndarray:
    if len(units) == 0:
        return np.array([float(length)])
    begins = np.concatenate([[0.0], units[:, 1]])
    ends = np.concatenate([units[:, 0], [float(length)]])
    return ends - begins


def category_disagreements(coders_units: Sequence[Sequence[Interval]], length: int) -> tuple[float, float]:
    """(D_o, D_e) for one category; ``coders_units[r]`` are coder r's units on [0, length)."""
    m = len(coders_units)
    arrays = [_as_array(u) for u in coders_units]
    big_l = float(length)
    observed = 0.0
    for i, j in combinations(range(m), 2):
        observed += observed_sum(arrays[i], arrays[j])
    d_o = 2.0 * observed / (m * (m - 1) * big_l * big_l)

    all_units = np.concatenate(arrays) if arrays else np.zeros((0, 2))
    lengths = all_units[:, 1] - all_units[:, 0]
    n_c = len(lengths)
    gaps = np.sort(np.concatenate([_gaps(u, length) for u in arrays]))
    suffix_sum = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    first = np.searchsorted(gaps, lengths, side="left")  # gaps >= l
    count = len(gaps) - first
    placements = suffix_sum[first] - (lengths - 1.0) * count  # sum over gaps g >= l of (g - l + 1)
    within = (n_c - 1.0) * (2 * lengths ** 3 - 3 * lengths ** 2 + lengths) / 3.0
    numerator = float((within + lengths ** 2 * placements).sum()) * 2.0 / big_l
    denominator = m * big_l * (m * big_l - 1.0) - float((lengths * (lengths - 1.0)).sum())
    d_e = numerator / denominator if denominator > 0 else 0.0
    return d_o, d_e


def alpha_u(observed: float, expected: float) -> tuple[float | None, str]:
    if expected <= 0:
        return None, "no units of this code, so expected disagreement is 0"
    return 1.0 - observed / expected, ""


@dataclass
class UnitizingResult:
    """alpha_U per category and overall (1 - sum D_o / sum D_e)."""

    categories: dict[str, CategoryResult]
    overall: float | None
    reason: str = ""


def unitizing_alpha(study: dict[str, Sequence[Sequence[Interval]]], length: int) -> UnitizingResult:
    """alpha_U for ``study[category][coder] = [(begin, end), ...]`` on a continuum of ``length``."""
    results: dict[str, CategoryResult] = {}
    total_o = total_e = 0.0
    for category, coders_units in study.items():
        d_o, d_e = category_disagreements(coders_units, length)
        value, reason = alpha_u(d_o, d_e)
        results[category] = CategoryResult(d_o, d_e, value, reason)
        total_o += d_o
        total_e += d_e
    overall, reason = alpha_u(total_o, total_e)
    return UnitizingResult(results, overall, reason)
