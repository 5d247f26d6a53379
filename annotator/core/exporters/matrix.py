"""Document x code matrix per coder, the wide table statistics packages expect.

One row per (document, coder) that the coder coded or was assigned; for each code path two columns:
``<path>`` (1 if the coder applied the code anywhere in the document, else 0) and ``<path> (n)``
(how many segments).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.store import Project


def matrix_rows(project: Project, document_ids: Sequence[int] | None = None) -> tuple[list[str], list[list[object]]]:
    """The header and rows; with ``document_ids`` (a document set) only those documents' rows."""
    codes = project.codes()
    counts: dict[tuple[int, int], dict[int, int]] = {}
    for document_id, coder_id, code_id, n in project.segment_counts_by_place():
        counts.setdefault((document_id, coder_id), {})[code_id] = n
    pairs = set(counts) | {(a.document_id, a.coder_id) for a in project.assignments()}
    if document_ids is not None:
        wanted = set(document_ids)
        pairs = {p for p in pairs if p[0] in wanted}
    documents = {d.id: d for d in project.documents()}
    coders = {c.id: c for c in project.coders()}
    header = ["document", "coder"]
    for code in codes:
        header += [code.path, f"{code.path} (n)"]
    rows = []
    for document_id, coder_id in sorted(pairs, key=lambda p: (p[0], coders[p[1]].name)):
        row: list[object] = [documents[document_id].name, coders[coder_id].name]
        found = counts.get((document_id, coder_id), {})
        for code in codes:
            n = found.get(code.id, 0)
            row += [int(n > 0), n]
        rows.append(row)
    return header, rows


def export_matrix_csv(project: Project, path: str | os.PathLike[str], options: CsvOptions | None = None,
                      document_ids: Sequence[int] | None = None) -> int:
    header, rows = matrix_rows(project, document_ids)
    return write_csv(path, header, rows, options)
