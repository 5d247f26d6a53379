"""Agreement coefficients on reliability data (units x coders, values may be missing).

Why patterns: coded text has millions of character units but only a handful of distinct value vectors
(with 3 coders and a binary code, at most 27). Every coefficient here is a function of a few sums that are
linear in the number of units showing each pattern ("sufficient statistics", ``Statistics``), so we keep
the distinct patterns with a weight and never touch individual units. The same linearity makes the
document bootstrap one matrix product for every coefficient at once: resampled documents -> resampled
sums -> every coefficient, through the very formulas that give the point estimate (``coefficients``).

Sources (each pinned to a published worked example in tests/core/agreement):
- Krippendorff's alpha via coincidence matrices: Krippendorff (2011), "Computing Krippendorff's
  Alpha-Reliability"; ordinal/interval/ratio distances from the same paper.
- Cohen (1960) kappa; Cohen (1968) weighted kappa; Scott (1955) pi, generalised to many coders with
  missing data as p_e = sum_k pi_k^2 over pairable values.
- Fleiss (1971) kappa, with missing data as Gwet (2014, "Handbook of Inter-Rater Reliability", 4th ed.,
  ch. 5) generalises it (the irrCAC package): p_a over units with two or more values, pi_k the mean
  over rated units of each unit's share of category k.
- Conger (1980) kappa: the Fleiss p_a with chance from the coders' own distributions (Gwet 2014, ch. 5).
- Brennan & Prediger (1981); Gwet's AC1 (2008) and weighted AC2 (Gwet 2014, ch. 4), many raters with
  missing data; q is the number of categories the codebook defines (given, never guessed here).
- Agreement weights for levels (ordinal, quadratic = interval, ratio): Gwet (2014, ch. 3).
- Analytic standard errors of Fleiss, Conger, AC1/AC2, Brennan-Prediger: Gwet (2014, chs. 4-5; 2008),
  the linearisation irrCAC implements, with units taken as a simple random sample (no finite-population
  correction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MISSING = -1
LEVELS = ("nominal", "ordinal", "interval", "ratio")
THRESHOLDS = (0.667, 0.800)

# The chance-corrected family that takes agreement weights (Gwet 2014): name -> weighted name.
WEIGHTED_NAMES = {"gwet_ac1": "gwet_ac2", "cohen_kappa": "weighted_kappa", "fleiss_kappa": "weighted_fleiss_kappa",
                  "conger_kappa": "weighted_conger_kappa", "brennan_prediger": "weighted_brennan_prediger"}


@dataclass(frozen=True)
class Coefficient:
    """A statistic's value, or None with the reason it is undefined (never a misleading 0 or 1)."""

    value: float | None
    reason: str = ""

    @property
    def defined(self) -> bool:
        return self.value is not None


@dataclass
class ReliabilityData:
    """Distinct value patterns (rows: index into ``categories`` per coder, -1 = missing) with weights.

    ``categories`` is every category the variable allows, in rank order for ordinal data (a category
    nobody used still belongs here: it changes Brennan-Prediger and AC1). ``q`` overrides how many
    categories chance agreement assumes (``--categories N``); by default it is ``len(categories)``.
    """

    patterns: np.ndarray  # (P, m) int
    weights: np.ndarray  # (P,) float: how many units show each pattern
    categories: tuple[Any, ...]
    coders: tuple[str, ...] = ()
    q: int | None = None

    def __post_init__(self) -> None:
        self.patterns = np.asarray(self.patterns, dtype=np.int64)
        if self.patterns.ndim == 1:
            self.patterns = self.patterns.reshape(-1, 1)
        self.weights = np.asarray(self.weights, dtype=float)
        self.categories = tuple(self.categories)
        if not self.coders:
            self.coders = tuple(f"coder {i + 1}" for i in range(self.patterns.shape[1]))

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], *, missing: Any = None,
                  categories: Sequence[Any] | None = None, coders: Sequence[str] = (),
                  q: int | None = None) -> "ReliabilityData":
        """Build from a coders x units table as in Krippendorff (2011); ``missing`` (or NaN) marks gaps."""
        def is_missing(v: Any) -> bool:
            return v is missing or v == missing or (isinstance(v, float) and np.isnan(v))

        observed = sorted({v for row in rows for v in row if not is_missing(v)}, key=_sort_key)
        cats = tuple(categories) if categories is not None else tuple(observed)
        index = {c: i for i, c in enumerate(cats)}
        table = np.array([[MISSING if is_missing(v) else index[v] for v in row] for row in rows],
                         dtype=np.int64).reshape(len(rows), -1).T
        return cls.from_unit_values(table, categories=cats, coders=coders, q=q)

    @classmethod
    def from_unit_values(cls, values: np.ndarray, *, categories: Sequence[Any], coders: Sequence[str] = (),
                         weights: np.ndarray | None = None, q: int | None = None) -> "ReliabilityData":
        """Collapse a units x coders index table (with optional unit weights) into weighted patterns."""
        values = np.asarray(values, dtype=np.int64)
        if values.ndim != 2:
            values = values.reshape(len(values), -1)
        w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
        if len(values) == 0:
            return cls(np.zeros((0, values.shape[1]), np.int64), np.zeros(0), tuple(categories),
                       tuple(coders), q)
        patterns, inverse = unique_rows(values)
        summed = np.bincount(inverse, weights=w, minlength=len(patterns))
        return cls(patterns, summed, tuple(categories), tuple(coders), q)

    @property
    def n_coders(self) -> int:
        return self.patterns.shape[1]

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    @property
    def chance_categories(self) -> int:
        """q: the number of categories chance agreement assumes (Brennan-Prediger, AC1)."""
        return int(self.q if self.q is not None else self.n_categories)

    def select_coders(self, columns: Sequence[int]) -> "ReliabilityData":
        return ReliabilityData.from_unit_values(
            self.patterns[:, list(columns)], categories=self.categories,
            coders=[self.coders[c] for c in columns], weights=self.weights, q=self.q)


def _sort_key(v: Any) -> tuple[int, Any]:
    return (0, v) if isinstance(v, (int, float)) else (1, str(v))


def unique_rows(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a small-integer table and each row's index among them (sorted rows).

    Rows are packed into one integer when they fit (a 1-D sort), else compared as raw bytes; both are
    much faster than ``np.unique(axis=0)``, which sorts lexicographically column by column. An int8 table
    (values -1..126) stays int8 on the bytes path (no 8-byte copy of every cell); the rows come back in the
    input's dtype.
    """
    values = np.asarray(values)
    if values.dtype != np.int8:
        values = values.astype(np.int64, copy=False)
    n, m = values.shape
    if n == 0:
        return values.reshape(0, m), np.zeros(0, np.int64)
    low = int(values.min()) if values.size else 0
    base = int(values.max()) - low + 1 if values.size else 1
    if m == 0:
        return values[:1], np.zeros(n, np.int64)
    if base ** m <= 1 << 20:  # few possible rows: count them instead of sorting
        keys = (values.astype(np.int64) - low) @ (base ** np.arange(m - 1, -1, -1, dtype=np.int64))
        seen = np.zeros(base ** m, bool)
        seen[keys] = True
        present = np.flatnonzero(seen)
        rank = np.cumsum(seen) - 1
        first = np.full(base ** m, -1, np.int64)
        first[keys[::-1]] = np.arange(n - 1, -1, -1)
        return values[first[present]], rank[keys]
    if base ** m < 2 ** 62:
        keys = (values.astype(np.int64) - low) @ (base ** np.arange(m - 1, -1, -1, dtype=np.int64))
        uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        return values[first], inverse.ravel()
    if values.dtype == np.int8 and base <= 128:  # values - low in 0..127: the bytes are the same
        small = np.ascontiguousarray(values - np.int8(low)).view(np.uint8)
    else:
        small = np.ascontiguousarray((values.astype(np.int64) - low).astype(np.uint8 if base < 256 else np.int64))
    keys = small.view(np.dtype((np.void, small.dtype.itemsize * m))).ravel()
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return values[first], inverse.ravel()


# --------------------------------------------------------------------------------------------------
# Weights and distances
# --------------------------------------------------------------------------------------------------

def agreement_weights(categories: Sequence[Any], level: str) -> np.ndarray:
    """Gwet's (2014, ch. 3) agreement weights w_kl (1 on the diagonal) for a level of measurement.

    ordinal: w = 1 - M_kl / max M with M_kl = C(|rank_k - rank_l| + 1, 2); interval: quadratic,
    1 - ((x_k - x_l) / (x_max - x_min))^2; ratio: 1 - ((x_k - x_l)/(x_k + x_l))^2 / ((x_max - x_min) /
    (x_max + x_min))^2. Categories are in rank order (index order).
    """
    k = len(categories)
    if level == "nominal" or k < 2:
        return np.eye(k)
    i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    if level == "ordinal":
        span = np.abs(i - j) + 1.0
        m = span * (span - 1) / 2
        return 1.0 - m / m.max()
    x = np.asarray(categories, dtype=float)
    lo, hi = x.min(), x.max()
    if hi == lo:
        return np.ones((k, k))
    if level == "interval":
        return 1.0 - ((x[i] - x[j]) / (hi - lo)) ** 2
    if level == "ratio":
        if (x[i] + x[j] == 0).any() or hi + lo == 0:
            raise ValueError("ratio weights need categories that are not 0 (x_k + x_l would be 0)")
        return 1.0 - ((x[i] - x[j]) / (x[i] + x[j])) ** 2 / ((hi - lo) / (hi + lo)) ** 2
    raise ValueError(f"unknown level of measurement '{level}' (use {', '.join(LEVELS)})")


def distance_matrix(categories: Sequence[Any], marginals: np.ndarray, level: str) -> np.ndarray:
    """delta^2 between categories for a level of measurement (Krippendorff 2011, section C).

    ``marginals`` may carry leading batch axes (B, K) for the ordinal metric; the result is then
    (B, K, K). Ordinal categories are in rank order.
    """
    k = len(categories)
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "ordinal":
        marginals = np.asarray(marginals, dtype=float)
        cumulative = np.concatenate([np.zeros(marginals.shape[:-1] + (1,)), np.cumsum(marginals, axis=-1)], axis=-1)
        i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        between = cumulative[..., hi + 1] - cumulative[..., lo]
        return (between - (marginals[..., i] + marginals[..., j]) / 2.0) ** 2
    numbers = np.asarray(categories, dtype=float)
    diff = numbers[:, None] - numbers[None, :]
    if level == "interval":
        return diff ** 2
    if level == "ratio":
        total = numbers[:, None] + numbers[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(total == 0, 0.0, (diff / np.where(total == 0, 1, total)) ** 2)
    raise ValueError(f"unknown level of measurement '{level}' (use {', '.join(LEVELS)})")


# --------------------------------------------------------------------------------------------------
# Per-pattern linear statistics
# --------------------------------------------------------------------------------------------------

def value_counts(patterns: np.ndarray, k: int) -> np.ndarray:
    """(P, K): how many coders gave each category in each pattern."""
    patterns = np.asarray(patterns)
    counts = np.zeros((len(patterns), k))
    for c in range(k):  # K small passes beat a scattered add: categories are few, coders may be many
        counts[:, c] = (patterns == c).sum(axis=1)
    return counts


def coincidence_contributions(patterns: np.ndarray, k: int) -> np.ndarray:
    """(P, K, K): each pattern's contribution to the coincidence matrix (Krippendorff 2011, step 2).

    A unit with m_u >= 2 values adds n_c n_k / (m_u - 1) for c != k and n_c (n_c - 1) / (m_u - 1) on
    the diagonal; units with fewer than two values are not pairable and add nothing.
    """
    return _coincidences(value_counts(patterns, k))


def _coincidences(counts: np.ndarray) -> np.ndarray:
    k = counts.shape[1]
    m = counts.sum(axis=1)
    outer = counts[:, :, None] * counts[:, None, :]
    outer[:, np.arange(k), np.arange(k)] -= counts
    scale = np.where(m >= 2, 1.0 / np.maximum(m - 1, 1), 0.0)
    return outer * scale[:, None, None]


def leave_one_out_coincidences(data: ReliabilityData) -> np.ndarray:
    """(m, K, K): the weighted coincidence matrix with each coder's values taken out in turn.

    Taking coder g out of a pattern leaves its counts less one of the category g gave (or unchanged
    where g has no value), so every coder's matrix is a product of the coders' one-hot columns with
    K + 1 per-pattern contribution tables: no pass over the patterns per coder. Additive over data sets.
    """
    k, m = data.n_categories, data.n_coders
    patterns, w = data.patterns, data.weights
    counts = value_counts(patterns, k)
    have = np.zeros(patterns.shape, bool)
    out = np.zeros((m, k * k))
    for c in range(k):
        gave = patterns == c
        have |= gave
        less = counts.copy()
        less[:, c] -= 1
        out += (gave * w[:, None]).T @ _coincidences(less).reshape(len(patterns), k * k)
    out += (~have * w[:, None]).T @ _coincidences(counts).reshape(len(patterns), k * k)
    return out.reshape(m, k, k)


@dataclass
class Statistics:
    """Sums, linear in the units, from which every coefficient follows (see ``coefficients``).

    ``per_pattern`` is (P, s); a batch of totals (B, s) is ``weights @ per_pattern`` for any weights
    (all units, one document, a bootstrap resample). ``slots`` names the columns.
    """

    per_pattern: np.ndarray
    slots: dict[str, slice]
    categories: tuple[Any, ...]
    n_coders: int
    q: int
    weight_levels: tuple[str, ...]
    weight_matrices: dict[str, np.ndarray]

    def totals(self, weights: np.ndarray) -> np.ndarray:
        return np.asarray(weights, dtype=float) @ self.per_pattern


def statistics(data: ReliabilityData, weight_levels: Sequence[str] = ()) -> Statistics:
    """Per-pattern sufficient statistics for every coefficient, with agreement weights per level.

    The columns are written into one preallocated (P, s) table; the coders' one-hot values (``classified``)
    are written there once and read back by the pair tables and the leave-one-out coincidences."""
    k, m = data.n_categories, data.n_coders
    n = len(data.patterns)
    levels = tuple(dict.fromkeys(("nominal", *weight_levels)))
    matrices = {level: agreement_weights(data.categories, level) for level in levels}
    widths = [("rated", 1), ("pairable", 1), ("pairable_values", 1), *[(f"agree:{lv}", 1) for lv in levels],
              ("share", k), ("coincidence", k * k), ("classified", m * k)] + ([("joint", k * k)] if m == 2 else [])
    slots: dict[str, slice] = {}
    for name, width in widths:
        start = slots[next(reversed(slots))].stop if slots else 0
        slots[name] = slice(start, start + width)
    per_pattern = np.empty((n, slots[widths[-1][0]].stop))

    def put(name: str, block: np.ndarray) -> None:
        per_pattern[:, slots[name]] = block.reshape(n, -1)

    one_hot = per_pattern[:, slots["classified"]].reshape(n, m, k)
    for c in range(k):
        one_hot[:, :, c] = data.patterns == c
    counts = value_counts(data.patterns, k)
    r = counts.sum(axis=1)
    rated = r >= 1
    pairable = r >= 2
    put("rated", rated.astype(float))
    put("pairable", pairable.astype(float))
    put("pairable_values", np.where(pairable, r, 0.0))
    denominator = np.where(pairable, r * (r - 1), 1.0)
    for level, w in matrices.items():
        weighted = counts @ w.T  # r*_ik = sum_l w_kl r_il
        agree = (counts * (weighted - 1)).sum(axis=1) / denominator
        put(f"agree:{level}", np.where(pairable, agree, 0.0))
    put("share", np.where(rated[:, None], counts / np.where(rated, r, 1.0)[:, None], 0.0))
    put("coincidence", _coincidences(counts))
    if m == 2:
        both = (data.patterns >= 0).all(axis=1)
        joint = one_hot[:, 0, :, None] * one_hot[:, 1, None, :] * both[:, None, None]
        put("joint", joint)
    return Statistics(per_pattern, slots, data.categories, m, data.chance_categories, levels, matrices)


# --------------------------------------------------------------------------------------------------
# Coefficients from statistics (vectorised over a leading batch axis)
# --------------------------------------------------------------------------------------------------

# name -> reason it is undefined where the batch value is NaN, filled in by ``coefficients``.
UndefinedReasons = dict[str, str]


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 1e-12, num / np.where(den > 1e-12, den, 1.0), np.nan)


def _corrected(pa: np.ndarray, pe: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(1.0 - pe > 1e-12, (pa - pe) / np.where(1.0 - pe > 1e-12, 1.0 - pe, 1.0), np.nan)


def alpha_from_coincidence_batch(o: np.ndarray, categories: Sequence[Any], level: str) -> np.ndarray:
    """alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck for a batch of coincidence matrices (B, K, K)."""
    o = np.ascontiguousarray(o)
    marginals = o.sum(axis=2)
    n = marginals.sum(axis=1)
    if level == "nominal":  # sum o d = n - trace(o); sum n_c n_k d = n^2 - sum n_c^2
        observed = n - np.trace(o, axis1=1, axis2=2)
        expected = n * n - (marginals ** 2).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = 1.0 - (n - 1.0) * observed / expected
        two_values = (marginals > 1e-12).sum(axis=1) >= 2
        return np.where((n >= 2 - 1e-12) & two_values & (expected > 1e-9), alpha, np.nan)
    delta = distance_matrix(categories, marginals, level)
    if delta.ndim == 2:
        delta = np.broadcast_to(delta, o.shape)
    observed = (o * delta).sum(axis=(1, 2))
    expected = (marginals[:, :, None] * marginals[:, None, :] * delta).sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1.0 - (n - 1.0) * observed / expected
    two_values = (marginals > 1e-12).sum(axis=1) >= 2
    return np.where((n >= 2 - 1e-12) & two_values & (expected > 1e-12), alpha, np.nan)


def coefficients(stats: Statistics, totals: np.ndarray, *, levels: Sequence[str] = ("nominal",),
                 weighted_level: str | None = None) -> tuple[dict[str, np.ndarray], UndefinedReasons]:
    """Every coefficient for a batch of totals (B, s): name -> (B,) values, NaN where undefined.

    ``levels``: the alpha levels wanted (nominal is always computed). ``weighted_level``: the level whose
    agreement weights give weighted kappa, AC2 and the weighted Fleiss/Conger/Brennan-Prediger.
    """
    totals = np.atleast_2d(totals)
    b = totals.shape[0]
    k, m, q = len(stats.categories), stats.n_coders, stats.q

    def get(name: str) -> np.ndarray:
        return totals[:, stats.slots[name]]

    rated = get("rated")[:, 0]
    pairable = get("pairable")[:, 0]
    out: dict[str, np.ndarray] = {}
    reasons: UndefinedReasons = {}
    o = get("coincidence").reshape(b, k, k)
    for level in dict.fromkeys(("nominal", *levels)):
        name = "krippendorff_alpha" if level == "nominal" else f"krippendorff_alpha_{level}"
        out[name] = alpha_from_coincidence_batch(o, stats.categories, level)
        reasons[name] = "fewer than two pairable values, or only one value occurs (expected disagreement is 0)"
    pa = {level: _ratio(get(f"agree:{level}")[:, 0], pairable) for level in stats.weight_levels}
    out["percent_agreement"] = pa["nominal"]
    reasons["percent_agreement"] = "no unit was coded by two coders"
    marg = o.sum(axis=2)
    share = marg / np.where(marg.sum(axis=1, keepdims=True) > 0, marg.sum(axis=1, keepdims=True), 1.0)
    out["scott_pi"] = _corrected(pa["nominal"], (share ** 2).sum(axis=1))
    reasons["scott_pi"] = "no pairable unit, or only one value occurs (expected agreement is 1)"
    pi = get("share") / np.where(rated > 0, rated, 1.0)[:, None]
    classified = get("classified").reshape(b, m, k)
    joint = get("joint").reshape(b, k, k) if "joint" in stats.slots else None

    variants = [("", "nominal")]
    if weighted_level and weighted_level != "nominal":
        variants.append(("weighted", weighted_level))
    for tag, level in variants:
        w = stats.weight_matrices[level]
        p_a = pa[level]
        names = {base: (WEIGHTED_NAMES[base] if tag else base) for base in WEIGHTED_NAMES}
        # Fleiss (Gwet's missing-data generalisation): p_e = sum_kl w_kl pi_k pi_l.
        out[names["fleiss_kappa"]] = _corrected(p_a, np.einsum("bk,kl,bl->b", pi, w, pi))
        reasons[names["fleiss_kappa"]] = "no pairable unit, or only one value occurs (expected agreement is 1)"
        # Conger: chance from each coder's own distribution over the units that coder rated.
        n_g = classified.sum(axis=2)
        active = n_g > 0
        r_eff = active.sum(axis=1).astype(float)
        p_gk = classified / np.where(active, n_g, 1.0)[:, :, None]
        p_bar = p_gk.sum(axis=1) / np.where(r_eff > 0, r_eff, 1.0)[:, None]
        outer = np.einsum("bgk,bgl->bkl", p_gk, p_gk)
        s2 = (outer - r_eff[:, None, None] * p_bar[:, :, None] * p_bar[:, None, :]) / \
            np.where(r_eff > 1, r_eff - 1, 1.0)[:, None, None]
        pe_conger = (w * (p_bar[:, :, None] * p_bar[:, None, :] - s2 / np.where(r_eff > 0, r_eff, 1.0)[:, None, None])
                     ).sum(axis=(1, 2))
        out[names["conger_kappa"]] = np.where(r_eff >= 2, _corrected(p_a, pe_conger), np.nan)
        reasons[names["conger_kappa"]] = "fewer than two coders with values, no pairable unit, or expected agreement is 1"
        # AC1/AC2 and Brennan-Prediger: chance from q categories (extra unused ones weigh as identity).
        w_sum = float(w.sum()) + max(q - k, 0)
        if q >= 2:
            pe_ac = w_sum * (pi * (1.0 - pi)).sum(axis=1) / (q * (q - 1))
            out[names["gwet_ac1"]] = _corrected(p_a, pe_ac)
            out[names["brennan_prediger"]] = _corrected(p_a, np.full(b, w_sum / q ** 2))
        else:
            out[names["gwet_ac1"]] = out[names["brennan_prediger"]] = np.full(b, np.nan)
        reasons[names["gwet_ac1"]] = reasons[names["brennan_prediger"]] = \
            "no unit was coded by two coders, or fewer than two categories"
        if joint is not None:
            total = joint.sum(axis=(1, 2))
            rows, cols = joint.sum(axis=2), joint.sum(axis=1)
            pa_c = _ratio((joint * w).sum(axis=(1, 2)), total)
            pe_c = _ratio(np.einsum("bk,kl,bl->b", rows, w, cols), total ** 2)
            out[names["cohen_kappa"]] = _corrected(pa_c, pe_c)
            reasons[names["cohen_kappa"]] = "the two coders share no unit, or expected agreement is 1"
    return out, reasons


# --------------------------------------------------------------------------------------------------
# Gwet's analytic standard errors (per-unit linearisation; irrCAC's formulas)
# --------------------------------------------------------------------------------------------------

def standard_errors(data: ReliabilityData, values: dict[str, float | None], *,
                    weighted_level: str | None = None) -> dict[str, float | None]:
    """SE of Fleiss, Conger, AC1/AC2, Brennan-Prediger (and Cohen via Conger on the units both coded).

    var = (1 / (n (n - 1))) sum_i (kappa*_i - kappa)^2 over the n units with at least one value, where
    kappa*_i is unit i's linearised contribution (Gwet 2014; 2008 for AC1). Units are treated as a
    simple random sample: sub-document units of one article are not independent, so for them prefer
    the document bootstrap.
    """
    return summarize(data, weighted_level=weighted_level, with_pairs=False).standard_errors(
        values, weighted_level=weighted_level)


def _se_parts(sums: "Sums", rows: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each part's per-pattern statistics with its weights zeroed off the rows that enter a variance:
    units with a value (``rated``) or, for Cohen's kappa, units both coders coded (``joint``). (Zeroed
    weights, not a copy of the rows: every statistic is finite on the other rows.)"""
    s = sums.stats.slots
    out = []
    for per_pattern, weights in sums.parts:
        mark = per_pattern[:, s[rows]].sum(axis=1) if rows == "joint" else per_pattern[:, s["rated"].start]
        out.append((per_pattern, np.where((mark > 0) & (weights > 0), weights, 0.0)))
    return out


def _standard_errors(sums: "Sums", values: dict[str, float | None],
                     weighted_level: str | None) -> dict[str, float | None]:
    """``standard_errors`` from summed statistics and each part's per-pattern rows (pooled codes: the
    parts are the codes, the chance terms come from the pooled sums)."""
    out: dict[str, float | None] = {}
    stats, t = sums.stats, sums.totals
    s = stats.slots
    levels = [("", "nominal")] + ([("weighted", weighted_level)] if weighted_level and weighted_level != "nominal" else [])
    k, q, m = len(stats.categories), stats.q, stats.n_coders
    n = float(t[s["rated"].start])
    n2 = float(t[s["pairable"].start])
    if n < 2 or n2 <= 0:
        return out
    pi = t[s["share"]] / n
    parts = _se_parts(sums, "rated")
    both = _se_parts(sums, "joint") if "joint" in s else []
    for tag, level in levels:
        w = stats.weight_matrices[level] if level in stats.weight_matrices else agreement_weights(stats.categories, level)
        name = (lambda base: WEIGHTED_NAMES[base] if tag else base)
        agree = s[f"agree:{level}"].start

        def se_from(kappa: float | None, pe: float, pe_i: Any) -> float | None:
            if kappa is None or not np.isfinite(kappa) or 1 - pe <= 1e-12:
                return None
            return _variance_root(parts, agree, s["pairable"].start, kappa, pe, n, n2, pe_i)

        pi_w = (w @ pi + w.T @ pi) / 2
        out[name("fleiss_kappa")] = se_from(values.get(name("fleiss_kappa")), float(pi @ w @ pi),
                                            lambda pp: pp[:, s["share"]] @ pi_w)
        w_sum = float(w.sum()) + max(q - k, 0)
        if q >= 2:
            pe_ac = w_sum * float((pi * (1 - pi)).sum()) / (q * (q - 1))
            out[name("gwet_ac1")] = se_from(values.get(name("gwet_ac1")), pe_ac,
                                            lambda pp: (w_sum / (q * (q - 1))) * (pp[:, s["share"]] @ (1 - pi)))
            out[name("brennan_prediger")] = se_from(values.get(name("brennan_prediger")), w_sum / q ** 2, None)
        classified = t[s["classified"]].reshape(m, k)
        out[name("conger_kappa")] = _conger_se(parts, s, classified, w, values.get(name("conger_kappa")), n, n2, agree)
        if m == 2:
            joint = t[s["joint"]].reshape(k, k)
            n_b = float(joint.sum())
            if n_b > 0:
                out[name("cohen_kappa")] = _conger_se(both, s, np.stack([joint.sum(axis=1), joint.sum(axis=0)]), w,
                                                      values.get(name("cohen_kappa")), n_b, n_b, agree)
    return out


def _variance_root(parts: list[tuple[np.ndarray, np.ndarray]], agree: int, pairable: int, kappa: float, pe: float,
                   n: float, n2: float, pe_i: Any) -> float:
    """sqrt(sum_i w_i (kappa*_i - kappa)^2 / (n (n - 1))), kappa*_i = (n / n2) (pa_i - pe [pairable_i]) / (1 - pe)
    - 2 (1 - kappa) (pe_i - pe) / (1 - pe), summed over the parts' rows."""
    total = 0.0
    for pp, w_u in parts:
        k_i = (n / n2) * (pp[:, agree] - pe * pp[:, pairable]) / (1 - pe)
        if pe_i is not None:
            k_i = k_i - 2 * (1 - kappa) * (pe_i(pp) - pe) / (1 - pe)
        total += float((w_u * (k_i - kappa) ** 2).sum())
    return float(np.sqrt(total / (n * (n - 1))))


def _conger_se(parts: list[tuple[np.ndarray, np.ndarray]], s: dict[str, slice], classified: np.ndarray, w: np.ndarray,
               kappa: float | None, n: float, n2: float, agree: int) -> float | None:
    """Gwet's (2014, ch. 5) variance of Conger's kappa, as irrCAC computes it (``classified``: (m, K)
    weighted counts of each coder's categories over the rows of ``parts``)."""
    if kappa is None or not np.isfinite(kappa) or n < 2:
        return None
    m, k = classified.shape
    n_g = classified.sum(axis=1)
    active = n_g > 0
    if active.sum() < 2:
        return None
    classified, n_g = classified[active], n_g[active]
    rr = int(active.sum())
    p_gk = classified / n_g[:, None]
    p_bar = p_gk.mean(axis=0)
    s2 = (p_gk.T @ p_gk - rr * np.outer(p_bar, p_bar)) / (rr - 1)
    pe = float((w * (np.outer(p_bar, p_bar) - s2 / rr)).sum())
    if 1 - pe <= 1e-12:
        return None
    # lambda_ig = (n / n_g) sum_k sum_l w_kl (delta_igl - (eps_ig - n_g / n) p_gl) (r p_bar_k - p_gk)
    #           = (n / n_g) (B[g, x_ig] eps_ig - (eps_ig - n_g / n) c_g),  B = (r p_bar - p_g) W, c_g = sum_l p_gl B_gl
    # and, with eps_ig = sum_k [x_ig = k], sum_g lambda_ig = sum_gk [x_ig = k] u_gk + sum_g c_g,
    # u_gk = (n / n_g) (B_gk - c_g): one product with the one-hot ``classified`` columns per row.
    b = (rr * p_bar[None, :] - p_gk) @ w  # (r, K)
    c = (p_gk * b).sum(axis=1)
    u = np.zeros((m, k))
    u[active] = (n / n_g)[:, None] * (b - c[:, None])
    u, constant, scale = u.ravel(), float(c.sum()), float(rr * (rr - 1))
    return _variance_root(parts, agree, s["pairable"].start, kappa, pe, n, n2,
                          lambda pp: (pp[:, s["classified"]] @ u + constant) / scale)


# --------------------------------------------------------------------------------------------------
# Coder pairs, all at once
# --------------------------------------------------------------------------------------------------

@dataclass
class PairTable:
    """Pairwise Cohen's kappa, nominal alpha and percent agreement for every coder pair (m x m arrays)."""

    coders: tuple[str, ...]
    cohen_kappa: np.ndarray
    krippendorff_alpha: np.ndarray
    percent_agreement: np.ndarray
    shared_units: np.ndarray

    def to_json_list(self) -> list[dict[str, Any]]:
        a, b = np.triu_indices(len(self.coders), 1)
        return [{"coders": [self.coders[i], self.coders[j]], "cohen_kappa": _finite(self.cohen_kappa[i, j]),
                 "krippendorff_alpha": _finite(self.krippendorff_alpha[i, j]),
                 "percent_agreement": _finite(self.percent_agreement[i, j]),
                 "units": _number(self.shared_units[i, j])} for i, j in zip(a.tolist(), b.tolist())]


def pair_contingency(data: ReliabilityData, stats: Statistics | None = None) -> np.ndarray:
    """(m, m, K, K): for every ordered coder pair, the weighted table of the units both coded.

    One matrix product over the value-pattern matrix: X (P, m K) one-hot, T = X^T diag(w) X, so the
    cost grows with m^2 K^2 P flops in BLAS, not with a Python loop over pairs. ``stats``: the data's
    ``statistics``, whose one-hot columns are X.
    """
    m, k = data.n_coders, data.n_categories
    w = data.weights
    # Counts are integers: in float32 they are exact while every sum stays below 2^24, at twice the speed.
    exact32 = bool(np.all(w == np.round(w))) and float(w.sum()) < 2 ** 24
    dtype = np.float32 if exact32 else np.float64
    if stats is not None:
        x = stats.per_pattern[:, stats.slots["classified"]].astype(dtype)
    else:
        x = np.empty((len(data.patterns), m, k), dtype)
        for c in range(k):
            x[:, :, c] = data.patterns == c
        x = x.reshape(len(data.patterns), m * k)
    table = ((x * w[:, None].astype(dtype)).T @ x).astype(float)
    return table.reshape(m, k, m, k).transpose(0, 2, 1, 3)


def pair_table(data: ReliabilityData, contingency: np.ndarray | None = None) -> PairTable:
    return pair_table_from(tuple(data.coders), pair_contingency(data) if contingency is None else contingency)


def pair_table_from(coders: Sequence[str], t: np.ndarray) -> PairTable:
    """Cohen's kappa, nominal alpha and percent agreement of every coder pair from their tables (m, m, K, K)."""
    k = t.shape[-1]
    total = t.sum(axis=(2, 3))
    agree = np.trace(t, axis1=2, axis2=3)
    rows, cols = t.sum(axis=3), t.sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_o = agree / total
        p_e = (rows * cols).sum(axis=2) / total ** 2
        kappa = np.where((total > 0) & (1 - p_e > 1e-12), (p_o - p_e) / (1 - p_e), np.nan)
        n = 2 * total  # two values per shared unit
        marg = rows + cols
        expected = n * n - (marg ** 2).sum(axis=2)
        alpha = np.where((n >= 2) & (expected > 1e-9), 1 - (n - 1) * (n - 2 * agree) / expected, np.nan)
    p_o = np.where(total > 0, p_o, np.nan)
    del k
    return PairTable(tuple(coders), kappa, alpha, p_o, total)


# --------------------------------------------------------------------------------------------------
# Single-coefficient helpers (the same formulas; kept for callers and for the published examples)
# --------------------------------------------------------------------------------------------------

def _one(data: ReliabilityData, name: str, *, level: str = "nominal", weighted_level: str | None = None) -> Coefficient:
    stats = statistics(data, (weighted_level,) if weighted_level else ())
    values, reasons = coefficients(stats, stats.totals(data.weights[None, :]),
                                   levels=(level,), weighted_level=weighted_level)
    v = values[name][0]
    return Coefficient(None, reasons[name]) if not np.isfinite(v) else Coefficient(float(v))


def coincidence_matrix(data: ReliabilityData) -> np.ndarray:
    contributions = coincidence_contributions(data.patterns, data.n_categories)
    return np.tensordot(data.weights, contributions, axes=1) if len(data.weights) else \
        np.zeros((data.n_categories, data.n_categories))


def alpha_from_coincidences(o: np.ndarray, categories: Sequence[Any], level: str = "nominal") -> Coefficient:
    marginals = o.sum(axis=1)
    if marginals.sum() < 2 - 1e-12:
        return Coefficient(None, "fewer than two pairable values")
    if np.count_nonzero(marginals > 1e-12) < 2:
        return Coefficient(None, "only one value occurs, so expected disagreement is 0")
    value = alpha_from_coincidence_batch(o[None], categories, level)[0]
    return Coefficient(None, "expected disagreement is 0") if np.isnan(value) else Coefficient(float(value))


def krippendorff_alpha(data: ReliabilityData, level: str = "nominal") -> Coefficient:
    """Krippendorff's alpha, any number of coders, missing data allowed."""
    return alpha_from_coincidences(coincidence_matrix(data), data.categories, level)


def alpha_batch(o: np.ndarray) -> np.ndarray:
    """Nominal alpha for a stack of coincidence matrices (B, K, K); NaN where undefined."""
    return alpha_from_coincidence_batch(o, tuple(range(o.shape[-1])), "nominal")


def pairable_values(data: ReliabilityData) -> float:
    """n: values in units with at least two values (Krippendorff's n..)."""
    counts = value_counts(data.patterns, data.n_categories).sum(axis=1)
    return float((data.weights * np.where(counts >= 2, counts, 0)).sum())


def percent_agreement(data: ReliabilityData) -> Coefficient:
    """Share of agreeing coder pairs per unit, averaged over units with at least two values (irrCAC's p_a)."""
    return _one(data, "percent_agreement")


def cohen_kappa(data: ReliabilityData, a: int = 0, b: int = 1, level: str | None = None) -> Coefficient:
    """Cohen's kappa for coders ``a`` and ``b`` on the units both coded (weighted with a level: Cohen 1968)."""
    pair = data if (data.n_coders == 2 and (a, b) == (0, 1)) else data.select_coders([a, b])
    if level and level != "nominal":
        return _one(pair, "weighted_kappa", weighted_level=level)
    return _one(pair, "cohen_kappa")


def contingency_table(data: ReliabilityData, a: int, b: int) -> np.ndarray:
    return pair_contingency(data)[a, b]


def scott_pi(data: ReliabilityData) -> Coefficient:
    """Scott's pi (multi-pi for more coders): p_e from the pooled distribution of pairable values."""
    return _one(data, "scott_pi")


def fleiss_kappa(data: ReliabilityData, level: str | None = None) -> Coefficient:
    """Fleiss' kappa; with missing data Gwet's (2014) generalisation, as irrCAC computes it."""
    if level and level != "nominal":
        return _one(data, "weighted_fleiss_kappa", weighted_level=level)
    return _one(data, "fleiss_kappa")


def conger_kappa(data: ReliabilityData, level: str | None = None) -> Coefficient:
    """Conger's (1980) kappa for many coders, missing data as in Gwet (2014)."""
    if level and level != "nominal":
        return _one(data, "weighted_conger_kappa", weighted_level=level)
    return _one(data, "conger_kappa")


def fleiss_from_counts(counts: np.ndarray, weights: np.ndarray | None = None) -> Coefficient:
    """Fleiss (1971) from a subjects x categories count table with the same raters per subject."""
    counts = np.asarray(counts, dtype=float)
    w = np.ones(len(counts)) if weights is None else np.asarray(weights, dtype=float)
    n = counts.sum(axis=1)
    if len(n) == 0 or n.max() < 2:
        return Coefficient(None, "fewer than two ratings per unit")
    per_subject = ((counts * (counts - 1)).sum(axis=1)) / (n * (n - 1))
    p_bar = float((w * per_subject).sum() / w.sum())
    p_j = (w[:, None] * counts).sum(axis=0) / (w * n).sum()
    p_e = float((p_j ** 2).sum())
    if p_e >= 1 - 1e-12:
        return Coefficient(None, "Fleiss' kappa: expected agreement is 1 (only one value occurs)")
    return Coefficient((p_bar - p_e) / (1 - p_e))


def brennan_prediger(data: ReliabilityData, level: str | None = None) -> Coefficient:
    """Brennan & Prediger (1981): chance is 1/q, q = categories the codebook allows."""
    if level and level != "nominal":
        return _one(data, "weighted_brennan_prediger", weighted_level=level)
    return _one(data, "brennan_prediger")


def gwet_ac1(data: ReliabilityData, level: str | None = None) -> Coefficient:
    """Gwet's AC1 (2008); with a level, AC2 (Gwet 2014, ch. 4); many raters with missing data."""
    if level and level != "nominal":
        return _one(data, "gwet_ac2", weighted_level=level)
    return _one(data, "gwet_ac1")


# --------------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------------

@dataclass
class MeasureSet:
    """Every coefficient on one reliability data set, with undefined reasons, counts, SEs and notes."""

    values: dict[str, float | None] = field(default_factory=dict)
    undefined: dict[str, str] = field(default_factory=dict)
    counts: dict[str, float] = field(default_factory=dict)
    used: dict[str, dict[str, float]] = field(default_factory=dict)
    se: dict[str, float | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    categories: list[Any] = field(default_factory=list)
    q: int | None = None
    level: str = "nominal"
    pair_table: PairTable | None = None

    @property
    def pairs(self) -> list[dict[str, Any]]:
        return self.pair_table.to_json_list() if self.pair_table is not None else []

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.values)
        out.update({k: _number(v) for k, v in self.counts.items()})
        out["q"] = self.q
        out["categories"] = [str(c) for c in self.categories]
        out["level"] = self.level
        out["used"] = {k: {kk: _number(vv) for kk, vv in v.items()} for k, v in self.used.items()}
        out["se"] = dict(self.se)
        out["notes"] = dict(self.notes)
        if self.undefined:
            out["undefined"] = dict(self.undefined)
        if self.pair_table is not None:
            out["pairs"] = self.pairs
        return out


def _units(v: float) -> str:
    n = _number(v)
    return f"{n} unit" if n == 1 else f"{n} units"


def _number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else float(v)


def _finite(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None


@dataclass
class Sums:
    """What every coefficient of a data set needs: its statistics summed over the units (``totals``), the
    units every coder rated, the coder-pair tables, and each part's per-pattern statistics for the
    standard errors (their chance terms come from the sums, each unit's term from its part's rows).

    Everything here adds up over disjoint sets of units (``pool``): the report's "overall" pools its
    codes' sums instead of recomputing statistics over every code's patterns laid end to end.
    """

    stats: Statistics
    totals: np.ndarray  # (s,)
    complete: float
    coders: tuple[str, ...]
    parts: tuple[tuple[np.ndarray, np.ndarray], ...]  # (per_pattern, weights) per data set
    contingency: np.ndarray | None = None  # (m, m, K, K)

    def standard_errors(self, values: dict[str, float | None], *,
                        weighted_level: str | None = None) -> dict[str, float | None]:
        return _standard_errors(self, values, weighted_level)


def summarize(data: ReliabilityData, *, stats: Statistics | None = None, weighted_level: str | None = None,
              with_pairs: bool = True) -> Sums:
    """A data set's ``Sums`` (``stats``: its ``statistics``, when the caller already has them)."""
    if stats is None:
        stats = statistics(data, (weighted_level,) if weighted_level else ())
    totals = data.weights @ stats.per_pattern if len(data.weights) else np.zeros(stats.per_pattern.shape[1])
    complete = float(data.weights[(data.patterns >= 0).all(axis=1)].sum()) if data.patterns.size else 0.0
    contingency = pair_contingency(data, stats) if with_pairs and data.n_coders > 2 else None
    return Sums(stats, totals, complete, tuple(data.coders), ((stats.per_pattern, data.weights),), contingency)


def pool(sums: Sequence[Sums]) -> Sums:
    """The sums of disjoint data sets with the same coders, categories and statistics (e.g. every code of a
    report as separate binary variables)."""
    first = sums[0]
    for other in sums[1:]:
        if other.stats.slots != first.stats.slots or other.stats.categories != first.stats.categories:
            raise ValueError("pooled data sets must have the same coders, categories and statistics")
    tables = [x.contingency for x in sums]
    return Sums(first.stats, np.sum([x.totals for x in sums], axis=0), float(sum(x.complete for x in sums)),
                first.coders, tuple(part for x in sums for part in x.parts),
                None if any(t is None for t in tables) else np.sum(tables, axis=0))


def all_measures(data: ReliabilityData, *, levels: Sequence[str] = ("nominal",), weighted_level: str | None = None,
                 with_pairs: bool = True, with_se: bool = True, stats: Statistics | None = None) -> MeasureSet:
    """Compute every coefficient that applies; undefined ones get None and a reason.

    ``levels``: alpha levels beyond nominal; ``weighted_level``: agreement weights for weighted kappa,
    AC2 and weighted Fleiss/Conger/Brennan-Prediger. Pairwise tables (and Light's kappa, the mean of
    pairwise Cohen kappas) come from one matrix product when there are more than two coders.
    ``stats``: the data's ``statistics`` (with ``weighted_level``'s weights), when already computed.
    """
    sums = summarize(data, stats=stats, weighted_level=weighted_level, with_pairs=with_pairs)
    return measures_from_sums(sums, levels=levels, weighted_level=weighted_level, with_se=with_se)


def measures_from_sums(sums: Sums, *, levels: Sequence[str] = ("nominal",), weighted_level: str | None = None,
                       with_se: bool = True) -> MeasureSet:
    """``all_measures`` from ``Sums`` (of one data set, or ``pool``ed); pairs when the sums hold them."""
    stats = sums.stats
    result = MeasureSet(categories=list(stats.categories), q=stats.q, level=weighted_level or "nominal")
    totals = sums.totals[None, :]
    values, reasons = coefficients(stats, totals, levels=levels, weighted_level=weighted_level)
    m = stats.n_coders
    order = ["krippendorff_alpha", *[f"krippendorff_alpha_{lv}" for lv in levels if lv != "nominal"],
             "percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "conger_kappa", "gwet_ac1",
             "brennan_prediger", *[v for v in WEIGHTED_NAMES.values()]]
    for name in order:
        if name not in values:
            continue
        v = values[name][0]
        result.values[name] = float(v) if np.isfinite(v) else None
        if not np.isfinite(v):
            result.undefined[name] = reasons[name]
    t = totals[0]
    s = stats.slots
    units = float(t[s["rated"]][0])
    pairable_units = float(t[s["pairable"]][0])
    pairable_vals = float(t[s["pairable_values"]][0])
    complete = sums.complete
    result.counts.update(units=units, pairable_units=pairable_units, pairable_values=pairable_vals,
                         complete_units=complete)
    pair_used = {"units": pairable_units, "pairable_values": pairable_vals}
    rated_used = {"units": units, "pairable_units": pairable_units, "pairable_values": pairable_vals}
    for name in result.values:
        if name.startswith("krippendorff_alpha") or name in ("percent_agreement", "scott_pi", "brennan_prediger",
                                                             "weighted_brennan_prediger"):
            result.used[name] = dict(pair_used)
        elif name in ("cohen_kappa", "weighted_kappa"):
            shared = float(t[s["joint"]].sum()) if "joint" in s else 0.0
            result.used[name] = {"units": shared, "pairable_values": 2 * shared}
        else:
            result.used[name] = dict(rated_used)
    if units > pairable_units:
        result.notes["units"] = (f"{_units(units - pairable_units)} of {_number(units)} have a value from only one "
                                 "coder: not pairable; Fleiss, Conger and AC1 use them for the chance distributions "
                                 "(Gwet 2014), the other coefficients leave them out")
    if m == 2 and "cohen_kappa" in result.values and complete < units:
        result.notes["cohen_kappa"] = (f"Cohen's kappa is computed on the {_units(complete)} both coders coded "
                                       f"({_units(units - complete)} with one value left out)")
    if m > 2 and complete < units:
        result.notes["fleiss_kappa"] = ("missing values: Gwet's (2014) generalisation of Fleiss' kappa, as irrCAC "
                                        f"computes it, on all {_number(units)} units with a value "
                                        f"({_number(complete)} complete)")
    if with_se:
        result.se = {k: v for k, v in sums.standard_errors(result.values, weighted_level=weighted_level).items()
                     if k in result.values}
    if sums.contingency is not None and m > 2:
        result.pair_table = pair_table_from(sums.coders, sums.contingency)
        kappas = result.pair_table.cohen_kappa[np.triu_indices(m, 1)]
        defined = kappas[np.isfinite(kappas)]
        # Light (1971): the mean of pairwise Cohen kappas, nltk's multi-coder "kappa".
        result.values["light_kappa"] = float(defined.mean()) if len(defined) else None
        if not len(defined):
            result.undefined["light_kappa"] = "no pair of coders has a defined Cohen's kappa"
        elif len(defined) < len(kappas):
            result.notes["light_kappa"] = f"mean over the {len(defined)} of {len(kappas)} pairs with a defined kappa"
    return result


def bootstrap_intervals(stats: Statistics, resampled_totals: np.ndarray, *, levels: Sequence[str] = ("nominal",),
                        weighted_level: str | None = None, confidence: float = 0.95) -> dict[str, dict[str, Any]]:
    """Percentile intervals of every coefficient over resampled totals (B, s)."""
    values, _ = coefficients(stats, resampled_totals, levels=levels, weighted_level=weighted_level)
    tail = (1 - confidence) / 2 * 100
    out: dict[str, dict[str, Any]] = {}
    for name, batch in values.items():
        defined = batch[np.isfinite(batch)]
        entry: dict[str, Any] = {"resamples": int(len(batch)), "defined_resamples": int(len(defined))}
        if len(defined):
            low, high = np.percentile(defined, [tail, 100 - tail])
            entry.update(low=float(low), high=float(high))
        else:
            entry.update(low=None, high=None)
        out[name] = entry
    return out
