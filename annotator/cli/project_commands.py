"""CLI commands that build and inspect a project: init, import, code, segments/assignments import, info.

Each handler opens the project, does one transaction and prints a short, readable result. Problems
are ``AnnotatorError``s, which ``annotator.cli.main`` prints as one line with exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project, normalise_code_path

TEMPLATES = ("policy-frames", "generic-frames", "empty")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `annotator` parser."""
    init = subparsers.add_parser(
        "init", help="create a new project file",
        description="Create a new project file, optionally starting from a codebook template or CSV.")
    init.add_argument("project", metavar="PROJECT", help="the project file to create (e.g. study.annotator)")
    init.add_argument("--codebook", default="empty", metavar="TEMPLATE|FILE.csv",
                      help=f"codebook to start from: {', '.join(TEMPLATES)} (add .zh for Chinese labels) or a codebook "
                      "CSV (default: empty)")
    init.set_defaults(func=cmd_init)

    imp = subparsers.add_parser(
        "import", help="add articles (txt, docx, html, pdf, csv) or a REFI-QDA project",
        description="Add articles to a project, all in one transaction: one bad file anywhere in the list "
        "changes nothing. A CSV corpus is stored in slices as it is read. Articles whose text is already in "
        "the project are skipped. .qdpx/.qdc files are imported as REFI-QDA projects/codebooks, in the same "
        "transaction; every conflict and warning is printed.")
    imp.add_argument("project", metavar="PROJECT")
    imp.add_argument("files", metavar="FILE", nargs="+", help="files to import")
    imp.add_argument("--outlet", help="news outlet to record for every imported article")
    imp.add_argument("--language", choices=("zh", "en", "auto"),
                     help="language of the articles (default: a CSV's language column, else detected)")
    imp.set_defaults(func=cmd_import)

    code = subparsers.add_parser(
        "code", help="code one span of a document",
        description="Record one coded segment. Offsets are characters (Unicode code points) into the "
        "stored text, end exclusive.")
    code.add_argument("project", metavar="PROJECT")
    code.add_argument("--document", required=True, metavar="NAME", help="document name")
    code.add_argument("--coder", required=True, metavar="NAME", help="coder name (created if new)")
    code.add_argument("--code", required=True, metavar="PATH", help="code path, e.g. 'Frames/Economic'")
    code.add_argument("--start", required=True, type=int, metavar="N", help="first character (from 0)")
    code.add_argument("--end", required=True, type=int, metavar="N", help="character after the last one")
    code.add_argument("--memo", default="", metavar="TEXT", help="a note on this segment")
    code.set_defaults(func=cmd_code)

    segments = subparsers.add_parser(
        "segments", help="import or list coded segments (retrieval by code, coder, document, set)",
        description="Work with coded segments in bulk: import them, or list (retrieve) them.")
    segments_sub = segments.add_subparsers(dest="segments_command", metavar="ACTION", required=True)
    seg_import = segments_sub.add_parser(
        "import", help="add segments from a CSV",
        description="Add segments from a CSV with columns document, coder, code, start, end and optionally "
        "memo and text (checked against the document). One bad row refuses the whole file.")
    seg_import.add_argument("project", metavar="PROJECT")
    seg_import.add_argument("file", metavar="FILE.csv")
    seg_import.add_argument("--mark-done", action="store_true",
                            help="mark each (document, coder) pair in the file as done")
    seg_import.set_defaults(func=cmd_segments_import)
    from annotator.cli.segment_commands import add_list_command

    add_list_command(segments_sub)

    assignments = subparsers.add_parser(
        "assignments", help="import who codes which document",
        description="Work with coder assignments in bulk.")
    assignments_sub = assignments.add_subparsers(dest="assignments_command", metavar="ACTION", required=True)
    asg_import = assignments_sub.add_parser(
        "import", help="set assignments from a CSV",
        description="Set assignments from a CSV with columns document, coder, status "
        "(assigned, in_progress or done). New coders are created.")
    asg_import.add_argument("project", metavar="PROJECT")
    asg_import.add_argument("file", metavar="FILE.csv")
    asg_import.set_defaults(func=cmd_assignments_import)

    info = subparsers.add_parser(
        "info", help="summarise a project: counts per coder, code and document",
        description="Summarise a project: totals and segment counts per coder, code and document.")
    info.add_argument("project", metavar="PROJECT")
    info.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    info.set_defaults(func=cmd_info)

    check = subparsers.add_parser(
        "check", help="check a project for problems (damage, broken references, exclusive-group conflicts, ...)",
        description="Check the whole project file: SQLite's integrity check of every page and index, references, "
        "coded spans inside their texts, texts unchanged since import, codebook paths, and problems a researcher "
        "must settle, such as a coder giving two values of an exclusive group to overlapping text. Changes "
        "nothing. Exit status 0: no problems (warnings may be listed); 1: problems listed; 2: the file could "
        "not be checked.")
    check.add_argument("project", metavar="PROJECT")
    check.add_argument("--only", metavar="CHECK,...",
                       help="run only these checks: sqlite, references, spans, texts, codebook, exclusive-groups")
    check.add_argument("--quick", action="store_true",
                       help="SQLite's quick_check instead of the full integrity check (skips index contents)")
    check.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    check.set_defaults(func=cmd_check)


# ---- handlers --------------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.project)
    project = Project.create(path)
    summary = ""
    try:
        if args.codebook != "empty":
            from annotator.core.codebook import load_template

            summary = load_template(project, args.codebook)
        codes = len(project.codes())
    except BaseException:
        # A half-made project is worse than none: the user re-runs init with a fixed codebook.
        project.close()
        _remove_project_file(path)
        raise
    project.close()
    print(f"created {path} ({codes} codes)" + (f"; codebook: {summary}" if summary else ""))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.core.importers.batch import import_files

    from annotator.core.names import readable

    def read(name: str, count: int) -> None:
        print(f"{readable(name)}: {count} document{'s' if count != 1 else ''} read")

    with Project.open(args.project) as project:
        # --language auto forces detection even where a CSV has a language column.
        result = import_files(project, args.files, outlet=args.outlet, language=args.language, on_file=read)
    if result.read:
        for line in result.documents.skipped:
            print(f"skipped {line}")
        print(result.documents.summary())
    for name, report in result.exchange:
        print(f"{readable(name)}: {report.summary()}")
        print_report_lines(report)
    return 0


def print_report_lines(report: object) -> None:
    """Every conflict and warning of an exchange report, one per line (never just a count)."""
    for line in getattr(report, "conflicts", []):
        print(f"conflict: {line}")
    for line in getattr(report, "warnings", []):
        print(f"warning: {line}")


def cmd_code(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        document = project.document(args.document, with_text=False)
        code = project.code(normalise_code_path(args.code))
        from annotator.core.commands import AddSegment

        with project.transaction():
            known = {c.name for c in project.coders()}
            coder = project.ensure_coder(args.coder)
            command = AddSegment(document.id, coder.id, code.id, args.start, args.end, args.memo)
            command.do(project)
            segment = command.segment
            assert segment is not None
        if coder.name not in known:
            print(f"added coder '{coder.name}'")
        text = project.document_text(document.id)[segment.start:segment.end]
        if command.replaced:  # other values of an exclusive group on overlapping text
            from annotator.core.exclusive import ExclusiveGroups

            groups = ExclusiveGroups.of_project(project)
            for old in command.replaced:
                group = groups.path(groups.clash(code.id, old.code_id) or 0)
                print(f"replaced segment {old.id}: {groups.path(old.code_id)} [{old.start}-{old.end}] "
                      f"(a coder gives text one value of the exclusive group '{group}')")
        print(f"segment {segment.id}: {document.name} [{segment.start}-{segment.end}] {code.path} "
              f"by {coder.name}: \u201c{_excerpt(text, 200)}\u201d")
    return 0


def cmd_segments_import(args: argparse.Namespace) -> int:
    from annotator.core.segments_io import import_segments_csv

    with Project.open(args.project) as project:
        before = project.counts()["segments"]
        added = import_segments_csv(project, args.file, mark_done=args.mark_done)
        print(f"{added} segments imported ({project.counts()['segments']} in the project, {before} before)")
    return 0


def cmd_assignments_import(args: argparse.Namespace) -> int:
    from annotator.core.segments_io import import_assignments_csv

    with Project.open(args.project) as project:
        count = import_assignments_csv(project, args.file)
        print(f"{count} assignments set")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    # Read-only (an older project is upgraded once by Project.open when the file may be written).
    with Project.open(Path(args.project), readonly=True) as project:
        summary = project_summary(project)
    if args.format == "json":
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    totals = summary["totals"]
    print(f"{args.project}: " + ", ".join(f"{n} {k}" for k, n in totals.items()))
    _print_table("coder", ["segments", "documents", "assigned", "in_progress", "done"], summary["coders"])
    _print_table("code", ["segments", "documents", "coders"], summary["codes"])
    _print_table("document", ["length", "language", "segments", "coders"], summary["documents"])
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from annotator.core.checks import Finding, run_checks

    names = [n.strip() for n in (args.only or "").split(",") if n.strip()]
    try:
        with Project.open(Path(args.project), readonly=True) as project:
            findings = run_checks(project, names or None, quick=args.quick)
    except AnnotatorError as exc:
        if "damaged" not in str(exc):
            raise
        findings = [Finding("open", str(exc))]  # damage found while opening is the answer, not a usage error
    problems = [f for f in findings if f.severity == "error"]
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(f"{finding.check}: {finding.message}" if finding.severity == "error"
                  else f"{finding.check}: warning: {finding.message}")
        warned = len(findings) - len(problems)
        tail = f" ({warned} warning{'s' if warned != 1 else ''})" if warned else ""
        print(f"{args.project}: {len(problems)} problem{'s' if len(problems) != 1 else ''} found{tail}"
              if problems else f"{args.project}: no problems found{tail}")
    return 1 if problems else 0


# ---- helpers ---------------------------------------------------------------------------------------

def project_summary(project: Project) -> dict[str, object]:
    """Totals plus per-coder, per-code and per-document counts, as plain data (for table and JSON)."""
    return project.summary()


def _print_table(kind: str, columns: list[str], rows: list[dict[str, object]]) -> None:
    """A plain aligned table; names may be Chinese, so width counts wide characters twice."""
    print()
    if not rows:
        print(f"no {kind}s")
        return
    header = [kind, *columns]
    cells = [[str(row["name"]), *(str(row[c]) for c in columns)] for row in rows]
    widths = [max(_width(line[i]) for line in [header, *cells]) for i in range(len(header))]
    for line in [header, *cells]:
        first = line[0] + " " * (widths[0] - _width(line[0]))
        rest = [cell.rjust(width) for cell, width in zip(line[1:], widths[1:])]
        print("  ".join([first, *rest]).rstrip())


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _excerpt(text: str, limit: int) -> str:
    text = text.replace("\n", "\u21b5")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _remove_project_file(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            os.remove(candidate)
        except FileNotFoundError:
            pass
        except OSError as exc:  # leave it, but do not hide the original error
            raise AnnotatorError(f"{candidate}: could not remove the unfinished project ({exc.strerror})") \
                from None
