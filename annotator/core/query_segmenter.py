"""Cutting a search query exactly as documents are cut, without loading a dictionary for each search.

A fresh process (every ``annotator search``) used to pay for the whole of jieba's dictionary to split a
query of a few characters. jieba's algorithm (``tokens._cut_dag``) only ever consults the dictionary
entries that are substrings of the text it cuts, so the query is cut with just those, read from the
lexicon file (``store.lexicon``: jieba's table, indexed, built once per machine from jieba's own
``dict.txt``). Two cases still take the full segmenter, which gives the same words, only slower: a run
of characters the dictionary does not know (jieba's HMM decides those), and a project user dictionary
(its terms change the table's frequencies); so do long texts, where the lookup would not pay.
"""

from __future__ import annotations

import importlib.util
import threading
from array import array
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from annotator.core import tokens

if TYPE_CHECKING:
    from annotator.core.store.lexicon import Lexicon

LEXICON_FILE = "jieba-lexicon.sqlite"
MAX_QUERY_HAN = 200  # Han characters; beyond this a query is cut by the full segmenter
_lock = threading.Lock()
_opened: dict[Path, Lexicon] = {}


class _NeedsHMM(Exception):
    """The query holds characters only jieba's HMM can group; the full segmenter cuts it."""


def _unknown(run: str) -> Iterable[str]:
    raise _NeedsHMM(run)


class _LexiconCutter:
    """A cutter for ``tokens.segment`` holding only the dictionary entries one query needs."""

    rust = None

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self._table = SimpleNamespace(FREQ=freq, total=total)

    def python_cut(self, run: str) -> list[str]:
        return tokens._cut_dag(self._table, run, unknown=_unknown)


def dictionary_source() -> tuple[Path, str] | None:
    """jieba's dictionary file and a stamp of it (size, modification time), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    try:
        stat = path.stat()
    except OSError:
        return None
    return path, f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def read_dictionary(path: Path) -> tuple[dict[str, int], int]:
    """jieba's frequency table from its ``dict.txt``, as jieba builds it: each word's count, a zero entry
    for every prefix that is not itself a word, and the total of the counts."""
    freq: dict[str, int] = {}
    total = 0
    with open(path, "rb") as handle:
        for line in handle:
            word, count = line.strip().decode("utf-8").split(" ")[:2]
            freq[word] = int(count)
            total += int(count)
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
    return freq, total


def lexicon(build: bool = True) -> Lexicon | None:
    """The lexicon for the installed jieba dictionary, built on first need (~1 s, once); None if unavailable."""
    from annotator.core.store.lexicon import Lexicon

    source = dictionary_source()
    if source is None:
        return None
    dictionary, stamp = source
    path = tokens.data_dir() / LEXICON_FILE
    with _lock:
        found = _opened.get(path)
        if found is not None and found.source == stamp:
            return found
        found = Lexicon.open(path, stamp)
        if found is None and build:
            freq, total = read_dictionary(dictionary)
            Lexicon.build(path, freq, total, stamp)
            found = Lexicon.open(path, stamp)
        if found is not None:
            _opened[path] = found
        return found


def segment_query(text: str, terms: Iterable[str] = ()) -> tuple[list[str], array]:
    """``tokens.segment(text)`` with the project's dictionary ``terms``, the same words and offsets."""
    terms = tuple(terms)
    if terms:
        return tokens.segment(text, tokenizer=tokens.tokenizer_for(terms))
    runs = tokens._HAN_RUN.findall(tokens.to_simplified(text))
    if not runs:
        return tokens.segment(text, tokenizer=_LexiconCutter({}, 1))  # no Han: no dictionary at all
    if sum(map(len, runs)) > MAX_QUERY_HAN:
        return tokens.segment(text)
    found = lexicon()
    if found is None:
        return tokens.segment(text)
    candidates = {run[i:j] for run in runs for i in range(len(run))
                  for j in range(i + 1, min(len(run), i + found.longest) + 1)}
    cutter = _LexiconCutter(found.lookup(candidates), found.total)
    try:
        return tokens.segment(text, tokenizer=cutter)
    except _NeedsHMM:
        return tokens.segment(text)
