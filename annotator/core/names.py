"""Names that come from the operating system as bytes: file names and command-line arguments.

On Linux a file name or an argument that is not valid UTF-8 (a GBK-named file from a Windows share, a
GBK terminal) reaches Python as a string with "surrogate escapes" (U+DC80-U+DCFF, one per raw byte).
Such a string can be used to open the file, but it cannot be printed to a UTF-8 terminal or stored in
SQLite. ``readable`` turns it into the text it most likely is (GB18030, then Big5, else U+FFFD per byte);
the ``annotator-display`` error handler does the same when such a name is printed.
"""

from __future__ import annotations

import codecs
import re

_ESCAPES = re.compile("[\udc80-\udcff]+")
HANDLER = "annotator-display"


def _decode(raw: bytes) -> str:
    for codec in ("gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _raw(escaped: str) -> bytes:
    return bytes(ord(c) - 0xDC00 for c in escaped)


def readable(text: str) -> str:
    """``text`` with every run of surrogate escapes decoded as Chinese (or replaced), so it can be stored."""
    if not _ESCAPES.search(text):
        return text
    # Bytes escaped as surrogates may sit between valid UTF-8 runs; re-join everything as bytes first.
    # (GBK bytes can happen to form a valid UTF-8 character among them, so decode the name as a whole.)
    raw = text.encode("utf-8", errors="surrogateescape")
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return _ESCAPES.sub(lambda m: _decode(_raw(m.group(0))), text)


def _display(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start:error.end]
    if _ESCAPES.fullmatch(chunk):
        shown = _decode(_raw(chunk))
        try:
            shown.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            shown = "".join(f"\\x{b:02x}" for b in _raw(chunk))
        return shown, error.end
    return "".join(f"\\u{ord(c):04x}" for c in chunk), error.end


def register_display_errors() -> str:
    """Register the ``annotator-display`` codec error handler (idempotent); returns its name."""
    codecs.register_error(HANDLER, _display)
    return HANDLER
