"""Fleiss (missing data), Conger, AC1/AC2 and Brennan-Prediger with a given q, and their standard errors,
against irrCAC 0.4.4 on 300 seeded random data sets (2-5 coders, 3-25 units, 2-4 categories, up to 40%
missing, q up to two more than the categories), nominal and one weighted level each, to 1e-9.

The reference values were recorded by ``record_irrcac.py`` (see there why irrCAC is not a test dependency).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from annotator.core.agreement import measures as M

REFERENCE = json.loads(Path(__file__).with_name("irrcac_reference.json").read_text(encoding="utf-8"))


def decode(rows: list[str]) -> np.ndarray:
    return np.array([[-1 if c == "." else int(c) - 1 for c in row] for row in rows], dtype=np.int64)


def test_reference_covers_hundreds_of_data_sets():
    assert len(REFERENCE["sets"]) == 300
    compared = sum(len(s["values"]) for s in REFERENCE["sets"])
    assert compared > 2000


@pytest.mark.parametrize("chunk", range(4))
def test_every_coefficient_and_standard_error_matches_irrcac(chunk):
    for entry in REFERENCE["sets"][chunk::4]:
        table = decode(entry["coders"])
        data = M.ReliabilityData.from_unit_values(table.T, categories=tuple(range(1, entry["k"] + 1)), q=entry["q"])
        results = {"": M.all_measures(data, with_pairs=False)}
        if entry["q"] == entry["k"]:
            results[entry["level"]] = M.all_measures(data, weighted_level=entry["level"], with_pairs=False)
        for key, (value, se) in entry["values"].items():
            name, level = key.split(":")
            result = results[level]
            ours = name if not level else M.WEIGHTED_NAMES[name]
            assert result.values[ours] == pytest.approx(value, abs=1e-9), (key, entry)
            if se is not None:
                assert result.se[ours] == pytest.approx(se, abs=1e-9), (key, "se", entry)
