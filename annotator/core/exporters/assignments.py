"""Who codes what: the assignment table as CSV, for tracking progress outside the app."""

from __future__ import annotations

import os

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.store import Project

ASSIGNMENT_COLUMNS = ("document", "coder", "status", "updated")


def export_assignments_csv(project: Project, path: str | os.PathLike[str],
                           options: CsvOptions | None = None) -> int:
    rows = [list(r) for r in project.db.execute(
        "SELECT d.name, r.name, a.status, a.updated FROM assignments a "
        "JOIN documents d ON d.id = a.document_id JOIN coders r ON r.id = a.coder_id ORDER BY d.id, r.name")]
    return write_csv(path, ASSIGNMENT_COLUMNS, rows, options)
