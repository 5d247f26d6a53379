"""Plain-text articles (``.txt`` and any file we do not know better): one file, one document."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.encoding import decode_bytes
from annotator.core.importers.headlines import guess_title
from annotator.core.model import DocumentInput


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


__all__ = ["guess_title", "read_bytes", "read_text_file"]
