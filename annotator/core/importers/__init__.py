"""Importers: turn a file a researcher has (txt, docx, html, pdf, csv) into ``DocumentInput``s.

Each format lives in its own module; ``read_documents`` picks one by suffix. Importers only read:
storing is ``Project.add_documents``, one transaction for a whole batch, so a bad file changes nothing.
Every problem is an ``InputError`` whose one line names the file (and the line, for CSV).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.names import readable

Reader = Callable[[Path], list[DocumentInput]]


def _reader_for(suffix: str) -> Reader:
    # Imported on demand: python-docx, pypdf and trafilatura take a while to load.
    if suffix == ".docx":
        from annotator.core.importers.word_document import read_docx
        return read_docx
    if suffix in (".html", ".htm", ".xhtml"):
        from annotator.core.importers.web_page import read_html
        return read_html
    if suffix == ".pdf":
        from annotator.core.importers.pdf_document import read_pdf
        return read_pdf
    if suffix in (".csv", ".tsv"):
        from annotator.core.importers.csv_table import read_csv
        return read_csv
    if suffix == ".doc":
        def refuse(path: Path) -> list[DocumentInput]:
            raise InputError("old Word .doc files are not supported; save it as .docx", path=path.name)
        return refuse
    from annotator.core.importers.text_file import read_text_file
    return read_text_file


def read_documents(path: str | os.PathLike[str]) -> list[DocumentInput]:
    """Read the documents in one file; the format is chosen by the file's suffix (text otherwise)."""
    return list(iter_documents(path))


def iter_documents(path: str | os.PathLike[str]) -> Iterator[DocumentInput]:
    """The documents in one file, yielded as they are read (a CSV corpus streams row by row).

    Names taken from a file name that is not UTF-8 (a GBK-named file) are decoded as the Chinese they
    most likely are, so that they can be stored and printed.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=str(path))
    if path.is_dir():
        raise InputError("is a folder; give the files inside it", path=str(path))
    if not path.is_file():
        raise InputError("is not a regular file (a pipe or a device); save it as a file first", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        from annotator.core.importers.csv_table import iter_csv

        documents: Iterable[DocumentInput] = iter_csv(path)
    else:
        documents = _reader_for(suffix)(path)
    for document in documents:
        if readable(document.name) != document.name or readable(document.source_file) != document.source_file:
            document = replace(document, name=readable(document.name), source_file=readable(document.source_file))
        yield document
