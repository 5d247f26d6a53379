"""CLI commands: ``agreement`` (every coefficient for a scope), ``disagreements`` (where coders differ)
and ``review`` (headless adjudication: list, decide, copy-agreed into the consensus coder).

``agreement`` and ``disagreements`` open the project read-only; output is a table for people, CSV for
spreadsheets or JSON for scripts (the JSON layout is documented in report.py). ``disagreements`` and
``review list`` print the one disagreement model of ``annotator.core.adjudication`` (the Review tab's).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
import sys
from typing import Any

from annotator.core.agreement.report import (
    ALL_UNITS,
    DEFAULT_UNIT,
    AgreementReport,
    AgreementScope,
    compute_agreement,
    documents_left_out,
    find_conflicts,
    find_disagreements,
)
from annotator.core.agreement.report_table import report_columns as _columns
from annotator.core.agreement.report_table import report_csv as _csv
from annotator.core.agreement.report_table import report_rows as _rows
from annotator.core.errors import InputError
from annotator.core.store import Project

def _scope_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("--unit", choices=ALL_UNITS, default=DEFAULT_UNIT,
                        help="what one unit is (default: document, the unit most framing studies report): "
                        "character, token (jieba words for Chinese), sentence, paragraph, document "
                        "(code present anywhere), or span (unitizing, Krippendorff's alpha_U)")
    parser.add_argument("--coders", metavar="A,B,...", help="coders to compare (default: every coder except "
                        "adjudicators such as the consensus coder; at least two)")
    parser.add_argument("--codes", metavar="PATH,...", help="codes to compare (default: every code used, plus "
                        "exclusive groups)")
    parser.add_argument("--group", metavar="PATH", help="a mutually exclusive code group: its children, and the "
                        "group as one nominal variable")
    parser.add_argument("--documents", metavar="NAME,...", help="documents (default: all). A document counts "
                        "for a coder only when their assignment is done; otherwise that coder is missing there")
    parser.add_argument("--set", dest="document_set", metavar="SET",
                        help="only the documents of this document set (with --documents: those of them in the set)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `annotator` parser."""
    agreement = subparsers.add_parser(
        "agreement", help="inter-coder agreement: alpha, kappa, pi, AC1, alpha_U ...",
        description="Inter-coder agreement per code, per exclusive group and overall: Krippendorff's alpha, "
        "percent agreement, Cohen's kappa (two coders; pairs otherwise), Scott's pi, Fleiss' kappa, Gwet's AC1, "
        "Brennan-Prediger; with --unit span, Krippendorff's alpha_U. Undefined values are shown as '-' "
        "with the reason in JSON. Krippendorff: alpha >= .800 reliable, .667-.800 tentative only.")
    _scope_options(agreement)
    agreement.add_argument("--bootstrap", type=int, default=0, metavar="N",
                           help="bootstrap confidence intervals from N resamples of documents (e.g. 1000)")
    agreement.add_argument("--seed", type=int, default=0, metavar="S", help="random seed for --bootstrap "
                           "(reported; default 0)")
    agreement.add_argument("--categories", type=int, metavar="N", help="q, the number of categories an exclusive "
                           "group offers, for Brennan-Prediger and AC1 (default: its children, plus \"(none)\" "
                           "where a finished coder left a unit without any)")
    agreement.add_argument("--level", choices=("nominal", "ordinal", "interval", "ratio"), default="nominal",
                           help="level of measurement of numbered groups (rating scales): alpha at that level, "
                           "weighted kappa and AC2 with Gwet's weights (default: nominal)")
    agreement.add_argument("--format", choices=("table", "csv", "json"), default="table")
    agreement.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    agreement.set_defaults(func=cmd_agreement)

    disagreements = subparsers.add_parser(
        "disagreements", help="list where coders disagree (document, span, code, who coded it)",
        description="Every place where the coders who finished a document disagree on a code at the chosen "
        "unit (the Review tab's list): overlapping spans of one code form a place; it is a disagreement when "
        "the coders do not cover the same units in it. Columns: document, start, end (characters, end "
        "exclusive), code, coders who coded it, finished coders who did not, unit, each coder's spans. "
        "Exclusive-group conflicts (one coder, two children of a group on one unit) follow as kind 'conflict'.")
    _scope_options(disagreements)
    disagreements.add_argument("--format", choices=("csv", "json"), default="csv")
    disagreements.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    disagreements.set_defaults(func=cmd_disagreements)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def scope_from_args(args: argparse.Namespace) -> AgreementScope:
    if getattr(args, "bootstrap", 0) < 0:
        raise InputError("--bootstrap must be 0 or more")
    if args.group and args.codes:
        raise InputError("use either --codes or --group, not both")
    categories = getattr(args, "categories", None)
    if categories is not None and categories < 2:
        raise InputError("--categories must be 2 or more")
    return AgreementScope(unit=args.unit, coders=_split(args.coders), codes=_split(args.codes),
                          group=args.group, documents=_split(args.documents),
                          bootstrap=getattr(args, "bootstrap", 0), seed=getattr(args, "seed", 0),
                          categories=categories, level=getattr(args, "level", "nominal"))


def in_set(scope: AgreementScope, project: Project, args: argparse.Namespace) -> AgreementScope:
    """``scope`` narrowed to the documents of ``--set`` (and of ``--documents`` too, when both are given)."""
    name = getattr(args, "document_set", None)
    if name is None:
        return scope
    names = project.document_names()
    members = [names[d] for d in project.set_members(project.document_set(name.strip()).id)]
    wanted = [m for m in members if m in scope.documents] if scope.documents else members
    if not wanted:
        raise InputError(f"no documents in the set '{name.strip()}'" + (" among --documents" if scope.documents else ""))
    return dataclasses.replace(scope, documents=tuple(wanted))


def _write(text: str, output: str | None, project: str | None = None) -> None:
    if output:
        from pathlib import Path

        from annotator.core.exporters.output import write_text

        # Never over the project or its files; whole or not at all.
        write_text(output, text, project_path=Path(project) if project else None)
    else:
        sys.stdout.write(text)


def cmd_agreement(args: argparse.Namespace) -> int:
    scope = scope_from_args(args)
    with Project.open(args.project, readonly=True) as project:
        report = compute_agreement(project, in_set(scope, project, args))
    if args.format == "json":
        text = json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = _csv(report)
    else:
        text = _table(report)
    _write(text, args.output, args.project)
    return 0


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4f}"
    return str(int(value)) if isinstance(value, float) else str(value)


def _table(report: AgreementReport) -> str:
    columns = _columns(report)
    header = ["", "code"] + [label for _, label in columns]
    with_ci = bool(report.bootstrap) and report.unit != "span"
    if with_ci:
        header += ["95% CI", "P(a<.667)", "P(a<.800)"]
    lines = [header]
    for kind, path, values in _rows(report):
        line = [kind, path] + [_fmt(values.get(key)) for key, _ in columns]
        if with_ci:
            ci = values.get("ci") or {}
            line += [f"[{_fmt(ci.get('low'))}, {_fmt(ci.get('high'))}]", _fmt(ci.get("p_below_0_667")),
                     _fmt(ci.get("p_below_0_800"))]
        lines.append(line)
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    body = "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in lines)
    head = (f"unit: {report.unit}; coders: {', '.join(report.coders)}; documents: {len(report.documents)}"
            + (f" ({len(report.skipped_documents)} skipped: not finished by enough coders)"
               if report.skipped_documents else "")
            + (f"; bootstrap {report.bootstrap} resamples, seed {report.seed}" if report.bootstrap else ""))
    text = head + "\n" + body + "\n"
    shared: dict[str, None] = {}
    for kind, path, values in _rows(report):
        for key, note in (values.get("notes") or {}).items():
            if key in ("categories", "conflicts", "level"):
                text += f"  {path}: {note}\n"
            elif kind == "overall":
                shared[f"{note} (all codes pooled)"] = None
    for note in [*report.notes.values(), *shared]:
        text += f"note: {note}\n"
    if report.overall is not None and len(report.coders) > 2 and report.overall.pairs:
        pairs = [["pair", "alpha", "kappa", "agree%"]] + [
            [" / ".join(p["coders"]), _fmt(p["krippendorff_alpha"]), _fmt(p["cohen_kappa"]),
             _fmt(p["percent_agreement"])] for p in report.overall.pairs]
        widths = [max(len(row[i]) for row in pairs) for i in range(4)]
        text += "\ncoder pairs, all codes pooled:\n" + "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in pairs) + "\n"
    return text


def cmd_disagreements(args: argparse.Namespace) -> int:
    scope = scope_from_args(args)
    with Project.open(args.project, readonly=True) as project:
        scope = in_set(scope, project, args)
        found = find_disagreements(project, scope)
        conflicts = find_conflicts(project, scope) if scope.unit != "span" else []
        left_out = documents_left_out(project, scope)
    if args.format == "json":
        entries = [d.to_json_dict() for d in found] + [
            {"kind": "conflict", **c.to_json_dict(), "code": c.group, "coded_by": [c.coder], "not_coded_by": []}
            for c in conflicts]
        text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["document", "start", "end", "code", "coded_by", "not_coded_by", "unit", "versions", "kind"])
        for d in found:
            writer.writerow([d.document, d.start, d.end, d.code, ";".join(d.coded_by), ";".join(d.not_coded_by),
                             d.unit, _versions(d.versions), "disagreement"])
        for c in conflicts:
            writer.writerow([c.document, c.start, c.end, c.group, c.coder, "", scope.unit, ";".join(c.codes),
                             "conflict"])
        text = buffer.getvalue()
    _write(text, args.output, args.project)
    if left_out:  # as `agreement` says "(1 skipped: not finished by enough coders)"; after the write, so a
        # refused --output stays one line
        print(f"note: {left_out} document{'s' if left_out != 1 else ''} left out: not finished by two of the "
              "compared coders (mark them done to compare them)", file=sys.stderr)
    return 0


def _versions(versions: Any) -> str:
    """``ann: 0-10 5-21; bob: 0-21``: each coder's spans in a place."""
    return "; ".join(f"{name}: {' '.join(f'{s}-{e}' for s, e in spans) or '-'}" for name, spans in versions)
