"""Our coefficients against independent implementations on hundreds of random data sets (to 1e-9).

References (test-only dependencies): the ``krippendorff`` package (asked for each level explicitly:
its default is interval) and nltk's ``AnnotationTask`` (multi-kappa = mean pairwise Cohen, multi-pi,
alpha). nltk's kappa and pi assume complete data, so they are compared on complete tables; alpha is
compared with missing data.
"""

from __future__ import annotations

import warnings
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask

from annotator.core.agreement import measures as M

import textbook  # tests/core/agreement/textbook.py (pytest puts this folder on sys.path)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def reliability(draw, missing: bool = True, max_coders: int = 5):
    m = draw(st.integers(2, max_coders))
    n = draw(st.integers(2, 25))
    k = draw(st.integers(2, 4))
    low = -1 if missing else 0
    cells = draw(st.lists(st.integers(low, k - 1), min_size=m * n, max_size=m * n))
    return np.array(cells, dtype=np.int64).reshape(m, n), k  # coders x units, -1 = missing


def as_float(table: np.ndarray) -> np.ndarray:
    out = table.astype(float)
    out[table < 0] = np.nan
    return out


def ours(table: np.ndarray, k: int) -> M.ReliabilityData:
    return M.ReliabilityData.from_unit_values(table.T, categories=tuple(range(k)))


def reference_alpha(table: np.ndarray, level: str) -> float | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = krippendorff.alpha(reliability_data=as_float(table), level_of_measurement=level)
    except (ValueError, ZeroDivisionError):
        return None
    return None if np.isnan(value) else float(value)


@SETTINGS
@given(reliability())
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_krippendorff_package(level, drawn):
    table, k = drawn
    mine = M.krippendorff_alpha(ours(table, k), level)
    expected = reference_alpha(table, level)
    assume(mine.value is not None and expected is not None)
    assert mine.value == pytest.approx(expected, abs=1e-9)


def annotation_task(table: np.ndarray) -> AnnotationTask:
    triples = [(f"c{c}", f"u{u}", int(v)) for c, row in enumerate(table) for u, v in enumerate(row) if v >= 0]
    return AnnotationTask(data=triples)


@SETTINGS
@given(reliability(missing=True))
def test_alpha_matches_nltk_with_missing_data(drawn):
    table, k = drawn
    mine = M.krippendorff_alpha(ours(table, k))
    assume(mine.value is not None)
    # nltk counts coders and items from the triples: keep only units with a value, coders with one.
    try:
        expected = annotation_task(table).alpha()
    except (ValueError, ZeroDivisionError):
        assume(False)
    assert mine.value == pytest.approx(expected, abs=1e-9)


@SETTINGS
@given(reliability(missing=False))
def test_pi_and_kappa_match_nltk_on_complete_data(drawn):
    table, k = drawn
    data = ours(table, k)
    task = annotation_task(table)
    pi = M.scott_pi(data)
    kappas = [M.cohen_kappa(data, a, b) for a, b in combinations(range(table.shape[0]), 2)]
    assume(pi.value is not None and all(x.value is not None for x in kappas))
    assert pi.value == pytest.approx(task.pi(), abs=1e-9)
    assert M.fleiss_kappa(data).value == pytest.approx(task.pi(), abs=1e-9)  # multi-pi = Fleiss on complete data
    light = M.all_measures(data).values.get("light_kappa", kappas[0].value)
    assert light == pytest.approx(task.kappa(), abs=1e-9)


@SETTINGS
@given(reliability(missing=True, max_coders=4))
def test_weighted_patterns_equal_expanded_units(drawn):
    """Collapsing units into weighted patterns must not change any coefficient."""
    table, k = drawn
    doubled = np.concatenate([table, table], axis=1)
    a, b = M.all_measures(ours(doubled, k)), M.all_measures(
        M.ReliabilityData.from_unit_values(table.T, categories=tuple(range(k)), weights=np.full(table.shape[1], 2.0)))
    for key, value in a.values.items():
        assert (value is None) == (b.values[key] is None)
        if value is not None:
            assert value == pytest.approx(b.values[key], abs=1e-9)


# --------------------------------------------------------------------------------------------------
# The Gwet family against the textbook, unit-by-unit forms (tests/core/agreement/textbook.py)
# --------------------------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reliability(missing=True), st.integers(0, 2), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_gwet_family_matches_textbook_forms(drawn, extra, level):
    table, k = drawn
    assume((table >= 0).any())  # a table with no value at all has no textbook form (it divides by zero)
    cats = list(range(1, k + 1))
    units = [[None if v < 0 else cats[v] for v in column] for column in table.T]
    if level != "nominal":
        extra = 0  # unused extra categories are compared unweighted only
    q = k + extra
    data = M.ReliabilityData.from_unit_values(table.T, categories=tuple(cats), q=q)
    result = M.all_measures(data, weighted_level=None if level == "nominal" else level, with_pairs=False,
                            with_se=False)
    w = M.agreement_weights(cats, level).tolist()
    name = (lambda base: base) if level == "nominal" else (lambda base: M.WEIGHTED_NAMES[base])
    expected = {"fleiss_kappa": textbook.fleiss(units, cats, w), "conger_kappa": textbook.conger(units, cats, w),
                "gwet_ac1": textbook.ac(units, cats, q, w), "brennan_prediger": textbook.bp(units, cats, q, w)}
    for base, value in expected.items():
        ours = result.values[name(base)]
        assert (ours is None) == (value is None), (base, ours, value)
        if value is not None:
            assert ours == pytest.approx(value, abs=1e-9), base
