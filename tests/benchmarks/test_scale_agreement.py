"""Scale section, agreement rows (issue 18): ours beside the ``krippendorff`` package, in the same run.

- character alpha, 20 codes, 100 coders x 100 documents: target <= 0.1x the package's time;
- document alpha, 20 codes, 3 coders x 100,000 documents (the shared ``archive``): <= 1x the package,
  peak memory < 300 MiB.

What is timed, to keep the comparison fair (and strict for us): each tool starts from the same segments in
memory. Ours: ``compute_resolved`` on the segments ``resolve_scope`` read (every coefficient: alpha,
percent agreement, Scott, Fleiss, Conger, AC1, Brennan-Prediger, coder pairs, standard errors,
per-document alpha, overall); the package: ``krippendorff.alpha(level="nominal")`` per code on reliability
matrices built for it beforehand and not timed. Reading the segments from the project file is reported in
the notes. Peak memory is each child process's own (VmHWM), reading included.
"""

from __future__ import annotations

import sys
from pathlib import Path

import krippendorff
import pytest
from data_cache import cached
from scale import Target, python_child

from generate import generate_project

PACKAGE = f"krippendorff {krippendorff.__version__}" if hasattr(krippendorff, "__version__") else "krippendorff"
RUNS = 3

OURS = '''
import time, sys
from annotator.core.store import Project
from annotator.core.agreement import report as R
project = Project.open({path!r}, readonly=True)
scope = R.AgreementScope(unit={unit!r})
started = time.perf_counter()
resolved = R.resolve_scope(project, scope)
read = time.perf_counter() - started
started = time.perf_counter()
result = R.compute_resolved(project, resolved, scope)
seconds = time.perf_counter() - started
report(seconds=seconds, read_s=round(read, 3), codes=len(result.codes),
       alpha=result.overall.values["krippendorff_alpha"], segments=int(len(resolved.seg_doc)))
'''

# The package's input: per code, a coders x units matrix (NaN where the coder did not finish the
# document), built from the same segments before the clock starts.
PEER = '''
import time, numpy as np, krippendorff
from annotator.core.store import Project
from annotator.core.agreement import report as R
project = Project.open({path!r}, readonly=True)
r = R.resolve_scope(project, R.AgreementScope(unit={unit!r}))
lengths = np.array([d.length for d in r.documents]) if {unit!r} == "character" else np.ones(len(r.documents), int)
offsets = np.concatenate([[0], np.cumsum(lengths)])
m = len(r.coders)
codes = sorted({{int(c) for c in np.unique(r.seg_code)}})
total = 0.0
for code in codes:
    matrix = np.zeros((m, int(offsets[-1])), dtype=float)
    mine = r.seg_code == code
    for d, c, s, e in zip(r.seg_doc[mine], r.seg_coder[mine], np.asarray(r.seg_start)[mine], np.asarray(r.seg_end)[mine]):
        base = offsets[d]
        if {unit!r} == "character":
            matrix[c, base + s:base + e] = 1
        else:
            matrix[c, base] = 1
    not_done = np.repeat(~r.done, lengths, axis=0).T
    matrix[not_done] = np.nan
    started = time.perf_counter()
    krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    total += time.perf_counter() - started
    del matrix, not_done
report(seconds=total, codes=len(codes))
'''


def _coders_project(path: Path) -> Path:
    return generate_project(path, 100, n_coders=100, seed=7)


@pytest.fixture(scope="module")
def classroom() -> Path:
    """100 coders x 100 generated articles (~3,000 characters), 20 codes (cached)."""
    return cached("project", ".annotator", {"articles": 100, "coders": 100, "seed": 7}, _coders_project)


def test_scale_character_alpha_100_coders(scale, classroom):
    ours, peer = scale.paired(lambda: python_child(OURS.format(path=str(classroom), unit="character")),
                              lambda: python_child(PEER.format(path=str(classroom), unit="character")), runs=RUNS)
    scale.row("character alpha, 20 codes", "100 coders x 100 docs", ours, peer_name=PACKAGE, peer=peer,
              target=Target(ratio=0.1), owner="agree",
              notes=f"ours: every coefficient and all 4,950 coder pairs per code; package: nominal alpha per code "
                    f"on prebuilt matrices; reading {ours.extra.get('read_s')} s (not timed)")


def test_scale_document_alpha_100000_documents(scale, archive):
    ours, peer = scale.paired(lambda: python_child(OURS.format(path=str(archive), unit="document")),
                              lambda: python_child(PEER.format(path=str(archive), unit="document")), runs=RUNS)
    scale.row("document alpha, 20 codes", "3 coders x 100,000 docs", ours, peer_name=PACKAGE, peer=peer,
              target=Target(ratio=1.0, peak_mib=300), owner="agree",
              notes=f"ours: every coefficient, per-document alpha; package: nominal alpha per code on prebuilt "
                    f"matrices; reading the segments from the file {ours.extra.get('read_s')} s (not timed, "
                    "peak includes it)")


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "--benchmark-only", "-q"]))
