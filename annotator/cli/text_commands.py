"""CLI commands on the text of the corpus: search (KWIC), analyze, dictionary, segment."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections.abc import Sequence

from annotator.core.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `annotator` parser."""
    p = subparsers.add_parser(
        "search", help="find a word or phrase in the corpus (keyword in context)",
        description="Find every occurrence of QUERY (Chinese words in simplified or traditional script, "
        "English case-insensitively) and print document, start, end and context. A hit is a whole word: "
        "Chinese as the segmenter cuts the documents, so 生物安全 does not find 生物安全法, which it keeps "
        "as one word.")
    p.add_argument("project", help="project file")
    p.add_argument("query", help="word or phrase; Chinese is segmented like the documents")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--outlet", help="only documents from this outlet")
    p.add_argument("--language", help="only documents in this language (zh, en, ...)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only documents dated on or after DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only documents dated on or before DATE")
    p.add_argument("--code", metavar="PATH", help="only hits inside segments of this code (or its sub-codes)")
    p.add_argument("--coder", metavar="NAME", help="only hits inside segments by this coder")
    p.add_argument("--set", dest="document_set", metavar="SET", help="only documents in this document set")
    p.add_argument("--context", type=int, default=40, metavar="N", help="characters of context each side")
    p.add_argument("--limit", type=int, metavar="N", help="stop after N hits")
    p.set_defaults(func=_search)

    p = subparsers.add_parser(
        "analyze", help="characteristic words of a code, frames by outlet, code co-occurrence",
        description="Analyse the coding: words that characterise a code (log-likelihood keyness), the "
        "share of documents per outlet using each frame, or how often codes occur together.")
    p.add_argument("project", help="project file")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--words", metavar="CODE", help="characteristic words of this code's segments")
    what.add_argument("--frames-by-outlet", action="store_true", help="frame distribution per outlet")
    what.add_argument("--cooccurrence", action="store_true", help="code co-occurrence matrix")
    p.add_argument("--coder", metavar="NAME", help="only this coder's segments (e.g. a consensus coder)")
    p.add_argument("--frames", metavar="CODE", help="use the children of CODE as the frames")
    p.add_argument("--top", type=int, default=50, metavar="N", help="words to list (--words)")
    p.add_argument("--overlap", action="store_true",
                   help="count overlapping segments instead of documents (--cooccurrence)")
    p.add_argument("--set", dest="document_set", metavar="SET", help="only documents in this document set")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=_analyze)

    p = subparsers.add_parser(
        "dictionary", help="list, add or remove words of the project's segmentation dictionary",
        description="The project's user dictionary teaches the Chinese segmenter words such as 孕妇血样; "
        "documents containing a changed word are segmented again.")
    p.add_argument("project", help="project file")
    p.add_argument("action", choices=("list", "add", "remove"))
    p.add_argument("terms", nargs="*", help="words to add or remove")
    p.set_defaults(func=_dictionary)

    p = subparsers.add_parser("segment", help="segment (tokenise) every document that needs it",
                              description="Fill the project's token cache ahead of searching or analysis.")
    p.add_argument("project", help="project file")
    p.set_defaults(func=_segment)


def _open(path: str, readonly: bool = False):
    from annotator.core.store import Project

    return Project.open(path, readonly=readonly)


def _search(args: argparse.Namespace) -> int:
    from annotator.core.search import SearchFilters, search

    with _open(args.project) as project:
        filters = SearchFilters(
            outlet=args.outlet, language=args.language, date_from=args.date_from, date_to=args.date_to,
            code_id=project.code(args.code).id if args.code else None,
            coder_id=project.coder(args.coder).id if args.coder else None,
            document_ids=_set_members(project, args.document_set))
        hits = search(project, args.query, filters, context=args.context, limit=args.limit)
    rows = [h.as_dict() for h in hits]
    columns = ["document", "start", "end", "left", "keyword", "right"]
    if args.format == "table":
        _table(rows, columns, align_right={"left"})
        print(f"{len(hits)} hit(s)", file=sys.stderr)
    else:
        _emit(rows, ["document", "document_id", "outlet", "date", "start", "end", "left", "keyword", "right"],
              args.format)
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from annotator.core import analysis

    with _open(args.project) as project:
        coder_id = project.coder(args.coder).id if args.coder else None
        frames = analysis.frame_codes(project, args.frames) if args.frames else None
        within = _set_members(project, args.document_set)
        if args.words:
            result = analysis.characteristic_words(project, project.code(args.words).id, coder_id=coder_id,
                                                   top=args.top, document_ids=within)
            rows = [w.as_dict() for w in result.words]
            columns = ["word", "count", "rest_count", "per_10k", "rest_per_10k", "g2", "overused"]
            if args.format == "table":
                print(f"{result.code.path}: {result.segments} segment(s), {result.tokens} token(s) "
                      f"against {result.rest_tokens}", file=sys.stderr)
        elif args.frames_by_outlet:
            rows = analysis.frames_by_outlet(project, coder_id=coder_id, frames=frames, document_ids=within).rows()
            columns = ["outlet", "frame", "documents", "coded_documents", "documents_with_frame", "share",
                       "segments"]
        else:
            matrix = analysis.cooccurrence(project, coder_id=coder_id, codes=frames, document_ids=within)
            rows = matrix.rows("overlaps" if args.overlap else "documents")
            columns = ["code", *[c.path for c in matrix.codes]]
    if args.format == "table":
        _table(rows, columns)
    else:
        _emit(rows, columns, args.format)
    return 0


def _set_members(project, name: str | None) -> list[int] | None:
    """The documents of a document set (``--set``), or None for no filter."""
    return None if name is None else project.set_members(project.document_set(name.strip()).id)


def _dictionary(args: argparse.Namespace) -> int:
    from annotator.core import segmentation

    if args.action == "list":
        if args.terms:
            raise InputError("'dictionary list' takes no words")
        with _open(args.project) as project:
            for term in segmentation.dictionary_terms(project):
                print(term)
        return 0
    with _open(args.project) as project:
        change = segmentation.add_terms if args.action == "add" else segmentation.remove_terms
        affected = change(project, args.terms)
    verb = "added" if args.action == "add" else "removed"
    print(f"{len(args.terms)} word(s) {verb}; {len(affected)} document(s) segmented again", file=sys.stderr)
    return 0


def _segment(args: argparse.Namespace) -> int:
    from annotator.core.segmentation import ensure_segmented

    with _open(args.project) as project:
        count = ensure_segmented(project)
    print(f"{count} document(s) segmented", file=sys.stderr)
    return 0


# ---- output ------------------------------------------------------------------------------------

def _emit(rows: list[dict[str, object]], columns: Sequence[str], fmt: str) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _table(rows: list[dict[str, object]], columns: Sequence[str], align_right: set[str] = frozenset()) -> None:
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w, False) for c, w in zip(columns, widths)).rstrip())
    for row in cells:
        print("  ".join(_pad(v, w, columns[i] in align_right or v.replace('.', '').isdigit())
                        for i, (v, w) in enumerate(zip(row, widths))).rstrip())
