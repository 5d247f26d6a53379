"""The ``annotator`` command: every feature, headless, plus the GUI when called without a command.

Each command group lives in its own module with a ``register(subparsers)`` function; ``main`` wires
them together. Bad input (an ``AnnotatorError``) prints one line on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator.core.errors import AnnotatorError

COMMAND_MODULES = (
    "annotator.cli.project_commands",
    "annotator.cli.exchange_commands",
    "annotator.cli.agreement_commands",
    "annotator.cli.text_commands",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for any bad input
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="annotator",
        description="Code news articles side by side with framing codes and measure inter-coder agreement. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="annotator", description="Open the Annotator desktop app.")
    parser.add_argument("project", nargs="?", help="project file to open (default: the last one, or the demo)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    parser.add_argument("--view", default="main",
                        help="screen to render with --screenshot: main, agreement, review, search, analysis")
    parser.add_argument("--language", help="interface language, e.g. en or zh_CN")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        args = gui_parser().parse_args(argv)
        from annotator.gui.app import run_gui

        return run_gui(args)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
