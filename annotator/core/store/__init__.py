"""The project file: one SQLite database (via sqlite-utils) holding documents, codebook, coders,
coded segments, memos, document sets and assignments. The only place in Annotator that speaks SQL.

Why SQLite: one file a researcher can copy and archive, transactional (WAL) so a crash never loses a
committed edit, and readable by any tool in twenty years. Every public mutating method runs in exactly
one transaction. The schema carries a version; migrations are recorded, and a file written by a newer
version of Annotator is refused rather than silently damaged.

Modules: ``schema`` (migrations), ``files`` (recognising and connecting to the file), ``rows`` (shared
checks and mapping rows to dataclasses by column name), ``project`` (``Project``: open, close,
transactions) and one module of queries per table, mixed into ``Project``.
"""

from annotator.core.store.document_list import DocumentListQuery, ListedDocument
from annotator.core.store.documents import ImportReport
from annotator.core.store.project import Project
from annotator.core.store.rows import PALETTE, check_colour, new_guid, normalise_code_path, now
from annotator.core.store.schema import APPLICATION_ID, MIGRATIONS, schema_version

__all__ = [
    "APPLICATION_ID", "MIGRATIONS", "PALETTE", "DocumentListQuery", "ImportReport", "ListedDocument", "Project",
    "check_colour", "new_guid", "normalise_code_path", "now", "schema_version",
]
