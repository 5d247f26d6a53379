"""Word ``.docx`` articles via python-docx: paragraphs joined by line breaks, title/date from the
document's core properties."""

from __future__ import annotations

import zipfile
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

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise InputError(f"not a Word .docx file, or damaged ({exc.__class__.__name__})", path=path.name) from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise InputError("the document has no text", path=path.name)
    properties = document.core_properties
    title = (properties.title or "").strip() or guess_title(text)
    created = properties.created
    return [DocumentInput(
        text=text,
        name=path.stem,
        title=title,
        date=created.date().isoformat() if created else "",
        source_file=path.name,
    )]
