"""Every worked example in ../shared/reference/agreement-cases.md, to the digits given there.

The numbers are copied from that file (they are published facts); sources are named per test.
"""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.agreement import measures as M
from annotator.core.agreement.unitizing import merge_overlaps, unitizing_alpha


def table(text: str) -> M.ReliabilityData:
    rows = [[None if v == "." else int(v) for v in line.split()] for line in text.strip().splitlines()]
    return M.ReliabilityData.from_rows(rows)


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders x 12 units.
K1 = """
1 2 3 3 2 1 4 1 2 . . .
1 2 3 3 2 2 4 1 2 5 . 3
. 3 3 3 2 3 4 2 2 5 1 .
1 2 3 3 2 4 4 1 2 5 1 .
"""
# Wikipedia's computational example, 3 coders x 15 units.
K2 = """
. . . . . 3 4 1 2 1 1 3 3 . 3
1 . 2 1 3 3 4 3 . . . . . . .
. . 2 1 3 4 4 . 2 1 1 3 3 . 4
"""


def test_k1_all_levels():
    data = table(K1)
    assert M.krippendorff_alpha(data, "nominal").value == pytest.approx(113 / 152, abs=1e-12)
    assert round(M.krippendorff_alpha(data, "nominal").value, 6) == 0.743421
    assert round(M.krippendorff_alpha(data, "ordinal").value, 3) == 0.815
    assert round(M.krippendorff_alpha(data, "interval").value, 3) == 0.849
    assert round(M.krippendorff_alpha(data, "ratio").value, 3) == 0.797
    assert M.pairable_values(data) == 40  # unit 12 has a single value and is dropped


def test_k2_nominal_and_interval():
    data = table(K2)
    assert M.krippendorff_alpha(data, "nominal").value == pytest.approx(56 / 81, abs=1e-12)
    assert round(M.krippendorff_alpha(data, "nominal").value, 3) == 0.691
    assert round(M.krippendorff_alpha(data, "interval").value, 3) == 0.811


def from_contingency(counts: list[list[int]]) -> M.ReliabilityData:
    k = len(counts)
    pairs = np.array([(i, j) for i in range(k) for j in range(k)])
    return M.ReliabilityData.from_unit_values(pairs, categories=tuple(range(k)),
                                              weights=np.array(counts, dtype=float).ravel())


def test_cohen_1960_kappa():
    data = from_contingency([[88, 14, 18], [10, 40, 10], [2, 6, 12]])
    assert round(M.percent_agreement(data).value, 2) == 0.70
    assert round(M.cohen_kappa(data).value, 3) == 0.492


def test_cohen_two_by_two():
    assert round(M.cohen_kappa(from_contingency([[20, 5], [10, 15]])).value, 2) == 0.40


def test_skewed_pi_versus_ac1():
    # 8 units (yes, yes), 1 (no, no), 1 (yes, no): high raw agreement, kappa paradox.
    data = M.ReliabilityData.from_unit_values(np.array([[1, 1], [0, 0], [1, 0]]), categories=(0, 1),
                                              weights=np.array([8, 1, 1]))
    assert round(M.scott_pi(data).value, 4) == 0.6078
    assert round(M.gwet_ac1(data).value, 4) == 0.8658


def test_nvivo_percent_agreement_is_inflated():
    # 1,000 characters: 50 coded by both, 150 by exactly one, 800 by neither.
    data = M.ReliabilityData.from_unit_values(np.array([[1, 1], [1, 0], [0, 1], [0, 0]]), categories=(0, 1),
                                              weights=np.array([50, 75, 75, 800]))
    assert M.percent_agreement(data).value == pytest.approx(0.85)
    assert M.cohen_kappa(data).value < 0.4  # why kappa/alpha are reported beside it


def test_fleiss_1971():
    counts = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
              [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    assert round(M.fleiss_from_counts(counts).value, 3) == 0.210


def test_fleiss_from_reliability_data_equals_counts_form():
    rng = np.random.default_rng(5)
    values = rng.integers(0, 3, size=(30, 4))
    data = M.ReliabilityData.from_unit_values(values, categories=(0, 1, 2))
    counts = M.value_counts(values, 3)
    assert M.fleiss_kappa(data).value == pytest.approx(M.fleiss_from_counts(counts).value, abs=1e-12)


def units(spec: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(begin, begin + length) for begin, length in spec]


def test_u1_krippendorff_2004_alpha_u():
    study = {
        "c": [units([(75, 70), (220, 30)]), units([(70, 80), (205, 20), (250, 20)])],
        "k": [units([(30, 60), (150, 50)]), units([(30, 60), (150, 50)])],
    }
    result = unitizing_alpha(study, 300)
    c = result.categories["c"]
    assert round(c.observed, 4) == 0.0144
    assert round(c.expected, 4) == 0.0532
    assert round(c.alpha, 4) == 0.7286
    assert result.categories["k"].alpha == 1.0
    assert round(result.overall, 4) == 0.8587


def test_u3_disagreement_case():
    result = unitizing_alpha({"A": [units([(1, 8)]), units([(2, 1), (4, 1), (6, 1)])]}, 10)
    a = result.categories["A"]
    assert round(a.observed, 4) == 0.9100
    assert round(a.expected, 5) == 0.53519
    assert round(a.alpha, 4) == -0.7003


def test_overlapping_spans_merge_adjacent_stay_separate():
    assert merge_overlaps([(0, 5), (3, 8), (8, 10)]) == [(0, 8), (8, 10)]


def test_alpha_undefined_when_one_value_occurs():
    data = M.ReliabilityData.from_rows([[1, 1, 1], [1, 1, 1]])
    alpha = M.krippendorff_alpha(data)
    assert alpha.value is None and "one value" in alpha.reason
    assert M.cohen_kappa(data).value is None
    assert M.scott_pi(data).value is None
    # Brennan-Prediger's q comes from the codebook, so it stays defined.
    assert M.brennan_prediger(M.ReliabilityData(data.patterns, data.weights, (0, 1), q=2)).value == 1.0


def test_alpha_undefined_without_pairable_values():
    data = M.ReliabilityData.from_rows([[1, None], [None, 2]])
    assert M.krippendorff_alpha(data).reason == "fewer than two pairable values"
    assert M.percent_agreement(data).value is None


def test_brennan_prediger_uses_codebook_q():
    data = M.ReliabilityData.from_unit_values(np.array([[0, 0], [1, 1], [0, 1]]), categories=(0, 1, 2),
                                              weights=np.array([4, 4, 2]), q=4)
    assert M.brennan_prediger(data).value == pytest.approx((0.8 - 0.25) / 0.75)


def test_all_measures_reports_reasons():
    result = M.all_measures(M.ReliabilityData.from_rows([[1, 1], [1, 1]]))
    assert result.values["krippendorff_alpha"] is None
    assert "krippendorff_alpha" in result.undefined
    assert result.to_json_dict()["undefined"]["krippendorff_alpha"]


def test_u_alpha_family_hand_computed():
    """Krippendorff et al. (2016), eqs. 1, 4, 5a, 6, computed by hand on a 60-character continuum.

    coder 0: value 1 at [2, 5); coder 1: 1 at [2, 5), 2 at [10, 20); coder 2: 2 at [2, 5) and [15, 20).
    Observed coincidences (rows/columns: gap, 1, 2) from the pairwise intersections over m - 1 = 2:
    [[146, 0, 10], [0, 3, 3], [10, 3, 5]]; S = (156 gap characters, 18, 134); l.. = 180.
    """
    from annotator.core.agreement.unitizing import u_alpha_family

    result = u_alpha_family([[(2, 5, 1)], [(2, 5, 1), (10, 20, 2)], [(2, 5, 2), (15, 20, 2)]], 60, 2)
    assert result.observed.tolist() == [[146, 0, 10], [0, 3, 3], [10, 3, 5]]
    denominator = 180 ** 2 - (156 + 18 + 134)
    e = [180 * (156 * 156 - 156) / denominator, 180 * (6 * 6 - 18) / denominator,
         180 * (18 * 18 - 134) / denominator]
    assert result.u_alpha == pytest.approx(1 - (180 - 154) / (180 - sum(e)), abs=1e-12)
    assert round(result.u_alpha, 4) == 0.3983
    e_01 = 180 * 156 * 6 / denominator
    e_02 = 180 * 156 * 18 / denominator
    assert result.binary_u_alpha == pytest.approx(1 - 10 / (e_01 + e_02), abs=1e-12)


def test_u_alpha_with_single_character_units_is_character_alpha():
    """With every unit one character long, eq. 4 reduces to the ordinary expected coincidences."""
    from annotator.core.agreement.unitizing import u_alpha_family

    rng = np.random.default_rng(3)
    for _ in range(50):
        length, m = int(rng.integers(5, 40)), int(rng.integers(2, 5))
        values = rng.integers(0, 3, size=(m, length))
        units = [[(i, i + 1, int(v)) for i, v in enumerate(row) if v] for row in values]
        result = u_alpha_family(units, length, 2)
        expected = M.krippendorff_alpha(M.ReliabilityData.from_unit_values(values.T, categories=(0, 1, 2)))
        if expected.value is None:
            continue
        assert result.u_alpha == pytest.approx(expected.value, abs=1e-9)


def test_u_alpha_refuses_overlapping_values():
    from annotator.core.agreement.unitizing import u_alpha_family

    result = u_alpha_family([[(0, 5, 1), (3, 8, 2)], [(0, 5, 1)]], 10, 2)
    assert result.u_alpha is None and "overlap" in result.u_reason
