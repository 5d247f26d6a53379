"""The ``annotator`` command: every feature, headless, plus the GUI when called without a command.

Each command group lives in its own module with a ``register(subparsers)`` function. ``COMMANDS`` names,
for every top-level command, the module that registers it and its one-line help, so that
``annotator --version`` and ``annotator --help`` print without importing any command module (nor numpy or
sqlite-utils behind them), and ``annotator CMD`` imports only the module that owns CMD.
tests/cli/test_fast_start.py keeps the table in step with what the modules register.

Bad input (an ``AnnotatorError``) prints one line on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import unicodedata
from collections.abc import Sequence

from annotator import __version__

_PROJECT = "annotator.cli.project_commands"
_EXCHANGE = "annotator.cli.exchange_commands"
_AGREEMENT = "annotator.cli.agreement_commands"
_REVIEW = "annotator.cli.review_commands"
_TEXT = "annotator.cli.text_commands"
_DOCUMENTS = "annotator.cli.document_commands"
_CODERS = "annotator.cli.coder_commands"
_MEMOS = "annotator.cli.memo_commands"
_TEAM = "annotator.cli.team_commands"

# Top-level command -> (module that registers it, the help line `annotator --help` shows), in help order.
# A new command is one line here plus its parser in the module's register().
COMMANDS: dict[str, tuple[str, str]] = {
    "init": (_PROJECT, "create a new project file"),
    "import": (_PROJECT, "add articles (txt, docx, html, pdf, csv) or a REFI-QDA project"),
    "code": (_PROJECT, "code one span of a document"),
    "segments": (_PROJECT, "import or list coded segments (retrieval by code, coder, document, set)"),
    "assignments": (_PROJECT, "import who codes which document"),
    "info": (_PROJECT, "summarise a project: counts per coder, code and document"),
    "check": (_PROJECT, "check a project for problems (damage, broken references, exclusive-group conflicts, ...)"),
    "codebook": (_EXCHANGE, "export or import the codebook as CSV"),
    "export": (_EXCHANGE, "export codebook, segments, assignments, matrix or REFI-QDA files"),
    "merge": (_EXCHANGE, "merge another project or a .qdpx into this one"),
    "agreement": (_AGREEMENT, "inter-coder agreement: alpha, kappa, pi, AC1, alpha_U ..."),
    "disagreements": (_AGREEMENT, "list where coders disagree (document, span, code, who coded it)"),
    "review": (_REVIEW, "adjudicate: list disagreements, decide one, copy agreed codings to the consensus"),
    "search": (_TEXT, "find a word or phrase in the corpus (keyword in context)"),
    "analyze": (_TEXT, "characteristic words of a code, frames by outlet, code co-occurrence"),
    "dictionary": (_TEXT, "list, add or remove words of the project's segmentation dictionary"),
    "segment": (_TEXT, "segment (tokenise) every document that needs it"),
    "documents": (_DOCUMENTS, "list documents, edit their properties, delete them"),
    "sets": (_DOCUMENTS, "group documents in sets (outlet, wave, sample) to filter by them"),
    "coders": (_CODERS, "list, add, rename, merge or delete coders, or set their role"),
    "memos": (_MEMOS, "list, search, add, edit or delete memos and the project journal"),
    "team": (_TEAM, "share a project on a PostgreSQL server and work on it as a team"),
    "sync": (_TEAM, "sync a team copy with its server and print what moved"),
}
COMMAND_MODULES = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for any bad input
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _top_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    parser = _Parser(
        prog="annotator",
        description="Code news articles side by side with framing codes and measure inter-coder agreement. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    return parser, subparsers


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser (every module imported), or with ``command`` only the module that owns it."""
    parser, subparsers = _top_parser()
    modules = COMMAND_MODULES if command is None else (COMMANDS[command][0],)
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def overview_parser() -> argparse.ArgumentParser:
    """The top-level parser for ``--help`` and ``--version``: commands listed from the table, nothing imported."""
    parser, subparsers = _top_parser()
    for name, (_, help_line) in COMMANDS.items():
        subparsers.add_parser(name, help=help_line, add_help=False)
    return parser


def gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="annotator", description="Open the Annotator desktop app.")
    parser.add_argument("project", nargs="?", help="project file to open (default: the last one, or the demo)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    parser.add_argument("--view", default="main",
                        help="screen to render with --screenshot: main, agreement, review, search, analysis")
    parser.add_argument("--language", help="interface language, e.g. en or zh_CN")
    return parser


# Arguments that carry names or text (stored in the project or looked up in it), not paths: bytes that are
# not UTF-8 (a GBK terminal) are decoded as Chinese text rather than reaching SQLite as unstorable surrogates.
_NAME_OPTIONS = ("coder", "coders", "outlet", "document", "documents", "code", "codes", "memo", "name", "names",
                 "query", "term", "group", "consensus", "adjudicator", "old", "new", "source", "target", "set_name",
                 "new_name", "rename", "text", "title", "search", "accept", "document_set", "attribute")
# Arguments that give something a new name (a coder, a set, a document), per command: one line of visible
# text. A name holding an escape or a newline looks like another name in every list (`A\x01na` printed as a
# second "Ana"). Names only looked up are not checked, so that an old name like that can still be renamed.
_NEW_NAMES = {("code", None): ("coder",), ("review", None): ("consensus",), ("coders", "add"): ("name",),
              ("coders", "rename"): ("new",), ("sets", "add"): ("set_name",), ("sets", "rename"): ("new_name",),
              ("documents", "set"): ("rename",)}


def _readable_names(args: argparse.Namespace) -> None:
    from annotator.core.errors import InputError
    from annotator.core.names import readable

    action = getattr(args, f"{args.command}_command", None)
    new_names = _NEW_NAMES.get((args.command, action)) or _NEW_NAMES.get((args.command, None), ())

    def check(key: str, value: str) -> str:
        text = readable(value)
        if text.count("\ufffd") > value.count("\ufffd"):
            raise InputError(f"{_shown(key)}: the bytes given are not text in UTF-8, GB18030 or Big5; set your "
                             "terminal to UTF-8 (nothing was changed)")
        if key in new_names:
            bad = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
            if bad is not None:
                raise InputError(f"{_shown(key)}: '{text.encode('unicode_escape').decode('ascii')}' holds a control "
                                 f"character (U+{ord(bad):04X}); a name is one line of visible text (nothing was "
                                 "changed)")
        return text

    for key in _NAME_OPTIONS:
        value = getattr(args, key, None)
        if isinstance(value, str):
            setattr(args, key, check(key, value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, key, [check(key, v) for v in value])


def _shown(key: str) -> str:
    return {"set_name": "SET", "new_name": "NEW", "names": "NAME", "old": "OLD", "new": "NEW", "source": "FROM",
            "target": "INTO", "document_set": "--set"}.get(key, f"--{key}" if key not in ("name", "text") else key.upper())


def _readable_output() -> None:
    """File names that are not UTF-8 print as the Chinese they most likely are, never as an error."""
    import warnings

    from annotator.core.names import register_display_errors

    handler = register_display_errors()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors=handler)  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        print(f"annotator: warning: {message}", file=sys.stderr)

    warnings.showwarning = show


def _environment_message(exc: Exception) -> str | None:
    """One line for errors of the machine rather than of the input: a full disk, a permission, memory."""
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        from annotator.core.store import files

        return str(files.problem(None, exc))
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "out of memory; nothing was changed"
    if isinstance(exc, UnicodeError):
        return f"a name or value is not valid text ({exc}); set your terminal to UTF-8"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to process"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help", "--version"):
        overview_parser().parse_args(argv[:1])
        return 0
    if not argv or argv[0] not in COMMANDS:
        args = gui_parser().parse_args(argv)
        from annotator.gui.app import run_gui

        return run_gui(args)
    _readable_output()
    args = build_parser(argv[0]).parse_args(argv)
    from annotator.core.errors import AnnotatorError

    try:
        _readable_names(args)
        return int(args.func(args) or 0)
    except AnnotatorError as exc:
        from annotator.core.names import readable

        print(f"annotator: {readable(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        message = _environment_message(exc)
        if message is None:
            raise
        print(f"annotator: {message}", file=sys.stderr)
        return 2
