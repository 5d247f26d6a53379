"""Word ``.docx`` articles via python-docx: paragraphs joined by line breaks, title/date from the
document's core properties."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.text_file import guess_title
from annotator.core.model import DocumentInput


def read_docx(path: Path) -> list[DocumentInput]:
    import docx  # python-docx; imported here so that plain-text imports do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise InputError("no such file", path=path.name)
    from lxml.etree import XMLSyntaxError

    # A damaged zip surfaces as zlib.error, EOFError or NotImplementedError (unknown compression) from deep
    # inside zipfile, at open or while parts are read: all mean "damaged", none may escape as a traceback.
    damaged = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, zlib.error,
               EOFError, NotImplementedError, OSError, RuntimeError)
    try:
        document = docx.Document(str(path))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        properties = document.core_properties
        title = (properties.title or "").strip()
        created = properties.created
    except damaged as exc:
        raise InputError(f"not a Word .docx file, or damaged ({exc.__class__.__name__})", path=path.name) from None
    if not text.strip():
        raise InputError("the document has no text", path=path.name)
    title = title or guess_title(text)
    return [DocumentInput(
        text=text,
        name=path.stem,
        title=title,
        date=created.date().isoformat() if created else "",
        source_file=path.name,
    )]
