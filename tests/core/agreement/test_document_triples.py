"""Reading the document unit: the distinct (document, coder, code) triples of the segments, whether they are
marked in a table (the packed values fit ``MARK_LIMIT``) or sorted (past it, or a code id the codebook
did not announce), are the same sorted triples a set of the rows gives."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.agreement import report as R


def _chunks(rng: np.random.Generator, n: int, doc_ids: int, coders: int, codes: int) -> list[list[tuple[int, ...]]]:
    rows = [(int(rng.integers(1, doc_ids + 1)), int(rng.integers(1, coders + 1)), int(rng.integers(1, codes + 1)))
            for _ in range(n)]
    return [rows[i:i + 37] for i in range(0, len(rows), 37)]


def _reference(chunks, doc_lookup, coder_lookup):
    triples = {(int(c), int(doc_lookup[d]), int(coder_lookup[g])) for chunk in chunks for d, g, c in chunk
               if d < len(doc_lookup) and doc_lookup[d] >= 0}
    code, doc, coder = (np.array(x, dtype=np.int64) for x in zip(*sorted(triples)))
    return doc, coder, code


@pytest.mark.parametrize("code_span", [0, 4, 9, 50])  # 0: sorted path; 4: a code beyond it mid-way
def test_document_triples_marked_or_sorted_are_the_rows_distinct_triples(code_span, monkeypatch):
    rng = np.random.default_rng(code_span)
    chunks = _chunks(rng, 600, doc_ids=40, coders=3, codes=8)
    doc_lookup = np.full(36, -1, np.int64)  # documents 36.. are out of scope, and every third one
    kept = [i for i in range(1, 36) if i % 3]
    doc_lookup[kept] = np.arange(len(kept))
    coder_lookup = np.array([-1, 0, 1, 2], np.int64)
    doc, coder, code, lo, hi = R._document_triples(chunks, doc_lookup, coder_lookup, 3, code_span)
    want = _reference(chunks, doc_lookup, coder_lookup)
    for got, expected in zip((doc, coder, code), want):
        np.testing.assert_array_equal(got, expected)
    assert (lo == 0).all() and (hi == 1).all() and len(lo) == len(doc)
    monkeypatch.setattr(R, "MARK_LIMIT", 10)  # too small a table: sorted
    again = R._document_triples(chunks, doc_lookup, coder_lookup, 3, code_span)
    for got, expected in zip(again[:3], want):
        np.testing.assert_array_equal(got, expected)
