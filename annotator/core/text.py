"""Text normalisation, language detection and content hashing.

Document text is normalised exactly once, at import (NFC, every line break as ``\\n``), and never changes
afterwards, so stored offsets stay valid for the life of the project.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CJK = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]"
)
# The longest document a project accepts, in code points: about 25 novels, far beyond any news article,
# yet small enough that one document still loads, segments and renders without exhausting memory.
MAX_DOCUMENT_CHARS = 50_000_000

_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for it as was with be by on not he she they this are or his her from "
    "at which but have has an had were their been would who will more its than".split()
)


def normalise(text: str) -> str:
    """Return the canonical stored form of ``text``: no BOM, NFC, ``\\n`` line breaks."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def content_hash(normalised_text: str) -> str:
    """SHA-256 of the normalised text; two imports of one article share it whatever their encoding."""
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


def is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def detect_language(text: str, sample: int = 20000) -> str:
    """Guess ``zh``, ``en`` or ``other`` from the script mix of the first ``sample`` characters.

    News articles are long enough for script counts to be decisive; a Chinese article quoting English
    names still has far more Han characters than Latin words.
    """
    head = text[:sample]
    han = len(_CJK.findall(head))
    words = _LATIN_WORD.findall(head)
    if han and han >= len(words):
        return "zh"
    if not words:
        return "other"
    function_words = sum(1 for w in words if w.lower() in _ENGLISH_FUNCTION_WORDS)
    return "en" if function_words / len(words) >= 0.08 else "other"
