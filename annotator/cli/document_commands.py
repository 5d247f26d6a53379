"""``annotator documents list|set|delete`` and ``annotator sets list|add|remove|rename|delete``."""

from __future__ import annotations

import argparse
import sys

from annotator.cli.output import emit
from annotator.core.errors import InputError
from annotator.core.store import Project

DOCUMENT_COLUMNS = ("name", "title", "outlet", "date", "language", "url")


def register(subparsers: argparse._SubParsersAction) -> None:
    documents = subparsers.add_parser(
        "documents", help="list documents, edit their properties, delete them",
        description="The project's documents: list them, set their title, outlet, date, language, URL and "
        "attributes, or delete them with their codings.")
    actions = documents.add_subparsers(dest="documents_command", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="list documents with their properties, sets and coding counts",
                           description="List every document (or those of a set) with its properties.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--set", dest="document_set", metavar="SET", help="only documents in this document set")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    p.set_defaults(func=cmd_documents_list)

    p = actions.add_parser(
        "set", help="set a document's title, outlet, date, language, URL or attributes",
        description="Change the properties of one document. The text never changes (every coding's "
        "offsets depend on it). --attribute KEY= (empty value) removes an attribute.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("name", metavar="NAME", help="the document's name")
    p.add_argument("--title", metavar="T")
    p.add_argument("--outlet", metavar="O")
    p.add_argument("--date", metavar="D", help="YYYY-MM-DD (or YYYY-MM, YYYY)")
    p.add_argument("--language", metavar="L", help="a language code: zh, en, zh-hant, ...")
    p.add_argument("--url", metavar="U")
    p.add_argument("--rename", metavar="NEW", help="give the document a new name")
    p.add_argument("--attribute", action="append", default=[], metavar="KEY=VALUE",
                   help="set an attribute (repeat for several); KEY= removes it")
    p.set_defaults(func=cmd_documents_set)

    p = actions.add_parser("delete", help="delete documents with their codings, memos and assignments",
                           description="Delete documents and everything attached to them; prints how many "
                           "codings went with them. All names are checked first: one unknown name deletes nothing.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("names", metavar="NAME", nargs="+")
    p.set_defaults(func=cmd_documents_delete)

    sets = subparsers.add_parser(
        "sets", help="group documents in sets (outlet, wave, sample) to filter by them",
        description="Document sets group articles (by outlet, wave or sample) for lists, retrieval, "
        "agreement, search and analysis.")
    actions = sets.add_subparsers(dest="sets_command", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="list the document sets with their documents",
                           description="List the document sets, with how many documents each holds.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    p.set_defaults(func=cmd_sets_list)
    for name, verb, func in (("add", "put documents in a set (created if new)", cmd_sets_add),
                             ("remove", "take documents out of a set", cmd_sets_remove)):
        p = actions.add_parser(name, help=verb, description=verb[0].upper() + verb[1:] + ".")
        p.add_argument("project", metavar="PROJECT")
        p.add_argument("set_name", metavar="SET")
        p.add_argument("names", metavar="NAME", nargs="+", help="document names")
        p.set_defaults(func=func)
    p = actions.add_parser("rename", help="rename a set", description="Rename a document set.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("set_name", metavar="SET")
    p.add_argument("new_name", metavar="NEW")
    p.set_defaults(func=cmd_sets_rename)
    p = actions.add_parser("delete", help="delete a set (its documents stay)",
                           description="Delete a document set; its documents stay in the project.")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("set_name", metavar="SET")
    p.set_defaults(func=cmd_sets_delete)


def document_rows(project: Project, document_set: str | None = None) -> list[dict[str, object]]:
    """One dict per document: the public keys (name, title, outlet, date, language, url) and more."""
    wanted = set(project.set_members(project.document_set(document_set).id)) if document_set else None
    sets = project.sets_of_documents()
    counts = project.segment_counts_by_document()
    return [{"name": d.name, "title": d.title, "outlet": d.outlet, "date": d.date, "language": d.language,
             "url": d.url, "length": d.length, "segments": counts.get(d.id, 0), "sets": sets.get(d.id, []),
             "attributes": d.attributes, "source_file": d.source_file}
            for d in project.documents() if wanted is None or d.id in wanted]


def cmd_documents_list(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        rows = document_rows(project, args.document_set)
    columns = (*DOCUMENT_COLUMNS, "length", "segments", "sets", "attributes")
    emit(rows, columns, args.format, table_columns=("name", "title", "outlet", "date", "language", "segments", "sets"),
         empty="no documents")
    return 0


def cmd_documents_set(args: argparse.Namespace) -> int:
    from annotator.core.document_edits import UpdateDocument, parse_attributes

    fields = {k: getattr(args, k) for k in ("title", "outlet", "date", "language", "url") if getattr(args, k) is not None}
    if args.rename is not None:
        fields["name"] = args.rename
    attributes = parse_attributes(args.attribute)
    if not fields and not attributes:
        raise InputError("nothing to change: give --title, --outlet, --date, --language, --url, --rename "
                         "or --attribute")
    with Project.open(args.project) as project:
        document = project.document(args.name, with_text=False)
        UpdateDocument(document.id, attributes=attributes, **fields).do(project)
        changed = project.document(document.id, with_text=False)
    said = [f"{k} = {getattr(changed, k)!r}" for k in fields if k != "name"]
    said += [f"{k} = {v!r}" if v else f"{k} removed" for k, v in attributes.items()]
    if "name" in fields:
        said.append(f"renamed from '{args.name}'")
    print(f"{changed.name}: {', '.join(said)}")
    return 0


def cmd_documents_delete(args: argparse.Namespace) -> int:
    from annotator.core.document_edits import DeleteDocuments

    with Project.open(args.project) as project:
        documents = [project.document(n, with_text=False) for n in dict.fromkeys(args.names)]
        command = DeleteDocuments([d.id for d in documents])
        command.do(project)
    print(f"deleted {len(documents)} document{'s' if len(documents) != 1 else ''} "
          f"({', '.join(d.name for d in documents)}) with {command.segments_deleted} coding"
          f"{'s' if command.segments_deleted != 1 else ''}")
    return 0


def cmd_sets_list(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        names = project.document_names()
        rows = [{"name": s.name, "documents": [names[d] for d in project.set_members(s.id)],
                 "description": s.description} for s in project.document_sets()]
    if args.format == "json":
        emit(rows, ("name", "documents"), "json")
    elif not rows:
        print("no document sets", file=sys.stderr)
    else:
        emit([{**r, "count": len(r["documents"])} for r in rows], ("name", "count", "documents"), "table")
    return 0


def cmd_sets_add(args: argparse.Namespace) -> int:
    from annotator.core.document_edits import AddToSet

    with Project.open(args.project) as project:
        ids = [project.document(n, with_text=False).id for n in args.names]
        command = AddToSet(args.set_name, ids)
        command.do(project)
        total = len(project.set_members(project.document_set(args.set_name.strip()).id))
    new = " (new set)" if command.created else ""
    print(f"{args.set_name.strip()}{new}: {len(command.added)} document(s) added, {total} in the set")
    return 0


def cmd_sets_remove(args: argparse.Namespace) -> int:
    from annotator.core.document_edits import RemoveFromSet

    with Project.open(args.project) as project:
        document_set = project.document_set(args.set_name.strip())
        ids = [project.document(n, with_text=False).id for n in args.names]
        command = RemoveFromSet(document_set.id, ids)
        command.do(project)
        total = len(project.set_members(document_set.id))
    print(f"{document_set.name}: {len(command.removed)} document(s) removed, {total} in the set")
    return 0


def cmd_sets_rename(args: argparse.Namespace) -> int:
    from annotator.core.document_edits import RenameSet

    with Project.open(args.project) as project:
        document_set = project.document_set(args.set_name.strip())
        RenameSet(document_set.id, args.new_name).do(project)
    print(f"renamed set '{document_set.name}' to '{args.new_name.strip()}'")
    return 0


def cmd_sets_delete(args: argparse.Namespace) -> int:
    from annotator.core.document_edits import DeleteSet

    with Project.open(args.project) as project:
        document_set = project.document_set(args.set_name.strip())
        command = DeleteSet(document_set.id)
        command.do(project)
    print(f"deleted set '{document_set.name}' ({len(command.members)} document(s) stay in the project)")
    return 0
