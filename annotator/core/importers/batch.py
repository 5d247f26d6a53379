"""One import command, all or nothing: articles of any format and REFI-QDA files, in one transaction.

``annotator import P a.txt corpus.csv coded.qdpx`` either stores everything or nothing: the REFI-QDA
files are read and checked first (they are parsed whole), then every article is streamed into the
project (a CSV corpus is stored in slices as it is read, so memory does not grow with it) and the
REFI-QDA bundles are folded in, all inside one transaction. One bad file, anywhere in the list, rolls
the whole command back and names the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError, NameTaken
from annotator.core.exchange.bundle import MergeReport
from annotator.core.importers import iter_documents
from annotator.core.model import DocumentInput
from annotator.core.store import ImportReport, Project

REFI_SUFFIXES = (".qdpx", ".qdc")


@dataclass
class BatchResult:
    """What one import command did: documents read per file, the store's report, each REFI-QDA file's."""

    read: list[tuple[str, int]] = field(default_factory=list)
    documents: ImportReport = field(default_factory=ImportReport)
    exchange: list[tuple[str, MergeReport]] = field(default_factory=list)


def import_files(
    project: Project,
    paths: Sequence[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    language: str | None = None,
    on_file: Callable[[str, int], None] | None = None,
    on_progress: Callable[[int], bool | None] | None = None,
) -> BatchResult:
    """Import every file in one transaction; ``on_file(name, n)`` reports each file as it is read,
    ``on_progress(documents so far)`` may return False to cancel (nothing is stored)."""
    from annotator.core.exchange.bundle import apply_bundle
    from annotator.core.exchange.refi import read_refi

    files = [Path(p) for p in paths]
    for file in files:  # fail before anything is read at length
        if not file.exists():
            raise InputError("no such file", path=str(file))
        if file.is_dir():
            raise InputError("is a folder; give the files inside it", path=str(file))
        if not file.is_file():  # a FIFO or device: reading it would hang or read it twice (it is sniffed first)
            raise InputError("is not a regular file (a pipe or a device); save it as a file first", path=str(file))
    refi = [f for f in files if f.suffix.lower() in REFI_SUFFIXES]
    plain = [f for f in files if f.suffix.lower() not in REFI_SUFFIXES]
    bundles = [(file, read_refi(file)) for file in refi]
    result = BatchResult()
    first_file: dict[str, Path] = {}  # which file of this command gave a name first
    reading: list[Path] = []

    def documents() -> Iterator[DocumentInput]:
        for file in plain:
            reading[:] = [file]
            count = 0
            for document in iter_documents(file):
                count += 1
                first_file.setdefault(document.name.strip(), file)
                yield document
            result.read.append((file.name, count))
            if on_file is not None:
                on_file(file.name, count)

    with project.transaction():
        if plain:
            try:
                result.documents = project.add_documents(documents(), outlet=outlet, language=language,
                                                         on_progress=on_progress, keep_added=False)
            except NameTaken as exc:
                other = first_file.get(exc.name)
                if other is None or not reading or other == reading[0]:
                    raise
                raise InputError(f"gives a document the name '{exc.name}' that {other} also gives to a different "
                                 "text; rename one of the files", path=str(reading[0])) from None
        for file, bundle in bundles:
            result.exchange.append((file.name, apply_bundle(project, bundle)))
    return result

