"""The published worked examples behind issue 15, at the precision they are printed, each with its source.

How the printed values were read (the primary texts are not on this machine; see docs/measures and
team note verify.md): the tables and printed values of Brennan & Prediger (1981), Krippendorff (2004) and
Cohen (1960) as DKPro Statistics transcribes them in its tests (dkpro/dkpro-statistics,
dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/agreement/coding/*Test.java, with page
numbers); Gwet's Handbook (2014, 4th ed.) as J. M. Girard's `agreement` R package transcribes its tables
and printed values in tests (jmgirard/agreement, tests/testthat/, data-raw/, "plus errata"); Gwet's own
irrCAC README (kgwet/irrCAC, README.md), which prints the package's output on his Table 4.4 data.

Where a printed value disagrees with a value we would have guessed, the test says why (a different data
arrangement, a different missing-data convention) and the measure page documents it.
"""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.agreement import measures as M


def table(pairs: list[tuple[int, object, object]], categories: tuple[object, ...]) -> M.ReliabilityData:
    """Two coders from (count, value of coder A, value of coder B) cells of a contingency table."""
    index = {c: i for i, c in enumerate(categories)}
    values = np.array([[index[a], index[b]] for _, a, b in pairs])
    return M.ReliabilityData.from_unit_values(values, categories=categories,
                                              weights=np.array([n for n, _, _ in pairs], dtype=float))


def units(rows: list[list[object]], categories: tuple[object, ...] | None = None) -> M.ReliabilityData:
    """Units x coders as printed (one row per unit, None = not rated)."""
    return M.ReliabilityData.from_rows([list(c) for c in zip(*rows)], categories=categories)


def chance(p_o: float, value: float) -> float:
    """The chance term implied by a coefficient (p_o - p_e) / (1 - p_e) and its observed agreement."""
    return (p_o - value) / (1 - value)


def nominal_disagreements(data: M.ReliabilityData) -> tuple[float, float]:
    """Krippendorff's D_o and D_e (nominal) from the coincidence matrix."""
    o = M.coincidence_matrix(data)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    return (n - np.trace(o)) / n, (n * n - (n_c ** 2).sum()) / (n * (n - 1))


# --------------------------------------------------------------------------------------------------
# Brennan & Prediger (1981), Educational and Psychological Measurement 41(3), 687-699
# --------------------------------------------------------------------------------------------------

# p. 689 and p. 691: two raters, three categories, cell proportions (here x 100).
BP1981_P689 = [(50, 1, 1), (10, 2, 1), (10, 2, 2), (10, 2, 3), (20, 3, 1)]
BP1981_P691 = [(50, 1, 1), (10, 1, 3), (10, 2, 2), (10, 2, 3), (10, 3, 1), (10, 3, 2)]


@pytest.mark.parametrize("cells, p_c, kappa", [(BP1981_P689, 0.45, 0.27), (BP1981_P691, 0.44, 0.29)])
def test_brennan_prediger_1981_kappa_and_kappa_n(cells, p_c, kappa):
    """Printed (2 decimals): p_o .60; kappa's chance term .45 / .44 and kappa .27 / .29; kappa_n with
    chance 1/n = .33 (n = 3 categories) is .40 in both tables, although kappa differs."""
    data = table(cells, (1, 2, 3))
    result = M.all_measures(data)
    assert round(result.values["percent_agreement"], 2) == 0.60
    assert round(result.values["cohen_kappa"], 2) == kappa
    assert round(chance(0.60, result.values["cohen_kappa"]), 2) == p_c
    assert result.q == 3 and round(1 / result.q, 2) == 0.33
    assert round(result.values["brennan_prediger"], 2) == 0.40


# --------------------------------------------------------------------------------------------------
# Bennett, Alpert & Goldstein's S in Krippendorff (2004), Content Analysis (2nd ed.), p. 246
# --------------------------------------------------------------------------------------------------

K2004_P246_A = [(12, "a", "a"), (9, "a", "b"), (9, "a", "c"), (9, "b", "a"), (14, "b", "b"), (9, "b", "c"),
                (9, "c", "a"), (9, "c", "b"), (20, "c", "c")]
K2004_P246_B = [(12, "a", "a"), (18, "a", "b"), (18, "a", "c"), (14, "b", "b"), (18, "b", "c"), (20, "c", "c")]


@pytest.mark.parametrize("cells, kappa", [(K2004_P246_A, 0.186), (K2004_P246_B, 0.258)])
def test_krippendorff_2004_p246_bennett_s_pi_kappa(cells, kappa):
    """Printed (3 decimals): both tables A_o .460, S .190, pi .186; kappa .186 and .258. Same matches and
    the same pooled distribution, the disagreements moved off the diagonal to one side: S and pi do not
    move, kappa rewards the coders' differing distributions. S is Brennan-Prediger with q = K = 3."""
    result = M.all_measures(table(cells, ("a", "b", "c")))
    assert round(result.values["percent_agreement"], 3) == 0.460
    assert result.q == 3
    assert round(result.values["brennan_prediger"], 3) == 0.190
    assert round(result.values["scott_pi"], 3) == 0.186
    assert round(result.values["cohen_kappa"], 3) == kappa


def test_krippendorff_2004_alpha_examples_p224_p227_p230():
    """Krippendorff (2004): p. 224, binary, 10 units: A_o .600, D_o .400, D_e .442, alpha .095; p. 227,
    3 values, 12 units: A_o .833, D_o .1667, D_e .6268, alpha .734; p. 230, 4 coders x 12 units with
    missing values: D_o .200, D_e .779, alpha .743. (In DKPro's transcription of p. 230, as in Gwet's
    Table 4.4, the lone value of unit 12 is coder C's; Krippendorff 2011 prints it under coder B. alpha
    pools the values and is the same either way.)"""
    p224 = units([[1, 0], [1, 1], [0, 1], [0, 0], [0, 0], [0, 1], [0, 0], [0, 1], [0, 0], [0, 0]])
    assert round(M.percent_agreement(p224).value, 3) == 0.600
    d_o, d_e = nominal_disagreements(p224)
    assert (round(d_o, 3), round(d_e, 3), round(M.krippendorff_alpha(p224).value, 3)) == (0.400, 0.442, 0.095)

    p227 = units([list(pair) for pair in ("aa", "ab", "bb", "bb", "bb", "bb", "bc", "cc", "cc", "cc", "cc", "cc")])
    assert round(M.percent_agreement(p227).value, 3) == 0.833
    d_o, d_e = nominal_disagreements(p227)
    assert (round(d_o, 4), round(d_e, 4), round(M.krippendorff_alpha(p227).value, 3)) == (0.1667, 0.6268, 0.734)

    p230 = units([["B", "B", None, "B"], ["L", "L", "P", "L"], ["P", "P", "P", "P"], ["P", "P", "P", "P"],
                  ["L", "L", "L", "L"], ["B", "L", "P", "C"], ["C", "C", "C", "C"], ["B", "B", "L", "B"],
                  ["L", "L", "L", "L"], [None, "F", "F", "F"], [None, None, "B", "B"], [None, None, "P", None]])
    d_o, d_e = nominal_disagreements(p230)
    assert (round(d_o, 3), round(d_e, 3), round(M.krippendorff_alpha(p230).value, 3)) == (0.200, 0.779, 0.743)


# --------------------------------------------------------------------------------------------------
# Cohen (1960), Educational and Psychological Measurement 20(1), 37-46; AC1 as Gwet (2008) defines it
# --------------------------------------------------------------------------------------------------

COHEN_1960_P37 = [(25, 1, 1), (12, 1, 2), (3, 1, 3), (13, 2, 1), (2, 2, 2), (15, 2, 3), (12, 3, 1), (16, 3, 2),
                  (2, 3, 3)]
COHEN_1960_P45 = [(88, 1, 1), (14, 1, 2), (18, 1, 3), (10, 2, 1), (40, 2, 2), (10, 2, 3), (2, 3, 1), (6, 3, 2),
                  (12, 3, 3)]


def test_cohen_1960_printed_values():
    """p. 37: p_o .29, p_c .35 (printed, 2 decimals); p. 45: p_o .70, p_c .41, kappa .492."""
    p37 = M.all_measures(table(COHEN_1960_P37, (1, 2, 3)))
    assert round(p37.values["percent_agreement"], 2) == 0.29
    assert round(chance(0.29, p37.values["cohen_kappa"]), 2) == 0.35
    p45 = M.all_measures(table(COHEN_1960_P45, (1, 2, 3)))
    assert round(p45.values["percent_agreement"], 2) == 0.70
    assert round(chance(0.70, p45.values["cohen_kappa"]), 2) == 0.41
    assert round(p45.values["cohen_kappa"], 3) == 0.492


def test_cohen_1960_tables_ac1_from_gwets_2008_definition():
    """No printed AC1 exists for Cohen's tables that we could find: Gwet (2008) does not analyse them.
    These are computed from Gwet's (2008) definition, p_e = sum_k pi_k (1 - pi_k) / (q - 1), and agree
    with the independent DKPro Statistics implementation (Gwet2008Test, 4 decimals): p. 37 p_e .3225,
    AC1 -.0480; p. 45 p_e .2925, AC1 .5760."""
    p37 = M.gwet_ac1(table(COHEN_1960_P37, (1, 2, 3))).value
    p45 = M.gwet_ac1(table(COHEN_1960_P45, (1, 2, 3))).value
    assert (round(chance(0.29, p37), 4), round(p37, 4)) == (0.3225, -0.0480)
    assert (round(chance(0.70, p45), 4), round(p45, 4)) == (0.2925, 0.5760)


# --------------------------------------------------------------------------------------------------
# Gwet (2014), Handbook of Inter-Rater Reliability (4th ed.): missing-data Fleiss, Conger, AC1/AC2, BP
# --------------------------------------------------------------------------------------------------

# Table 4.4 (p. 120), also irrCAC's cac.raw4raters: Krippendorff's 4 x 12 data, except that the lone
# value of unit 12 belongs to rater 3 (in Krippendorff 2011 it is coder B's).
GWET_TABLE_4_4 = [["a", "a", None, "a"], ["b", "b", "c", "b"], ["c", "c", "c", "c"], ["c", "c", "c", "c"],
                  ["b", "b", "b", "b"], ["a", "b", "c", "d"], ["d", "d", "d", "d"], ["a", "a", "b", "a"],
                  ["b", "b", "b", "b"], [None, "e", "e", "e"], [None, None, "a", "a"], [None, None, "c", None]]


def test_gwet_2014_pp55_56_missing_data_family():
    """Printed (4 decimals, with the errata for p. 56): p_a .8182 for the kappa family; Conger p_e .2334,
    .7628; Brennan-Prediger p_e .2000, .7727; Fleiss (Gwet's missing-data form) p_e .2387, .7612; AC1
    p_e .1903, .7754; Krippendorff's alpha .7434."""
    result = M.all_measures(units(GWET_TABLE_4_4, tuple("abcde")))
    assert round(result.values["percent_agreement"], 4) == 0.8182
    printed = {"conger_kappa": (0.2334, 0.7628), "brennan_prediger": (0.2000, 0.7727),
               "fleiss_kappa": (0.2387, 0.7612), "gwet_ac1": (0.1903, 0.7754)}
    p_a = result.values["percent_agreement"]
    for name, (p_e, value) in printed.items():
        assert round(result.values[name], 4) == value, name
        assert round(chance(p_a, result.values[name]), 4) == p_e, name
    assert round(result.values["krippendorff_alpha"], 4) == 0.7434
    assert result.used["fleiss_kappa"]["units"] == 12  # unit 12 (one value) counts in the chance term


def test_irrcac_readme_prints_on_table_4_4():
    """Gwet's irrCAC README (5 decimals): AC1 .77544 (se .14295), Fleiss .76117 (se .15302), Conger
    .76282 (se .14917), Brennan-Prediger .77273 (se .14472), alpha .74342; p_a .8181818."""
    result = M.all_measures(units(GWET_TABLE_4_4, tuple("abcde")))
    printed = {"gwet_ac1": (0.77544, 0.14295), "fleiss_kappa": (0.76117, 0.15302),
               "conger_kappa": (0.76282, 0.14917), "brennan_prediger": (0.77273, 0.14472)}
    for name, (value, se) in printed.items():
        assert round(result.values[name], 5) == value, name
        assert round(result.se[name], 5) == se, name
    assert round(result.values["krippendorff_alpha"], 5) == 0.74342
    assert round(result.values["percent_agreement"], 7) == 0.8181818


def test_conger_depends_on_who_gave_the_lone_value():
    """Why Krippendorff's (2011) arrangement gives Conger .76207 and Gwet's Table 4.4 .7628: Conger's chance
    term uses each coder's own distribution over all the values that coder gave, so moving unit 12's
    single value from coder B to coder C changes it; the pooled coefficients do not change."""
    krippendorff_2011 = [row[:] for row in GWET_TABLE_4_4]
    krippendorff_2011[11] = [None, "c", None, None]
    a = M.all_measures(units(krippendorff_2011, tuple("abcde")))
    b = M.all_measures(units(GWET_TABLE_4_4, tuple("abcde")))
    assert round(a.values["conger_kappa"], 5) == 0.76207
    assert round(b.values["conger_kappa"], 5) == 0.76282
    for name in ("krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "brennan_prediger", "percent_agreement"):
        assert a.values[name] == pytest.approx(b.values[name], abs=1e-12), name


# pp. 89-90: 4 raters, 16 units, numeric ratings 0.5-2.5 with missing values, quadratic weights.
GWET_PP89_90 = [[1.0, 1.5, 1.0, None], [2.0, 2.0, 2.0, 2.0], [0.5, 1.0, 1.5, 1.5], [1.0, 1.0, 1.0, 1.0],
                [1.0, 1.0, 1.0, 1.5], [None, 1.0, 2.5, None], [2.5, 2.5, 2.5, 2.5], [1.0, 1.0, None, 1.0],
                [None, 1.0, 2.0, 1.0], [1.0, 1.0, 0.5, 1.0], [1.5, 1.5, 1.5, 1.5], [1.0, 1.5, 1.0, None],
                [1.0, 1.0, 1.5, None], [1.0, 2.0, 2.5, 2.0], [None, 1.0, 1.5, 1.0], [0.5, 0.5, 0.5, 0.5]]


def test_gwet_2014_pp89_90_quadratic_weights():
    """Printed (4 decimals): weighted p_a .9206; Conger p_e .8314, .5290; Brennan-Prediger p_e .7500,
    .6823; Fleiss p_e .8377, .5107; AC2 p_e .6462, .7755; interval alpha .6180. Gwet's quadratic weights
    are our interval level over the five values used (0.5 ... 2.5)."""
    data = units(GWET_PP89_90)
    assert data.categories == (0.5, 1.0, 1.5, 2.0, 2.5)
    result = M.all_measures(data, levels=("interval",), weighted_level="interval")
    printed = {"weighted_conger_kappa": (0.8314, 0.5290), "weighted_brennan_prediger": (0.7500, 0.6823),
               "weighted_fleiss_kappa": (0.8377, 0.5107), "gwet_ac2": (0.6462, 0.7755)}
    p_a = 0.9206
    for name, (p_e, value) in printed.items():
        assert round(result.values[name], 4) == value, name
        assert chance(p_a, result.values[name]) == pytest.approx(p_e, abs=2e-4), name  # p_a printed to 4 places
    assert round(result.values["krippendorff_alpha_interval"], 4) == 0.6180


# Table 3.5 (p. 80), Example 3.2 (p. 84): 2 raters, 11 units, ordered A < B < C, missing values.
GWET_TABLE_3_5 = [[1, None], [2, 3], [3, 3], [3, 3], [2, 2], [2, None], [1, 1], [1, 2], [2, 2], [2, 2], [None, 3]]


def test_gwet_2014_example_3_2_two_raters_with_missing_values():
    """Printed (4 decimals, with errata; quadratic weights, A, B, C scored 1, 2, 3 as Gwet does for letter
    categories): weighted p_a .9375; kappa .7772; AC2 .8261; pi .7673; Brennan-Prediger .8125; alpha .7581.

    Gwet's kappa with missing values takes each rater's distribution over all units that rater rated: our
    `weighted_conger_kappa` (Conger = Cohen for two raters). Our `weighted_kappa` follows Cohen (1960) and
    uses the 8 units both rated (.75): a documented choice (docs/measures/cohens-kappa.md), not this
    example's number."""
    result = M.all_measures(units(GWET_TABLE_3_5, (1, 2, 3)), levels=("interval",), weighted_level="interval")
    assert round(result.values["weighted_conger_kappa"], 4) == 0.7772
    assert round(result.values["gwet_ac2"], 4) == 0.8261
    assert round(result.values["weighted_fleiss_kappa"], 4) == 0.7673
    assert round(result.values["weighted_brennan_prediger"], 4) == 0.8125
    assert round(result.values["krippendorff_alpha_interval"], 4) == 0.7581
    assert chance(0.9375, result.values["weighted_brennan_prediger"]) == pytest.approx(2 / 3, abs=1e-4)
    assert round(result.values["weighted_kappa"], 4) == 0.75
    assert result.used["weighted_kappa"]["units"] == 8


# --------------------------------------------------------------------------------------------------
# Randolph (2005), free-marginal multirater kappa = Brennan-Prediger for many raters
# --------------------------------------------------------------------------------------------------

def test_randolph_2005_p17_free_marginal_many_raters():
    """Randolph (2005, p. 17), 3 raters, 4 cases, yes/no. Case set 1: Fleiss p_o .67, p_e .50, kappa .33;
    free-marginal kappa .33. Case set 2: Fleiss -.20, free-marginal .33 (q = 2)."""
    first = M.all_measures(units([["Y", "Y", "Y"], ["Y", "Y", "N"], ["N", "N", "Y"], ["N", "N", "N"]]))
    assert round(first.values["percent_agreement"], 2) == 0.67
    assert round(chance(2 / 3, first.values["fleiss_kappa"]), 2) == 0.50
    assert round(first.values["fleiss_kappa"], 2) == 0.33
    assert round(first.values["brennan_prediger"], 2) == 0.33
    second = M.all_measures(units([["Y", "Y", "Y"], ["Y", "Y", "N"], ["Y", "Y", "N"], ["Y", "Y", "Y"]],
                                  ("N", "Y")))
    assert second.q == 2
    assert round(second.values["fleiss_kappa"], 2) == -0.20
    assert round(second.values["brennan_prediger"], 2) == 0.33
