"""Word tokens with code-point offsets: jieba for Chinese, Unicode word boundaries elsewhere.

jieba is imported lazily (its first load costs ~0.5 s) and its cache is kept in the application's data
folder instead of /tmp. Call ``warm_up()`` from a worker thread to pay that cost off the GUI thread.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path

from annotator.core.text import is_cjk

_WORD = re.compile(r"\w+(?:['’.\-]\w+)*", re.UNICODE)
_HAN_RUN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]+"
)
_lock = threading.Lock()
_tokenizer = None


def data_dir() -> Path:
    """Per-user data folder (XDG on Linux); the GUI passes QStandardPaths' choice via ANNOTATOR_DATA_DIR."""
    root = os.environ.get("ANNOTATOR_DATA_DIR")
    if root:
        path = Path(root)
    else:
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
        path = Path(base) / "Annotator"
    path.mkdir(parents=True, exist_ok=True)
    return path


def jieba_tokenizer():
    """The shared jieba Tokenizer, created on first use with its cache in the data folder."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(data_dir())
            tokenizer.cache_file = "jieba.cache"
            tokenizer.initialize()
            _tokenizer = tokenizer
        return _tokenizer


def warm_up() -> None:
    jieba_tokenizer()


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of every word token in ``text``; punctuation and spaces are not tokens.

    Runs of Han characters are segmented by jieba, everything else by Unicode word boundaries, so
    mixed Chinese/English text (common in Hong Kong press) gets sensible tokens for both scripts.
    """
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        chunk = match.group()
        if not any(is_cjk(ch) for ch in chunk):
            spans.append((start, end))
            continue
        position = start
        for han in _HAN_RUN.finditer(chunk):
            if han.start() > position - start:
                spans.append((position, start + han.start()))
            spans.extend(_segment_han(han.group(), start + han.start()))
            position = start + han.end()
        if position < end:
            spans.append((position, end))
    return spans


def _segment_han(run: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for word, begin, finish in _cut(run):
        spans.append((offset + begin, offset + finish))
    return spans


@lru_cache(maxsize=4096)
def _cut(run: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(jieba_tokenizer().tokenize(run, HMM=True))


def snap_to_words(text: str, start: int, end: int, window: int = 200) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and trim surrounding spaces; used when a coder selects text.

    Only a window around the selection is tokenised, so snapping costs the same in a 300,000-character
    article as in a tweet.
    """
    if start >= end:
        return start, end
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    spans = word_spans(text[lo:hi])
    new_start, new_end = start, end
    for s, e in spans:
        s += lo
        e += lo
        if s < start < e:
            new_start = s
        if s < end < e:
            new_end = e
    while new_start < new_end and text[new_start].isspace():
        new_start += 1
    while new_end > new_start and text[new_end - 1].isspace():
        new_end -= 1
    return (new_start, new_end) if new_start < new_end else (start, end)
