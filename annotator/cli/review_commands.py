"""CLI command ``review``: headless adjudication into a consensus coder, scriptable and reproducible.

    annotator review PROJECT list [--unit U] [--coders A,B] [--codes P,...] [--documents N,...]
    annotator review PROJECT decide N (--accept A[,B] | --none | --edited) [same scope options]
    annotator review PROJECT copy-agreed [same scope options]

``list`` numbers the disagreements of a scope: exactly the Review tab's list for the same unit and coders
(``annotator.core.adjudication.find_disagreements``, the one disagreement model). ``decide N`` settles
number N of that list with the same undoable command the Review tab runs; the numbers stay valid while
deciding, because places are computed from the compared coders only, never from the consensus coder.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import Any

from annotator.core import adjudication as adj
from annotator.core.agreement.report import resolve_coders, resolve_documents
from annotator.core.errors import InputError
from annotator.core.store import Project

UNITS = ("character", "token", "sentence", "paragraph", "document")


def register(subparsers: argparse._SubParsersAction) -> None:
    review = subparsers.add_parser(
        "review", help="adjudicate: list disagreements, decide one, copy agreed codings to the consensus",
        description="Settle disagreements into a consensus coder (created with the role adjudicator, so "
        "agreement leaves it out by default). 'list' numbers the disagreements of a scope (the Review tab's "
        "list for the same unit), 'decide N' settles number N, 'copy-agreed' copies every place all finished "
        "coders agree on.")
    review.add_argument("project", metavar="PROJECT", help="the project file")
    actions = review.add_subparsers(dest="action", metavar="ACTION", parser_class=type(review))
    actions.required = True
    listing = actions.add_parser("list", help="number the disagreements of the scope, with their state")
    _scope_options(listing)
    listing.add_argument("--remaining", action="store_true", help="only those not settled yet")
    listing.add_argument("--format", choices=("csv", "json"), default="csv")
    decide = actions.add_parser("decide", help="settle disagreement N of 'review list' (same scope options)")
    decide.add_argument("number", type=int, metavar="N", help="the number 'review list' printed")
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument("--accept", metavar="A[,B]", help="accept these coders' versions (several: their union)")
    choice.add_argument("--none", action="store_true", help="the code does not apply here: the consensus gets none")
    choice.add_argument("--edited", action="store_true", help="record that the consensus was coded here by hand")
    _scope_options(decide)
    copy = actions.add_parser("copy-agreed", help="copy every place all finished coders agree on")
    _scope_options(copy)
    review.set_defaults(func=cmd_review)


def _scope_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", choices=UNITS, default="character",
                        help="what must agree (default: character, the coders' exact spans)")
    parser.add_argument("--coders", metavar="A,B,...", help="coders compared (default: every coder except "
                        "adjudicators; at least two)")
    parser.add_argument("--codes", metavar="PATH,...", help="only these codes")
    parser.add_argument("--documents", metavar="NAME,...", help="only these documents")
    parser.add_argument("--consensus", metavar="NAME", help="the consensus coder (default: the project's, or "
                        "'Consensus')")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _scope(project: Project, args: argparse.Namespace) -> adj.Scope:
    coders, _ = resolve_coders(project, _split(args.coders))
    if len(coders) < 2:
        raise InputError("review needs at least two coders to compare")
    codes = [project.code(path).id for path in _split(args.codes)] or None
    documents = [d.id for d in resolve_documents(project, _split(args.documents))] if args.documents else None
    return adj.Scope([c.id for c in coders], code_ids=codes, document_ids=documents, unit=args.unit)


def cmd_review(args: argparse.Namespace) -> int:
    readonly = args.action == "list"
    with Project.open(args.project, readonly=readonly) as project:
        scope = _scope(project, args)
        if readonly:
            text = _listing(project, scope, args)
            print(text, end="")
            return 0
        consensus = adj.consensus_coder(project, args.consensus)
        if consensus in scope.coder_ids:
            raise InputError("the consensus coder cannot also be one of the compared coders")
        names = {c.id: c.name for c in project.coders()}
        if args.action == "copy-agreed":
            command = adj.CopyAgreed(consensus, scope)
            command.do(project)
            print(f"copied {len(command.added)} agreed codings to {names[consensus]}")
            return 0
        found = adj.find_disagreements(project, scope)
        if not 1 <= args.number <= len(found):
            raise InputError(f"no disagreement number {args.number} (the scope has {len(found)})")
        d = found[args.number - 1]
        if args.accept:
            by_name = {n: i for i, n in names.items()}
            accept = []
            for name in _split(args.accept):
                if name not in by_name or by_name[name] not in d.versions:
                    raise InputError(f"'{name}' is not one of the coders compared here "
                                     f"({', '.join(names[c] for c in d.versions)})")
                accept.append(by_name[name])
            adj.Decide(consensus, d, accept, "accept", names=names).do(project)
        else:
            adj.Decide(consensus, d, choice="none" if args.none else "edited", names=names).do(project)
        print(f"decided {args.number}: {_label(project, d)}")
    return 0


def _label(project: Project, d: adj.Disagreement) -> str:
    return f"{project.document(d.document_id, with_text=False).name} {d.start}-{d.end} {project.code(d.code_id).path}"


def _listing(project: Project, scope: adj.Scope, args: argparse.Namespace) -> str:
    consensus = project.find_coder(args.consensus or project.meta(adj.CONSENSUS_META_KEY) or adj.DEFAULT_CONSENSUS)
    found = adj.find_disagreements(project, scope)
    settled = adj.settled_among(project, consensus.id, found) if consensus else set()
    names = {c.id: c.name for c in project.coders()}
    paths = {c.id: c.path for c in project.codes()}
    documents = project.document_names()
    rows: list[dict[str, Any]] = []
    for number, d in enumerate(found, 1):
        if args.remaining and d.key in settled:
            continue
        decision = adj.decision(project, consensus.id, d) if consensus else None
        rows.append({"number": number, "document": documents[d.document_id], "start": d.start, "end": d.end,
                     "code": paths[d.code_id], "unit": d.unit, "coded_by": [names[c] for c in d.coders_with()],
                     "not_coded_by": [names[c] for c in d.coders_without()],
                     "versions": {names[c]: [list(s) for s in spans] for c, spans in d.versions.items()},
                     "settled": d.key in settled,
                     "decision": None if decision is None else {"choice": decision[0],
                                                                "accepted": [names[c] for c in decision[1]]}})
    if args.format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["number", "document", "start", "end", "code", "unit", "coded_by", "not_coded_by", "settled",
                     "decision"])
    for row in rows:
        decision = row["decision"]
        writer.writerow([row["number"], row["document"], row["start"], row["end"], row["code"], row["unit"],
                         ";".join(row["coded_by"]), ";".join(row["not_coded_by"]), "yes" if row["settled"] else "no",
                         "" if decision is None else f"{decision['choice']} {';'.join(decision['accepted'])}".strip()])
    return buffer.getvalue()
