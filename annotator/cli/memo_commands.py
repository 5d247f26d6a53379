"""``annotator memos list|add|edit|delete``: document and code memos, the project journal, and (in
lists and searches) the memos of codings."""

from __future__ import annotations

import argparse

from annotator.cli.output import emit, excerpt
from annotator.core.store import Project


def register(subparsers: argparse._SubParsersAction) -> None:
    memos = subparsers.add_parser(
        "memos", help="list, search, add, edit or delete memos and the project journal",
        description="Memos on documents, on codes, and the project journal (memos on neither); lists and "
        "searches include the memos of codings.")
    actions = memos.add_subparsers(dest="memos_command", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="list or search memos",
                           description="List memos: the journal, code memos, document memos and codings' memos.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--kind", metavar="KIND,...", help="project (the journal), document, code, segment")
    p.add_argument("--document", metavar="NAME", help="only memos on this document (and its codings)")
    p.add_argument("--code", metavar="PATH", help="only memos on this code (and its codings)")
    p.add_argument("--search", default="", metavar="TEXT",
                   help="only memos containing TEXT (any case; simplified or traditional)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    p.set_defaults(func=cmd_list)

    p = actions.add_parser("add", help="write a memo on a document or a code, or in the journal",
                           description="Add a memo: on a document (--document), on a code (--code), or with "
                           "neither, an entry of the project journal.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("text", metavar="TEXT")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--document", metavar="NAME")
    where.add_argument("--code", metavar="PATH")
    p.add_argument("--coder", metavar="NAME", help="who wrote it (an existing coder)")
    p.set_defaults(func=cmd_add)

    p = actions.add_parser("edit", help="change a memo's text", description="Replace the text of memo ID.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("memo_id", type=int, metavar="ID")
    p.add_argument("text", metavar="TEXT")
    p.set_defaults(func=cmd_edit)

    p = actions.add_parser("delete", help="delete a memo", description="Delete memo ID.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("memo_id", type=int, metavar="ID")
    p.set_defaults(func=cmd_delete)


def cmd_list(args: argparse.Namespace) -> int:
    from annotator.core.memos import KINDS, memo_entries
    from annotator.core.retrieval import split_names

    kinds = tuple(split_names(args.kind)) or KINDS
    with Project.open(args.project, readonly=True) as project:
        document_id = project.document(args.document, with_text=False).id if args.document else None
        code_id = project.code(args.code).id if args.code else None
        entries = memo_entries(project, kinds=kinds, search=args.search, document_id=document_id, code_id=code_id)
    rows = [e.as_dict() for e in entries]
    if args.format == "table":
        rows = [{**r, "on": _on(r), "text": excerpt(str(r["text"]), 70)} for r in rows]
    emit(rows, ("kind", "id", "document", "code", "coder", "start", "end", "text", "created", "updated"),
         args.format, table_columns=("kind", "id", "on", "coder", "text"), empty="no memos")
    return 0


def _on(row: dict[str, object]) -> str:
    if row["kind"] == "segment":
        return f"{row['document']} [{row['start']}-{row['end']}] {row['code']}"
    return str(row["document"] or row["code"] or "(journal)")


def cmd_add(args: argparse.Namespace) -> int:
    from annotator.core.memos import AddMemo

    with Project.open(args.project) as project:
        document_id = project.document(args.document, with_text=False).id if args.document else None
        code_id = project.code(args.code).id if args.code else None
        coder_id = project.coder(args.coder.strip()).id if args.coder else None
        command = AddMemo(args.text, document_id=document_id, code_id=code_id, coder_id=coder_id)
        command.do(project)
    assert command.memo is not None
    on = f"document '{args.document}'" if args.document else f"code '{args.code}'" if args.code else "the journal"
    print(f"memo {command.memo.id} added to {on}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from annotator.core.memos import EditMemo

    with Project.open(args.project) as project:
        EditMemo(args.memo_id, args.text).do(project)
    print(f"memo {args.memo_id} changed")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from annotator.core.memos import DeleteMemo

    with Project.open(args.project) as project:
        DeleteMemo(args.memo_id).do(project)
    print(f"memo {args.memo_id} deleted")
    return 0



