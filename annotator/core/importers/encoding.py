"""Turning the bytes of a text file into a string: BOMs, UTF-8, GB18030 and Big5.

Chinese newsrooms and archives still hand out GB18030/GBK and Big5 files, and Excel writes CSV as UTF-8
with a BOM or as UTF-16. No detector library is needed for that short list: BOMs decide first, then strict
UTF-8 (which almost never decodes anything else by accident), then GB18030 and Big5 (or Big5-HKSCS, as
Hong Kong papers write it), decoded strictly and judged by how much of the result is *common* Chinese. Big5 bytes read as GB18030 come out as kana,
Greek, box drawing and private-use characters; GB bytes read as Big5 land half in Big5's rare second
level. A file none of them decodes plausibly is refused instead of being stored as mojibake.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from annotator.core.errors import InputError

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that do not occur in text (tab, line feed, form feed, carriage return and escape are allowed).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_SAMPLE = 1 << 16
_NON_ASCII = re.compile("[^\x00-\x7f]")
_HEAD = 1 << 20  # bytes a streaming import looks at to choose the encoding
_MIN_PLAUSIBILITY = 0.6

# Names a web page or caller may declare, mapped to the strict codec we decode with.
_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "utf-8-sig": "utf-8",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5", "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "cp950", "x-x-big5": "big5",
    "hkscs": "big5hkscs",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "windows-1252": "cp1252",
    "cp1252": "cp1252", "us-ascii": "utf-8", "ascii": "utf-8",
}


@dataclass(frozen=True)
class Decoded:
    """A decoded file and the encoding it was read as (reported to the user on request)."""

    text: str
    encoding: str


def decode_bytes(data: bytes, path: str, *, declared: str | None = None) -> Decoded:
    """Decode a text file's bytes, or raise ``InputError`` naming ``path``.

    ``declared`` is an encoding the file states about itself (an HTML meta charset); it is tried after
    the BOMs and UTF-8 and before guessing, and ignored if it does not decode the bytes strictly.
    """
    codec, skip = detect_encoding(data, path, declared=declared)
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:  # only for a BOM that promised more than the bytes keep
        raise InputError(f"starts with a {codec} byte-order mark but is not valid {codec} "
                         f"(byte {exc.start + skip})", path=path) from None
    return Decoded(_check_text(text, path), codec)


def detect_encoding(data: bytes, path: str, *, declared: str | None = None, final: bool = True) -> tuple[str, int]:
    """The codec ``data`` is written in and the length of its byte-order mark.

    With ``final=False`` the bytes are the head of a longer file (streaming import): a character cut off
    at the end of the sample does not count against an encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)

    def decodes(codec: str) -> str | None:
        try:
            return codecs.getincrementaldecoder(codec)().decode(data, final=final)
        except UnicodeDecodeError:
            return None

    utf16 = _bomless_utf16(data)
    if utf16 and decodes(utf16) is not None:
        return utf16, 0
    _refuse_binary(data, path)
    # Valid UTF-8 wins even over a declaration: pages re-saved by a browser often keep a stale
    # "gb2312" meta tag, and non-UTF-8 text is almost never valid UTF-8 by accident.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
        return "utf-8", 0
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    if declared:
        codec = _ALIASES.get(declared.strip().lower())
        if codec and decodes(codec) is not None:
            return codec, 0
    candidates: list[tuple[float, int, str]] = []
    # Big5-HKSCS (Hong Kong papers) is Big5 plus the characters Cantonese needs; it is tried when plain
    # Big5 fails. Ties go to GB18030, the more common encoding (and a superset of GBK/GB2312).
    for preference, codec in enumerate(("gb18030", "big5", "big5hkscs")):
        if codec == "big5hkscs" and any(c[2] == "big5" for c in candidates):
            continue
        text = decodes(codec)
        if text is not None:
            candidates.append((plausibility(text, codec), -preference, codec))
    # A file that is UTF-8 up to one bad byte deep inside was most likely damaged, not saved as GB/Big5.
    hint = f"invalid UTF-8 at byte {utf8_error}" if utf8_error > 0 else "not UTF-8"
    if not candidates:
        raise InputError(f"cannot be decoded ({hint}; not GB18030 or Big5 either); save it as UTF-8 and "
                         "try again", path=path)
    score, _, codec = max(candidates)
    if score < _MIN_PLAUSIBILITY:
        raise InputError(f"the encoding could not be recognised ({hint}, and it does not read as Chinese in "
                         "GB18030 or Big5); save it as UTF-8 and try again", path=path)
    return codec, 0


def sniff_file(path: Path, where: str) -> tuple[str, int]:
    """``detect_encoding`` for a file too large to read whole: its head, and where the head is plain
    ASCII, also the first stretch that is not (an ASCII header row says nothing about the articles)."""
    if path.exists() and not path.is_file():  # a pipe would hang here, or lose the head read for sniffing
        raise InputError("is not a regular file (a pipe or a device); save it as a file first", path=where)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
            sample = head
            if len(head) == _HEAD and max(head, default=0) < 0x80:
                while chunk := handle.read(_HEAD):
                    first = next((i for i, b in enumerate(chunk) if b >= 0x80), None) \
                        if max(chunk) >= 0x80 else None
                    if first is not None:
                        sample = head + chunk[first:] + handle.read(_SAMPLE)
                        break
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=where) from None
    codec, skip = detect_encoding(sample, where, final=len(sample) < _HEAD)
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head[skip:], final=False)
    except UnicodeDecodeError:
        text = ""
    if text and not text.strip() and len(head) < _HEAD:
        raise InputError("the file is empty", path=where)
    return codec, skip


def open_decoded(path: Path, where: str) -> TextIO:
    """A text stream over ``path`` in the encoding ``sniff_file`` found, decoded strictly as it is read
    (universal newlines off: the CSV reader sees line breaks inside cells as they are)."""
    codec, skip = sniff_file(path, where)
    try:
        raw = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=where) from None
    raw.seek(skip)
    return io.TextIOWrapper(raw, encoding=codec, errors="strict", newline="")


def plausibility(text: str, codec: str) -> float:
    """Share of the non-ASCII characters in ``text`` that are common for text written in ``codec``.

    Common means: CJK punctuation and full-width forms, or a Han character from the everyday part of
    the character set (GB2312 for GB18030; Big5 level 1, 0xA440-0xC67E, for Big5). A GB18030 reading
    also accepts Big5 level-1 characters so that traditional Chinese saved as GBK is not refused.
    """
    total = common = 0
    # The first _SAMPLE characters that are not ASCII, wherever they are: a file whose first pages are
    # ASCII (an English preamble, a long header) was judged by nothing, and Big5 became GB18030 mojibake.
    for match in itertools.islice(_NON_ASCII.finditer(text), _SAMPLE):
        char = match.group()
        total += 1
        if "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in "\u2014\u2026\u2018\u2019\u201c\u201d\u00b7":
            common += 1
        elif "\u4e00" <= char <= "\u9fff":
            if codec in ("big5", "big5hkscs"):
                common += _is_big5_level1(char)
            else:
                common += _is_gb2312(char) or _is_big5_level1(char)
    return 1.0 if total == 0 else common / total


def _is_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_big5_level1(char: str) -> bool:
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA440 <= int.from_bytes(code, "big") <= 0xC67E


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when the bytes look like UTF-16 saved without a BOM, else None.

    Mostly-ASCII text (markup, CSV headers, English) in UTF-16 has a NUL in every other byte; binary
    files have NULs scattered anywhere. Chinese-only UTF-16 without a BOM is not recognised (rare).
    """
    head = data[:_SAMPLE]
    if len(head) < 4 or len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, path: str) -> None:
    head = data[:_SAMPLE]
    if b"\x00" in head:
        raise InputError("looks like a binary file (it contains NUL bytes), not text", path=path)
    if head and len(_CONTROL_BYTES.findall(head)) > max(2, len(head) // 100):
        raise InputError("looks like a binary file (many control bytes), not text", path=path)


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise InputError("the file is empty", path=path)
    head = text[:_SAMPLE]
    if "\x00" in head or len(_CONTROL_CHARS.findall(head)) > max(2, len(head) // 100):
        raise InputError("looks like a binary file (many control characters), not text", path=path)
    return text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def declared_html_charset(data: bytes) -> str | None:
    """The charset a saved web page declares in its first few kilobytes, if any."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii") if match else None
