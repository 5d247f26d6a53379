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


# --------------------------------------------------------------------------------------------------
# The u-alpha family: Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of
# unitizing textual continua: Further developments", Quality & Quantity 50:2347-2364.
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UAlphaResult:
    """The u-alpha family: u-alpha over all values, binary |u-alpha (identified matter vs gaps), cu-alpha
    (the values of the matter coders identified alike) and (k)u-alpha per value, with reasons if undefined."""

    u_alpha: float | None
    binary_u_alpha: float | None
    u_reason: str = ""
    binary_reason: str = ""
    observed: np.ndarray | None = None  # coincidences, index 0 = gap
    expected: np.ndarray | None = None
    cu_alpha: float | None = None
    cu_reason: str = "no stretch was coded by two coders"
    cu_coverage: float | None = None  # share of the pairable matter cu-alpha covers: l*.. / l..
    k_u_alpha: dict[int, float | None] = field(default_factory=dict)  # value -> (k)u-alpha


def u_alpha_family(coders_units: Sequence[Sequence[tuple[int, int, int]]], length: int,
                   n_values: int) -> UAlphaResult:
    """u-alpha and |u-alpha for ``coders_units[r] = [(begin, end, value), ...]`` with values 1..n_values.

    Each coder partitions [0, length) into valued units and gaps (value 0); a coder's units must not
    overlap (the family is defined for mutually exclusive values). Observed coincidences (eq. 1) sum
    the intersection lengths of every pair of sections of two different coders, over m - 1; expected
    ones (eq. 4) are l..(l_c l_k - [c = k] S_c) / (l..^2 - sum S), with S_c the sum of squared unit
    lengths of value c and S_0 the total gap length (gaps have no internal structure).
    """
    m = len(coders_units)
    k = n_values + 1
    if m < 2 or length <= 0:
        return UAlphaResult(None, None, "needs two coders and a non-empty continuum",
                            "needs two coders and a non-empty continuum")
    arrays = []
    for units in coders_units:
        a = np.asarray(sorted(units), dtype=np.int64).reshape(-1, 3)
        if len(a) > 1 and (a[1:, 0] < a[:-1, 1]).any():
            reason = "a coder's spans of different codes overlap; u-alpha needs mutually exclusive codes"
            return UAlphaResult(None, None, reason, reason)
        arrays.append(a)
    bounds = np.unique(np.concatenate([[0, length]] + [a[:, :2].ravel() for a in arrays]))
    starts, lengths = bounds[:-1], np.diff(bounds).astype(float)
    labels = []
    for a in arrays:
        idx = np.searchsorted(a[:, 0], starts, side="right") - 1 if len(a) else np.full(len(starts), -1)
        inside = (idx >= 0) & (starts < (a[np.maximum(idx, 0), 1] if len(a) else 0))
        labels.append(np.where(inside, a[np.maximum(idx, 0), 2] if len(a) else 0, 0))
    observed = np.zeros((k, k))
    for i in range(m):
        for j in range(m):
            if i != j:
                np.add.at(observed, (labels[i], labels[j]), lengths)
    observed /= m - 1
    margins = observed.sum(axis=1)
    total = float(m * length)
    squares = np.zeros(k)
    for a in arrays:
        spans = (a[:, 1] - a[:, 0]).astype(float)
        np.add.at(squares, a[:, 2], spans ** 2)
        squares[0] += length - spans.sum()
    denominator = total * total - squares.sum()
    expected = total * (np.outer(margins, margins) - np.diag(squares)) / denominator
    d_o = total - np.trace(observed)
    d_e = total - np.trace(expected)
    if d_e <= 1e-12:
        u_value, u_reason = None, "only one kind of section occurs, so expected disagreement is 0"
    else:
        u_value, u_reason = 1.0 - d_o / d_e, ""
    binary_o = margins[0] - observed[0, 0]
    binary_e = expected[0].sum() - expected[0, 0]
    if margins[0] <= 0 or binary_e <= 1e-12:
        b_value, b_reason = None, "no gaps or no units, so expected disagreement is 0"
    else:
        b_value, b_reason = 1.0 - binary_o / binary_e, ""
    cu = _cu_alpha(arrays, labels, starts, lengths, observed, n_values, total)
    return UAlphaResult(u_value, b_value, u_reason, b_reason, observed, expected, *cu)


def _cu_alpha(arrays: list[np.ndarray], labels: list[np.ndarray], starts: np.ndarray, lengths: np.ndarray,
              observed: np.ndarray, n_values: int, total: float) -> tuple[float | None, str, float | None, dict]:
    """cu-alpha and (k)u-alpha (Krippendorff et al. 2016, eqs. 10-13; nominal).

    Only coincidences between valued sections count: l*_ck = o_ck for c, k >= 1. Expected ones correct for
    a unit pairing with itself through the lengths it shares with each other coder's valued matter:
    S*_c = sum over coders i, other coders j and i's units g of value c of |g ∩ valued_j|^2, and
    e*_ck = (l*_c l*_k - [c = k] S*_c / (m - 1)) / (l*.. - S*.. / ((m - 1) l*..)).
    cu-alpha = 1 - (l*.. - sum_c l*_cc) / (l*.. - sum_c e*_cc);
    (k)u-alpha = 1 - (e*_k / l*_k) (l*_k - l*_kk) / (e*_k - e*_kk).
    """
    m = len(arrays)
    o = observed[1:, 1:]
    margins = o.sum(axis=1)
    l_star = float(margins.sum())
    if l_star <= 0:
        return None, "no stretch was coded by two coders", 0.0, {}
    squares = np.zeros(n_values)
    valued = [lab > 0 for lab in labels]
    for i, a in enumerate(arrays):
        if not len(a):
            continue
        unit = np.searchsorted(a[:, 0], starts, side="right") - 1
        inside = (unit >= 0) & (starts < a[np.maximum(unit, 0), 1])
        for j in range(m):
            if j == i:
                continue
            mine = inside & valued[j]
            shared = np.bincount(unit[mine], weights=lengths[mine], minlength=len(a))
            np.add.at(squares, a[:, 2] - 1, shared ** 2)
    denominator = l_star - squares.sum() / ((m - 1) * l_star)
    if denominator <= 0:
        return None, "expected disagreement is 0", l_star / total, {}
    expected = (np.outer(margins, margins) - np.diag(squares / (m - 1))) / denominator
    d_o = l_star - float(np.trace(o))
    d_e = l_star - float(np.trace(expected))
    if d_e <= 1e-12:
        value, reason = None, "only one value occurs where coders coded alike, so expected disagreement is 0"
    else:
        value, reason = 1.0 - d_o / d_e, ""
    per_value: dict[int, float | None] = {}
    e_margins = expected.sum(axis=1)
    for k in range(n_values):
        l_k, e_k = float(margins[k]), float(e_margins[k])
        e_off = e_k - float(expected[k, k])
        per_value[k + 1] = None if l_k <= 0 or e_off <= 1e-12 else \
            float(1.0 - (e_k / l_k) * (l_k - float(o[k, k])) / e_off)
    return value, reason, l_star / total, per_value
