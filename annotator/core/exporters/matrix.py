"""Document x code matrix per coder, the wide table statistics packages expect.

One row per (document, coder) that the coder coded or was assigned; for each code path two columns:
``<path>`` (1 if the coder applied the code anywhere in the document, else 0) and ``<path> (n)``
(how many segments).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.store import Project

SLICE = 500  # documents read per query


def matrix_rows(project: Project, document_ids: Sequence[int] | None = None) -> tuple[list[str], list[list[object]]]:
    """The header and rows; with ``document_ids`` (a document set) only those documents' rows."""
    header, rows = iter_matrix(project, document_ids)
    return header, list(rows)


def iter_matrix(project: Project, document_ids: Sequence[int] | None = None
                ) -> tuple[list[str], Iterator[list[object]]]:
    """The header, and the rows in document then coder-name order, read a slice of documents at a time
    (memory does not grow with the corpus)."""
    codes = project.codes()
    names = project.document_names()
    coders = {c.id: c.name for c in project.coders()}
    header = ["document", "coder"]
    for code in codes:
        header += [code.path, f"{code.path} (n)"]

    def rows() -> Iterator[list[object]]:
        ids = project.document_ids() if document_ids is None else sorted(set(document_ids))
        for start in range(0, len(ids), SLICE):
            batch = ids[start:start + SLICE]
            counts: dict[tuple[int, int], dict[int, int]] = {}
            for document_id, coder_id, code_id, n in project.segment_counts_in(batch):
                counts.setdefault((document_id, coder_id), {})[code_id] = n
            pairs = set(counts) | set(project.assignment_pairs_in(batch))
            for document_id, coder_id in sorted(pairs, key=lambda p: (p[0], coders[p[1]])):
                row: list[object] = [names[document_id], coders[coder_id]]
                found = counts.get((document_id, coder_id), {})
                for code in codes:
                    n = found.get(code.id, 0)
                    row += [int(n > 0), n]
                yield row

    return header, rows()


def export_matrix_csv(project: Project, path: str | os.PathLike[str], options: CsvOptions | None = None,
                      document_ids: Sequence[int] | None = None) -> int:
    header, rows = iter_matrix(project, document_ids)
    return write_csv(path, header, rows, options, project_path=project.path)
