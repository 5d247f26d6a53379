"""REFI-QDA exchange: ``.qdc`` codebooks and ``.qdpx`` projects (ATLAS.ti, MAXQDA, NVivo, QualCoder...).

Writing lives in ``refi_export`` (streamed, deterministic, with warnings about what other tools cannot
hold), reading in ``refi_import`` (every folder layout real tools write, selections mapped through the
text normalisation, GUID clashes refused or renamed, notes and sets), the offset map in ``offset_map``.
This module keeps the entry points the CLI and the app call.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.exchange.bundle import Bundle, MergeReport, apply_bundle
from annotator.core.exchange.refi_export import (
    CODEBOOK_NS,
    PROJECT_NS,
    ExportReport,
    codebook_xml,
    export_qdc,
    export_qdpx,
    project_xml,
    refi_warnings,
)
from annotator.core.exchange.refi_import import read_qdc, read_qdpx
from annotator.core.store import Project

__all__ = ["CODEBOOK_NS", "PROJECT_NS", "ExportReport", "codebook_xml", "export_qdc", "export_qdpx", "import_refi",
           "import_refi_report", "project_xml", "read_qdc", "read_qdpx", "read_refi", "refi_warnings"]


def read_refi(path: str | os.PathLike[str]) -> Bundle:
    """Read and check a .qdc codebook or a .qdpx project, without touching any project."""
    suffix = Path(path).suffix.lower()
    if suffix == ".qdc":
        return read_qdc(path)
    if suffix == ".qdpx":
        return read_qdpx(path)
    raise InputError("expected a .qdc or .qdpx file", path=str(path))


def import_refi_report(project: Project, path: str | os.PathLike[str], *, mark_done: bool = False) -> MergeReport:
    """Import a .qdc codebook or a .qdpx project in one transaction; the full report."""
    return apply_bundle(project, read_refi(path), mark_done=mark_done)


def import_refi(project: Project, path: str | os.PathLike[str]) -> str:
    """Import a .qdc codebook or a .qdpx project; returns a one-line summary."""
    return import_refi_report(project, path).summary()
