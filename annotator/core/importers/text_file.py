"""Plain-text articles (``.txt`` and any file we do not know better): one file, one document."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.encoding import decode_bytes
from annotator.core.model import DocumentInput

# A first line longer than this is the article's opening paragraph, not its headline.
MAX_TITLE_LENGTH = 150


def read_text_file(path: Path) -> list[DocumentInput]:
    """Read a text file in any encoding ``decode_bytes`` recognises."""
    text = decode_bytes(read_bytes(path), path.name).text
    return [DocumentInput(text=text, name=path.stem, title=guess_title(text), source_file=path.name)]


def read_bytes(path: Path) -> bytes:
    """The file's bytes, with OS errors turned into a one-line ``InputError``."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path.name) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=path.name) from None


def guess_title(text: str) -> str:
    """The first non-empty line, when it is short and more text follows (a headline), else ''."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) >= 2 and len(lines[0]) <= MAX_TITLE_LENGTH:
        return lines[0]
    return ""
