"""PDF articles via pypdf's text layer. Scanned pages have none: we say so instead of importing nothing."""

from __future__ import annotations

import logging
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.text_file import guess_title, read_bytes
from annotator.core.model import DocumentInput


def read_pdf(path: Path) -> list[DocumentInput]:
    import io

    import pypdf
    from pypdf.errors import PdfReadError

    data = read_bytes(path)
    # pypdf logs warnings about harmless quirks of real-world files; the user only needs our one line.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is password-protected; save an unprotected copy first", path=path.name)
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
    except InputError:
        raise
    except PdfReadError as exc:
        raise InputError(f"not a readable PDF ({_one_line(exc)})", path=path.name) from None
    except Exception as exc:  # noqa: BLE001 - pypdf fails in many ways on damaged files
        raise InputError(f"the PDF is damaged ({exc.__class__.__name__}: {_one_line(exc)})",
                         path=path.name) from None
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError("the PDF has no text layer; OCR it first", path=path.name)
    title = ((metadata.title if metadata else None) or "").strip() or guess_title(text)
    try:
        created = metadata.creation_date if metadata else None
    except (ValueError, TypeError):  # a malformed date string is not worth refusing the article for
        created = None
    return [DocumentInput(
        text=text,
        name=path.stem,
        title=title,
        date=created.date().isoformat() if created else "",
        source_file=path.name,
    )]


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
