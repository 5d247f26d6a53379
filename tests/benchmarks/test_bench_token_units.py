"""Agreement at the token unit, the one unit that needs word segmentation (jieba for Chinese articles).

Measured twice per size: on a fresh copy whose token cache is empty (segmentation included), and again
once the project's token cache is filled (``annotator segment``), which is what a researcher pays after
the first run.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_project

from annotator.core.agreement.report import AgreementScope, compute_agreement
from annotator.core.segmentation import ensure_segmented
from annotator.core.store import Project

_runs = itertools.count()


@pytest.mark.parametrize("cache", ["cold", "warm"])
@pytest.mark.parametrize("n_articles", [100, 1_000])
def test_token_unit_agreement(benchmark, generated: Callable[..., Path], bench_dir: Path,
                              n_articles: int, cache: str) -> None:
    path = copy_project(generated(n_articles), bench_dir / f"tokens-{next(_runs)}.annotator")
    with Project.open(path) as project:
        if cache == "warm":
            ensure_segmented(project)
        report = benchmark.pedantic(
            lambda: compute_agreement(project, AgreementScope(unit="token")), rounds=1)
        benchmark.extra_info["articles"] = n_articles
        benchmark.extra_info["overall alpha"] = round(report.to_json_dict()["overall"]["krippendorff_alpha"], 3) \
            if isinstance(report.to_json_dict().get("overall"), dict) else None
