"""``annotator coders list|add|rename|merge|delete|set-role``: the people (and the consensus) who code."""

from __future__ import annotations

import argparse

from annotator.cli.output import emit
from annotator.core.model import CODER_ROLES
from annotator.core.store import Project


def register(subparsers: argparse._SubParsersAction) -> None:
    coders = subparsers.add_parser(
        "coders", help="list, add, rename, merge or delete coders, or set their role",
        description="Coders are people, identified by name. An adjudicator (such as the consensus coder made "
        "in Review) settles disagreements and is left out of agreement by default.")
    actions = coders.add_subparsers(dest="coders_command", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="list coders with their role and how much they coded",
                           description="List coders: name, role, colour, segments and documents coded.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    p.set_defaults(func=cmd_list)

    p = actions.add_parser("add", help="add a coder", description="Add a coder.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=CODER_ROLES, default="coder", help="coder (default) or adjudicator")
    p.set_defaults(func=cmd_add)

    p = actions.add_parser("rename", help="rename a coder (their codings stay theirs)",
                           description="Rename a coder; their codings, statuses and memos stay theirs.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(func=cmd_rename)

    p = actions.add_parser(
        "merge", help="merge two names of one person",
        description="Give FROM's codings, statuses, memos and decisions to INTO, then remove FROM. A span both "
        "coded identically is kept once; a document keeps the further status (done over in progress).")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("source", metavar="FROM")
    p.add_argument("target", metavar="INTO")
    p.set_defaults(func=cmd_merge)

    p = actions.add_parser("delete", help="delete a coder with their codings",
                           description="Delete a coder with their codings and statuses (their memos stay, "
                           "unsigned); prints how many codings went.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_delete)

    p = actions.add_parser("set-role", help="make a coder a coder or an adjudicator",
                           description="Set a coder's role: coder, or adjudicator (left out of agreement by default).")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("name", metavar="NAME")
    p.add_argument("role", choices=CODER_ROLES, metavar="coder|adjudicator")
    p.set_defaults(func=cmd_set_role)


def cmd_list(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        usage = project.coder_usage()
        rows = [{"name": c.name, "role": c.role, "color": c.color, "segments": usage.get(c.id, (0, 0))[0],
                 "documents": usage.get(c.id, (0, 0))[1]} for c in project.coders()]
    emit(rows, ("name", "role", "color", "segments", "documents"), args.format, empty="no coders")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from annotator.core.coder_edits import AddCoder

    with Project.open(args.project) as project:
        command = AddCoder(args.name, args.role)
        command.do(project)
    print(f"added coder '{command.name}' ({args.role})")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    from annotator.core.coder_edits import RenameCoder

    with Project.open(args.project) as project:
        RenameCoder(project.coder(args.old.strip()).id, args.new).do(project)
    print(f"renamed coder '{args.old.strip()}' to '{args.new.strip()}'")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.core.coder_edits import MergeCoders

    with Project.open(args.project) as project:
        source, target = project.coder(args.source.strip()), project.coder(args.target.strip())
        command = MergeCoders(source.id, target.id)
        command.do(project)
        total = project.segment_count(coder_id=target.id)
    assert command.snapshot is not None
    theirs = sum(1 for s in command.snapshot.segments if s.coder_id == source.id)
    twins = theirs - command.moved
    print(f"merged coder '{source.name}' into '{target.name}': {command.moved} coding(s) moved"
          + (f", {twins} identical to one of '{target.name}' kept once" if twins else "")
          + f"; '{target.name}' now has {total}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from annotator.core.coder_edits import DeleteCoder

    with Project.open(args.project) as project:
        coder = project.coder(args.name.strip())
        command = DeleteCoder(coder.id)
        command.do(project)
    print(f"deleted coder '{coder.name}' with {command.segments_deleted} coding(s)")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from annotator.core.coder_edits import SetCoderRole

    with Project.open(args.project) as project:
        coder = project.coder(args.name.strip())
        SetCoderRole(coder.id, args.role).do(project)
    print(f"{coder.name} is now {'an' if args.role == 'adjudicator' else 'a'} {args.role}")
    return 0
