"""The user guide stays in step with the program: every command and option is in docs/cli.md, every
agreement measure has a page with a source, and the tutorial's commands parse."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CLI_DOC = DOCS / "cli.md"
MEASURES = ("percent-agreement", "cohens-kappa", "scotts-pi", "fleiss-kappa", "krippendorffs-alpha",
            "brennan-prediger", "gwets-ac1", "alpha-u", "u-alpha")


def subcommands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every command path ("codebook export") with its parser, found through argparse's subparsers."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = f"{prefix} {name}".strip()
                found[path] = sub
                found.update(subcommands(sub, path))
    return found


def long_options(parser: argparse.ArgumentParser) -> set[str]:
    return {opt for action in parser._actions for opt in action.option_strings
            if opt.startswith("--") and opt != "--help"}


def test_every_command_and_option_is_documented():
    from annotator.cli import build_parser, gui_parser

    text = CLI_DOC.read_text(encoding="utf-8")
    commands = subcommands(build_parser())
    top_level = {path.split()[0] for path in commands}
    missing_commands = sorted(c for c in top_level if not re.search(rf"^## annotator {c}\b", text, re.M)
                              and f"annotator {c}" not in text)
    assert not missing_commands, f"commands missing from docs/cli.md: {missing_commands}"
    missing_options = sorted(f"{path} {opt}" for path, sub in commands.items()
                             for opt in long_options(sub) if opt not in text)
    missing_options += sorted(f"(app) {opt}" for opt in long_options(gui_parser()) if opt not in text)
    assert not missing_options, f"options missing from docs/cli.md: {missing_options}"


@pytest.mark.parametrize("measure", MEASURES)
def test_each_measure_has_a_page_with_meaning_use_formula_and_source(measure):
    page = (DOCS / "measures" / f"{measure}.md").read_text(encoding="utf-8")
    assert page.startswith("# ")
    assert "**What it means.**" in page and "**When to use it.**" in page
    assert "Formula" in page and "```" in page
    assert re.search(r"\*\*Sources?\.\*\*", page)
    assert re.search(r"\((19|20)\d\d\)", page), "a full citation has a year"


def test_measure_index_links_every_page():
    index = (DOCS / "measures" / "README.md").read_text(encoding="utf-8")
    for measure in MEASURES:
        assert f"({measure}.md)" in index


def tutorial_commands() -> list[list[str]]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("tutorial*.md")))
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("annotator ")]


def test_tutorial_commands_parse():
    from annotator.cli import build_parser

    parser = build_parser()
    known = set(subcommands(parser))
    checked = 0
    for argv in tutorial_commands():
        if not argv or argv[0] not in known:
            continue  # opening the app: parsed by the GUI parser, not run here
        parser.parse_args(argv)
        checked += 1
    assert checked >= 3
