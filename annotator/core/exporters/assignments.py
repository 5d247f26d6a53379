"""Who codes what: the assignment table as CSV, for tracking progress outside the app."""

from __future__ import annotations

import os

from annotator.core.exporters.csv_export import CsvOptions, write_csv
from annotator.core.store import Project

ASSIGNMENT_COLUMNS = ("document", "coder", "status", "updated")


def export_assignments_csv(project: Project, path: str | os.PathLike[str],
                           options: CsvOptions | None = None) -> int:
    return write_csv(path, ASSIGNMENT_COLUMNS, project.assignment_export_rows(), options,
                     project_path=project.path)
