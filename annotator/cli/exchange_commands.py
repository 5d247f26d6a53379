"""CLI commands that move a project's content in and out: codebook CSV, exports, merge.

``annotator codebook export|import``, ``annotator export`` (several formats in one call) and
``annotator merge``. REFI-QDA import goes through ``annotator import`` (project commands).
"""

from __future__ import annotations

import argparse

from annotator.core.errors import InputError
from annotator.core.exporters.csv_export import CsvOptions
from annotator.core.store import Project


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `annotator` parser."""
    codebook = subparsers.add_parser(
        "codebook", help="export or import the codebook as CSV",
        description="Edit the codebook in a spreadsheet: export it as CSV, change it, import it again. "
        "Codes are matched by path; new ones are added, existing ones updated.")
    actions = codebook.add_subparsers(dest="codebook_command", metavar="ACTION", required=True)
    cb_export = actions.add_parser("export", help="write the codebook as CSV",
                                   description="Write one row per code, with usage counts per coder; or, with "
                                   "--for, the CSV another tool imports (what it cannot hold is printed as warnings).")
    cb_export.add_argument("project", metavar="PROJECT")
    cb_export.add_argument("file", metavar="FILE.csv")
    cb_export.add_argument("--quotes", type=int, default=0, metavar="N",
                           help="add the first N coded passages of each code as example quotes")
    cb_export.add_argument("--for", dest="tool", choices=("annotator", "taguette", "qualcoder", "maxqda"),
                           default="annotator", help="the tool that will import the file (default: annotator)")
    _csv_options(cb_export)
    cb_export.set_defaults(func=cmd_codebook_export)
    cb_import = actions.add_parser(
        "import", help="add or update codes from a CSV (or a template name)",
        description="Import a codebook CSV (columns: path, description, inclusion, exclusion, example, colour, "
        "shortcut, exclusive, order, guid; also Taguette's tag, MAXQDA's Code/Memo and QualCoder's header-less "
        "Category>>Code rows; parents that a path implies are created) or a bundled template: policy-frames, "
        "generic-frames, empty, policy-frames.zh, generic-frames.zh. Nothing changes if any row is invalid.")
    cb_import.add_argument("project", metavar="PROJECT")
    cb_import.add_argument("file", metavar="FILE.csv|TEMPLATE")
    cb_import.set_defaults(func=cmd_codebook_import)

    export = subparsers.add_parser(
        "export", help="export codebook, segments, assignments, matrix or REFI-QDA files",
        description="Write one or more exports of a project. CSV files have a UTF-8 BOM (for Excel) and "
        "cells that a spreadsheet would run as formulas get a leading apostrophe, unless turned off.")
    export.add_argument("project", metavar="PROJECT")
    export.add_argument("--codebook", metavar="F.csv", help="the codebook with usage counts")
    export.add_argument("--quotes", type=int, default=0, metavar="N", help="example quotes per code (--codebook)")
    export.add_argument("--segments", metavar="F.csv", help="one row per coded segment, with its text")
    export.add_argument("--assignments", metavar="F.csv", help="who codes which document, and the status")
    export.add_argument("--matrix", metavar="F.csv", help="document x code presence/counts per coder")
    export.add_argument("--memos", metavar="F.csv", help="every memo: journal, documents, codes and codings")
    export.add_argument("--set", dest="document_set", metavar="SET",
                        help="only the documents of this document set (--segments, --matrix; the other exports "
                        "cover the whole project, as a note says)")
    export.add_argument("--qdc", metavar="F.qdc", help="REFI-QDA codebook")
    export.add_argument("--qdpx", metavar="F.qdpx", help="REFI-QDA project (documents, codes, segments)")
    _csv_options(export)
    export.set_defaults(func=cmd_export)

    merge = subparsers.add_parser(
        "merge", help="merge another project or a .qdpx into this one",
        description="Add the other file's documents, codes, coders, segments, assignments, memos and document "
        "sets, in one transaction. Documents match by text, codes by guid then path, coders by name; duplicates "
        "are skipped, so merging twice changes nothing. Every conflict is printed with how it was resolved "
        "(this project's version is kept), and every warning.")
    merge.add_argument("project", metavar="PROJECT")
    merge.add_argument("other", metavar="OTHER.annotator|OTHER.qdpx")
    merge.add_argument("--mark-done", action="store_true",
                       help="mark every document of the other file as done for each coder who coded in it (for "
                       ".qdpx files from other tools, which record no progress)")
    merge.set_defaults(func=cmd_merge)


def _csv_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-bom", action="store_true", help="omit the UTF-8 byte order mark")
    parser.add_argument("--delimiter", default=",", metavar="C", help="field separator: , ; or tab (default ,)")
    parser.add_argument("--no-formula-protection", action="store_true",
                        help="write cells starting with = + - @ unchanged")


def _options(args: argparse.Namespace) -> CsvOptions:
    delimiter = "\t" if args.delimiter in ("tab", "\\t") else args.delimiter
    return CsvOptions(bom=not args.no_bom, delimiter=delimiter, protect_formulas=not args.no_formula_protection)


def cmd_codebook_export(args: argparse.Namespace) -> int:
    from annotator.core.codebook import export_codebook_csv, export_codebook_for_tool

    options = _options(args)
    warnings: list[str] = []
    with Project.open(args.project, readonly=True) as project:
        if args.tool == "annotator":
            n = export_codebook_csv(project, args.file, quotes=args.quotes, bom=options.bom,
                                    delimiter=options.delimiter, protect_formulas=options.protect_formulas)
        else:
            n, warnings = export_codebook_for_tool(project, args.file, args.tool, options)
    print(f"{args.file}: {n} codes" + (f" (for {args.tool})" if args.tool != "annotator" else ""))
    _print_warnings(warnings)
    return 0


def cmd_codebook_import(args: argparse.Namespace) -> int:
    from annotator.core.codebook import load_template

    with Project.open(args.project) as project:
        print(load_template(project, args.file))
    return 0


_SET_KINDS = ("segments", "matrix")  # the exports --set narrows to a document set


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.core.codebook import export_codebook_csv
    from annotator.core.exchange.refi import export_qdc, export_qdpx
    from annotator.core.exporters.assignments import export_assignments_csv
    from annotator.core.exporters.matrix import export_matrix_csv
    from annotator.core.exporters.segments import export_segments_csv

    wanted = [k for k in ("codebook", "segments", "assignments", "matrix", "memos", "qdc", "qdpx") if getattr(args, k)]
    if not wanted:
        raise InputError("nothing to export: give --codebook, --segments, --assignments, --matrix, --memos, --qdc "
                         "or --qdpx")
    _refuse_repeated_targets([(k, getattr(args, k)) for k in wanted])
    whole = [f"--{k}" for k in wanted if k not in _SET_KINDS]
    if args.document_set is not None and whole:  # said, not silently ignored (the dialog greys the set out)
        print(f"note: --set limits --segments and --matrix; {', '.join(whole)} "
              f"{'covers' if len(whole) == 1 else 'cover'} the whole project")
    options = _options(args)
    # All exports of one call show one state of the project, whatever the app commits meanwhile.
    with Project.open(args.project, readonly=True) as project, project.snapshot():
        within = None if args.document_set is None else \
            project.set_members(project.document_set(args.document_set.strip()).id)
        for kind in wanted:
            target = getattr(args, kind)
            if kind == "codebook":
                n = export_codebook_csv(project, target, quotes=args.quotes, bom=options.bom,
                                        delimiter=options.delimiter, protect_formulas=options.protect_formulas)
                print(f"{target}: {n} codes")
            elif kind == "segments":
                print(f"{target}: {export_segments_csv(project, target, options, within)} segments")
            elif kind == "assignments":
                print(f"{target}: {export_assignments_csv(project, target, options)} assignments")
            elif kind == "matrix":
                print(f"{target}: {export_matrix_csv(project, target, options, within)} rows")
            elif kind == "memos":
                from annotator.core.memos import export_memos_csv

                print(f"{target}: {export_memos_csv(project, target, options)} memos")
            elif kind == "qdc":
                report = export_qdc(project, target)
                print(f"{target}: REFI-QDA codebook")
                _print_warnings(report.warnings)
            else:
                report = export_qdpx(project, target)
                print(f"{target}: REFI-QDA project ({report.documents} documents, {report.segments} segments)")
                _print_warnings(report.warnings)
    return 0


def _refuse_repeated_targets(targets: list[tuple[str, str]]) -> None:
    """Two exports of one call aimed at one file: the second would silently replace the first."""
    import os

    seen: dict[str, str] = {}
    for kind, target in targets:
        key = os.path.normcase(os.path.realpath(target))
        if key in seen:
            raise InputError(f"--{seen[key]} and --{kind} both write {target}; give each export its own file "
                             "(nothing was written)")
        seen[key] = kind


def _print_warnings(lines: list[str]) -> None:
    for line in lines:
        print(f"warning: {line}")


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.core.exchange.merge import merge_project

    with Project.open(args.project) as project:
        report = merge_project(project, args.other, mark_done=args.mark_done)
    print(report.summary())
    for line in report.conflicts:
        print(f"conflict: {line}")
    for line in report.warnings:
        print(f"warning: {line}")
    return 0
