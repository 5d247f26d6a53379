"""Adjudication: settle the coders' disagreements into a consensus coder, one undoable decision at a time.

Why a consensus *coder*: the settled version is then ordinary segments, exported, searched and analysed
like any coder's, with no special case anywhere else. What cannot be read from segments alone (that a
disagreement was settled as "none of them", or by hand) is kept in the ``adjudication_decisions`` table
(schema migration 3).

A disagreement here is a *cluster*: for one document and code, the coders' segments that overlap one
another (transitively). The cluster is agreed when every chosen coder has exactly the same spans in it;
otherwise each coder's spans are that coder's *version*, and the team lead accepts one, several or none.
Clusters are computed from the chosen coders' segments only, so they stay the same while the consensus
coder fills in, which keeps a decision's key (document, code, start, end) stable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
    docs = scope.document_ids if scope.document_ids is not None else [d.id for d in project.documents()]
    if not scope.require_done:
        return {d: list(scope.coder_ids) for d in docs}
    done: dict[int, set[int]] = defaultdict(set)
    for a in project.assignments():
        if a.status == "done":
            done[a.document_id].add(a.coder_id)
    out = {}
    for d in docs:
        here = [c for c in scope.coder_ids if c in done[d]]
        if len(here) >= 2:
            out[d] = here
    return out


def scope_documents(project: Project, scope: Scope) -> list[int]:
    """Documents in scope that at least two of the chosen coders finished."""
    return list(finished_coders(project, scope))


def _clusters(project: Project, scope: Scope) -> list[tuple[int, int, int, int, dict[int, list[Span]], list[int]]]:
    """Per document and code, overlapping spans of the coders who finished it, grouped into clusters."""
    if len(scope.coder_ids) < 2:
        raise InputError("choose at least two coders to compare")
    docs = finished_coders(project, scope)
    allowed = {d: set(c) for d, c in docs.items()}
    by_place: dict[tuple[int, int], list[Segment]] = defaultdict(list)
    for seg in project.segments(coder_ids=scope.coder_ids, code_ids=scope.code_ids):
        if seg.coder_id in allowed.get(seg.document_id, ()):
            by_place[(seg.document_id, seg.code_id)].append(seg)
    out = []
    for (doc_id, code_id), segs in sorted(by_place.items()):
        segs.sort(key=lambda s: (s.start, s.end))
        current: dict[int, list[Span]] = {}
        lo = hi = -1
        for seg in segs:
            if current and seg.start >= hi:
                out.append((doc_id, code_id, lo, hi, current, docs[doc_id]))
                current = {}
            if not current:
                lo, hi = seg.start, seg.end
            hi = max(hi, seg.end)
            current.setdefault(seg.coder_id, []).append((seg.start, seg.end))
        if current:
            out.append((doc_id, code_id, lo, hi, current, docs[doc_id]))
    return out


def find_disagreements(project: Project, scope: Scope) -> list[Disagreement]:
    """Clusters where the finished coders' spans are not all identical, in document and text order.

    ``versions`` holds only the coders who finished the document; the others are missing there.
    """
    result = []
    for doc_id, code_id, lo, hi, spans, coders in _clusters(project, scope):
        versions = {c: tuple(sorted(set(spans.get(c, [])))) for c in coders}
        if len(set(versions.values())) > 1:
            result.append(Disagreement(doc_id, code_id, lo, hi, versions))
    return result


def agreed_spans(project: Project, scope: Scope) -> list[tuple[int, int, int, int]]:
    """(document, code, start, end) of every span all coders who finished the document coded identically."""
    result = []
    for doc_id, code_id, _lo, _hi, spans, coders in _clusters(project, scope):
        versions = [tuple(sorted(set(spans.get(c, [])))) for c in coders]
        if len(set(versions)) == 1:
            result.extend((doc_id, code_id, s, e) for s, e in versions[0])
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
        names = names or {}
        who = " and ".join(names.get(c, f"coder {c}") for c in self.accept)
        self.text = {"accept": f"accept {who}", "none": "accept none", "edited": "mark edited by hand"}[self.choice]

    def do(self, project: Project) -> Changes:
        d = self.d
        with project.transaction():
            self.previous = project.decision_row(self.consensus_id, d.key)
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
        return self._changes()

    def _changes(self) -> Changes:
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
