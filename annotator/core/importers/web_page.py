"""Saved news pages (``.html``/``.htm``): the article body and its metadata via trafilatura.

Menus, comments and "read more" boxes would be coded as if they were the article, so the body is
extracted rather than the whole page converted.
"""

from __future__ import annotations

import logging
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.encoding import decode_bytes, declared_html_charset
from annotator.core.importers.text_file import read_bytes
from annotator.core.importers.headlines import guess_title
from annotator.core.model import DocumentInput


def read_html(path: Path) -> list[DocumentInput]:
    import trafilatura

    data = read_bytes(path)
    html = decode_bytes(data, path.name, declared=declared_html_charset(data)).text
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True)
    except Exception as exc:  # noqa: BLE001 - a parser choking on a strange page is the page's problem
        raise InputError(f"the page could not be parsed ({exc.__class__.__name__})", path=path.name) from None
    if result is None:
        raise InputError("no article text found in the page", path=path.name)
    fields = result if isinstance(result, dict) else result.as_dict()
    text = (fields.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the page", path=path.name)
    return [DocumentInput(
        text=text,
        name=path.stem,
        title=(fields.get("title") or "").strip() or guess_title(text),
        outlet=(fields.get("sitename") or "").strip(),
        date=(fields.get("date") or "").strip(),
        url=(fields.get("url") or "").strip(),
        source_file=path.name,
    )]
