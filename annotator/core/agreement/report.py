"""Agreement for a project: scope, results per code/group/document/pair, bootstrap, disagreements.

This is the API the CLI and the GUI (from a worker thread, with its own ``Project``) call:
``compute_agreement(project, scope)`` and ``find_disagreements(project, scope)``.

Rules that change the numbers (see tests/core/agreement and ../shared/reference/agreement-cases.md):
- A coder counts for a document only when their assignment is ``done``; elsewhere they are missing,
  never "coded nothing". A coder who finished a document without coding contributes zeros.
- Binary per-code values: 1 where a segment of exactly that code covers (character) or overlaps
  (token, sentence, paragraph, document) the unit. A mutually exclusive group (a code marked
  ``exclusive``) gives one nominal variable: which child (or one of its descendants) was applied,
  or "(none)". Its Brennan-Prediger/AC1 q is the number of children + 1 for "(none)"; a binary
  code's q is 2.
- Token units are the project's words (its user dictionary; the token cache when fresh, read only).
- ``overall`` pools every code in scope as separate binary variables.
- Bootstrap resamples documents (clusters) with a reported seed; CIs are percentile intervals.
- ``span`` unit: alpha_U on the concatenation of the documents every selected coder finished.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.core.agreement import measures as M
from annotator.core.agreement.unitizing import merge_overlaps, u_alpha_family, unitizing_alpha
from annotator.core.agreement.units import (
    UNIT_KINDS,
    UnitAxis,
    UnitTable,
    build_axis,
    run_values,
    sweep,
    unit_table,
)
from annotator.core.errors import InputError
from annotator.core.model import Code, Coder, Document

ALL_UNITS = UNIT_KINDS + ("span",)
DEFAULT_UNIT = "document"
THRESHOLDS = (0.667, 0.800)
NONE_LABEL = "(none)"


class AgreementCancelled(Exception):
    """Raised when the caller's ``cancel()`` returned True; nothing is returned."""


@dataclass(frozen=True)
class AgreementScope:
    """What to compare. Empty sequences mean "all"."""

    unit: str = DEFAULT_UNIT
    coders: Sequence[str] = ()
    codes: Sequence[str] = ()
    group: str | None = None
    documents: Sequence[str] = ()
    bootstrap: int = 0
    seed: int = 0
    levels: Sequence[str] = ("nominal",)


@dataclass(frozen=True)
class Disagreement:
    """A stretch of a document where the coders who finished it disagree on one code."""

    document: str
    document_id: int
    start: int
    end: int
    code: str
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end, "code": self.code,
                "coded_by": list(self.coded_by), "not_coded_by": list(self.not_coded_by)}


@dataclass(frozen=True)
class Target:
    """One variable: a single code (binary) or an exclusive group (which child)."""

    path: str
    kind: str  # "code" | "group"
    channels: tuple[tuple[int, ...], ...]  # code ids per channel
    categories: tuple[str, ...]

    @property
    def q(self) -> int:
        return len(self.categories)


@dataclass
class TargetResult:
    path: str
    kind: str
    measures: M.MeasureSet
    segments: dict[str, int] = field(default_factory=dict)
    ci: dict[str, Any] | None = None
    per_document: dict[str, float | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        out = self.measures.to_json_dict()
        out["segments_per_coder"] = dict(self.segments)
        out["ci"] = self.ci
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
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)
    bootstrap: int = 0
    seed: int = 0
    alpha_u: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "unit": self.unit,
            "coders": list(self.coders),
            "documents": len(self.documents),
            "document_names": list(self.documents),
            "skipped_documents": list(self.skipped_documents),
            "codes": {p: r.to_json_dict() for p, r in self.codes.items()},
            "groups": {p: r.to_json_dict() for p, r in self.groups.items()},
            "overall": None if self.overall is None else self.overall.to_json_dict(),
            "bootstrap": {"resamples": self.bootstrap, "seed": self.seed} if self.bootstrap else None,
            "per_document": self.per_document,
        }
        if self.overall is not None:
            out["overall"]["ci"] = self.overall_ci
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
    documents: list[Document]
    done: np.ndarray  # (D, m) bool
    targets: list[Target]
    seg_doc: np.ndarray
    seg_coder: np.ndarray
    seg_code: np.ndarray
    seg_start: np.ndarray
    seg_end: np.ndarray


def _resolve(project: Any, scope: AgreementScope) -> _Resolved:
    if scope.unit not in ALL_UNITS:
        raise InputError(f"unknown unit '{scope.unit}' (use {', '.join(ALL_UNITS)})")
    coders = [project.coder(name) for name in dict.fromkeys(scope.coders)] if scope.coders else project.coders()
    if len(coders) < 2:
        raise InputError("agreement needs at least two coders")
    all_docs = project.documents()
    if scope.documents:
        by_name = {d.name: d for d in all_docs}
        missing = [n for n in scope.documents if n not in by_name]
        if missing:
            raise InputError(f"no document named '{missing[0]}'")
        documents = [by_name[n] for n in scope.documents]
    else:
        documents = all_docs
    doc_index = {d.id: i for i, d in enumerate(documents)}
    coder_index = {c.id: i for i, c in enumerate(coders)}
    done = np.zeros((len(documents), len(coders)), dtype=bool)
    for a in project.assignments():
        if a.status == "done" and a.document_id in doc_index and a.coder_id in coder_index:
            done[doc_index[a.document_id], coder_index[a.coder_id]] = True

    rows = np.array(project.segment_tuples([c.id for c in coders]), dtype=np.int64).reshape(-1, 5)
    doc_lookup = np.full(max(doc_index, default=0) + 2, -1, dtype=np.int64)
    for doc_id, i in doc_index.items():
        doc_lookup[doc_id] = i
    raw_doc = rows[:, 0]
    in_range = raw_doc < len(doc_lookup)
    seg_doc = np.where(in_range, doc_lookup[np.minimum(raw_doc, len(doc_lookup) - 1)], -1)
    keep = seg_doc >= 0
    rows, seg_doc = rows[keep], seg_doc[keep]
    seg_coder = np.array([coder_index[c] for c in rows[:, 1]], dtype=np.int64)

    codes = project.codes()
    targets = _targets(project, codes, scope, set(rows[:, 2].tolist()))
    return _Resolved(coders, documents, done, targets, seg_doc, seg_coder, rows[:, 2], rows[:, 3], rows[:, 4])


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
        return Target(code.path, "group", channels, (NONE_LABEL, *[k.path for k in kids]))

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

def _axis(project: Any, r: _Resolved, unit: str, on_document: Callable[[int], None] | None = None) -> UnitAxis:
    lengths = [d.length for d in r.documents]
    if unit in ("character", "document"):
        return build_axis(unit, lengths)
    cache: dict[str, list[tuple[int, int]]] = {}  # one split per distinct text within this run
    texts = lambda i: project.document_text(r.documents[i].id)  # noqa: E731
    spans_for = _project_tokens(project, r, cache) if unit == "token" else None
    return build_axis(unit, lengths, texts, cache, on_document, spans_for)


def _project_tokens(project: Any, r: _Resolved,
                    cache: dict[str, list[tuple[int, int]]]) -> Callable[[int], list[tuple[int, int]]]:
    """Token units as coders see them: the project's token cache when it is fresh for the project's
    user dictionary (read only: computing agreement never writes), else word_spans with the project's
    tokenizer, once per distinct text in this run."""
    from annotator.core import segmentation
    from annotator.core.tokens import word_spans

    try:
        version = segmentation.dictionary_version(project)
        wanted = {d.id for d in r.documents}
        cached = {doc_id: (tokens, offsets) for doc_id, _dictionary, tokens, offsets in
                  project.cached_token_rows(sorted(wanted), version=version)}
        tokenizer = segmentation.project_tokenizer(project)
    except sqlite3.Error:  # an older project without the token cache
        cached, tokenizer = {}, None

    def spans_for(i: int) -> list[tuple[int, int]]:
        doc_id = r.documents[i].id
        if doc_id in cached:
            return segmentation.decode(doc_id, *cached[doc_id]).spans
        text = project.document_text(doc_id)
        key = f"token:{text}"
        if key not in cache:
            cache[key] = word_spans(text, tokenizer=tokenizer)
        return cache[key]

    return spans_for


def _target_table(r: _Resolved, axis: UnitAxis, lo: np.ndarray, hi: np.ndarray, target: Target) -> tuple[UnitTable, Any]:
    channel_of = {code_id: ch for ch, ids in enumerate(target.channels) for code_id in ids}
    mask = np.isin(r.seg_code, list(channel_of))
    channel = np.array([channel_of[c] for c in r.seg_code[mask]], dtype=np.int64)
    runs = sweep(lo[mask], hi[mask], r.seg_coder[mask], channel, axis.doc_offsets, len(r.coders),
                 len(target.channels))
    values = run_values(runs, r.done, target.kind)
    return unit_table(values, runs, len(r.documents), len(r.coders)), (runs, values)


def _segments_per_coder(r: _Resolved, target: Target) -> dict[str, int]:
    ids = [i for ids in target.channels for i in ids]
    mask = np.isin(r.seg_code, ids) & r.done[r.seg_doc, r.seg_coder] if len(r.seg_doc) else np.zeros(0, bool)
    counts = np.bincount(r.seg_coder[mask], minlength=len(r.coders))
    return {c.name: int(n) for c, n in zip(r.coders, counts)}


def _bootstrap(doc_contrib: np.ndarray, resample_counts: np.ndarray) -> dict[str, Any]:
    """doc_contrib: (D, K, K) coincidence contributions per document; counts: (B, D)."""
    d, k, _ = doc_contrib.shape
    o = (resample_counts @ doc_contrib.reshape(d, k * k)).reshape(-1, k, k)
    alphas = M.alpha_batch(o)
    defined = alphas[~np.isnan(alphas)]
    out: dict[str, Any] = {"level": 0.95, "resamples": int(len(alphas)), "defined_resamples": int(len(defined))}
    if len(defined) == 0:
        out.update(low=None, high=None, p_below_0_667=None, p_below_0_800=None)
        return out
    low, high = np.percentile(defined, [2.5, 97.5])
    out.update(low=float(low), high=float(high),
               p_below_0_667=float((defined < THRESHOLDS[0]).mean()),
               p_below_0_800=float((defined < THRESHOLDS[1]).mean()))
    return out


def compute_agreement(project: Any, scope: AgreementScope,
                      on_progress: Callable[[int, int], None] | None = None,
                      cancel: Callable[[], bool] | None = None) -> AgreementReport:
    """Every coefficient for the scope; call from a worker thread with the thread's own Project.

    ``on_progress(done, total)`` reports steps (documents split into units, then codes);
    ``cancel()`` returning True stops the work with ``AgreementCancelled``.
    """
    r = _resolve(project, scope)
    coder_names = [c.name for c in r.coders]
    contributing = r.done.sum(axis=1) >= 2
    doc_names = [d.name for d, ok in zip(r.documents, contributing) if ok]
    skipped = [d.name for d, ok in zip(r.documents, contributing) if not ok]
    if scope.unit == "span":
        return _span_report(r, scope, coder_names, doc_names, skipped)

    text_units = scope.unit not in ("character", "document")
    total = len(r.targets) + (len(r.documents) if text_units else 0)

    def document_split(d: int) -> None:
        if cancel is not None and cancel():
            raise AgreementCancelled()
        if on_progress is not None:
            on_progress(d + 1, total)

    axis = _axis(project, r, scope.unit, document_split)
    done_before = total - len(r.targets)
    lo, hi = axis.map_segments(r.seg_doc, r.seg_start, r.seg_end)
    rng = np.random.default_rng(scope.seed)
    resample_counts = None
    live = np.flatnonzero(contributing)
    if scope.bootstrap > 0 and len(live):
        picks = rng.integers(0, len(live), size=(scope.bootstrap, len(live)))
        flat = np.bincount((np.arange(scope.bootstrap)[:, None] * len(r.documents) + live[picks]).ravel(),
                           minlength=scope.bootstrap * len(r.documents))
        resample_counts = flat.reshape(scope.bootstrap, len(r.documents)).astype(float)

    codes: dict[str, TargetResult] = {}
    groups: dict[str, TargetResult] = {}
    pooled_patterns: list[np.ndarray] = []
    pooled_doc_weights: list[np.ndarray] = []
    pooled_contrib = np.zeros((len(r.documents), 2, 2))
    doc_agree = np.zeros(len(r.documents))
    doc_pairable = np.zeros(len(r.documents))
    for step, target in enumerate(r.targets):
        if cancel is not None and cancel():
            raise AgreementCancelled()
        table, _ = _target_table(r, axis, lo, hi, target)
        data = M.ReliabilityData(table.patterns, table.weights, target.categories, tuple(coder_names), target.q)
        measures = M.all_measures(data, levels=scope.levels if target.kind == "code" else ("nominal",))
        contrib = M.coincidence_contributions(table.patterns, target.q)  # (P, K, K)
        doc_contrib = np.tensordot(table.doc_weights, contrib, axes=1)  # (D, K, K)
        per_doc_alpha = M.alpha_batch(doc_contrib)
        result = TargetResult(target.path, target.kind, measures, _segments_per_coder(r, target))
        result.per_document = {r.documents[i].name: _nan_none(per_doc_alpha[i]) for i in live}
        result.extra["per_document"] = result.per_document
        if target.kind == "group":
            result.extra["categories"] = list(target.categories)
            _numeric_levels(result, table, target)
        if resample_counts is not None:
            result.ci = _bootstrap(doc_contrib, resample_counts)
        if target.kind == "code":
            codes[target.path] = result
            pooled_patterns.append(table.patterns)
            pooled_doc_weights.append(table.doc_weights)
            pooled_contrib += doc_contrib
            agree, pairable = _pair_agreement_per_pattern(table.patterns, 2)
            doc_agree += table.doc_weights @ agree
            doc_pairable += table.doc_weights @ pairable
        else:
            groups[target.path] = result
        if on_progress is not None:
            on_progress(done_before + step + 1, total)

    overall = overall_ci = None
    per_document: dict[str, dict[str, Any]] = {}
    if pooled_patterns:
        weights = np.concatenate([w.sum(axis=0) for w in pooled_doc_weights])
        data = M.ReliabilityData.from_unit_values(np.concatenate(pooled_patterns), categories=("0", "1"),
                                                  coders=coder_names, weights=weights, q=2)
        overall = M.all_measures(data)
        if resample_counts is not None:
            overall_ci = _bootstrap(pooled_contrib, resample_counts)
        doc_alpha = M.alpha_batch(pooled_contrib)
        for i in live:
            per_document[r.documents[i].name] = {
                "krippendorff_alpha": _nan_none(doc_alpha[i]),
                "percent_agreement": float(doc_agree[i] / doc_pairable[i]) if doc_pairable[i] else None,
                "coders": [n for n, ok in zip(coder_names, r.done[i]) if ok],
            }
    return AgreementReport(scope.unit, coder_names, doc_names, skipped, codes, groups, overall, overall_ci,
                           per_document, scope.bootstrap, scope.seed)


def _numeric_levels(result: TargetResult, table: UnitTable, target: Target) -> None:
    """A group whose children are numbers (a rating scale such as Tone/1..5) also gets ordinal,
    interval and ratio alpha over those numbers; "(none)" counts as missing for these levels."""
    names = [path.rpartition("/")[2] for path in target.categories[1:]]
    try:
        numbers = [float(n) for n in names]
    except ValueError:
        return
    patterns = table.patterns - 1  # (none) -> -1 (missing), child i -> i - 1
    data = M.ReliabilityData.from_unit_values(patterns, categories=numbers, weights=table.weights) \
        if len(patterns) else M.ReliabilityData(patterns, table.weights, tuple(numbers))
    order = np.argsort(numbers)  # ordinal distances need the categories in rank order
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    data = M.ReliabilityData(np.where(data.patterns >= 0, rank[np.maximum(data.patterns, 0)], -1),
                             data.weights, tuple(sorted(numbers)))
    for level in ("ordinal", "interval", "ratio"):
        value = M.krippendorff_alpha(data, level)
        result.measures.values[f"krippendorff_alpha_{level}"] = value.value
        if value.value is None:
            result.measures.undefined[f"krippendorff_alpha_{level}"] = value.reason


def _pair_agreement_per_pattern(patterns: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    counts = M.value_counts(patterns, k)
    m = counts.sum(axis=1)
    ok = m >= 2
    agree = np.zeros(len(m))
    agree[ok] = (counts[ok] * (counts[ok] - 1)).sum(axis=1) / (m[ok] * (m[ok] - 1))
    return agree, ok.astype(float)


def _nan_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _span_report(r: _Resolved, scope: AgreementScope, coder_names: list[str], doc_names: list[str],
                 skipped: list[str]) -> AgreementReport:
    """alpha_U on the documents every selected coder finished, laid end to end as one continuum."""
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
            tr = TargetResult(target.path, "code", ms, _segments_per_coder(r, target))
            tr.extra.update(observed_disagreement=cat.observed if cat else None,
                            expected_disagreement=cat.expected if cat else None)
            codes[target.path] = tr
        else:
            kids = [p for p in target.categories[1:] if p in study]
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
            groups[target.path] = TargetResult(target.path, "group", ms, _segments_per_coder(r, target))
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
# Disagreements
# --------------------------------------------------------------------------------------------------

def find_disagreements(project: Any, scope: AgreementScope) -> list[Disagreement]:
    """Where the coders who finished a document differ on a code, in document then offset order.

    Stretches are at the scope's unit (character for ``span``): a run of adjacent units with the same
    coders for and against is one disagreement.
    """
    unit = "character" if scope.unit == "span" else scope.unit
    r = _resolve(project, scope)
    axis = _axis(project, r, unit)
    lo, hi = axis.map_segments(r.seg_doc, r.seg_start, r.seg_end)
    found: list[tuple[int, int, int, str, tuple[str, ...], tuple[str, ...]]] = []
    for target in r.targets:
        if target.kind != "code":
            continue
        _, (runs, values) = _target_table(r, axis, lo, hi, target)
        present = values >= 0
        n_present = present.sum(axis=1)
        coded = (values == 1).sum(axis=1)
        bad = np.flatnonzero((n_present >= 2) & (coded > 0) & (coded < n_present))
        previous: list[Any] | None = None
        for i in bad:
            doc = int(runs.doc[i])
            start, end = int(runs.start[i]), int(runs.start[i] + runs.length[i])
            who = tuple(c.name for c, v in zip(r.coders, values[i]) if v == 1)
            not_who = tuple(c.name for c, v in zip(r.coders, values[i]) if v == 0)
            if previous and previous[0] == doc and previous[2] == start and previous[4:] == [who, not_who]:
                previous[2] = end
                continue
            previous = [doc, start, end, target.path, who, not_who]
            found.append(previous)  # type: ignore[arg-type]
    out = []
    for doc, start, end, path, who, not_who in found:
        char_start, char_end = axis.char_span(doc, start, end)
        d = r.documents[doc]
        out.append(Disagreement(d.name, d.id, char_start, char_end, path, who, not_who))
    out.sort(key=lambda x: (x.document_id, x.start, x.end, x.code))
    return out
