"""``annotator segments list``: the retrieved segments of codes, coders, documents or a set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.cli.output import emit, excerpt


def add_list_command(actions: argparse._SubParsersAction) -> None:
    """Add ``list`` to the ``segments`` command's actions (project_commands makes it, with ``import``)."""
    p = actions.add_parser(
        "list", help="list coded segments (retrieval), filtered by code, coder, document or set",
        description="List every coded segment of the chosen codes (a code includes its sub-codes), coders, "
        "documents or document set, with its text and memo, in document and text order.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--code", metavar="PATH,...", help="only these codes and their sub-codes")
    p.add_argument("--coder", metavar="NAME,...", help="only these coders")
    p.add_argument("--document", metavar="NAME,...", help="only these documents")
    p.add_argument("--set", dest="document_set", metavar="SET", help="only documents in this document set")
    p.add_argument("--text", default="", metavar="TEXT",
                   help="only segments whose text or memo contains TEXT (any case; simplified or traditional)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    p.add_argument("--output", metavar="FILE", help="write to FILE (CSV with a byte order mark for Excel)")
    p.set_defaults(func=cmd_segments_list)


def cmd_segments_list(args: argparse.Namespace) -> int:
    from annotator.core.retrieval import EXPORT_COLUMNS, filter_by_names, retrieve, split_names
    from annotator.core.store import Project

    with Project.open(args.project, readonly=True) as project:
        wanted = filter_by_names(project, codes=split_names(args.code), coders=split_names(args.coder),
                                 documents=split_names(args.document), document_set=args.document_set,
                                 text=args.text)
        found = retrieve(project, wanted)
    if args.output:
        _write(Path(args.output), found, args.format)
        print(f"{len(found)} segment(s) written to {args.output}", file=sys.stderr)
        return 0
    rows = [s.as_dict() for s in found]
    if args.format == "table":
        rows = [{**r, "text": excerpt(str(r["text"])), "memo": excerpt(str(r["memo"]), 30)} for r in rows]
    emit(rows, EXPORT_COLUMNS, args.format, empty="no segments")
    if args.format == "table" and found:
        print(f"{len(found)} segment(s)", file=sys.stderr)
    return 0


def _write(path: Path, found: list, fmt: str) -> None:
    from annotator.core.exporters.retrieved import export_retrieved_csv

    if fmt == "json":
        from annotator.core.exporters.output import write_text

        write_text(path, json.dumps([s.as_dict() for s in found], ensure_ascii=False, indent=2) + "\n")
    else:
        export_retrieved_csv(path, found)
