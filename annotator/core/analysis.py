"""Frame analysis: the words that characterise a code, frames per outlet, and code co-occurrence.

Words come from the token cache (simplified, lower case), so a frame's vocabulary is counted the same
in mainland and Hong Kong / Taiwan outlets. Keyness is Dunning's log-likelihood G2 as used in corpus
linguistics (Rayson & Garside 2000, "Comparing corpora using frequency profiling"): the words inside a
code's segments against every other token of the corpus.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from annotator.core.model import Code
from annotator.core.segmentation import decode, ensure_segmented
from annotator.core.store import Project

NO_OUTLET = "(no outlet)"


# ---- stopwords ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Chinese and English function words from ``resources/stopwords`` (lines starting '#' are notes)."""
    from annotator.resources import resource_path

    words: set[str] = set()
    for name in ("zh.txt", "en.txt"):
        for line in resource_path("stopwords", name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(line.lower())
    return frozenset(words)


def is_content_word(word: str, min_length: int = 2) -> bool:
    """Not a stopword, not a number, and at least ``min_length`` characters (drops 的-like particles)."""
    if len(word) < min_length or word in stopwords():
        return False
    return not word.replace(".", "").replace(",", "").isdigit()


# ---- keyness -----------------------------------------------------------------------------------

def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """G2 for a word seen ``a`` times in a target of ``c`` tokens and ``b`` times in a reference of ``d``."""
    if c <= 0 or d <= 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / e1)
    if b > 0:
        g2 += b * math.log(b / e2)
    return 2.0 * g2


@dataclass(frozen=True)
class WordScore:
    word: str
    count: int  # in the code's segments
    rest_count: int  # everywhere else in the corpus
    per_10k: float  # per 10,000 tokens of the code's segments
    rest_per_10k: float
    g2: float  # log-likelihood keyness; large = the difference is unlikely to be chance
    overused: bool  # relatively more frequent inside the code than outside

    def as_dict(self) -> dict[str, object]:
        return {"word": self.word, "count": self.count, "rest_count": self.rest_count,
                "per_10k": round(self.per_10k, 2), "rest_per_10k": round(self.rest_per_10k, 2),
                "g2": round(self.g2, 2), "overused": self.overused}


@dataclass(frozen=True)
class CharacteristicWords:
    code: Code
    segments: int
    tokens: int  # all tokens inside the code's segments
    rest_tokens: int
    words: list[WordScore]  # overused words by G2, strongest first

    def by_frequency(self, top: int = 100) -> list[WordScore]:
        """Most frequent content words of the code (what a word cloud shows)."""
        return sorted(self.words, key=lambda w: (-w.count, w.word))[:top]


def characteristic_words(project: Project, code_id: int, *, coder_id: int | None = None,
                         top: int = 50, min_count: int = 2, min_length: int = 2,
                         document_ids: Sequence[int] | None = None) -> CharacteristicWords:
    """Words over-represented in the segments of a code (with its sub-codes), by one coder or all.

    A token belongs to the code when it starts inside one of its segments. Words seen fewer than
    ``min_count`` times in the code are left out (keyness of a single occurrence is noise). With
    ``document_ids`` (a document set) both the code's passages and the rest come from those documents.
    """
    code = project.code(code_id)
    code_ids = project.descendant_ids(code_id)
    segments = project.segments(code_ids=code_ids, coder_ids=[coder_id] if coder_id is not None else None,
                                document_ids=document_ids)
    within = set(document_ids) if document_ids is not None else None
    if not project.readonly:
        ensure_segmented(project)
    intervals: dict[int, list[tuple[int, int]]] = {}
    for segment in segments:
        intervals.setdefault(segment.document_id, []).append((segment.start, segment.end))
    inside: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    inside_total = all_total = 0
    for document_id, _version, tokens, offsets in project.cached_token_rows():
        if within is not None and document_id not in within:
            continue
        words = tokens.split(" ") if tokens else []
        all_total += len(words)
        everywhere.update(words)
        merged = _merge(intervals.get(document_id, []))
        if not merged:
            continue
        cached = decode(document_id, tokens, offsets)
        starts = [a for a, _b in merged]
        for word, (s, _e) in zip(cached.words, cached.spans):
            k = bisect_right(starts, s) - 1
            if k >= 0 and s < merged[k][1]:
                inside[word] += 1
                inside_total += 1
    rest_total = all_total - inside_total
    scores = []
    for word, count in inside.items():
        if count < min_count or not is_content_word(word, min_length):
            continue
        rest = everywhere[word] - count
        per = 10000 * count / inside_total if inside_total else 0.0
        rest_per = 10000 * rest / rest_total if rest_total else 0.0
        scores.append(WordScore(word, count, rest, per, rest_per,
                                log_likelihood(count, rest, inside_total, rest_total), per > rest_per))
    scores.sort(key=lambda w: (not w.overused, -w.g2, -w.count, w.word))
    return CharacteristicWords(code, len(segments), inside_total, rest_total, scores[:top])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


# ---- frames ------------------------------------------------------------------------------------

def frame_codes(project: Project, parent: str | None = None) -> list[Code]:
    """The codes treated as frames: children of ``parent``, else the top level — descending while the
    top is a single grouping code (a codebook rooted at "Frames" gives its children)."""
    codes = project.codes()
    if parent is not None:
        parent_id = project.code(parent).id
        return [c for c in codes if c.parent_id == parent_id]
    level = [c for c in codes if c.parent_id is None]
    while len(level) == 1 and any(c.parent_id == level[0].id for c in codes):
        level = [c for c in codes if c.parent_id == level[0].id]
    return level


def _frame_of(project: Project, frames: list[Code]) -> dict[int, int]:
    """Map every code id to the frame it rolls up to (sub-codes count for their frame)."""
    owner: dict[int, int] = {}
    for frame in frames:
        for code_id in project.descendant_ids(frame.id):
            owner[code_id] = frame.id
    return owner


@dataclass
class FrameDistribution:
    """Per outlet: documents, coded documents, and for each frame the documents using it and segments.

    ``share`` divides by the outlet's *coded* documents (those with any segment by the chosen coders),
    so an outlet whose articles are not coded yet does not look frame-less.
    """

    outlets: list[str]
    frames: list[Code]
    documents: dict[str, int] = field(default_factory=dict)
    coded_documents: dict[str, int] = field(default_factory=dict)
    with_frame: dict[tuple[str, int], int] = field(default_factory=dict)
    segment_counts: dict[tuple[str, int], int] = field(default_factory=dict)

    def share(self, outlet: str, code_id: int) -> float:
        coded = self.coded_documents.get(outlet, 0)
        return self.with_frame.get((outlet, code_id), 0) / coded if coded else 0.0

    def rows(self) -> list[dict[str, object]]:
        return [{"outlet": outlet, "frame": frame.path, "documents": self.documents.get(outlet, 0),
                 "coded_documents": self.coded_documents.get(outlet, 0),
                 "documents_with_frame": self.with_frame.get((outlet, frame.id), 0),
                 "share": round(self.share(outlet, frame.id), 4),
                 "segments": self.segment_counts.get((outlet, frame.id), 0)}
                for outlet in self.outlets for frame in self.frames]


def frames_by_outlet(project: Project, *, coder_id: int | None = None,
                     frames: Iterable[Code] | None = None,
                     document_ids: Sequence[int] | None = None) -> FrameDistribution:
    frames = list(frames) if frames is not None else frame_codes(project)
    owner = _frame_of(project, frames)
    outlet_of = {d.id: (d.outlet or NO_OUTLET) for d in project.documents(document_ids)}
    result = FrameDistribution(sorted(set(outlet_of.values())), frames)
    for outlet in outlet_of.values():
        result.documents[outlet] = result.documents.get(outlet, 0) + 1
    coded: set[int] = set()
    pairs: set[tuple[int, int]] = set()
    for segment in project.segments(coder_ids=[coder_id] if coder_id is not None else None,
                                    document_ids=document_ids):
        coded.add(segment.document_id)
        frame = owner.get(segment.code_id)
        if frame is None:
            continue
        outlet = outlet_of[segment.document_id]
        key = (outlet, frame)
        result.segment_counts[key] = result.segment_counts.get(key, 0) + 1
        pairs.add((segment.document_id, frame))
    for document_id in coded:
        outlet = outlet_of[document_id]
        result.coded_documents[outlet] = result.coded_documents.get(outlet, 0) + 1
    for document_id, frame in pairs:
        key = (outlet_of[document_id], frame)
        result.with_frame[key] = result.with_frame.get(key, 0) + 1
    return result


# ---- co-occurrence -----------------------------------------------------------------------------

@dataclass
class Cooccurrence:
    """``documents[i][j]``: documents where codes i and j both appear (diagonal: documents with i).
    ``overlaps[i][j]``: pairs of overlapping segments of i and j by the same coder (diagonal 0)."""

    codes: list[Code]
    documents: list[list[int]]
    overlaps: list[list[int]]

    def rows(self, which: str = "documents") -> list[dict[str, object]]:
        matrix = self.documents if which == "documents" else self.overlaps
        return [{"code": a.path, **{b.path: matrix[i][j] for j, b in enumerate(self.codes)}}
                for i, a in enumerate(self.codes)]


def cooccurrence(project: Project, *, coder_id: int | None = None,
                 codes: Iterable[Code] | None = None, document_ids: Sequence[int] | None = None) -> Cooccurrence:
    """Co-occurrence of codes (frames by default, sub-codes rolled up) per document and by overlap."""
    codes = list(codes) if codes is not None else frame_codes(project)
    owner = _frame_of(project, codes)
    index = {code.id: i for i, code in enumerate(codes)}
    n = len(codes)
    documents = [[0] * n for _ in range(n)]
    overlaps = [[0] * n for _ in range(n)]
    per_document: dict[int, set[int]] = {}
    per_coder_document: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for segment in project.segments(coder_ids=[coder_id] if coder_id is not None else None,
                                    document_ids=document_ids):
        frame = owner.get(segment.code_id)
        if frame is None:
            continue
        i = index[frame]
        per_document.setdefault(segment.document_id, set()).add(i)
        per_coder_document.setdefault((segment.document_id, segment.coder_id), []).append(
            (segment.start, segment.end, i))
    for present in per_document.values():
        for i in present:
            for j in present:
                documents[i][j] += 1
    for spans in per_coder_document.values():
        spans.sort()
        for k, (s1, e1, i) in enumerate(spans):
            for s2, e2, j in spans[k + 1:]:
                if s2 >= e1:
                    break
                if i != j:
                    overlaps[i][j] += 1
                    overlaps[j][i] += 1
    return Cooccurrence(codes, documents, overlaps)
