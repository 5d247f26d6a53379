"""Record irrCAC's values on seeded random reliability data, for test_agreement_irrcac.py.

Why recorded and not a test dependency: irrCAC 0.4.4 pins scipy==1.12.0 (so numpy < 2, and no wheels
for Python >= 3.13), which would change the numpy every test runs against. Its outputs are facts about
fixed inputs, so they are recorded once, with the inputs, by this script:

    pip install irrCAC==0.4.4 && python tests/core/agreement/record_irrcac.py

irrCAC (Fergadis' Python port of Gwet's R package): https://github.com/afergadis/irrCAC
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from irrCAC.raw import CAC

OUT = Path(__file__).with_name("irrcac_reference.json")
SEED = 20251201
SETS = 300
WEIGHTS = {"ordinal": "ordinal", "interval": "quadratic", "ratio": "ratio"}
METHODS = {"fleiss": "fleiss_kappa", "conger": "conger_kappa", "gwet": "gwet_ac1", "bp": "brennan_prediger"}


def encode(table: np.ndarray) -> list[str]:
    return ["".join("." if v < 0 else str(int(v)) for v in row) for row in table]


def main() -> None:
    rng = np.random.default_rng(SEED)
    sets = []
    while len(sets) < SETS:
        m, n, k = int(rng.integers(2, 6)), int(rng.integers(3, 26)), int(rng.integers(2, 5))
        missing = float(rng.choice([0.0, 0.2, 0.4]))
        table = rng.integers(1, k + 1, size=(m, n))  # categories 1..k (ratio weights need no 0)
        table[rng.random((m, n)) < missing] = -1
        extra = int(rng.integers(0, 3)) if rng.random() < 0.3 else 0
        level = str(rng.choice(list(WEIGHTS)))
        frame = pd.DataFrame(np.where(table < 0, np.nan, table).T.astype(float))
        if frame.notna().sum(axis=1).max() < 2:
            continue
        entry = {"coders": encode(table), "k": k, "q": k + extra, "level": level, "values": {}}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for weights, categories, tag in (("identity", list(range(1, k + extra + 1)), ""),
                                             (WEIGHTS[level], list(range(1, k + 1)), level)):
                if tag and extra:
                    continue  # weighted chance with unused categories is not compared
                cac = CAC(frame.copy(), weights=weights, categories=[float(c) for c in categories], digits=15)
                for method, name in METHODS.items():
                    try:
                        est = getattr(cac, method)()["est"]
                    except (ZeroDivisionError, ValueError, FloatingPointError):
                        continue
                    value, se = float(est["coefficient_value"]), float(est["se"])
                    if np.isfinite(value):
                        entry["values"][f"{name}:{tag}"] = [value, se if np.isfinite(se) and se > 1e-14 else None]
        sets.append(entry)
    OUT.write_text(json.dumps({"source": "irrCAC 0.4.4 (raw.CAC), digits=15", "seed": SEED, "sets": sets},
                              separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(sets)} data sets)")


if __name__ == "__main__":
    main()
