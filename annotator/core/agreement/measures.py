"""Agreement coefficients on reliability data (units x coders, values may be missing).

Why patterns: coded text has millions of character units but only a handful of distinct value vectors
(with 3 coders and a binary code, at most 27). Every coefficient here is a ratio of sums that are
linear in the number of units showing each pattern, so we keep the distinct patterns with a weight
(how many units show it) and never touch individual units. The same linearity makes the document
bootstrap a matrix product (see ``report.py``).

Sources (each pinned to a worked example in tests/core/agreement):
- Krippendorff's alpha via coincidence matrices: Krippendorff (2011), "Computing Krippendorff's
  Alpha-Reliability"; ordinal/interval/ratio distances from the same paper.
- Cohen (1960) kappa; Scott (1955) pi, generalised to many coders with missing data as
  p_e = sum_k pi_k^2 over pairable values; Fleiss (1971) kappa on units coded by every coder.
- Brennan & Prediger (1981); Gwet (2008/2014) AC1 for many raters with missing data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

MISSING = -1
LEVELS = ("nominal", "ordinal", "interval", "ratio")


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
    """Distinct value patterns (rows: index into ``categories`` per coder, -1 = missing) with weights."""

    patterns: np.ndarray  # (P, m) int
    weights: np.ndarray  # (P,) float: how many units show each pattern
    categories: tuple[Any, ...]
    coders: tuple[str, ...] = ()
    q: int | None = None  # categories the codebook allows (Brennan-Prediger, AC1); default: len(categories)

    def __post_init__(self) -> None:
        self.patterns = np.asarray(self.patterns, dtype=np.int64)
        if self.patterns.ndim == 1:
            self.patterns = self.patterns.reshape(-1, 1)
        self.weights = np.asarray(self.weights, dtype=float)
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
        patterns, inverse = np.unique(values, axis=0, return_inverse=True)
        summed = np.bincount(inverse.ravel(), weights=w, minlength=len(patterns))
        return cls(patterns, summed, tuple(categories), tuple(coders), q)

    @property
    def n_coders(self) -> int:
        return self.patterns.shape[1]

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    def select_coders(self, columns: Sequence[int]) -> "ReliabilityData":
        return ReliabilityData.from_unit_values(
            self.patterns[:, list(columns)], categories=self.categories,
            coders=[self.coders[c] for c in columns], weights=self.weights, q=self.q)


def _sort_key(v: Any) -> tuple[int, Any]:
    return (0, v) if isinstance(v, (int, float)) else (1, str(v))


# --------------------------------------------------------------------------------------------------
# Per-pattern linear statistics
# --------------------------------------------------------------------------------------------------

def value_counts(patterns: np.ndarray, k: int) -> np.ndarray:
    """(P, K): how many coders gave each category in each pattern."""
    counts = np.zeros((len(patterns), k))
    for column in patterns.T:
        present = column >= 0
        np.add.at(counts, (np.nonzero(present)[0], column[present]), 1)
    return counts


def coincidence_contributions(patterns: np.ndarray, k: int) -> np.ndarray:
    """(P, K, K): each pattern's contribution to the coincidence matrix (Krippendorff 2011, step 2).

    A unit with m_u >= 2 values adds n_c n_k / (m_u - 1) for c != k and n_c (n_c - 1) / (m_u - 1) on
    the diagonal; units with fewer than two values are not pairable and add nothing.
    """
    counts = value_counts(patterns, k)
    m = counts.sum(axis=1)
    outer = counts[:, :, None] * counts[:, None, :]
    outer[:, np.arange(k), np.arange(k)] -= counts
    scale = np.where(m >= 2, 1.0 / np.maximum(m - 1, 1), 0.0)
    return outer * scale[:, None, None]


def distance_matrix(categories: Sequence[Any], marginals: np.ndarray, level: str) -> np.ndarray:
    """delta^2 between categories for a level of measurement (Krippendorff 2011, section C)."""
    k = len(categories)
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "ordinal":
        cumulative = np.concatenate([[0.0], np.cumsum(marginals)])
        i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        between = cumulative[hi + 1] - cumulative[lo]
        return (between - (marginals[i] + marginals[j]) / 2.0) ** 2
    numbers = np.asarray(categories, dtype=float)
    diff = numbers[:, None] - numbers[None, :]
    if level == "interval":
        return diff ** 2
    if level == "ratio":
        total = numbers[:, None] + numbers[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(total == 0, 0.0, (diff / np.where(total == 0, 1, total)) ** 2)
    raise ValueError(f"unknown level of measurement '{level}' (use {', '.join(LEVELS)})")


def alpha_from_coincidences(o: np.ndarray, categories: Sequence[Any], level: str = "nominal") -> Coefficient:
    """alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck."""
    marginals = o.sum(axis=1)
    n = marginals.sum()
    if n < 2 - 1e-12:
        return Coefficient(None, "fewer than two pairable values")
    if np.count_nonzero(marginals > 1e-12) < 2:
        return Coefficient(None, "only one value occurs, so expected disagreement is 0")
    delta = distance_matrix(categories, marginals, level)
    observed = float((o * delta).sum())
    expected = float((np.outer(marginals, marginals) * delta).sum())
    if expected <= 0:
        return Coefficient(None, "expected disagreement is 0")
    return Coefficient(float(1.0 - (n - 1.0) * observed / expected))


def alpha_batch(o: np.ndarray) -> np.ndarray:
    """Nominal alpha for a stack of coincidence matrices (B, K, K); NaN where undefined (bootstrap)."""
    marginals = o.sum(axis=2)
    n = marginals.sum(axis=1)
    observed = n - np.trace(o, axis1=1, axis2=2)
    expected = n * n - (marginals ** 2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1.0 - (n - 1.0) * observed / expected
    return np.where((expected > 1e-9) & (n >= 2), alpha, np.nan)


# --------------------------------------------------------------------------------------------------
# Coefficients
# --------------------------------------------------------------------------------------------------

def coincidence_matrix(data: ReliabilityData) -> np.ndarray:
    contributions = coincidence_contributions(data.patterns, data.n_categories)
    return np.tensordot(data.weights, contributions, axes=1) if len(data.weights) else \
        np.zeros((data.n_categories, data.n_categories))


def krippendorff_alpha(data: ReliabilityData, level: str = "nominal") -> Coefficient:
    """Krippendorff's alpha, any number of coders, missing data allowed."""
    return alpha_from_coincidences(coincidence_matrix(data), data.categories, level)


def pairable_values(data: ReliabilityData) -> float:
    """n: values in units with at least two values (Krippendorff's n..)."""
    counts = value_counts(data.patterns, data.n_categories).sum(axis=1)
    return float((data.weights * np.where(counts >= 2, counts, 0)).sum())


def _pairwise_agreement(data: ReliabilityData) -> tuple[float, float]:
    """(sum of weighted per-unit pair agreement, weight of units with >= 2 values)."""
    counts = value_counts(data.patterns, data.n_categories)
    m = counts.sum(axis=1)
    ok = m >= 2
    per_unit = np.zeros(len(m))
    per_unit[ok] = (counts[ok] * (counts[ok] - 1)).sum(axis=1) / (m[ok] * (m[ok] - 1))
    return float((data.weights * per_unit).sum()), float(data.weights[ok].sum())


def percent_agreement(data: ReliabilityData) -> Coefficient:
    """Share of agreeing coder pairs per unit, averaged over units with at least two values."""
    agreeing, units = _pairwise_agreement(data)
    if units <= 0:
        return Coefficient(None, "no unit was coded by two coders")
    return Coefficient(agreeing / units)


def _chance_corrected(p_o: float, p_e: float, what: str) -> Coefficient:
    if p_e >= 1.0 - 1e-12:
        return Coefficient(None, f"{what}: expected agreement is 1 (only one value occurs)")
    return Coefficient(float((p_o - p_e) / (1.0 - p_e)))


def cohen_kappa(data: ReliabilityData, a: int = 0, b: int = 1) -> Coefficient:
    """Cohen's kappa for coders ``a`` and ``b`` on the units both coded."""
    table = contingency_table(data, a, b)
    total = table.sum()
    if total <= 0:
        return Coefficient(None, "the two coders share no unit")
    p_o = np.trace(table) / total
    p_e = float((table.sum(axis=1) * table.sum(axis=0)).sum() / total ** 2)
    return _chance_corrected(p_o, p_e, "Cohen's kappa")


def contingency_table(data: ReliabilityData, a: int, b: int) -> np.ndarray:
    k = data.n_categories
    both = (data.patterns[:, a] >= 0) & (data.patterns[:, b] >= 0)
    table = np.zeros((k, k))
    np.add.at(table, (data.patterns[both, a], data.patterns[both, b]), data.weights[both])
    return table


def scott_pi(data: ReliabilityData) -> Coefficient:
    """Scott's pi (multi-pi for more coders): p_e from the pooled distribution of pairable values."""
    agreeing, units = _pairwise_agreement(data)
    if units <= 0:
        return Coefficient(None, "no unit was coded by two coders")
    marginals = coincidence_matrix(data).sum(axis=1)
    p_e = float(((marginals / marginals.sum()) ** 2).sum())
    return _chance_corrected(agreeing / units, p_e, "Scott's pi")


def fleiss_kappa(data: ReliabilityData) -> Coefficient:
    """Fleiss' kappa on the units every coder coded (it is defined for complete data only)."""
    complete = (data.patterns >= 0).all(axis=1)
    if not complete.any():
        return Coefficient(None, "no unit was coded by every coder")
    sub = ReliabilityData(data.patterns[complete], data.weights[complete], data.categories, data.coders)
    return fleiss_from_counts(value_counts(sub.patterns, sub.n_categories), sub.weights)


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
    return _chance_corrected(p_bar, float((p_j ** 2).sum()), "Fleiss' kappa")


def _q(data: ReliabilityData) -> int:
    return int(data.q or data.n_categories)


def brennan_prediger(data: ReliabilityData) -> Coefficient:
    """Brennan & Prediger (1981): chance is 1/q, q = categories the codebook allows."""
    agreeing, units = _pairwise_agreement(data)
    q = _q(data)
    if units <= 0:
        return Coefficient(None, "no unit was coded by two coders")
    if q < 2:
        return Coefficient(None, "fewer than two categories")
    return _chance_corrected(agreeing / units, 1.0 / q, "Brennan-Prediger")


def gwet_ac1(data: ReliabilityData) -> Coefficient:
    """Gwet's AC1 (2008; many raters with missing data as in Gwet 2014, ch. 4)."""
    agreeing, units = _pairwise_agreement(data)
    q = _q(data)
    if units <= 0:
        return Coefficient(None, "no unit was coded by two coders")
    if q < 2:
        return Coefficient(None, "fewer than two categories")
    counts = value_counts(data.patterns, data.n_categories)
    m = counts.sum(axis=1)
    rated = m >= 1
    shares = (data.weights[rated, None] * counts[rated] / m[rated, None]).sum(axis=0) / data.weights[rated].sum()
    p_e = float((shares * (1 - shares)).sum() / (q - 1))
    return _chance_corrected(agreeing / units, p_e, "Gwet's AC1")


@dataclass
class MeasureSet:
    """Every coefficient on one reliability data set, with undefined reasons and counts."""

    values: dict[str, float | None] = field(default_factory=dict)
    undefined: dict[str, str] = field(default_factory=dict)
    counts: dict[str, float] = field(default_factory=dict)
    pairs: list[dict[str, Any]] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.values)
        out.update({k: _number(v) for k, v in self.counts.items()})
        if self.undefined:
            out["undefined"] = dict(self.undefined)
        if self.pairs:
            out["pairs"] = self.pairs
        return out


def _number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else float(v)


def all_measures(data: ReliabilityData, *, levels: Sequence[str] = ("nominal",),
                 with_pairs: bool = True) -> MeasureSet:
    """Compute every coefficient that applies; undefined ones get None and a reason."""
    result = MeasureSet()

    def put(name: str, coefficient: Coefficient) -> None:
        result.values[name] = coefficient.value
        if not coefficient.defined:
            result.undefined[name] = coefficient.reason

    put("krippendorff_alpha", krippendorff_alpha(data, "nominal"))
    for level in levels:
        if level != "nominal":
            put(f"krippendorff_alpha_{level}", krippendorff_alpha(data, level))
    put("percent_agreement", percent_agreement(data))
    if data.n_coders == 2:
        put("cohen_kappa", cohen_kappa(data, 0, 1))
    put("scott_pi", scott_pi(data))
    put("fleiss_kappa", fleiss_kappa(data))
    put("gwet_ac1", gwet_ac1(data))
    put("brennan_prediger", brennan_prediger(data))
    counts = value_counts(data.patterns, data.n_categories).sum(axis=1)
    result.counts["units"] = float(data.weights[counts >= 1].sum())
    result.counts["pairable_units"] = float(data.weights[counts >= 2].sum())
    result.counts["pairable_values"] = pairable_values(data)
    result.counts["complete_units"] = float(data.weights[(data.patterns >= 0).all(axis=1)].sum())  # Fleiss
    if with_pairs and data.n_coders > 2:
        kappas = []
        for a, b in combinations(range(data.n_coders), 2):
            pair = data.select_coders([a, b])
            kappa = cohen_kappa(pair, 0, 1)
            alpha = krippendorff_alpha(pair)
            entry = {"coders": [data.coders[a], data.coders[b]], "cohen_kappa": kappa.value,
                     "krippendorff_alpha": alpha.value, "percent_agreement": percent_agreement(pair).value}
            result.pairs.append(entry)
            if kappa.defined:
                kappas.append(kappa.value)
        # Light (1971): the mean of pairwise Cohen kappas, nltk's multi-coder "kappa".
        put("light_kappa", Coefficient(float(np.mean(kappas))) if kappas else
            Coefficient(None, "no pair of coders has a defined Cohen's kappa"))
    return result
