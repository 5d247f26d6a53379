"""Word tokens with code-point offsets: jieba's segmentation for Chinese, Unicode word boundaries elsewhere.

Chinese runs are cut by rjieba (jieba-rs: jieba's dictionary, DAG, best route and HMM, in Rust, ~10x
faster) wherever it is measured equivalent to jieba, and by jieba's own algorithm (``_cut_dag``) elsewhere:
runs holding a CJK Extension G character (U+30000-U+3134F, outside jieba-rs's HMM character class), and
everything where rjieba is not installed or ``ANNOTATOR_SEGMENTER=jieba`` is set. The measurement is
tests/core/test_segmenter_equivalence.py and the scale section of ``make bench``: token boundaries on our
samples and generated corpora, user dictionaries, traditional Chinese.

Both load lazily (rjieba ~0.1 s, jieba ~0.5 s, its cache in the application's data folder instead of
/tmp); ``warm_up()`` from a worker thread pays that off the GUI thread. A search query is cut without
loading either dictionary (``annotator.core.lexicon``).

Traditional Chinese is segmented through a simplified *view* of the text that has exactly the same
length (see ``to_simplified``), so every offset found on the view is an offset into the stored text,
which itself stays as imported. A project's user dictionary gives its own tokenizer (``tokenizer_for``).
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from array import array
from pathlib import Path


_CONNECTORS = "'’.\\-"  # join two word characters into one word (Kong's, e.g., COVID-19)
_WORD = re.compile(rf"\w+(?:[{_CONNECTORS}]\w+)*", re.UNICODE)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
# The same tokens found without walking every word of the text (``_scan_fast``): Han runs by one split,
# and the rest as runs of non-Han word characters, joined by connectors, plus a connector on either side
# that touches a Han run, or a connector alone between two Han runs.
_HAN_SPLIT = re.compile(f"([{_HAN}]+)")
_NON_HAN_WORD = re.compile(rf"[^\W{_HAN}]+(?:[{_CONNECTORS}][^\W{_HAN}]+)*")
_LONE_CONNECTOR = re.compile(rf"[{_CONNECTORS}](?<=[{_HAN}][{_CONNECTORS}])(?=[{_HAN}])")
_CONNECTOR_SET = frozenset("'’.-")
_RARE = re.compile("[\ufa6e-\ufaff\U00010000-\U0010ffff]")  # astral characters, and the end of the compatibility block
_unassigned_han: re.Pattern[str] | None = None  # code points of the Han blocks that are not word characters
# Han runs rjieba cuts differently from jieba (measured): they go to jieba's algorithm.
_JIEBA_ONLY = re.compile("[\U00030000-\U0003134f]")
_lock = threading.Lock()
_tokenizer = None
_rust: object = None  # rjieba's default instance once loaded; False where rjieba is not used


def _fresh_lock_after_fork() -> None:
    """A forked segmentation worker must not inherit the lock held by another thread of its parent."""
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_lock_after_fork)


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


def rust_enabled() -> bool:
    """Whether rjieba cuts the runs it is equivalent on (installed, and not switched off)."""
    return _rust_default() is not None


def _rust_default():
    """rjieba's default instance (its import loads jieba's dictionary into Rust), or None."""
    global _rust
    if _rust is None:
        with _lock:
            if _rust is None:
                module = _rust_module()
                _rust = module._DEFAULT_JIEBA if module is not None else False
    return _rust or None


def _rust_module():
    if os.environ.get("ANNOTATOR_SEGMENTER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba


def warm_up() -> None:
    """Load the segmenter(s) documents are cut with, and the bulk path's table (call off the GUI thread)."""
    if _rust_default() is None:
        jieba_tokenizer()
    else:
        _bmp_classes()


def segment(text: str, *, tokenizer=None) -> tuple[list[str], array]:
    """Every word token of ``text``: its search form, and its offsets flat ``[start0, end0, start1, ...]``.

    The search form is simplified Chinese, lower case (so search ignores script and case). Runs of Han
    characters are segmented by jieba's algorithm (on the simplified view, so traditional text splits the
    same way), everything else by Unicode word boundaries, so mixed Chinese/English text (common in Hong
    Kong press) gets sensible tokens for both scripts; punctuation and spaces are not tokens.
    ``tokenizer`` is a project's tokenizer from ``tokenizer_for``; the default uses jieba's dictionary.
    The offsets are an ``array('i')``, the token cache's format.
    """
    joined, flat = segment_packed(text, tokenizer=tokenizer)
    return (joined.split(" ") if joined else []), flat


def segment_packed(text: str, *, tokenizer=None) -> tuple[str, array]:
    """``segment`` in the token cache's form: the search words joined by single spaces, and the offsets.

    No word holds a space, so ``joined.split(" ")`` gives the words back. This is the hot loop of
    segmenting a corpus (10 M characters in a few seconds), so a long text takes ``_packed_bulk``: the
    text's code points classified in numpy, the Han runs joined by newlines (which jieba never joins
    across) and cut in one rjieba call, and the words' offsets found from the separators of the cut,
    with no Python step per word. Texts it does not cover (short ones, astral characters, code points of
    the Han blocks that are not word characters, no rjieba) take ``_segment_words``, the word walk that
    defines the result; tests/core/test_segmenter_equivalence.py holds the two to the same output.
    """
    cutter = _DEFAULT_CUTTER if tokenizer is None else tokenizer
    if len(text) >= BULK_MIN_CHARACTERS and cutter.rust is not None:
        found = _packed_bulk(text, cutter)
        if found is not None:
            return found
    words, flat = _segment_words(text, cutter)
    return " ".join(words), flat


BULK_MIN_CHARACTERS = 200  # below this the regex passes of ``_segment_words`` cost less than numpy's set-up


def _segment_words(text: str, cutter) -> tuple[list[str], array]:
    """The general ``segment``: a regex scan of the words (``_scan_fast``, or ``_scan`` where it does not
    apply), the runs for rjieba cut in one call, their offsets computed from the words' lengths in bulk."""
    import numpy as np

    view = to_simplified(text)
    words: list[str] = []  # tokens outside the bulk cut: non-Han words and runs only jieba cuts
    starts: list[int] = []
    ends: list[int] = []
    runs: list[str] = []
    run_starts: list[int] = []
    rare = _RARE.search(view) is not None  # else no Extension G, no unassigned Han code point: skip both scans
    bulk = cutter.rust is not None and not (rare and _JIEBA_ONLY.search(view))
    if bulk and not (rare and _unassigned_han_pattern().search(view)):
        words, starts, ends, runs, run_starts = _scan_fast(view, np)
    else:
        _scan(view, cutter, bulk, words, starts, ends, runs, run_starts)
    if runs:
        han_words, han_starts, han_ends = _cut_runs(cutter, runs, run_starts, np)
        if words:  # merge the two ordered streams by start offset
            all_words = words + han_words
            all_starts = np.concatenate((np.asarray(starts, np.int64), han_starts))
            all_ends = np.concatenate((np.asarray(ends, np.int64), han_ends))
            order = np.argsort(all_starts, kind="stable")
            words = list(map(all_words.__getitem__, order.tolist()))
            starts_array, ends_array = all_starts[order], all_ends[order]
        else:
            words, starts_array, ends_array = han_words, han_starts, han_ends
    else:
        starts_array, ends_array = np.asarray(starts, np.int64), np.asarray(ends, np.int64)
    return words, _flat(starts_array, ends_array, np)


def _flat(starts, ends, np) -> array:
    flat = np.empty(2 * len(starts), np.intc)
    flat[0::2] = starts
    flat[1::2] = ends
    return array("i", flat.tobytes())


# ---- the bulk path: code points classified in numpy ------------------------------------------------

_HAN_CHAR, _WORD_CHAR, _CONNECTOR_CHAR, _MAYBE_TRADITIONAL = 1, 2, 4, 8
_classes = None  # numpy uint8 per BMP code point: the bits above


def _bmp_classes():
    """Each BMP code point's class, found with the very patterns the word walk uses (so both agree)."""
    global _classes
    if _classes is None:
        import numpy as np

        table = np.zeros(0x10000, np.uint8)
        every = "".join(map(chr, range(0x10000)))
        for pattern, bit in ((f"[{_HAN}]+", _HAN_CHAR), (r"\w+", _WORD_CHAR),
                             (f"[{_CONNECTORS}]+", _CONNECTOR_CHAR)):
            for match in re.finditer(pattern, every):
                table[match.start():match.end()] |= bit
        for code in _char_table():
            if code <= 0xFFFF:
                table[code] |= _MAYBE_TRADITIONAL
        _classes = table
    return _classes


def _packed_bulk(text: str, cutter) -> tuple[str, array] | None:
    """``segment_packed`` in a handful of numpy passes, or None where the word walk must decide."""
    import numpy as np

    found = _bulk_tokens(text, cutter, np)
    if found is None:
        return None
    spaced, _lo, _hi, run_starts, han_starts, han_ends, words, word_starts, word_ends = found
    if spaced is None:
        return " ".join(words), _flat(word_starts, word_ends, np)
    if not words:
        return spaced.replace(" \n ", " "), _flat(han_starts, han_ends, np)
    # Merge the runs' words with the others by position: whole runs (a space-joined string each) for
    # the search words, every word for the offsets.
    pieces = spaced.split(" \n ") + words
    order = np.argsort(np.concatenate((run_starts, word_starts)), kind="stable")
    joined = " ".join(map(pieces.__getitem__, order.tolist()))
    starts = np.concatenate((han_starts, word_starts))
    ends = np.concatenate((han_ends, word_ends))
    order = np.argsort(starts, kind="stable")
    return joined, _flat(starts[order], ends[order], np)


def segment_packed_many(texts: list[str], *, tokenizer=None) -> list[tuple[str, bytes]]:
    """``segment_packed`` of each text (offsets as bytes), the texts cut together: joined by newlines,
    which no token crosses, they take the numpy passes and the rjieba call once, where one by one the
    fixed cost of some forty numpy calls per document was a fifth of segmenting a corpus of articles."""
    cutter = _DEFAULT_CUTTER if tokenizer is None else tokenizer
    if len(texts) > 1 and cutter.rust is not None:
        found = _packed_bulk_many(texts, cutter)
        if found is not None:
            return found
    return [(joined, flat.tobytes()) for joined, flat in (segment_packed(t, tokenizer=tokenizer) for t in texts)]


def _packed_bulk_many(texts: list[str], cutter) -> list[tuple[str, bytes]] | None:
    import numpy as np

    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    doc_starts = np.zeros(len(texts), np.int64)
    np.cumsum(lengths[:-1] + 1, out=doc_starts[1:])
    found = _bulk_tokens("\n".join(texts), cutter, np)
    if found is None:
        return None
    spaced, han_lo, han_hi, run_starts, han_starts, han_ends, words, word_starts, word_ends = found
    if spaced is None:
        starts, ends = word_starts, word_ends
    elif words:
        starts = np.concatenate((han_starts, word_starts))
        ends = np.concatenate((han_ends, word_ends))
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
    else:
        starts, ends = han_starts, han_ends
    # Each document's tokens are a stretch of the sorted tokens: its offsets a slice of one buffer.
    cuts = np.searchsorted(starts, doc_starts).tolist() + [len(starts)]
    document = np.repeat(np.arange(len(texts)), np.diff(cuts))
    flat = np.empty(2 * len(starts), np.intc)
    flat[0::2] = starts - doc_starts[document]
    flat[1::2] = ends - doc_starts[document]
    data = flat.tobytes()
    offsets = [data[8 * lo:8 * hi] for lo, hi in zip(cuts, cuts[1:])]
    if spaced is not None and not words:  # Han words only: each document's slice of the one cut
        first, last = np.asarray(cuts[:-1]), np.asarray(cuts[1:]) - 1
        held = (last >= first).tolist()
        lo = han_lo[np.minimum(first, len(han_lo) - 1)].tolist()
        hi = han_hi[np.maximum(last, 0)].tolist()
        joined = [spaced[a:b].replace(" \n ", " ") if h else "" for a, b, h in zip(lo, hi, held)]
        return list(zip(joined, offsets))
    if spaced is None:
        items, positions = words, word_starts
    else:
        items = spaced.split(" \n ") + words
        positions = np.concatenate((run_starts, word_starts))
    order = np.argsort(positions, kind="stable")
    ordered = list(map(items.__getitem__, order.tolist()))
    bounds = np.searchsorted(positions[order], doc_starts).tolist() + [len(ordered)]
    joined = [" ".join(ordered[a:b]) for a, b in zip(bounds, bounds[1:])]
    return list(zip(joined, offsets))


def _bulk_tokens(text: str, cutter, np):
    """The tokens of ``text`` in numpy passes: (the Han words space-joined with " \n " between runs, or
    None for no run; each Han word's start and end in that string; the runs' starts; the Han words'
    starts and ends; the other words, their starts and ends (arrays)), or None where the word walk must
    decide (astral characters, Han-block code points that are not word characters, an odd cut)."""
    if not text:
        return None
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")
    if int(codes.max()) > 0xFFFF:
        return None  # astral characters: Extension G and unassigned Han code points are decided there
    table = _bmp_classes()
    classes = table[codes]
    view = text
    if (classes & _MAYBE_TRADITIONAL).any():
        view = to_simplified(text)
        if view is not text:
            codes = np.frombuffer(view.encode("utf-32-le", "surrogatepass"), "<u4")
            classes = table[codes]
    han = (classes & (_HAN_CHAR | _WORD_CHAR)) == (_HAN_CHAR | _WORD_CHAR)
    if (((classes & _HAN_CHAR) != 0) != han).any():
        return None  # a Han-block code point that is not a word character splits words there
    word = (classes & (_HAN_CHAR | _WORD_CHAR)) == _WORD_CHAR  # a non-Han word character
    connector = (classes & _CONNECTOR_CHAR) != 0
    words, word_starts, word_ends = _other_words(view, han, word, connector, np)
    word_starts, word_ends = np.asarray(word_starts, np.int64), np.asarray(word_ends, np.int64)
    padded = np.zeros(len(codes) + 2, bool)
    padded[1:-1] = han
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    run_starts, run_ends = edges[0::2], edges[1::2]
    if not len(run_starts):
        return None, None, None, run_starts, None, None, words, word_starts, word_ends
    cut = _cut_joined_runs(cutter, codes, han, run_ends, np)
    if cut is None:
        return None
    spaced, han_starts, han_ends, han_lo, han_hi = cut
    return spaced, han_lo, han_hi, run_starts, han_starts, han_ends, words, word_starts, word_ends


def _add_non_han_words(view: str, lo: int, hi: int, words: list[str], starts: list[int], ends: list[int]) -> None:
    """The words outside Han runs in ``view[lo:hi]`` (lower-cased), each taking a connector that joins it to
    an adjacent Han character (美-US 和 UK-中 gives '-us', 'uk-'), appended to ``words``, ``starts``, ``ends``."""
    is_han = _HAN_RUN.match
    size = len(view)
    for match in _NON_HAN_WORD.finditer(view, lo, hi):
        start, end = match.span()
        if start >= 2 and view[start - 1] in _CONNECTOR_SET and is_han(view, start - 2, start - 1):
            start -= 1
        if end + 1 < size and view[end] in _CONNECTOR_SET and is_han(view, end + 1, end + 2):
            end += 1
        words.append(view[start:end].lower())
        starts.append(start)
        ends.append(end)


def _other_words(view: str, han, word, connector, np) -> tuple[list[str], list[int], list[int]]:
    """The tokens outside Han runs, as ``_scan_fast`` finds them, but with the regex run only over the
    stretches of word characters and connectors that hold a word character (none in most Chinese text)."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    if word.any():
        padded = np.zeros(len(word) + 2, bool)
        padded[1:-1] = word | connector
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        counts = np.concatenate(([0], np.cumsum(word)))
        stretch_starts, stretch_ends = edges[0::2], edges[1::2]
        holding = counts[stretch_ends] > counts[stretch_starts]
        for lo, hi in zip(stretch_starts[holding].tolist(), stretch_ends[holding].tolist()):
            _add_non_han_words(view, lo, hi, words, starts, ends)
    if len(view) >= 3 and connector.any():  # a connector alone between two Han runs (美-中)
        lone = np.flatnonzero(connector[1:-1] & han[:-2] & han[2:]) + 1
        if len(lone):
            positions = lone.tolist()
            words.extend(map(view.__getitem__, positions))
            starts.extend(positions)
            ends.extend(p + 1 for p in positions)
    return words, starts, ends


def _cut_joined_runs(cutter, codes, han, run_ends, np):
    """The Han runs joined by newlines, cut in one call: (the words space-joined, with " \n " between
    runs; their start and end offsets in the text; their start and end in the space-joined string).
    None if the cut does not tile the runs as expected."""
    keep = han.copy()
    separators = run_ends[:-1]  # the first character after each run but the last becomes the newline
    keep[separators] = True
    marked = codes.copy()
    marked[separators] = 10
    joined_codes = marked[keep]
    joined = joined_codes.tobytes().decode("utf-32-le")
    spaced = " ".join(cutter.rust.cut(joined))
    gaps = np.flatnonzero(np.frombuffer(spaced.encode("utf-32-le"), "<u4") == 32)
    # The k-th space of ``spaced`` follows k words: the words' boundaries in ``joined``.
    bounds = np.empty(len(gaps) + 2, np.int64)
    bounds[0] = 0
    np.subtract(gaps, np.arange(len(gaps)), out=bounds[1:-1])
    bounds[-1] = len(joined)
    if len(spaced) - len(gaps) != len(joined):
        return None
    starts, ends = bounds[:-1], bounds[1:]
    lengths = ends - starts
    if (lengths <= 0).any():
        return None
    newline = joined_codes[starts] == 10
    if int(newline.sum()) != len(separators) or (lengths[newline] != 1).any():
        return None
    word = np.flatnonzero(~newline)
    position = np.flatnonzero(keep)  # offset in the text of each character of ``joined``
    starts, ends = starts[word], ends[word]
    return spaced, position[starts], position[ends - 1] + 1, starts + word, ends + word


def _scan(view: str, cutter, bulk: bool, words: list[str], starts: list[int], ends: list[int],
          runs: list[str], run_starts: list[int]) -> None:
    """Walk every word of ``view``: non-Han pieces and runs cut by jieba go to words/starts/ends, runs
    for the bulk cut to runs/run_starts. The general path, also the definition ``_scan_fast`` follows."""
    han_run = _HAN_RUN.search
    for match in _WORD.finditer(view):
        chunk = match.group()
        han = han_run(chunk)
        if han is None:
            words.append(chunk.lower())
            starts.append(match.start())
            ends.append(match.end())
            continue
        start = match.start()
        position = 0
        while han is not None:
            han_start, han_end = han.span()
            if han_start > position:
                words.append(chunk[position:han_start].lower())
                starts.append(start + position)
                ends.append(start + han_start)
            run = han.group()
            if bulk or (cutter.rust is not None and _JIEBA_ONLY.search(run) is None):
                runs.append(run)
                run_starts.append(start + han_start)
            else:
                offset = start + han_start
                for word in cutter.python_cut(run):
                    words.append(word)
                    starts.append(offset)
                    offset += len(word)
                    ends.append(offset)
            position = han_end
            han = han_run(chunk, han_end)
        if position < len(chunk):
            words.append(chunk[position:].lower())
            starts.append(start + position)
            ends.append(match.end())


def _scan_fast(view: str, np) -> tuple[list[str], list[int], list[int], list[str], list[int]]:
    """``_scan`` for a text whose runs all go to the bulk cut, in a few regex passes instead of a Python
    step per word (a third of the time on Chinese text). Requires every Han-block character to be a
    word character (``_unassigned_han_pattern``), as ``_scan`` splits words there."""
    parts = _HAN_SPLIT.split(view)  # non-Han, run, non-Han, run, ..., non-Han
    runs = parts[1::2]
    run_starts: list[int] = []
    if runs:
        lengths = np.fromiter(map(len, parts), np.int64, len(parts))
        run_starts = (np.cumsum(lengths) - lengths)[1::2].tolist()
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    _add_non_han_words(view, 0, len(view), words, starts, ends)
    for match in _LONE_CONNECTOR.finditer(view):
        words.append(match.group())
        starts.append(match.start())
        ends.append(match.end())
    return words, starts, ends, runs, run_starts


def _unassigned_han_pattern() -> re.Pattern[str]:
    global _unassigned_han
    if _unassigned_han is None:
        word = re.compile(r"\w")
        ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF), (0x30000, 0x3134F)]
        spans: list[list[int]] = []  # as ranges: a class of single astral characters scans slowly
        for code in (c for lo, hi in ranges for c in range(lo, hi + 1) if not word.match(chr(c))):
            if spans and spans[-1][1] == code - 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
        body = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in spans)
        _unassigned_han = re.compile(f"[{body}]") if spans else re.compile("(?!)")
    return _unassigned_han


def _cut_runs(cutter, runs: list[str], run_starts: list[int], np):
    """Words of ``runs`` (cut in one rjieba call) with their start and end offsets in the text."""
    pieces = cutter.rust.cut("\n".join(runs))
    lengths = np.fromiter(map(len, pieces), np.int64, len(pieces))
    piece_ends = np.cumsum(lengths)
    piece_starts = piece_ends - lengths
    run_lengths = np.fromiter(map(len, runs), np.int64, len(runs))
    joined_starts = np.zeros(len(runs), np.int64)
    np.cumsum(run_lengths[:-1] + 1, out=joined_starts[1:])
    separators = np.searchsorted(piece_starts, joined_starts[1:] - 1)  # the "\n" pieces
    run_of_piece = np.zeros(len(pieces), np.int64)
    run_of_piece[separators] = 1
    np.cumsum(run_of_piece, out=run_of_piece)
    shift = (np.asarray(run_starts, np.int64) - joined_starts)[run_of_piece]
    keep = np.ones(len(pieces), bool)
    keep[separators] = False
    words = [piece for piece in pieces if piece != "\n"]
    return words, (piece_starts + shift)[keep], (piece_ends + shift)[keep]


def word_spans(text: str, *, tokenizer=None) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of every word token in ``text`` (see ``segment``)."""
    _words, flat = segment(text, tokenizer=tokenizer)
    return list(zip(flat[0::2], flat[1::2]))


def normalised_tokens(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The search form of each token: simplified Chinese, lower case (so search ignores script and case)."""
    view = to_simplified(text)
    return [view[s:e].lower() for s, e in spans]


class _DefaultCutter:
    """jieba's default dictionary: rjieba's default instance (``rust``), jieba's algorithm otherwise."""

    @property
    def rust(self):
        return _rust_default()

    def python_cut(self, run: str) -> list[str]:
        return list(_cut(run))


_DEFAULT_CUTTER = _DefaultCutter()


@lru_cache(maxsize=4096)
def _cut(run: str) -> tuple[str, ...]:
    return tuple(_cut_dag(jieba_tokenizer(), run))


def _cut_dag(tokenizer, sentence: str, unknown: Callable[[str], Iterable[str]] | None = None) -> list[str]:
    """The algorithm of jieba's ``Tokenizer.__cut_DAG``, about 25% faster, with identical output.

    Same DAG of dictionary words, same maximum-probability route (ties go to the longer word, as with
    jieba's ``max`` over ``(score, end)`` tuples) and same HMM fallback for runs of single characters;
    the speed comes from caching each word's log frequency and avoiding generator expressions. A
    test compares it with jieba on a generated corpus. ``tokenizer`` needs only ``FREQ`` (every entry
    for the substrings of ``sentence`` suffices) and ``total``; ``unknown`` cuts a run of characters the
    dictionary does not know (default: jieba's HMM).
    """
    freq = tokenizer.FREQ
    logp = tokenizer.__dict__.setdefault("_annotator_logp", {})
    logtotal = math.log(tokenizer.total)
    n = len(sentence)
    dag = []
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k:i + 1]
        dag.append(ends or [k])
    score = [0.0] * (n + 1)
    choice = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = None
        best_end = 0
        for x in dag[idx]:
            word = sentence[idx:x + 1]
            lp = logp.get(word)
            if lp is None:
                lp = logp[word] = math.log(freq.get(word) or 1)
            value = lp - logtotal + score[x + 1]
            if best is None or value > best or (value == best and x > best_end):
                best, best_end = value, x
        score[idx] = best  # type: ignore[assignment]
        choice[idx] = best_end
    out: list[str] = []

    def flush(buf: str) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(_hmm_cut(buf) if unknown is None else unknown(buf))
        else:
            out.extend(buf)

    x = 0
    buf = ""
    while x < n:
        y = choice[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                flush(buf)
                buf = ""
            out.append(sentence[x:y])
        x = y
    if buf:
        flush(buf)
    return out


def _hmm_cut(run: str) -> Iterable[str]:
    from jieba import finalseg

    return finalseg.cut(run)


class ProjectTokenizer:
    """jieba's segmentation with a project's user dictionary: the default dictionary plus the project's terms.

    rjieba gets its own instance with the terms added (~0.1 s); jieba's Python tokenizer, needed only for
    the runs rjieba is not used on, is built on first need by copying jieba's table (about 350,000
    entries, tens of milliseconds) and adding the terms. Either way the terms are added in sorted order
    with jieba's suggested frequency, so both give the same cut, and the shared default stays untouched.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(sorted(set(terms)))
        self.rust = None  # rjieba instance with the terms, where rjieba is used
        rjieba = _rust_module()
        if rjieba is not None:
            rust = rjieba.Jieba()
            for term in self.terms:
                rust.add_word(to_simplified(term), None, None)
            self.rust = rust
        self._jieba = None
        self._build_lock = threading.Lock()
        self._cache: dict[str, tuple[str, ...]] = {}

    def python_cut(self, run: str) -> list[str]:
        """The words of one Han run, by jieba's algorithm with this dictionary."""
        found = self._cache.get(run)
        if found is None:
            found = tuple(_cut_dag(self._python(), run))
            if len(self._cache) > 8192:
                self._cache.clear()
            self._cache[run] = found
        return list(found)

    def _python(self):
        if self._jieba is not None:
            return self._jieba
        base = jieba_tokenizer()
        with self._build_lock:
            if self._jieba is None:
                import jieba

                tokenizer = jieba.Tokenizer()
                tokenizer.FREQ = dict(base.FREQ)
                tokenizer.total = base.total
                tokenizer.initialized = True
                tokenizer.tmp_dir = base.tmp_dir
                tokenizer.cache_file = base.cache_file
                for term in self.terms:
                    tokenizer.add_word(to_simplified(term), freq=None)
                self._jieba = tokenizer
            return self._jieba


_project_tokenizers: dict[tuple[str, ...], ProjectTokenizer] = {}


def tokenizer_for(terms: Iterable[str]) -> ProjectTokenizer | None:
    """The tokenizer for a user dictionary (None for an empty one: the shared default applies)."""
    key = tuple(sorted(set(terms)))
    if not key:
        return None
    with _lock:
        found = _project_tokenizers.get(key)
    if found is None:
        found = ProjectTokenizer(key)
        with _lock:
            if len(_project_tokenizers) > 8:
                _project_tokenizers.clear()
            _project_tokenizers[key] = found
    return found


# ---- traditional -> simplified, preserving length ------------------------------------------------

_t2s_table: dict[int, str] | None = None
_ambiguous: frozenset[str] = frozenset()
_maybe_traditional: re.Pattern[str] = re.compile("")  # set with the table
_opencc = None


def _char_table() -> dict[int, str]:
    """One-to-one traditional->simplified character map from OpenCC's TSCharacters dictionary.

    Also notes the characters with several simplified forms (乾 -> 干 or 乾), the only ones for which
    OpenCC's slower phrase-aware conversion can give a different answer.
    """
    global _t2s_table, _ambiguous, _maybe_traditional
    if _t2s_table is None:
        import opencc

        table: dict[int, str] = {}
        ambiguous = set()
        path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                source, _, targets = line.rstrip("\n").partition("\t")
                choices = targets.split()
                if len(source) != 1 or not choices or len(choices[0]) != 1:
                    continue
                if len(choices) > 1:
                    ambiguous.add(source)
                if choices[0] != source:
                    table[ord(source)] = choices[0]
        _ambiguous = frozenset(ambiguous)
        # A character the table changes, or any astral one (a class holding astral characters is not
        # compiled to a bitmap, and scanning it would cost more than the translation it saves).
        bmp = "".join(sorted(chr(c) for c in table if c <= 0xFFFF))
        _maybe_traditional = re.compile(f"[{bmp}]|[\U00010000-\U0010FFFF]")
        _t2s_table = table
    return _t2s_table


def to_simplified(text: str) -> str:
    """``text`` with traditional Chinese converted to simplified, **same length**, so offsets carry over.

    Simplified or non-Chinese text comes back unchanged (the same object) at the cost of one regex scan.
    Traditional text is mapped character by character (OpenCC's TSCharacters table), except Han runs
    holding a character with several simplified forms, which go through OpenCC's phrase-aware t2s
    conversion (it picks 乾隆 but 干燥) — kept only where it preserves the run's length.
    """
    table = _char_table()
    if _maybe_traditional.search(text) is None:  # a regex scan is ~20x faster than translating to compare
        return text
    simple = text.translate(table)
    if simple == text:
        return text
    pieces = []
    position = 0
    for run in _HAN_RUN.finditer(text):
        chunk = run.group()
        if not _ambiguous.intersection(chunk):
            continue
        whole = _phrase_converter().convert(chunk)
        if len(whole) == len(chunk):
            pieces.append(simple[position:run.start()])
            pieces.append(whole)
            position = run.end()
    if not pieces:
        return simple
    pieces.append(simple[position:])
    return "".join(pieces)


def _phrase_converter():
    global _opencc
    if _opencc is None:
        from opencc import OpenCC

        _opencc = OpenCC("t2s")
    return _opencc


def snap_to_words(
    text: str, start: int, end: int, window: int = 200, *, tokenizer=None
) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and trim surrounding spaces; used when a coder selects text.

    Only a window around the selection is tokenised, so snapping costs the same in a 300,000-character
    article as in a tweet.
    """
    if start >= end:
        return start, end
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    spans = word_spans(text[lo:hi], tokenizer=tokenizer)
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
