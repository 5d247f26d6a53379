"""Adjudication: settle the coders' disagreements into a consensus coder, one undoable decision at a time.

Why a consensus *coder*: the settled version is then ordinary segments, exported, searched and analysed
like any coder's, with no special case anywhere else. What cannot be read from segments alone (that a
disagreement was settled as "none of them", or by hand) is kept in the ``adjudication_decisions`` table
(schema migration 3).

This module holds the one disagreement model: the CLI ``disagreements``, ``annotator review`` and the
Review tab all list ``find_disagreements`` for a unit, so their counts agree by construction. A
disagreement is a *cluster* at a unit (character, token, sentence, paragraph or document, as in the
agreement report): for one document and code, the coders' segments whose units overlap one another
(transitively). The cluster is agreed when every finished coder covers the same units in it; otherwise
each coder's spans are that coder's *version*, and the team lead accepts one, several or none. Clusters
are computed from the chosen coders' segments only, so they stay the same while the consensus coder
fills in, which keeps a decision's key (document, code, start, end) stable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.core.agreement.report import unit_axis
from annotator.core.agreement.units import UNIT_KINDS as UNITS
from annotator.core.commands import Changes, Command
from annotator.core.errors import InputError
from annotator.core.model import Segment
from annotator.core.store import Project

CONSENSUS_META_KEY = "consensus_coder"
DEFAULT_CONSENSUS = "Consensus"
CHOICES = ("accept", "none", "edited")


Span = tuple[int, int]


@dataclass(frozen=True)
class Disagreement:
    """One disputed place: the coders' versions (their spans of ``code_id``) between ``start`` and ``end``."""

    document_id: int
    code_id: int
    start: int
    end: int
    versions: dict[int, tuple[Span, ...]]  # coder id -> that coder's spans in the cluster (may be empty)
    unit: str = "character"

    @property
    def key(self) -> tuple[int, int, int, int]:
        return (self.document_id, self.code_id, self.start, self.end)

    def coders_with(self) -> list[int]:
        return [c for c, spans in self.versions.items() if spans]

    def coders_without(self) -> list[int]:
        return [c for c, spans in self.versions.items() if not spans]


@dataclass
class Scope:
    """Which coders are compared, and optionally which codes and documents (None = all)."""

    coder_ids: list[int]
    code_ids: list[int] | None = None
    document_ids: list[int] | None = None
    require_done: bool = True  # a document counts only where every chosen coder marked it done
    unit: str = "character"  # what must agree: character, token, sentence, paragraph or document


@dataclass
class ReviewState:
    """The disagreements of a scope, and which of them the consensus coder has settled."""

    disagreements: list[Disagreement] = field(default_factory=list)
    settled: set[tuple[int, int, int, int]] = field(default_factory=set)

    @property
    def remaining(self) -> int:
        return sum(1 for d in self.disagreements if d.key not in self.settled)


# ---- the consensus coder ------------------------------------------------------------------------

def consensus_coder(project: Project, name: str | None = None) -> int:
    """The consensus coder's id, created if needed, with the role of adjudicator (so agreement leaves it
    out by default); the name is remembered in the project."""
    name = (name or project.meta(CONSENSUS_META_KEY) or DEFAULT_CONSENSUS).strip()
    if not name:
        raise InputError("the consensus coder needs a name")
    with project.transaction():
        coder = project.ensure_coder(name, role="adjudicator")
        if coder.role != "adjudicator":
            project.set_coder_role(coder.id, "adjudicator")
        if project.meta(CONSENSUS_META_KEY) != coder.name:
            project.set_meta(CONSENSUS_META_KEY, coder.name)
    return coder.id


# ---- finding agreement and disagreement ---------------------------------------------------------

def finished_coders(project: Project, scope: Scope) -> dict[int, list[int]]:
    """Per document in scope, the chosen coders who finished it (all chosen ones without ``require_done``).

    As in the agreement engine, a coder who has not finished a document is missing there, not "coded
    nothing"; documents with fewer than two such coders have nothing to compare and are left out.
    """
    docs = scope.document_ids if scope.document_ids is not None else project.document_ids()
    if not scope.require_done:
        return {d: list(scope.coder_ids) for d in docs}
    done: dict[int, set[int]] = defaultdict(set)
    for document_id, coder_id in project.done_pairs():
        done[document_id].add(coder_id)
    out = {}
    for d in docs:
        here = [c for c in scope.coder_ids if c in done[d]]
        if len(here) >= 2:
            out[d] = here
    return out


def scope_documents(project: Project, scope: Scope) -> list[int]:
    """Documents in scope that at least two of the chosen coders finished."""
    return list(finished_coders(project, scope))


def _clusters(project: Project, scope: Scope) -> list[tuple[int, int, int, int, dict[int, list[Span]], list[int], bool]]:
    """Per document and code, the finished coders' spans that overlap at the scope's unit, in clusters.

    Each segment is mapped to the units it touches (characters, tokens, sentences, paragraphs or the
    whole document: the agreement engine's own unit axis); spans whose units overlap, transitively, form
    one cluster, and the cluster is *agreed* when every finished coder covers exactly the same units in it.
    Yields (document, code, start, end, spans by coder, finished coders, agreed); start/end are the
    characters of the cluster's units.
    """
    if len(scope.coder_ids) < 2:
        raise InputError("choose at least two coders to compare")
    if scope.unit not in UNITS:
        raise InputError(f"unknown unit '{scope.unit}' (use {', '.join(UNITS)})")
    docs = finished_coders(project, scope)
    allowed = {d: set(c) for d, c in docs.items()}
    segs = [seg for seg in project.segments(coder_ids=scope.coder_ids, code_ids=scope.code_ids,
                                            document_ids=list(docs) if scope.document_ids is not None else None)
            if seg.coder_id in allowed.get(seg.document_id, ())]
    places = sorted({seg.document_id for seg in segs})
    documents = project.documents(places) if places else []
    index = {d.id: i for i, d in enumerate(documents)}
    axis = unit_axis(project, documents, scope.unit)
    if segs:
        lo, hi = axis.map_segments(np.array([index[s.document_id] for s in segs]),
                                   np.array([s.start for s in segs]), np.array([s.end for s in segs]))
    else:
        lo = hi = np.zeros(0, np.int64)
    by_place: dict[tuple[int, int], list[tuple[int, int, Segment]]] = defaultdict(list)
    for seg, a, b in zip(segs, lo.tolist(), hi.tolist()):
        if b > a:  # a span touching no unit (only spaces between sentences) is not compared
            by_place[(seg.document_id, seg.code_id)].append((a, b, seg))
    out = []
    for (doc_id, code_id), items in sorted(by_place.items()):
        items.sort(key=lambda t: (t[0], t[1], t[2].start, t[2].end))
        clusters: list[list[tuple[int, int, Segment]]] = []
        reach = -1
        for item in items:
            if not clusters or item[0] >= reach:
                clusters.append([])
                reach = item[1]
            clusters[-1].append(item)
            reach = max(reach, item[1])
        coders = docs[doc_id]
        for cluster in clusters:
            spans: dict[int, list[Span]] = {}
            units: dict[int, list[Span]] = {c: [] for c in coders}
            for a, b, seg in cluster:
                spans.setdefault(seg.coder_id, []).append((seg.start, seg.end))
                units[seg.coder_id].append((a, b))
            agreed = len({tuple(_union(u)) for u in units.values()}) == 1
            first, last = min(a for a, _b, _s in cluster), max(b for _a, b, _s in cluster)
            if scope.unit == "character":
                start, end = min(s.start for *_x, s in cluster), max(s.end for *_x, s in cluster)
            else:
                start, end = axis.char_span(index[doc_id], first, last)
            out.append((doc_id, code_id, start, end, spans, coders, agreed))
    return out


def _union(spans: Iterable[Span]) -> list[Span]:
    """Covered units as disjoint runs (touching runs joined): what a coder coded, however it was split."""
    return merge_spans(spans)


def find_disagreements(project: Project, scope: Scope) -> list[Disagreement]:
    """Clusters where the finished coders do not cover the same units, in document and text order.

    ``versions`` holds only the coders who finished the document (their character spans in the cluster);
    the others are missing there. The CLI ``disagreements`` and the Review tab both list exactly these.
    """
    result = []
    for doc_id, code_id, lo, hi, spans, coders, agreed in _clusters(project, scope):
        if not agreed:
            versions = {c: tuple(sorted(set(spans.get(c, [])))) for c in coders}
            result.append(Disagreement(doc_id, code_id, lo, hi, versions, scope.unit))
    return result


def agreed_spans(project: Project, scope: Scope) -> list[tuple[int, int, int, int]]:
    """(document, code, start, end) to copy where every finished coder agrees at the scope's unit.

    Identical spans are copied as they are; coders who agree on every unit but drew different boundaries
    inside them (possible above the character unit) give the consensus the union of their spans.
    """
    result = []
    for doc_id, code_id, _lo, _hi, spans, coders, agreed in _clusters(project, scope):
        if not agreed:
            continue
        versions = {tuple(sorted(set(spans.get(c, [])))) for c in coders}
        chosen = next(iter(versions)) if len(versions) == 1 else merge_spans(sp for v in versions for sp in v)
        result.extend((doc_id, code_id, s, e) for s, e in chosen)
    return result


def review_state(project: Project, scope: Scope, consensus_id: int) -> ReviewState:
    """Disagreements and which are settled: a stored decision, or consensus codings already in the place."""
    disagreements = find_disagreements(project, scope)
    return ReviewState(disagreements, settled_among(project, consensus_id, disagreements))


def settled_among(project: Project, consensus_id: int, disagreements: Sequence[Disagreement]) -> set[tuple[int, int, int, int]]:
    """Keys of those disagreements the consensus coder has settled (reads only their documents)."""
    if not disagreements:
        return set()
    keys = {d.key for d in disagreements}
    docs = sorted({d.document_id for d in disagreements})
    settled = project.decision_keys(consensus_id, docs) & keys
    consensus: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for doc_id, code_id, start, end in project.consensus_spans(consensus_id, docs):
        consensus[(doc_id, code_id)].append((start, end))
    for d in disagreements:
        if any(s < d.end and e > d.start for s, e in consensus.get((d.document_id, d.code_id), [])):
            settled.add(d.key)
    return settled


def decision(project: Project, consensus_id: int, d: Disagreement) -> tuple[str, list[int]] | None:
    """The stored decision for a disagreement: (choice, accepted coder ids), or None."""
    return project.decision_of(consensus_id, d.key)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Union of spans: overlapping or touching ones joined (accepting "both" versions)."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


# ---- undoable decisions -------------------------------------------------------------------------

class Decide(Command):
    """Settle one disagreement: accept the versions of ``accept`` coders (one, several: "both"), or none.

    The consensus coder's previous codings of that code in the place are replaced, so deciding twice
    re-decides; ``choice="edited"`` records that the lead coded the place by hand and changes no segment.
    """

    def __init__(self, consensus_id: int, disagreement: Disagreement, accept: Sequence[int] = (),
                 choice: str = "accept", *, names: dict[int, str] | None = None) -> None:
        if choice not in CHOICES:
            raise InputError(f"unknown decision '{choice}' (use {', '.join(CHOICES)})")
        self.consensus_id = consensus_id
        self.d = disagreement
        self.accept = list(accept) if choice == "accept" else []
        self.choice = "none" if choice == "accept" and not self.accept else choice
        self.removed: list[Segment] = []
        self.added: list[Segment] = []
        self.previous: tuple | None = None
        self._status_before: str | None = None  # the consensus coder's status on the document, for undo
        names = names or {}
        who = " and ".join(names.get(c, f"coder {c}") for c in self.accept)
        self.text = {"accept": f"accept {who}", "none": "accept none", "edited": "mark edited by hand"}[self.choice]

    def do(self, project: Project) -> Changes:
        d = self.d
        with project.transaction():
            self.previous = project.decision_row(self.consensus_id, d.key)
            self._status_before = project.assignment_status(d.document_id, self.consensus_id)
            redo = bool(self.added)
            self.removed = []
            if self.choice != "edited":
                self.removed = [s for s in project.segments(document_id=d.document_id, coder_ids=[self.consensus_id],
                                                            code_ids=[d.code_id])
                                if s.start < d.end and s.end > d.start]
                for seg in self.removed:
                    project.delete_segment(seg.id)
                if redo:  # same ids as the first time, so later commands referring to them stay valid
                    for seg in self.added:
                        _restore(project, seg)
                else:
                    spans = merge_spans(sp for c in self.accept for sp in d.versions.get(c, ()))
                    self.added = [project.add_segment(d.document_id, self.consensus_id, d.code_id, start, end)
                                  for start, end in spans]
            project.record_decision(self.consensus_id, d.key, self.choice, self.accept)
        return self._changes()

    def undo(self, project: Project) -> Changes:
        d = self.d
        with project.transaction():
            for seg in self.added:
                project.delete_segment(seg.id)
            for seg in self.removed:
                _restore(project, seg)
            project.forget_decision(self.consensus_id, d.key)
            if self.previous is not None:
                project.restore_decision_row(self.previous)
            # Adding the consensus segments marked the consensus coder in progress there: undone too.
            if project.assignment_status(d.document_id, self.consensus_id) != self._status_before:
                project.set_assignment(d.document_id, self.consensus_id, self._status_before)
        return self._changes()

    def _changes(self) -> Changes:
        # Without assignments=True although the consensus coder's status may change: it would make Review
        # recompute every disagreement after each decision.
        return Changes({self.d.document_id}, segment_ids={s.id for s in self.added + self.removed})


class CopyAgreed(Command):
    """Copy every span all chosen coders agree on to the consensus coder, in one step (skipping copies)."""

    def __init__(self, consensus_id: int, scope: Scope) -> None:
        self.consensus_id = consensus_id
        self.scope = scope
        self.added: list[Segment] = []
        self.text = "copy agreed codings"

    def do(self, project: Project) -> Changes:
        with project.transaction():
            if self.added:  # redo with the same ids
                project.restore_segments(self.added, mark_in_progress=True)
                return Changes({s.document_id for s in self.added}, segment_ids={s.id for s in self.added})
            have = {(s.document_id, s.code_id, s.start, s.end) for s in project.segments(coder_ids=[self.consensus_id])}
            rows = []
            for doc_id, code_id, start, end in agreed_spans(project, self.scope):
                if (doc_id, code_id, start, end) not in have:
                    rows.append((doc_id, self.consensus_id, code_id, start, end, ""))
                    have.add((doc_id, code_id, start, end))
            self.added = project.segments_by_id(project.add_segments(rows, mark_in_progress=True))
        return Changes({s.document_id for s in self.added}, segment_ids={s.id for s in self.added})

    def undo(self, project: Project) -> Changes:
        with project.transaction():
            project.delete_segments([s.id for s in self.added])
        return Changes({s.document_id for s in self.added}, segment_ids={s.id for s in self.added})


def copy_agreed(project: Project, coders: Sequence[int], consensus: int, scope: Scope | None = None) -> int:
    """Script/CLI form of ``CopyAgreed``: returns how many segments were copied."""
    scope = scope or Scope(list(coders))
    scope.coder_ids = list(coders)
    command = CopyAgreed(consensus, scope)
    command.do(project)
    return len(command.added)


def _restore(project: Project, seg: Segment) -> None:
    project.restore_segments([seg], mark_in_progress=True)


__all__ = ["CHOICES", "CopyAgreed", "Decide", "Disagreement", "ReviewState", "Scope", "agreed_spans",
           "consensus_coder", "copy_agreed", "finished_coders", "decision", "find_disagreements", "merge_spans", "review_state",
           "scope_documents", "settled_among"]
