"""Scale section: start-up of the command line (issue 18: `annotator --version` < 0.1 s).

The peer is the floor no Python program goes below, ``python -c pass``, timed alternately in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scale import Target, command

RUNS = 7


def annotator_command() -> list[str]:
    """The installed console script beside this interpreter (what a user types), else ``-m annotator``."""
    script = Path(sys.executable).with_name("annotator")
    return [str(script)] if script.exists() else [sys.executable, "-m", "annotator"]


def test_scale_version_and_help(scale):
    floor = lambda: command([sys.executable, "-c", "pass"])  # noqa: E731
    for argv, what, target in ((["--version"], "`annotator --version`", Target(seconds=0.1)),
                               (["--help"], "`annotator --help`", Target(seconds=0.1))):
        ours, peer = scale.paired(lambda: command([*annotator_command(), *argv]), floor, runs=RUNS)
        scale.row(what, "", ours, peer_name="`python -c pass`", peer=peer, target=target,
                  notes="fresh process; imports no command module")
