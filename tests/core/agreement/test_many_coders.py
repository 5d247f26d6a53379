"""Many coders: every coder pair, the pooled "overall" and "alpha without each coder" against
straightforward references (a loop over pairs, the codes' patterns laid end to end, a loop over coders).

The report computes these from sums (coder-pair tables from one matrix product per code, pooled by
adding the codes' sums, leave-one-out coincidences from K + 1 products); these tests keep the fast forms
equal to the forms one would write first.
"""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.agreement import measures as M
from annotator.core.agreement.blas import one_thread
from annotator.core.agreement.report import alpha_without_each


def _random(rng: np.random.Generator, units: int, coders: int, k: int, missing: float = 0.2) -> M.ReliabilityData:
    values = rng.integers(0, k, size=(units, coders))
    values[rng.random((units, coders)) < missing] = -1
    weights = rng.integers(1, 5, size=units).astype(float)
    return M.ReliabilityData.from_unit_values(values, categories=tuple(range(k)), weights=weights)


def _units(data: M.ReliabilityData) -> list[tuple[list[int], float]]:
    return [(row.tolist(), float(w)) for row, w in zip(data.patterns, data.weights)]


def _pair_reference(data: M.ReliabilityData, a: int, b: int, k: int) -> tuple[float | None, float | None, float | None]:
    """Cohen's kappa, nominal alpha and percent agreement of coders a and b, written out unit by unit."""
    table = [[0.0] * k for _ in range(k)]
    for row, w in _units(data):
        if row[a] >= 0 and row[b] >= 0:
            table[row[a]][row[b]] += w
    n = sum(map(sum, table))
    if n == 0:
        return None, None, None
    p_o = sum(table[i][i] for i in range(k)) / n
    rows = [sum(table[i]) / n for i in range(k)]
    cols = [sum(table[i][j] for i in range(k)) / n for j in range(k)]
    p_e = sum(r * c for r, c in zip(rows, cols))
    kappa = (p_o - p_e) / (1 - p_e) if 1 - p_e > 1e-12 else None
    # Krippendorff (2011), two coders: coincidences o_ck = table_ck + table_kc, n.. = 2 n.
    values = 2 * n
    marg = [(sum(table[i]) + sum(table[j][i] for j in range(k))) for i in range(k)]
    expected = values * values - sum(x * x for x in marg)
    observed = values - 2 * sum(table[i][i] for i in range(k))
    alpha = 1 - (values - 1) * observed / expected if expected > 1e-9 else None
    return kappa, alpha, p_o


@pytest.mark.parametrize("k", [2, 3])
def test_every_pair_of_100_coders_matches_a_pair_by_pair_reference(k):
    rng = np.random.default_rng(100 + k)
    data = _random(rng, 30, 100, k)
    result = M.all_measures(data)
    pairs = result.pair_table
    assert pairs is not None and len(result.pairs) == 4950
    kappas = []
    for a in range(100):
        for b in range(a + 1, 100):
            kappa, alpha, p_o = _pair_reference(data, a, b, k)
            for got, want in ((pairs.cohen_kappa[a, b], kappa), (pairs.krippendorff_alpha[a, b], alpha),
                              (pairs.percent_agreement[a, b], p_o)):
                if want is None:
                    assert np.isnan(got)
                else:
                    assert got == pytest.approx(want, abs=1e-12)
            if kappa is not None:
                kappas.append(kappa)
    assert result.values["light_kappa"] == pytest.approx(np.mean(kappas), abs=1e-12)


@pytest.mark.parametrize("coders", [2, 3, 40])
def test_pooled_sums_equal_the_measures_of_the_patterns_laid_end_to_end(coders):
    """The report's "overall": each code's sums added up == every coefficient, SE and pair of the codes'
    patterns concatenated (the old, direct form)."""
    rng = np.random.default_rng(coders)
    parts = [_random(rng, int(rng.integers(5, 60)), coders, 2, missing=float(rng.uniform(0, 0.6)))
             for _ in range(6)]
    pooled = M.measures_from_sums(M.pool([M.summarize(p) for p in parts]))
    names = tuple(parts[0].coders)
    direct = M.all_measures(M.ReliabilityData(np.concatenate([p.patterns for p in parts]),
                                              np.concatenate([p.weights for p in parts]), (0, 1), names, 2))
    assert pooled.values.keys() == direct.values.keys() and pooled.se.keys() == direct.se.keys()
    for name, value in direct.values.items():
        assert pooled.values[name] == pytest.approx(value, rel=1e-12, abs=1e-12), name
    for name, value in direct.se.items():
        assert (pooled.se[name] is None) == (value is None), name
        if value is not None:
            assert pooled.se[name] == pytest.approx(value, rel=1e-10, abs=1e-12), name
    assert pooled.counts == direct.counts and pooled.notes == direct.notes and pooled.used == direct.used
    if coders > 2:
        for field in ("cohen_kappa", "krippendorff_alpha", "percent_agreement", "shared_units"):
            np.testing.assert_allclose(getattr(pooled.pair_table, field), getattr(direct.pair_table, field),
                                       rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("k", [2, 4])
def test_alpha_without_each_coder_matches_dropping_the_coder(k):
    rng = np.random.default_rng(7 + k)
    data = _random(rng, 80, 12, k, missing=0.3)
    fast = alpha_without_each(data)
    for g in range(data.n_coders):
        rest = data.select_coders([c for c in range(data.n_coders) if c != g])
        want = M.krippendorff_alpha(rest).value
        assert (fast[g] is None) == (want is None)
        if want is not None:
            assert fast[g] == pytest.approx(want, abs=1e-12)
    # Additive over data sets: the pooled report adds the codes' leave-one-out coincidences.
    other = _random(rng, 50, 12, k)
    summed = M.leave_one_out_coincidences(data) + M.leave_one_out_coincidences(other)
    both = M.ReliabilityData(np.concatenate([data.patterns, other.patterns]),
                             np.concatenate([data.weights, other.weights]), data.categories)
    np.testing.assert_allclose(summed, M.leave_one_out_coincidences(both), rtol=1e-12, atol=1e-12)


def test_agreement_runs_blas_on_one_thread_and_restores_it():
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    with one_thread():
        assert all(n == 1 for n in blas_threads())
    assert blas_threads() == before


def test_overlapping_one_thread_contexts_restore_the_count_when_the_last_ends():
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    first, second = one_thread(), one_thread()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first leaves while the second still computes
    assert all(n == 1 for n in blas_threads())
    second.__exit__(None, None, None)
    assert blas_threads() == before


@pytest.mark.parametrize("coders", [3, 30, 100])  # counted, packed into one integer, compared as bytes
def test_unique_rows_of_an_int8_table_equal_those_of_the_same_int64_table(coders):
    rng = np.random.default_rng(coders)
    values = rng.integers(-1, 3, size=(500, coders))
    values = np.concatenate([values, values[::7]])  # repeated rows
    wide, wide_inverse = M.unique_rows(values)
    narrow, narrow_inverse = M.unique_rows(values.astype(np.int8))
    assert narrow.dtype == np.int8
    np.testing.assert_array_equal(narrow, wide)
    np.testing.assert_array_equal(narrow_inverse, wide_inverse)
    np.testing.assert_array_equal(wide[wide_inverse], values)
