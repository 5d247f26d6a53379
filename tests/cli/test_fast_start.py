"""`annotator --version` and `--help` import only what they print; a command imports only its own module.

The command table in annotator/cli/__init__.py lists every top-level command with its module and help
line, so these paths never build the other commands' parsers (nor import numpy or sqlite-utils).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from annotator.cli import COMMANDS, build_parser

HEAVY = ("numpy", "sqlite_utils", "PySide6", "jieba", "annotator.core.store", "annotator.cli.project_commands",
         "annotator.cli.exchange_commands", "annotator.cli.agreement_commands", "annotator.cli.text_commands")


def _registered(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice for choice in action._choices_actions}


def test_the_command_table_matches_what_the_modules_register():
    registered = _registered(build_parser())
    assert list(registered) == list(COMMANDS), "COMMANDS must list every command, in the modules' order"
    for name, (module, help_line) in COMMANDS.items():
        assert registered[name].help == help_line, f"help of {name!r} differs from the table"
        assert name in _registered(build_parser(name)), f"{module} does not register {name!r}"


def _loaded_after(argv: list[str]) -> tuple[str, set[str]]:
    code = (
        "import sys\n"
        "from annotator.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES', ' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out, _, modules = result.stdout.rpartition("\nMODULES ")
    return out, set(modules.split())


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["-h"]])
def test_version_and_help_import_nothing_heavy(argv):
    out, modules = _loaded_after(argv)
    assert out.strip()
    assert not modules & set(HEAVY), f"{argv} imported {sorted(modules & set(HEAVY))}"


def test_help_lists_every_command_with_its_help_line():
    out, _ = _loaded_after(["--help"])
    flat = "".join(out.split())  # argparse wraps lines, also at hyphens
    for name, (_, help_line) in COMMANDS.items():
        assert name in out and "".join(help_line.split()) in flat


def test_a_command_imports_only_its_own_module():
    out, modules = _loaded_after(["search", "--help"])
    assert "usage: annotator search" in out
    assert "annotator.cli.text_commands" in modules
    others = {"annotator.cli.project_commands", "annotator.cli.exchange_commands", "annotator.cli.agreement_commands"}
    assert not modules & others
