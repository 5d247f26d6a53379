"""Agreement for a project: scope, results per code/group/document/pair, bootstrap, conflicts.

This is the API the CLI and the GUI (from a worker thread, with its own ``Project``) call:
``compute_agreement(project, scope)``; where coders disagree is ``annotator.core.adjudication``'s one
disagreement model (``find_disagreements`` here only names it for the CLI).

Rules that change the numbers (see docs/measures/README.md and tests/core/agreement):
- A coder counts for a document only when their assignment is ``done``; elsewhere they are missing,
  never "coded nothing". A coder who finished a document without coding contributes zeros.
- Coders with the role ``adjudicator`` (the consensus coder) are left out of the default coders.
- Binary per-code values: 1 where a segment of exactly that code covers (character) or overlaps
  (token, sentence, paragraph, document) the unit; q = 2.
- A mutually exclusive group (a code marked ``exclusive``) gives one nominal variable: which child (or one
  of its descendants) was applied. "(none)" is a category only where some finished coder left a unit of
  the scope without any child; q is the number of categories (the children, plus "(none)" then), or
  ``categories`` (``--categories N``). A finished coder who applied two children to one unit is missing
  there and the conflict is listed (``conflicts``), never resolved by codebook order.
- A group whose children are numbers (a rating scale) also gets ordinal, interval and ratio alpha, and with
  ``level`` weighted kappa, AC2 and weighted Fleiss/Conger/Brennan-Prediger; "(none)" is missing there.
- Token units are the project's words (its user dictionary; the token cache when fresh, read only).
- ``overall`` pools every code in scope as separate binary variables.
- Bootstrap resamples documents (clusters) with a reported seed, for every coefficient; CIs are
  percentile intervals. Standard errors (``se``) are Gwet's analytic ones and treat units as independent.
- ``span`` unit: alpha_U and the u-alpha family on the documents every selected coder finished.

Results are kept as arrays (per-document values, pair tables) and become dicts only in ``to_json_dict``.
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.core.agreement import measures as M
from annotator.core.agreement.blas import one_thread
from annotator.core.agreement.unitizing import merge_overlaps, u_alpha_family, unitizing_alpha
from annotator.core.agreement.measures import unique_rows
from annotator.core.agreement.units import (
    UNIT_KINDS,
    Boundaries,
    TargetRows,
    UnitAxis,
    build_axis,
    code_rows,
    document_rows,
    target_runs,
)
from annotator.core.errors import InputError
from annotator.core.model import Code, Coder

ALL_UNITS = UNIT_KINDS + ("span",)
DEFAULT_UNIT = "document"
THRESHOLDS = M.THRESHOLDS
NONE_LABEL = "(none)"
BOOTSTRAP_CHUNK = 100  # resamples drawn at a time (memory stays flat with many documents)
MARK_LIMIT = 1 << 26  # document unit: distinct (document, coder, code) marked in a table up to this size


class AgreementCancelled(Exception):
    """Raised when the caller's ``cancel()`` returned True; nothing is returned."""


@dataclass(frozen=True)
class AgreementScope:
    """What to compare. Empty sequences mean "all" (all coders but adjudicators)."""

    unit: str = DEFAULT_UNIT
    coders: Sequence[str] = ()
    codes: Sequence[str] = ()
    group: str | None = None
    documents: Sequence[str] = ()
    bootstrap: int = 0
    seed: int = 0
    levels: Sequence[str] = ("nominal",)  # kept for callers; numeric groups always get every level
    categories: int | None = None  # q for exclusive groups (``--categories N``); None: from the codebook
    level: str = "nominal"  # agreement weights for weighted kappa / AC2 on numeric groups


@dataclass(frozen=True)
class Disagreement:
    """A place where the coders who finished a document disagree on one code (names, for the CLI)."""

    document: str
    document_id: int
    start: int
    end: int
    code: str
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]
    versions: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = ()
    unit: str = "character"

    def to_json_dict(self) -> dict[str, Any]:
        return {"kind": "disagreement", "document": self.document, "start": self.start, "end": self.end,
                "code": self.code, "unit": self.unit, "coded_by": list(self.coded_by),
                "not_coded_by": list(self.not_coded_by),
                "versions": {name: [list(s) for s in spans] for name, spans in self.versions}}


@dataclass(frozen=True)
class Conflict:
    """A finished coder applied two children of one exclusive group to the same stretch."""

    document: str
    document_id: int
    coder: str
    start: int
    end: int
    group: str
    codes: tuple[str, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {"document": self.document, "coder": self.coder, "start": self.start, "end": self.end,
                "group": self.group, "codes": list(self.codes)}


@dataclass(frozen=True)
class Target:
    """One variable: a single code (binary) or an exclusive group (which child)."""

    path: str
    kind: str  # "code" | "group"
    channels: tuple[tuple[int, ...], ...]  # code ids per channel
    categories: tuple[str, ...]  # children (a group) or ("0", "1") (a code); "(none)" is added when used

    @property
    def channel_of_code(self) -> dict[int, int]:
        return {code_id: ch + 1 for ch, ids in enumerate(self.channels) for code_id in ids}


@dataclass
class TargetResult:
    path: str
    kind: str
    measures: M.MeasureSet
    segments: dict[str, int] = field(default_factory=dict)
    ci: dict[str, Any] | None = None
    cis: dict[str, dict[str, Any]] | None = None
    per_document_names: list[str] = field(default_factory=list)
    per_document_alpha: np.ndarray | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def per_document(self) -> dict[str, float | None]:
        if self.per_document_alpha is None:
            return {}
        return {n: _nan_none(v) for n, v in zip(self.per_document_names, self.per_document_alpha.tolist())}

    def to_json_dict(self) -> dict[str, Any]:
        out = self.measures.to_json_dict()
        out["segments_per_coder"] = dict(self.segments)
        out["ci"] = self.ci
        out["cis"] = self.cis
        if self.kind == "group":
            out["conflicts"] = [c.to_json_dict() for c in self.conflicts]
        if self.per_document_alpha is not None:
            out["per_document"] = self.per_document
        out.update(self.extra)
        return out


@dataclass
class AgreementReport:
    unit: str
    coders: list[str]
    documents: list[str]  # documents at least two selected coders finished
    skipped_documents: list[str]
    codes: dict[str, TargetResult]
    groups: dict[str, TargetResult]
    overall: M.MeasureSet | None
    overall_ci: dict[str, Any] | None = None
    bootstrap: int = 0
    seed: int = 0
    alpha_u: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    overall_cis: dict[str, dict[str, Any]] | None = None
    notes: dict[str, str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    doc_arrays: tuple[Any, ...] | None = None  # (names, alpha, percent agreement, done (D, m), coder names)

    @property
    def per_document(self) -> dict[str, dict[str, Any]]:
        """Pooled alpha and percent agreement per contributing document (built on demand)."""
        if self.doc_arrays is None:
            return {}
        names, alpha, percent, done, coders = self.doc_arrays
        return {name: {"krippendorff_alpha": _nan_none(a), "percent_agreement": _nan_none(p),
                       "coders": [c for c, ok in zip(coders, row) if ok]}
                for name, a, p, row in zip(names, alpha.tolist(), percent.tolist(), done.tolist())}

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for r in self.groups.values() for c in r.conflicts]

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "unit": self.unit,
            "coders": list(self.coders),
            "left_out_coders": list(self.left_out),
            "documents": len(self.documents),
            "document_names": list(self.documents),
            "skipped_documents": list(self.skipped_documents),
            "codes": {p: r.to_json_dict() for p, r in self.codes.items()},
            "groups": {p: r.to_json_dict() for p, r in self.groups.items()},
            "overall": None if self.overall is None else self.overall.to_json_dict(),
            "bootstrap": {"resamples": self.bootstrap, "seed": self.seed} if self.bootstrap else None,
            "per_document": self.per_document,
            "conflicts": [c.to_json_dict() for c in self.conflicts],
            "notes": dict(self.notes),
        }
        if self.overall is not None:
            out["overall"]["ci"] = self.overall_ci
            out["overall"]["cis"] = self.overall_cis
            out["pairs"] = self.overall.pairs
        if self.unit == "span":
            out["alpha_u"] = self.alpha_u
        out.update(self.extra)
        return out


# --------------------------------------------------------------------------------------------------
# Scope
# --------------------------------------------------------------------------------------------------

@dataclass
class _Resolved:
    coders: list[Coder]
    documents: list[DocumentRef]
    done: np.ndarray  # (D, m) bool
    targets: list[Target]
    seg_doc: np.ndarray
    seg_coder: np.ndarray
    seg_code: np.ndarray
    seg_start: np.ndarray
    seg_end: np.ndarray
    left_out: list[str] = field(default_factory=list)


def default_coders(project: Any, coders: Sequence[Coder]) -> set[int]:
    """The coders the app ticks for a comparison before the user chooses: not adjudicators, and only those
    who marked a document done (a coder just added has nothing to compare, and one coder who finished
    nothing empties alpha_U and the review's third column); all but adjudicators while fewer than two
    have finished anything."""
    candidates = [c for c in coders if not c.is_adjudicator]
    finished = project.coders_who_finished()
    chosen = {c.id for c in candidates if c.id in finished}
    return chosen if len(chosen) >= 2 else {c.id for c in candidates}


def resolve_coders(project: Any, names: Sequence[str]) -> tuple[list[Coder], list[str]]:
    """The named coders, or every coder but adjudicators (who settle disagreements, not code for them)."""
    if names:
        return [project.coder(name) for name in dict.fromkeys(names)], []
    everyone = project.coders()
    return [c for c in everyone if not c.is_adjudicator], [c.name for c in everyone if c.is_adjudicator]


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """What agreement needs of a document: id, name and length (a 100,000-article archive reads no more)."""

    id: int
    name: str
    length: int


def resolve_documents(project: Any, names: Sequence[str]) -> list[DocumentRef]:
    lengths = project.document_lengths()
    all_docs = [DocumentRef(i, name, lengths[i]) for i, name in sorted(project.document_names().items())]
    if not names:
        return all_docs
    by_name = {d.name: d for d in all_docs}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise InputError(f"no document named '{missing[0]}'")
    return [by_name[n] for n in dict.fromkeys(names)]


def done_matrix(project: Any, documents: Sequence[DocumentRef], coders: Sequence[Coder]) -> np.ndarray:
    done = np.zeros((len(documents), len(coders)), dtype=bool)
    pairs = np.fromiter(itertools.chain.from_iterable(project.done_pairs()), np.int64).reshape(-1, 2)
    if not len(pairs) or not documents or not coders:
        return done
    doc_lookup = np.full(max(int(pairs[:, 0].max()), max(d.id for d in documents)) + 1, -1, np.int64)
    doc_lookup[[d.id for d in documents]] = np.arange(len(documents))
    coder_lookup = np.full(max(int(pairs[:, 1].max()), max(c.id for c in coders)) + 1, -1, np.int64)
    coder_lookup[[c.id for c in coders]] = np.arange(len(coders))
    i, j = doc_lookup[pairs[:, 0]], coder_lookup[pairs[:, 1]]
    ok = (i >= 0) & (j >= 0)
    done[i[ok], j[ok]] = True
    return done


def _resolve(project: Any, scope: AgreementScope) -> _Resolved:
    if scope.unit not in ALL_UNITS:
        raise InputError(f"unknown unit '{scope.unit}' (use {', '.join(ALL_UNITS)})")
    if scope.level not in M.LEVELS:
        raise InputError(f"unknown level '{scope.level}' (use {', '.join(M.LEVELS)})")
    if scope.categories is not None and scope.categories < 2:
        raise InputError("--categories must be 2 or more")
    coders, left_out = resolve_coders(project, scope.coders)
    if len(coders) < 2:
        raise InputError("agreement needs at least two coders" + (
            f" (adjudicators are left out unless named: {', '.join(left_out)})" if left_out else ""))
    documents = resolve_documents(project, scope.documents)
    done = done_matrix(project, documents, coders)
    coder_ids = [c.id for c in coders]
    codes = project.codes()
    explicit = bool(scope.codes or scope.group)
    targets = _targets(project, codes, scope, set()) if explicit else None
    wanted_codes = sorted({i for t in targets for ids in t.channels for i in ids}) if targets is not None else None
    doc_filter = [d.id for d in documents] if scope.documents and len(documents) <= 5000 else None
    document_unit = scope.unit == "document"
    doc_lookup = np.full(max((d.id for d in documents), default=0) + 1, -1, dtype=np.int64)
    doc_lookup[[d.id for d in documents]] = np.arange(len(documents))
    coder_lookup = np.full(max(coder_ids) + 1, -1, np.int64)
    coder_lookup[coder_ids] = np.arange(len(coder_ids))
    chunks = project.segment_tuple_chunks(coder_ids, code_ids=wanted_codes, document_ids=doc_filter,
                                          documents_only=document_unit)
    if document_unit:
        seg = _document_triples(chunks, doc_lookup, coder_lookup, len(coder_ids),
                                max((c.id for c in codes), default=0) + 1)
    else:
        parts = [_int_array(chunk, 5) for chunk in chunks]
        rows = np.concatenate(parts) if parts else np.zeros((0, 5), np.int64)
        del parts
        doc = np.where(rows[:, 0] < len(doc_lookup), doc_lookup[np.minimum(rows[:, 0], len(doc_lookup) - 1)], -1)
        keep = doc >= 0
        rows = rows[keep]
        seg = (doc[keep], coder_lookup[rows[:, 1]], rows[:, 2], rows[:, 3], rows[:, 4])
    if targets is None:  # every code the compared coders used, read with the segments (no second scan)
        targets = _targets(project, codes, scope, set(np.unique(seg[2]).tolist()))
    return _Resolved(coders, documents, done, targets, *seg, left_out)


def _document_triples(chunks: Any, doc_lookup: np.ndarray, coder_lookup: np.ndarray,
                      m: int, code_span: int = 0) -> tuple[np.ndarray, ...]:
    """Distinct (document, coder, code) of the segments, as one packed integer each while reading; each
    becomes a unit interval [0, 1). While every packed value fits a table of ``MARK_LIMIT`` flags
    (``code_span``: one more than the largest code id), they are marked there, read back in order by one
    ``flatnonzero`` (about one byte per possible triple, no sort); past it, each chunk's distinct values are
    kept and sorted once at the end (near 8 bytes per segment)."""
    keys: list[np.ndarray] = []
    span = max(len(doc_lookup), 1)  # code-major packing: the result comes sorted by code, then document
    size = code_span * span * m
    marks = np.zeros(size, bool) if 0 < size <= MARK_LIMIT else None
    for chunk in chunks:
        rows = _int_array(chunk, 3)
        doc = np.where(rows[:, 0] < len(doc_lookup), doc_lookup[np.minimum(rows[:, 0], len(doc_lookup) - 1)], -1)
        ok = doc >= 0
        key = (rows[ok, 2] * span + doc[ok]) * m + coder_lookup[rows[ok, 1]]
        if marks is not None and len(key) and int(key.max()) >= size:  # a code id beyond the codebook's
            keys.append(np.flatnonzero(marks))
            marks = None
        if marks is not None:
            marks[key] = True
        else:
            keys.append(np.unique(key))
    if marks is not None:
        packed = np.flatnonzero(marks)
        del marks
    else:
        packed = np.unique(np.concatenate(keys)) if keys else np.zeros(0, np.int64)
    del keys
    coder = (packed % m).astype(np.int32)
    rest = packed // m
    doc, code = (rest % span).astype(np.int32), (rest // span).astype(np.int32)
    del packed, rest
    n = len(doc)
    return doc, coder, code, np.broadcast_to(np.int32(0), (n,)), np.broadcast_to(np.int32(1), (n,))


def _int_array(rows: list[tuple[int, ...]], width: int) -> np.ndarray:
    """A list of integer tuples as an (n, width) array (np.fromiter: ~4x faster than np.array here)."""
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width)
    return flat.reshape(-1, width)


def _targets(project: Any, codes: list[Code], scope: AgreementScope, used: set[int]) -> list[Target]:
    by_path = {c.path: c for c in codes}
    children: dict[int, list[Code]] = {}
    for c in codes:
        if c.parent_id is not None:
            children.setdefault(c.parent_id, []).append(c)

    def code_target(code: Code) -> Target:
        return Target(code.path, "code", ((code.id,),), ("0", "1"))

    def group_target(code: Code) -> Target:
        kids = children.get(code.id, [])
        if not kids:
            raise InputError(f"the code '{code.path}' has no child codes to form a group")
        channels = tuple(tuple(project.descendant_ids(k.id)) for k in kids)
        return Target(code.path, "group", channels, tuple(k.path for k in kids))

    def lookup(path: str) -> Code:
        if path not in by_path:
            raise InputError(f"no code '{path}'")
        return by_path[path]

    if scope.group:
        group = lookup(scope.group)
        target = group_target(group)
        return [code_target(k) for k in children.get(group.id, [])] + [target]
    if scope.codes:
        return [code_target(lookup(p)) for p in scope.codes]
    targets = [code_target(c) for c in codes if c.id in used]
    for c in codes:
        if c.exclusive and children.get(c.id):
            targets.append(group_target(c))
    return targets


# --------------------------------------------------------------------------------------------------
# Computation
# --------------------------------------------------------------------------------------------------

def unit_axis(project: Any, documents: Sequence[Any], unit: str,
              on_document: Callable[[int], None] | None = None) -> UnitAxis:
    """The unit axis of these documents (text units split once per distinct text in this call)."""
    lengths = list(map(operator.attrgetter("length"), documents))
    if unit in ("character", "document"):
        return build_axis(unit, lengths)
    cache: dict[str, list[tuple[int, int]]] = {}
    texts = lambda i: project.document_text(documents[i].id)  # noqa: E731
    spans_for = _project_tokens(project, documents, cache) if unit == "token" else None
    return build_axis(unit, lengths, texts, cache, on_document, spans_for)


def _project_tokens(project: Any, documents: Sequence[Any],
                    cache: dict[str, list[tuple[int, int]]]) -> Callable[[int], list[tuple[int, int]]]:
    """Token units as coders see them: the project's token cache when it is fresh for the project's
    user dictionary (read only: computing agreement never writes), else word_spans with the project's
    tokenizer, once per distinct text in this run."""
    from annotator.core import segmentation
    from annotator.core.tokens import word_spans

    try:
        version = segmentation.dictionary_version(project)
        wanted = {d.id for d in documents}
        cached = {doc_id: (tokens, offsets) for doc_id, _dictionary, tokens, offsets in
                  project.cached_token_rows(sorted(wanted), version=version)}
        tokenizer = segmentation.project_tokenizer(project)
    except sqlite3.Error:  # an older project without the token cache
        cached, tokenizer = {}, None

    def spans_for(i: int) -> list[tuple[int, int]]:
        doc_id = documents[i].id
        if doc_id in cached:
            return segmentation.decode(doc_id, *cached[doc_id]).spans
        text = project.document_text(doc_id)
        key = f"token:{text}"
        if key not in cache:
            cache[key] = word_spans(text, tokenizer=tokenizer)
        return cache[key]

    return spans_for


def _segment_counts(r: _Resolved) -> dict[int, np.ndarray]:
    """Code id -> segments per coder, counting documents the coder finished (one pass for all targets)."""
    if not len(r.seg_doc):
        return {}
    m = len(r.coders)
    width = int(r.seg_code.max()) + 1
    # (document, coder) then (code, coder) as one integer in one buffer (int32 when it fits: half the traffic).
    small = max(r.done.size, width * m) < 2 ** 31
    key = np.multiply(r.seg_doc, m, dtype=np.int32 if small else np.int64)
    key += r.seg_coder
    done = np.take(r.done.ravel(), key)  # the coder finished the segment's document
    np.multiply(r.seg_code, m, out=key)
    key += r.seg_coder
    table = np.bincount(key[done], minlength=width * m).reshape(width, m)
    return {int(c): table[c] for c in np.flatnonzero(table.any(axis=1))}


def _segments_per_coder(r: _Resolved, target: Target, counts: dict[int, np.ndarray]) -> dict[str, int]:
    total = np.zeros(len(r.coders), np.int64)
    for ids in target.channels:
        for i in ids:
            if i in counts:
                total += counts[i]
    return {c.name: int(n) for c, n in zip(r.coders, total)}


def _legacy_ci(batch_alpha: dict[str, Any], resampled: np.ndarray | None) -> dict[str, Any]:
    """The nominal-alpha interval with the probabilities of missing Krippendorff's thresholds."""
    out: dict[str, Any] = {"level": 0.95, **batch_alpha}
    defined = resampled[np.isfinite(resampled)] if resampled is not None else np.zeros(0)
    if len(defined) == 0:
        out.update(p_below_0_667=None, p_below_0_800=None)
    else:
        out.update(p_below_0_667=float((defined < THRESHOLDS[0]).mean()),
                   p_below_0_800=float((defined < THRESHOLDS[1]).mean()))
    return out


@dataclass
class _Prepared:
    """One target's reliability data and statistics, kept until the bootstrap has run."""

    target: Target
    rows: TargetRows
    data: M.ReliabilityData
    stats: M.Statistics
    result: TargetResult
    doc_totals: np.ndarray | None = None
    numeric: tuple[M.ReliabilityData, M.Statistics, np.ndarray | None] | None = None
    sums: M.Sums | None = None
    without_each: np.ndarray | None = None  # (m, K, K) coincidences with each coder left out (codes)


def _reliability(target: Target, rows: TargetRows, coder_names: Sequence[str], scope: AgreementScope,
                 notes: dict[str, str]) -> M.ReliabilityData:
    """The target's reliability data with its categories made explicit (see the module docstring)."""
    weights = rows.weights
    if target.kind == "code":
        if scope.categories is not None:
            notes["categories"] = "a single code is present or absent: q = 2 (--categories applies to exclusive groups)"
        return M.ReliabilityData(rows.patterns, weights, target.categories, tuple(coder_names), 2)
    none_used = bool(((rows.patterns == 0) & (weights[:, None] > 0)).any()) if len(rows.patterns) else False
    children = len(target.categories)
    if none_used:
        patterns, categories = rows.patterns, (NONE_LABEL, *target.categories)
        why = (f'the {children} children of the group plus "{NONE_LABEL}", because finished coders left '
               "some units without any child")
    else:
        patterns, categories = np.where(rows.patterns > 0, rows.patterns - 1, -1), target.categories
        why = (f"the {children} children of the group; every unit has a child from every finished coder, so "
               f'"{NONE_LABEL}" is not a category')
    q = len(categories)
    if scope.categories is not None:
        if scope.categories < q:
            raise InputError(f"--categories {scope.categories} is fewer than the {q} categories of '{target.path}'")
        notes["categories"] = f"q = {scope.categories}, given by --categories (the data have {q} categories: {why})"
        q = scope.categories
    else:
        notes["categories"] = f"q = {q}: {why}"
    return M.ReliabilityData(patterns, weights, categories, tuple(coder_names), q)


def _numeric(target: Target, rows: TargetRows) -> M.ReliabilityData | None:
    """A rating scale (children named by numbers) as numeric data in rank order; "(none)" is missing."""
    try:
        numbers = [float(path.rpartition("/")[2]) for path in target.categories]
    except ValueError:
        return None
    order = np.argsort(numbers)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    p = rows.patterns
    patterns = np.where(p >= 1, rank[np.maximum(p - 1, 0)], -1)
    return M.ReliabilityData(patterns, rows.weights, tuple(sorted(numbers)))


def _conflicts(r: _Resolved, axis: UnitAxis, bounds: Boundaries, target: Target, rows: TargetRows,
               code_paths: dict[int, str]) -> list[Conflict]:
    """Stretches where a finished coder applied two different children of the group (adjacent runs joined)."""
    runs = rows.runs
    hits = np.argwhere(rows.conflict_runs)
    found: list[list[Any]] = []
    for run, coder in sorted(hits.tolist(), key=lambda rc: (rc[1], runs.start[rc[0]])):
        lo, hi = int(runs.start[run]), int(runs.start[run] + runs.length[run])
        if found and found[-1][0] == coder and found[-1][2] == lo and found[-1][3] == int(runs.doc[run]):
            found[-1][2] = hi
            continue
        found.append([coder, lo, hi, int(runs.doc[run])])
    ids = set(target.channel_of_code)
    out = []
    for coder, lo, hi, doc in found:
        mine = (bounds.coder == coder) & (bounds.lo < hi) & (bounds.hi > lo) & np.isin(bounds.code, list(ids))
        codes = tuple(sorted({code_paths[int(c)] for c in bounds.code[mine]}))
        start, end = axis.char_span(doc, lo, hi)
        d = r.documents[doc]
        out.append(Conflict(d.name, d.id, r.coders[coder].name, start, end, target.path, codes))
    out.sort(key=lambda c: (c.document_id, c.start, c.coder))
    return out


def compute_agreement(project: Any, scope: AgreementScope,
                      on_progress: Callable[[int, int], None] | None = None,
                      cancel: Callable[[], bool] | None = None) -> AgreementReport:
    """Every coefficient for the scope; call from a worker thread with the thread's own Project.

    ``on_progress(done, total)`` reports steps (documents split into units, then codes);
    ``cancel()`` returning True stops the work with ``AgreementCancelled``.
    """
    report = compute_resolved(project, resolve_scope(project, scope), scope, on_progress, cancel)
    if report.left_out and not scope.coders and report.overall is not None:
        consensus_diagnostics(project, scope, report)
    return report


def resolve_scope(project: Any, scope: AgreementScope) -> "_Resolved":
    """Read what the scope compares (coders, documents, finished assignments, segments) from the project."""
    return _resolve(project, scope)


def compute_resolved(project: Any, r: "_Resolved", scope: AgreementScope,
                     on_progress: Callable[[int, int], None] | None = None,
                     cancel: Callable[[], bool] | None = None) -> AgreementReport:
    """``compute_agreement`` on segments already read by ``resolve_scope`` (the project is only asked for
    document texts, for text units, and code paths). Numpy's BLAS runs on one thread meanwhile (blas.py)."""
    with one_thread():
        return _compute_resolved(project, r, scope, on_progress, cancel)


def _compute_resolved(project: Any, r: "_Resolved", scope: AgreementScope,
                      on_progress: Callable[[int, int], None] | None,
                      cancel: Callable[[], bool] | None) -> AgreementReport:
    coder_names = [c.name for c in r.coders]
    m = len(coder_names)
    contributing = r.done.sum(axis=1) >= 2
    names = list(map(operator.attrgetter("name"), r.documents))
    doc_names = list(itertools.compress(names, contributing.tolist()))
    skipped = list(itertools.compress(names, (~contributing).tolist()))
    report_notes: dict[str, str] = {}
    if r.left_out:
        report_notes["coders"] = (f"adjudicators left out: {', '.join(r.left_out)} (name them in --coders to "
                                  "compare them)")
    if scope.unit == "span":
        report = _span_report(r, scope, coder_names, doc_names, skipped)
        report.notes.update(report_notes)
        report.left_out = r.left_out
        return report

    text_units = scope.unit not in ("character", "document")
    total = len(r.targets) + (len(r.documents) if text_units else 0)

    def document_split(d: int) -> None:
        if cancel is not None and cancel():
            raise AgreementCancelled()
        if on_progress is not None:
            on_progress(d + 1, total)

    axis = unit_axis(project, r.documents, scope.unit, document_split)
    done_before = total - len(r.targets)
    lo, hi = axis.map_segments(r.seg_doc, r.seg_start, r.seg_end) if scope.unit != "document" else (None, None)
    if scope.unit == "document":  # distinct (document, coder, code) triples: already disjoint, no sweep
        z = np.zeros(0, np.int64)
        bounds = Boundaries(r.seg_code, r.seg_coder, r.seg_doc, r.seg_doc + 1, z, z, z.astype(np.int8), z,
                            np.zeros(1, np.int64))
    else:
        bounds = Boundaries.build(r.seg_code, r.seg_coder, lo, hi, m)
    live = np.flatnonzero(contributing)
    live_names = doc_names  # the contributing documents, in order
    n_docs = len(r.documents)
    code_paths = {c.id: c.path for c in project.codes()} if any(t.kind == "group" for t in r.targets) else {}
    weighted = scope.level if scope.level != "nominal" else None
    counts = _segment_counts(r)
    keep_totals = scope.bootstrap > 0 and len(live) > 0
    pooled_doc: np.ndarray | None = None  # per-document sums of every code's statistics (overall per document)

    prepared: list[_Prepared] = []
    for step, target in enumerate(r.targets):
        if cancel is not None and cancel():
            raise AgreementCancelled()
        if scope.unit == "document":
            rows = document_rows(bounds, target.channel_of_code, r.done, target.kind)
        else:
            runs = target_runs(bounds, target.channel_of_code, axis.doc_offsets, m)
            rows = code_rows(runs, r.done, axis.doc_units, target.kind)
        notes: dict[str, str] = {}
        data = _reliability(target, rows, coder_names, scope, notes)
        stats = M.statistics(data)
        sums = M.summarize(data, stats=stats, with_pairs=m > 2)
        measures = M.measures_from_sums(sums)
        measures.notes.update(notes)
        classified = sums.totals[stats.slots["classified"]].reshape(m, data.n_categories)
        result = TargetResult(target.path, target.kind, measures, _segments_per_coder(r, target, counts))
        # Coder diagnostics: how each coder used the categories (units per category, over units they rated).
        result.extra["coder_distribution"] = {
            name: {str(c): M._number(v) for c, v in zip(data.categories, row)} for name, row in zip(coder_names, classified)}
        item = _Prepared(target, rows, data, stats, result, sums=sums)
        if target.kind == "code":  # the pooled "alpha without each coder" adds these up
            item.without_each = M.leave_one_out_coincidences(data)
        # Per document: every statistic for the bootstrap, else only what per-document values need.
        columns = np.arange(stats.per_pattern.shape[1])
        if not keep_totals:
            sl = stats.slots
            columns = np.r_[sl["coincidence"], sl["agree:nominal"], sl["pairable"]]
        # At the document unit a document is one unit: a per-document alpha of one code is meaningless (and
        # groups are not pooled), so only codes' sums are kept, for the pooled per-document values.
        per_document = scope.unit != "document"
        if not keep_totals and not per_document and target.kind == "group":
            columns = columns[:0]
        doc_totals = rows.doc_totals(stats.per_pattern[:, columns], n_docs)
        k2 = data.n_categories ** 2
        first = 0 if not keep_totals else stats.slots["coincidence"].start
        if target.kind == "code":
            if pooled_doc is None:  # kept for the bootstrap: added to a copy
                pooled_doc = doc_totals.copy() if keep_totals else doc_totals
            else:
                pooled_doc += doc_totals
        item.doc_totals = doc_totals if keep_totals else None
        if per_document:
            o = doc_totals[live][:, first:first + k2].reshape(len(live), data.n_categories, data.n_categories)
            result.per_document_names = live_names
            result.per_document_alpha = M.alpha_from_coincidence_batch(o, data.categories, "nominal")
        del doc_totals
        if target.kind == "group":
            result.extra["categories"] = list(data.categories)
            result.conflicts = _conflicts(r, axis, bounds, target, rows, code_paths)
            if result.conflicts:
                measures.notes["conflicts"] = (
                    f"{len(result.conflicts)} places where a finished coder applied two children of the group: "
                    "that coder is missing there (see conflicts)")
            numeric = _numeric(target, rows)
            if numeric is not None:
                n_stats = M.statistics(numeric, (weighted,) if weighted else ())
                extra = M.all_measures(numeric, levels=("ordinal", "interval", "ratio"), weighted_level=weighted,
                                       with_pairs=False, stats=n_stats)
                for name, value in extra.values.items():
                    if name.startswith("krippendorff_alpha_") or name in M.WEIGHTED_NAMES.values():
                        measures.values[name] = value
                        if name in extra.undefined:
                            measures.undefined[name] = extra.undefined[name]
                        if name in extra.se:
                            measures.se[name] = extra.se[name]
                measures.level = scope.level
                item.numeric = (numeric, n_stats, rows.doc_totals(n_stats.per_pattern, n_docs) if keep_totals else None)
            elif weighted:
                measures.notes["level"] = f"the children are not numbers: --level {scope.level} does not apply"
        elif weighted:
            measures.notes["level"] = f"a single code has two values: --level {scope.level} does not change it"
        item.rows = None  # type: ignore[assignment]  # the runs are no longer needed
        prepared.append(item)
        if on_progress is not None:
            on_progress(done_before + step + 1, total)

    codes = {p.target.path: p.result for p in prepared if p.target.kind == "code"}
    groups = {p.target.path: p.result for p in prepared if p.target.kind == "group"}
    pooled = [p for p in prepared if p.target.kind == "code"]
    overall = None
    report = AgreementReport(scope.unit, coder_names, doc_names, skipped, codes, groups, None, None,
                             scope.bootstrap, scope.seed, notes=report_notes, left_out=r.left_out)
    if pooled:
        # Every code as a separate binary variable: the codes' sums added up (the statistics are linear in
        # the units), never their patterns laid end to end.
        overall = M.measures_from_sums(M.pool([p.sums for p in pooled]))
        assert pooled_doc is not None
        report.overall = overall
        without = _alpha_without(np.sum([p.without_each for p in pooled], axis=0), ("0", "1"))
        report.extra["coder_diagnostics"] = {
            name: {"alpha_without": value} for name, value in zip(coder_names, without)}
        sl = pooled[0].stats.slots
        at = ({"coincidence": slice(0, 4), "agree:nominal": slice(4, 5), "pairable": slice(5, 6)} if not keep_totals
              else sl)
        live_doc = pooled_doc[live] if len(live) < n_docs else pooled_doc
        o = live_doc[:, at["coincidence"]].reshape(len(live), 2, 2)
        alpha = M.alpha_from_coincidence_batch(o, ("0", "1"), "nominal")
        agree = live_doc[:, at["agree:nominal"].start]
        pairable = live_doc[:, at["pairable"].start]
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = np.where(pairable > 0, agree / np.where(pairable > 0, pairable, 1), np.nan)
        report.doc_arrays = (live_names, alpha, percent, r.done[live], coder_names)
    if keep_totals:
        _bootstrap_all(prepared, pooled, report, scope, weighted, live, n_docs)
    return report


def alpha_without_each(data: M.ReliabilityData) -> list[float | None]:
    """Nominal alpha with each coder left out in turn (which coder pulls agreement down): the coder's value
    is taken out of each pattern's counts (``measures.leave_one_out_coincidences``)."""
    return _alpha_without(M.leave_one_out_coincidences(data), data.categories)


def _alpha_without(coincidences: np.ndarray, categories: Sequence[Any]) -> list[float | None]:
    values = M.alpha_from_coincidence_batch(coincidences, categories, "nominal")
    return [None if np.isnan(v) else float(v) for v in values.tolist()]


def consensus_diagnostics(project: Any, scope: AgreementScope, report: AgreementReport) -> None:
    """Each coder's agreement with the consensus (adjudicator) coder, pooled over the codes in scope.

    Only when the default coders left an adjudicator out: the comparison is computed once more with that
    coder added, and the coder-vs-consensus pairs are kept (alpha, Cohen's kappa, percent agreement).
    """
    if not report.left_out or report.overall is None or scope.coders:
        return
    for name in report.left_out:
        with_consensus = compute_agreement(project, AgreementScope(**{**scope.__dict__, "coders": (*report.coders, name),
                                                                       "bootstrap": 0}))
        pairs = {tuple(p["coders"]): p for p in (with_consensus.overall.pairs if with_consensus.overall else [])}
        for coder in report.coders:
            pair = pairs.get((coder, name)) or pairs.get((name, coder))
            if pair is not None:
                report.extra["coder_diagnostics"].setdefault(coder, {})[f"vs {name}"] = {
                    k: pair[k] for k in ("krippendorff_alpha", "cohen_kappa", "percent_agreement", "units")}


def _bootstrap_all(prepared: list[_Prepared], pooled: list[_Prepared], report: AgreementReport,
                   scope: AgreementScope, weighted: str | None, live: np.ndarray, n_docs: int) -> None:
    """Document-cluster bootstrap of every coefficient of every target, from one set of resamples.

    Each resample draws the contributing documents with replacement (seeded); a target's resampled sums
    are resample counts (B, D) @ per-document sums (D, s), and the coefficients follow from the same
    formulas as the point estimates. Resamples are drawn in chunks so memory stays flat.
    """
    rng = np.random.default_rng(scope.seed)
    batches: list[list[np.ndarray]] = [[] for _ in prepared]
    numeric_batches: list[list[np.ndarray]] = [[] for _ in prepared]
    left = scope.bootstrap
    while left > 0:
        b = min(BOOTSTRAP_CHUNK, left)
        left -= b
        picks = live[rng.integers(0, len(live), size=(b, len(live)))]
        counts = np.bincount((np.arange(b)[:, None] * n_docs + picks).ravel(),
                             minlength=b * n_docs).reshape(b, n_docs).astype(float)
        for i, p in enumerate(prepared):
            batches[i].append(counts @ p.doc_totals)
            if p.numeric is not None and p.numeric[2] is not None:
                numeric_batches[i].append(counts @ p.numeric[2])
    pooled_totals = None
    for i, p in enumerate(prepared):
        totals = np.concatenate(batches[i])
        cis = M.bootstrap_intervals(p.stats, totals)
        if p.numeric is not None:
            n_totals = np.concatenate(numeric_batches[i])
            extra = M.bootstrap_intervals(p.numeric[1], n_totals, levels=("ordinal", "interval", "ratio"),
                                          weighted_level=weighted)
            cis.update({k: v for k, v in extra.items()
                        if k.startswith("krippendorff_alpha_") or k in M.WEIGHTED_NAMES.values()})
        cis = {k: v for k, v in cis.items() if k in p.result.measures.values}
        p.result.cis = cis
        alpha_batch, _ = M.coefficients(p.stats, totals)
        p.result.ci = _legacy_ci(cis["krippendorff_alpha"], alpha_batch["krippendorff_alpha"])
        if p in pooled:
            pooled_totals = totals if pooled_totals is None else pooled_totals + totals
    if pooled_totals is not None and report.overall is not None:
        stats = pooled[0].stats
        cis = M.bootstrap_intervals(stats, pooled_totals)
        report.overall_cis = {k: v for k, v in cis.items() if k in report.overall.values}
        alpha_batch, _ = M.coefficients(stats, pooled_totals)
        report.overall_ci = _legacy_ci(cis["krippendorff_alpha"], alpha_batch["krippendorff_alpha"])


def _nan_none(value: float) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


def _span_report(r: _Resolved, scope: AgreementScope, coder_names: list[str], doc_names: list[str],
                 skipped: list[str]) -> AgreementReport:
    """alpha_U on the documents every selected coder finished, laid end to end as one continuum."""
    seg_counts = _segment_counts(r)
    complete = r.done.all(axis=1)
    offsets = np.concatenate([[0], np.cumsum([d.length if ok else 0 for d, ok in zip(r.documents, complete)])])
    length = int(offsets[-1])
    codes: dict[str, TargetResult] = {}
    groups: dict[str, TargetResult] = {}
    study: dict[str, list[list[tuple[int, int]]]] = {}
    used = complete[r.seg_doc] if len(r.seg_doc) else np.zeros(0, bool)
    for target in r.targets:
        if target.kind != "code":
            continue
        (code_id,), = target.channels
        mask = used & (r.seg_code == code_id)
        units: list[list[tuple[int, int]]] = [[] for _ in r.coders]
        base = offsets[r.seg_doc[mask]]
        for c, s, e in zip(r.seg_coder[mask], base + r.seg_start[mask], base + r.seg_end[mask]):
            units[int(c)].append((int(s), int(e)))
        study[target.path] = units
    result = unitizing_alpha(study, length) if length else None
    paths = list(study)

    def family(values: dict[str, int], merge_all: bool = False) -> Any:
        per_coder = []
        for c in range(len(r.coders)):
            units = [(b, e, values[p]) for p in values for b, e in merge_overlaps(study[p][c])]
            if merge_all:
                units = [(b, e, 1) for b, e in merge_overlaps([(b, e) for b, e, _ in units])]
            per_coder.append(units)
        return u_alpha_family(per_coder, length, 1 if merge_all else len(values))

    for target in r.targets:
        if target.kind == "code":
            cat = result.categories.get(target.path) if result else None
            ms = M.MeasureSet()
            ms.values["alpha_u"] = cat.alpha if cat else None
            if cat is None or cat.alpha is None:
                ms.undefined["alpha_u"] = cat.reason if cat else "no document was finished by every coder"
            binary = family({target.path: 1})
            ms.values["binary_u_alpha"] = binary.binary_u_alpha
            if binary.binary_u_alpha is None:
                ms.undefined["binary_u_alpha"] = binary.binary_reason
            tr = TargetResult(target.path, "code", ms, _segments_per_coder(r, target, seg_counts))
            tr.extra.update(observed_disagreement=cat.observed if cat else None,
                            expected_disagreement=cat.expected if cat else None)
            codes[target.path] = tr
        else:
            kids = [p for p in target.categories if p in study]
            sub = unitizing_alpha({p: study[p] for p in kids}, length) if length and kids else None
            ms = M.MeasureSet()
            ms.values["alpha_u"] = sub.overall if sub else None
            if sub is None or sub.overall is None:
                ms.undefined["alpha_u"] = sub.reason if sub else "no child code has units"
            if kids:
                fam = family({p: i + 1 for i, p in enumerate(kids)})
                ms.values["u_alpha"] = fam.u_alpha
                if fam.u_alpha is None:
                    ms.undefined["u_alpha"] = fam.u_reason
                ms.values["cu_alpha"] = fam.cu_alpha
                if fam.cu_alpha is None:
                    ms.undefined["cu_alpha"] = fam.u_reason if fam.u_alpha is None and fam.observed is None \
                        else fam.cu_reason
                ms.notes["cu_alpha"] = (f"cu-alpha covers {fam.cu_coverage:.1%} of the pairable text (where coders "
                                        "both coded a child)" if fam.cu_coverage is not None else "")
            group_result = TargetResult(target.path, "group", ms, _segments_per_coder(r, target, seg_counts))
            if kids:
                group_result.extra["k_u_alpha"] = {p: fam.k_u_alpha.get(i + 1) for i, p in enumerate(kids)}
                group_result.extra["cu_alpha_coverage"] = fam.cu_coverage
            groups[target.path] = group_result
    report = AgreementReport("span", coder_names, [d.name for d, ok in zip(r.documents, complete) if ok],
                             [d.name for d, ok in zip(r.documents, complete) if not ok], codes, groups, None)
    report.alpha_u = result.overall if result else None
    undefined: dict[str, str] = {}
    u_value = b_value = None
    if paths:
        fam = family({p: i + 1 for i, p in enumerate(paths)})
        u_value = fam.u_alpha
        if u_value is None:
            undefined["u_alpha"] = fam.u_reason
        report.extra.update(cu_alpha=fam.cu_alpha, cu_alpha_coverage=fam.cu_coverage,
                            k_u_alpha={p: fam.k_u_alpha.get(i + 1) for i, p in enumerate(paths)})
        if fam.cu_alpha is None:
            undefined["cu_alpha"] = fam.cu_reason if fam.observed is not None else fam.u_reason
        union = family({p: 1 for p in paths}, merge_all=True)
        b_value = union.binary_u_alpha
        if b_value is None:
            undefined["binary_u_alpha"] = union.binary_reason
    else:
        undefined["u_alpha"] = undefined["binary_u_alpha"] = "no codes in scope"
    if result is None or result.overall is None:
        undefined["alpha_u"] = result.reason if result else "no document was finished by every coder"
    report.extra.update(u_alpha=u_value, binary_u_alpha=b_value, undefined=undefined, continuum_length=length)
    return report


# --------------------------------------------------------------------------------------------------
# Disagreements (the one model lives in annotator.core.adjudication) and conflicts, named for the CLI
# --------------------------------------------------------------------------------------------------

def documents_left_out(project: Any, scope: AgreementScope) -> int:
    """How many documents in scope fewer than two of the compared coders finished: ``find_disagreements``
    has nothing to say of them, and an empty list there is not agreement."""
    from annotator.core import adjudication as adj

    coders, _left_out = resolve_coders(project, scope.coders)
    documents = resolve_documents(project, scope.documents) if scope.documents else None
    ids = [d.id for d in documents] if documents is not None else project.document_ids()
    return len(ids) - len(adj.scope_documents(project, adj.Scope([c.id for c in coders], document_ids=ids)))


def find_disagreements(project: Any, scope: AgreementScope) -> list[Disagreement]:
    """Where the coders who finished a document differ on a code, at the scope's unit (character for
    ``span``), in document then offset order: the same list the Review tab shows for that unit."""
    from annotator.core import adjudication as adj

    unit = "character" if scope.unit == "span" else scope.unit
    if unit not in UNIT_KINDS:
        raise InputError(f"unknown unit '{scope.unit}' (use {', '.join(ALL_UNITS)})")
    coders, _left_out = resolve_coders(project, scope.coders)
    if len(coders) < 2:
        raise InputError("agreement needs at least two coders")
    documents = resolve_documents(project, scope.documents) if scope.documents else None
    codes = project.codes()
    by_path = {c.path: c for c in codes}
    code_ids = None
    if scope.group or scope.codes:
        targets = _targets(project, codes, scope, set())
        code_ids = sorted({t.channels[0][0] for t in targets if t.kind == "code"})
    for path in scope.codes:
        if path not in by_path:
            raise InputError(f"no code '{path}'")
    found = adj.find_disagreements(project, adj.Scope(
        [c.id for c in coders], code_ids=code_ids,
        document_ids=[d.id for d in documents] if documents is not None else None, unit=unit))
    names = {c.id: c.name for c in project.coders()}
    paths = {c.id: c.path for c in codes}
    doc_names = project.document_names()
    return [Disagreement(doc_names[d.document_id], d.document_id, d.start, d.end, paths[d.code_id],
                         tuple(names[c] for c in d.coders_with()), tuple(names[c] for c in d.coders_without()),
                         tuple((names[c], spans) for c, spans in d.versions.items()), unit) for d in found]


def find_conflicts(project: Any, scope: AgreementScope) -> list[Conflict]:
    """Exclusive-group conflicts of the scope (the agreement report lists the same)."""
    if scope.unit == "span":
        scope = AgreementScope(**{**scope.__dict__, "unit": "character"})
    report = compute_agreement(project, AgreementScope(**{**scope.__dict__, "bootstrap": 0}))
    return report.conflicts
