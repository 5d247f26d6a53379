"""The shared boundary sweep against a naive unit-by-unit matrix, on random documents, segments and units."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.agreement import measures as M
from annotator.core.agreement.units import Boundaries, UnitAxis, build_axis, code_rows, merge_intervals, target_runs


@st.composite
def corpus(draw):
    n_docs = draw(st.integers(1, 4))
    m = draw(st.integers(2, 4))
    channels = draw(st.integers(1, 3))
    lengths = [draw(st.integers(1, 40)) for _ in range(n_docs)]
    segments = []
    for _ in range(draw(st.integers(0, 25))):
        d = draw(st.integers(0, n_docs - 1))
        s = draw(st.integers(0, lengths[d] - 1))
        e = draw(st.integers(s + 1, lengths[d]))
        segments.append((d, draw(st.integers(0, m - 1)), draw(st.integers(0, channels - 1)), s, e))
    done = np.array([[draw(st.booleans()) or draw(st.booleans()) for _ in range(m)] for _ in range(n_docs)])
    # random text units: sorted disjoint spans inside each document
    units = []
    for length in lengths:
        cuts = sorted(draw(st.sets(st.integers(0, length), min_size=2, max_size=12)))
        spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
        units.append(spans)
    return lengths, m, channels, segments, done, units


def naive(lengths, m, channels, segments, done, spans_per_doc, kind):
    rows = []
    for d, spans in enumerate(spans_per_doc):
        for s, e in spans:
            row = []
            for c in range(m):
                if not done[d, c]:
                    row.append(-1)
                    continue
                hit = {ch for dd, cc, ch, ss, ee in segments if dd == d and cc == c and ss < e and ee > s}
                if kind == "code":
                    row.append(int(bool(hit)))
                else:  # two different children on one unit: a conflict, the coder is missing there
                    row.append(-1 if len(hit) > 1 else (min(hit) + 1 if hit else 0))
            rows.append(row)
    return np.array(rows, dtype=np.int64).reshape(-1, m)


def tables(axis: UnitAxis, lengths, m, channels, segments, done, kind):
    arr = np.array(segments, dtype=np.int64).reshape(-1, 5)
    lo, hi = axis.map_segments(arr[:, 0], arr[:, 3], arr[:, 4])
    # Every channel is its own code id here (code = channel), so a group target maps code c -> channel c + 1.
    bounds = Boundaries.build(arr[:, 2], arr[:, 1], lo, hi, m)
    runs = target_runs(bounds, {c: c + 1 for c in range(channels)}, axis.doc_offsets, m)
    return code_rows(runs, done, axis.doc_units, kind)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus(), st.sampled_from(["character", "text", "document"]), st.sampled_from(["code", "group"]))
def test_sweep_equals_naive_matrix(drawn, kind_of_axis, kind):
    lengths, m, channels, segments, done, units = drawn
    if kind == "code":
        segments = [(d, c, 0, s, e) for d, c, _, s, e in segments]
        channels = 1
    if kind_of_axis == "character":
        axis = build_axis("character", lengths)
        spans = [[(i, i + 1) for i in range(n)] for n in lengths]
    elif kind_of_axis == "document":
        axis = build_axis("document", lengths)
        spans = [[(0, n)] for n in lengths]
    else:
        text = {d: chr(65 + d) * n for d, n in enumerate(lengths)}  # distinct texts: no cache sharing
        splits = iter(units)
        import annotator.core.agreement.units as U

        original = U.SPLITTERS["sentence"]
        U.SPLITTERS["sentence"] = lambda _text: next(splits)
        try:
            axis = build_axis("sentence", lengths, lambda d: text[d], cache={})
        finally:
            U.SPLITTERS["sentence"] = original
        spans = units
    table = tables(axis, lengths, m, channels, segments, done, kind)
    expected = naive(lengths, m, channels, segments, done, spans, kind)
    k = 2 if kind == "code" else channels + 1
    ours = M.ReliabilityData(table.patterns, table.weights, tuple(range(k)))
    assert (table.doc_weights(len(lengths)).sum(axis=0) == table.weights).all()
    reference = M.ReliabilityData.from_unit_values(expected, categories=tuple(range(k)))
    assert table.weights.sum() == pytest.approx(len(expected))
    np.testing.assert_allclose(M.coincidence_matrix(ours), M.coincidence_matrix(reference), atol=1e-9)
    a, b = M.percent_agreement(ours), M.percent_agreement(reference)
    assert (a.value is None) == (b.value is None)
    if a.value is not None:
        assert a.value == pytest.approx(b.value, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 30), st.integers(1, 10)), max_size=30))
def test_merge_intervals_is_the_union_per_group(items):
    group = np.array([g for g, _s, _l in items], dtype=np.int64)
    lo = np.array([s for _g, s, _l in items], dtype=np.int64)
    hi = lo + np.array([n for _g, _s, n in items], dtype=np.int64)
    _first, g, a, b = merge_intervals(group, lo, hi)
    for key in set(group.tolist()):
        covered = {x for gg, s, e in zip(group, lo, hi) if gg == key for x in range(s, e)}
        merged = [(s, e) for gg, s, e in zip(g, a, b) if gg == key]
        assert {x for s, e in merged for x in range(s, e)} == covered
        assert all(e1 <= s2 for (_s1, e1), (s2, _e2) in zip(merged, merged[1:]))  # disjoint, in order


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 12), st.integers(2, 5), st.integers(1, 3),
       st.lists(st.tuples(st.integers(0, 11), st.integers(0, 4), st.integers(0, 2)), max_size=60),
       st.integers(0, 2 ** 32 - 1), st.sampled_from(["code", "group"]))
def test_document_rows_equal_the_sweep(n_docs, m, channels, triples, seed, kind):
    """The document unit's direct path (no sweep; base-3 keys for a code) gives the sweep's reliability data."""
    from annotator.core.agreement.units import document_rows

    triples = sorted({(d % n_docs, c % m, k % channels if kind == "group" else 0) for d, c, k in triples})
    arr = np.array(triples, dtype=np.int64).reshape(-1, 3)
    done = np.random.default_rng(seed).random((n_docs, m)) < 0.8
    axis = build_axis("document", [10] * n_docs)
    mapping = {c: c + 1 for c in range(channels if kind == "group" else 1)}
    bounds = Boundaries.build(arr[:, 2], arr[:, 1], arr[:, 0], arr[:, 0] + 1, m)
    swept = code_rows(target_runs(bounds, mapping, axis.doc_offsets, m), done, axis.doc_units, kind)
    direct = document_rows(bounds, mapping, done, kind)
    k = 2 if kind == "code" else channels + 1
    a = M.coincidence_matrix(M.ReliabilityData(swept.patterns, swept.weights, tuple(range(k))))
    b = M.coincidence_matrix(M.ReliabilityData(direct.patterns, direct.weights, tuple(range(k))))
    np.testing.assert_allclose(a, b, atol=1e-12)
    np.testing.assert_allclose(swept.doc_weights(n_docs) @ M.value_counts(swept.patterns, k),
                               direct.doc_weights(n_docs) @ M.value_counts(direct.patterns, k), atol=1e-12)
