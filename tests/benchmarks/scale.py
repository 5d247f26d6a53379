"""The scale section of ``make bench``: one row per figure of issue 18, each beside a peer timed in the same run.

A row says what was measured, at what size, our time and peak memory, the peer's (another tool, or the
floor the work cannot go below: ``python -c pass``, an empty Qt window), the ratio ours/peer, the target
and whether it was met. Rows are recorded through the ``scale`` fixture (tests/benchmarks/conftest.py),
which stores them in pytest-benchmark's JSON (``extra_info["scale"]``); report.py prints them as the
"Scale" table. How to add a row: /work/team/notes/scale.md, or the docstring of ``ScaleRecorder``.

Most figures here are of a whole fresh process (start-up, first search, peak memory), so the helpers
measure child processes: ``python_child`` runs a snippet in a new interpreter and returns its wall time
and peak memory (VmHWM, read by the child itself: the parent's rusage would count pytest's own memory).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from memory import PEAK_MB_SOURCE

RESULT_TAG = "SCALE-RESULT "

# Prepended to every child snippet: peak_mb() and report(**figures). A snippet that does not call
# report() gets it called at its end; report(seconds=...) overrides the wall time the parent measures.
CHILD_PRELUDE = PEAK_MB_SOURCE + f'''
import json as _json, os as _os

def report(**figures):
    figures["peak_mib"] = peak_mb()
    print({RESULT_TAG!r} + _json.dumps(figures), flush=True)

def report_and_exit(**figures):
    """For GUI snippets: report, then leave at once (no Qt teardown counted)."""
    report(**figures)
    _os._exit(0)
'''


@dataclass
class Measure:
    """One figure: seconds (median over ``runs``), peak memory in MiB (the largest seen), extra facts."""

    seconds: float | None = None
    peak_mib: float | None = None
    runs: int = 1
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """What the issue asks: ours below ``seconds`` and ``peak_mib``; ours/peer time at most ``ratio``."""

    seconds: float | None = None
    peak_mib: float | None = None
    ratio: float | None = None
    peak_ratio: float | None = None

    def met(self, ours: Measure, peer: Measure | None) -> bool | None:
        checks: list[bool] = []
        if self.seconds is not None and ours.seconds is not None:
            checks.append(ours.seconds < self.seconds)
        if self.peak_mib is not None and ours.peak_mib is not None:
            checks.append(ours.peak_mib < self.peak_mib)
        if self.ratio is not None and peer is not None and ours.seconds and peer.seconds:
            checks.append(ours.seconds / peer.seconds <= self.ratio)
        if self.peak_ratio is not None and peer is not None and ours.peak_mib and peer.peak_mib:
            checks.append(ours.peak_mib / peer.peak_mib <= self.peak_ratio)
        return all(checks) if checks else None

    def describe(self) -> str:
        parts = []
        if self.seconds is not None:
            parts.append(f"< {_duration(self.seconds)}")
        if self.peak_mib is not None:
            parts.append(f"< {self.peak_mib:,.0f} MiB")
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}x peer")
        if self.peak_ratio is not None:
            parts.append(f"memory ≤ {self.peak_ratio:g}x peer")
        return ", ".join(parts)


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1e3:g} ms"
    return f"{seconds:g} s"


def python_child(code: str, *, env: Mapping[str, str] | None = None, cwd: str | Path | None = None,
                 timeout: float = 1800) -> Measure:
    """Run ``code`` in a fresh interpreter: wall time from spawn to exit (or its ``report(seconds=)``), VmHWM."""
    source = CHILD_PRELUDE + "\n" + code
    if "report(" not in code and "report_and_exit(" not in code:
        source += "\nreport()\n"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    wall = time.perf_counter() - started
    lines = [line for line in result.stdout.splitlines() if line.startswith(RESULT_TAG)]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    figures = json.loads(lines[-1][len(RESULT_TAG):])
    seconds = figures.pop("seconds", wall)
    peak = figures.pop("peak_mib", None)
    return Measure(seconds=seconds, peak_mib=peak, extra=figures)


def command(argv: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 600) -> Measure:
    """Wall time of one whole command (no memory figure: rusage of a child counts the parent's pages)."""
    started = time.perf_counter()
    subprocess.run(list(argv), check=True, capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})
    return Measure(seconds=time.perf_counter() - started)


def in_process(fn: Callable[[], object]) -> Measure:
    """Wall time of ``fn()`` in this process (for work whose memory is not the point); its CPU time in
    ``extra["cpu"]`` (on a machine shared with other work, the part that is ours)."""
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return Measure(seconds=time.perf_counter() - started, extra={"cpu": time.process_time() - cpu})


def combine(measures: Sequence[Measure]) -> Measure:
    """The median time and the largest peak of repeated runs; extra facts from the last run (a CPU time,
    where there is one, is the median too)."""
    times = [m.seconds for m in measures if m.seconds is not None]
    peaks = [m.peak_mib for m in measures if m.peak_mib is not None]
    extra = dict(measures[-1].extra) if measures else {}
    cpus = [m.extra["cpu"] for m in measures if isinstance(m.extra.get("cpu"), float)]
    if cpus:
        extra["cpu"] = statistics.median(cpus)
    return Measure(seconds=statistics.median(times) if times else None, peak_mib=max(peaks) if peaks else None,
                   runs=len(measures), extra=extra)


def repeated(fn: Callable[[], Measure], runs: int) -> Measure:
    return combine([fn() for _ in range(runs)])


def paired(ours: Callable[[], Measure], peer: Callable[[], Measure], runs: int = 3) -> tuple[Measure, Measure]:
    """Alternate ours and the peer ``runs`` times, so both see the same machine; medians of each."""
    mine: list[Measure] = []
    theirs: list[Measure] = []
    for _ in range(runs):
        mine.append(ours())
        theirs.append(peer())
    return combine(mine), combine(theirs)


@dataclass
class Row:
    """One line of the scale table (stored as JSON in the benchmark's extra_info)."""

    what: str
    size: str
    ours: Measure
    peer_name: str | None = None
    peer: Measure | None = None
    target: Target = Target()
    notes: str = ""
    owner: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data["met"] = self.target.met(self.ours, self.peer)
        data["target_text"] = self.target.describe()
        return data


class ScaleRecorder:
    """What the ``scale`` fixture gives a test. Record each figure with ``row()``::

        def test_scale_version(scale):
            ours, peer = scale.paired(lambda: command(["annotator", "--version"]),
                                      lambda: command([sys.executable, "-c", "pass"]), runs=5)
            scale.row("`annotator --version`", "", ours, peer_name="python -c pass", peer=peer,
                      target=Target(seconds=0.1))

    A test may record several rows. ``row`` also registers the test with pytest-benchmark, so scale
    tests run under ``make bench`` only (``make test`` skips benchmarks).
    """

    paired = staticmethod(paired)
    repeated = staticmethod(repeated)

    def __init__(self, benchmark, owner: str = "") -> None:
        self._benchmark = benchmark
        self._rows: list[dict] = []
        self.owner = owner

    def row(self, what: str, size: str, ours: Measure, *, peer_name: str | None = None, peer: Measure | None = None,
            target: Target = Target(), notes: str = "", owner: str = "") -> Row:
        row = Row(what, size, ours, peer_name, peer, target, notes, owner or self.owner)
        self._rows.append(row.as_json())
        self._benchmark.extra_info["scale"] = self._rows
        if len(self._rows) == 1:
            self._benchmark.pedantic(lambda: None, rounds=1, iterations=1)
        print(f"\nscale: {what} [{size}]: {ours}" + (f" vs {peer_name} {peer}" if peer else ""), file=sys.stderr)
        return row
