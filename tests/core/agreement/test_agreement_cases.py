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


# --------------------------------------------------------------------------------------------------
# The Gwet family: q, missing data, Conger, standard errors (issue "Agreement you can defend")
# --------------------------------------------------------------------------------------------------

COHEN_1960 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]


def test_k1_fleiss_with_missing_data_is_gwets_generalisation():
    """Gwet (2014, pp. 55-56, printed .7612; irrCAC's README .76117, se .15302, on cac.raw4raters, which is
    K1 but for who gave unit 12's lone value, immaterial for Fleiss): .7612 from all 12 units, where
    Fleiss on the 8 complete units alone would give .6415."""
    data = table(K1)
    result = M.all_measures(data)
    assert round(result.values["fleiss_kappa"], 4) == 0.7612
    assert round(result.se["fleiss_kappa"], 5) == 0.15302
    complete = (data.patterns >= 0).all(axis=1)
    only_complete = M.ReliabilityData(data.patterns[complete], data.weights[complete], data.categories)
    assert round(M.fleiss_kappa(only_complete).value, 4) == 0.6415
    assert "Gwet" in result.notes["fleiss_kappa"]
    assert result.used["fleiss_kappa"]["units"] == 12  # every unit with a value, none dropped


def test_k1_gwet_family_as_irrcac_reports_it():
    """Krippendorff's (2011) 4 x 12 data: AC1 .77544 (se .14295) and Brennan-Prediger .77273 (q = 5
    observed categories) as Gwet's irrCAC README prints them; Conger .76207 is recomputed here, not
    printed: irrCAC's and Gwet's (2014) version of these data gives unit 12's lone value to another coder,
    and there Conger is .76282 / .7628 (test_published_examples.py, test_conger_depends_on_...)."""
    result = M.all_measures(table(K1))
    assert round(result.values["gwet_ac1"], 5) == 0.77544
    assert round(result.se["gwet_ac1"], 5) == 0.14295
    assert round(result.values["conger_kappa"], 5) == 0.76207
    assert round(result.values["brennan_prediger"], 5) == 0.77273
    assert result.q == 5


def test_k1_ac2_with_ordinal_weights():
    """irrCAC's gwet.ac1.raw(cac.raw4raters, weights = "ordinal"): AC2 .8989."""
    result = M.all_measures(table(K1), weighted_level="ordinal")
    assert round(result.values["gwet_ac2"], 4) == 0.8989


def test_cohen_1960_gwet_ac1_brennan_prediger_conger():
    """Cohen's (1960) table, q = 3. AC1 as Gwet (2008) defines it (computed, not printed anywhere we found;
    DKPro Statistics computes the same): p_a .70, pi = (.55, .30, .15),
    p_e = sum pi (1 - pi) / (q - 1) = .2925, AC1 = .4075 / .7075 = .576. Brennan & Prediger (1981)
    kappa_n = (p_o - 1/q) / (1 - 1/q) = .55. Conger (1980) reduces to Cohen's kappa for two coders: .492."""
    data = from_contingency(COHEN_1960)
    result = M.all_measures(data)
    assert round(result.values["gwet_ac1"], 3) == 0.576
    assert round(result.values["brennan_prediger"], 3) == 0.550
    assert round(result.values["conger_kappa"], 3) == round(result.values["cohen_kappa"], 3) == 0.492


def test_bennett_s_is_brennan_prediger():
    """Bennett, Alpert & Goldstein's S (1954; Krippendorff 2004, p. 246): S = (K/(K-1)) (p_o - 1/K), the same
    chance model as Brennan-Prediger. The skewed 2 x 10 data: p_o .9, K = 2 -> S = .80; with K = 4
    possible values (two never used) S = (4/3)(.9 - .25) = .8667. Krippendorff's printed p. 246 tables
    (S .190) are in test_published_examples.py."""
    data = M.ReliabilityData.from_unit_values(np.array([[1, 1], [0, 0], [1, 0]]), categories=(0, 1),
                                              weights=np.array([8, 1, 1]))
    assert round(M.brennan_prediger(data).value, 4) == 0.8
    wider = M.ReliabilityData(data.patterns, data.weights, data.categories, q=4)
    assert round(M.brennan_prediger(wider).value, 4) == round(4 / 3 * (0.9 - 0.25), 4) == 0.8667


def test_q_changes_ac1_and_bp_but_not_alpha_kappa_pi():
    data = from_contingency(COHEN_1960)
    wider = M.ReliabilityData(data.patterns, data.weights, data.categories, q=4)
    a, b = M.all_measures(data), M.all_measures(wider)
    for name in ("krippendorff_alpha", "cohen_kappa", "scott_pi", "fleiss_kappa", "conger_kappa"):
        assert a.values[name] == pytest.approx(b.values[name])
    assert b.values["brennan_prediger"] > a.values["brennan_prediger"]
    assert b.q == 4 and b.to_json_dict()["q"] == 4


def test_weighted_kappa_quadratic_equals_interval_alpha_family_limits():
    """Cohen's (1968) weighted kappa with quadratic weights on the 2 x 2 table is the unweighted kappa
    (two categories: every weight is 0 or 1)."""
    data = from_contingency([[20, 5], [10, 15]])
    assert M.cohen_kappa(data, level="interval").value == pytest.approx(M.cohen_kappa(data).value)


def test_pairs_for_every_coder_pair_at_once_match_one_pair_at_a_time():
    rng = np.random.default_rng(11)
    values = rng.integers(-1, 3, size=(60, 5))
    data = M.ReliabilityData.from_unit_values(values, categories=(0, 1, 2))
    pairs = M.pair_table(data)
    for a in range(5):
        for b in range(a + 1, 5):
            pair = data.select_coders([a, b])
            kappa = M.cohen_kappa(pair)
            alpha = M.krippendorff_alpha(pair)
            if kappa.defined:
                assert pairs.cohen_kappa[a, b] == pytest.approx(kappa.value, abs=1e-12)
            if alpha.defined:
                assert pairs.krippendorff_alpha[a, b] == pytest.approx(alpha.value, abs=1e-12)
            assert pairs.percent_agreement[a, b] == pytest.approx(M.percent_agreement(pair).value, abs=1e-12)


def test_bootstrap_of_every_coefficient_uses_the_same_formulas():
    """Resampling with every weight 1 reproduces the point estimates exactly."""
    data = table(K1)
    stats = M.statistics(data)
    point = M.all_measures(data, with_pairs=False)
    totals = stats.totals(np.vstack([data.weights, data.weights]))
    intervals = M.bootstrap_intervals(stats, totals)
    for name in ("krippendorff_alpha", "fleiss_kappa", "conger_kappa", "gwet_ac1", "brennan_prediger",
                 "scott_pi", "percent_agreement"):
        assert intervals[name]["low"] == pytest.approx(point.values[name])
        assert intervals[name]["high"] == pytest.approx(point.values[name])


def test_cu_alpha_with_single_character_units_is_alpha_where_both_coded():
    """cu-alpha (Krippendorff et al. 2016, eqs. 10-11) for two coders and one-character units reduces to
    nominal alpha over the characters both coders gave a value: S*_c counts each unit's one shared
    character once, the "-1" of ordinary alpha."""
    from annotator.core.agreement.unitizing import u_alpha_family

    rng = np.random.default_rng(8)
    checked = 0
    for _ in range(100):
        length = int(rng.integers(5, 40))
        values = rng.integers(0, 4, size=(2, length))
        units = [[(i, i + 1, int(v)) for i, v in enumerate(row) if v] for row in values]
        result = u_alpha_family(units, length, 3)
        both = (values > 0).all(axis=0)
        expected = M.krippendorff_alpha(M.ReliabilityData.from_unit_values(values[:, both].T - 1,
                                                                           categories=(0, 1, 2)))
        if expected.value is None or result.cu_alpha is None:
            continue
        assert result.cu_alpha == pytest.approx(expected.value, abs=1e-9)
        assert result.cu_coverage == pytest.approx(both.sum() / length)
        checked += 1
    assert checked > 50


def test_cu_alpha_hand_computed_two_coders():
    """Coder 0: value 1 on [0, 10), 2 on [10, 20); coder 1: 1 on [0, 15), 2 on [15, 20); continuum 30.
    Valued coincidences (/(m - 1) = 1, both directions): l*_11 = 2*10, l*_12 = l*_21 = 5, l*_22 = 2*5;
    margins 25, 15; l*.. = 40. S*: coder 0's units share 10 and 10 with coder 1's matter, coder 1's 15
    and 5: S*_1 = 100 + 225, S*_2 = 100 + 25. e*_11 = (625 - 325) / (40 - 450/40), e*_22 = (225 - 125) /
    (40 - 450/40); cu-alpha = 1 - (40 - 30) / (40 - e*_11 - e*_22)."""
    from annotator.core.agreement.unitizing import u_alpha_family

    result = u_alpha_family([[(0, 10, 1), (10, 20, 2)], [(0, 15, 1), (15, 20, 2)]], 30, 2)
    den = 40 - 450 / 40
    e11, e22 = (625 - 325) / den, (225 - 125) / den
    assert result.cu_alpha == pytest.approx(1 - 10 / (40 - e11 - e22), abs=1e-12)
    e1 = (625 - 325 + 25 * 15) / den
    assert result.k_u_alpha[1] == pytest.approx(1 - (e1 / 25) * (25 - 20) / (e1 - e11), abs=1e-12)
