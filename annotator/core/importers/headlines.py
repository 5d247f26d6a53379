"""Does an article's first line read as its headline? Then it is the document's title on import.

A headline is short, is not a sentence (no closing full stop, comma or colon), and is not a dateline,
byline, URL or section label. Chinese headlines are shorter than English ones and often end without
punctuation, or with a question or exclamation mark; both scripts are judged the same way otherwise.
"""

from __future__ import annotations

import re

MAX_LATIN = 150  # characters
MAX_HAN = 60
_SENTENCE_END = tuple(".,;:。，；：、")
_DATE_ONLY = re.compile(
    r"[\d\s./:\-年月日]+|"
    r"(?i:(mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?\s+\d{4}.*|"
    r"\d{1,2}\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{4}.*")
_BYLINE = re.compile(r"(?i:by|from|posted|published|updated)\b.{0,60}|(本报讯|记者|本台消息|本報訊|記者).{0,30}")
_URL = re.compile(r"(?i:https?://|www\.)\S+")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")


def reads_as_headline(line: str) -> bool:
    line = line.strip()
    if not line or not _LETTER.search(line):
        return False
    han = len(_HAN.findall(line))
    if han >= len(line) / 3:
        if len(line) > MAX_HAN or han < 4:
            return False
    elif len(line) > MAX_LATIN or len(line.split()) < 2:
        return False
    if line.endswith(_SENTENCE_END) and not line.endswith(("...", "…")):
        return False
    return not (_DATE_ONLY.fullmatch(line) or _BYLINE.fullmatch(line) or _URL.fullmatch(line))


def guess_title(text: str) -> str:
    """The first non-empty line when it reads as a headline and more text follows, else ''."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) >= 2 and reads_as_headline(lines[0]):
        return lines[0]
    return ""
