"""Adjudication to a consensus coder: clusters, copy agreed, accept A / B / both / none, undo, progress."""

from __future__ import annotations

import pytest

from annotator.core import adjudication as adj
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput

TEXT = "Police broke up a smuggling ring. Officials warned of a threat to biosecurity. Prices rose.\n"


@pytest.fixture
def three(project):
    """Three coders on one document: agree on 'Police', split on 'smuggling ring', Cal alone on 'Prices'."""
    project.add_documents([DocumentInput(text=TEXT, name="en", language="en")])
    doc = project.document("en", with_text=False).id
    ids = {n: project.ensure_coder(n).id for n in ("Ana", "Ben", "Cal")}
    crime = project.add_code("Crime").id
    econ = project.add_code("Economy").id
    police = (0, 6)
    ring_a = (TEXT.index("smuggling"), TEXT.index(" ring") + 5)
    ring_b = (TEXT.index("smuggling"), TEXT.index(" ring"))
    prices = (TEXT.index("Prices"), TEXT.index("Prices") + 6)
    rows = []
    for name in ("Ana", "Ben", "Cal"):
        rows.append((doc, ids[name], crime, *police, ""))
    rows += [(doc, ids["Ana"], crime, *ring_a, ""), (doc, ids["Ben"], crime, *ring_b, ""),
             (doc, ids["Cal"], crime, *ring_a, ""), (doc, ids["Cal"], econ, *prices, "")]
    project.add_segments(rows)
    for cid in ids.values():
        project.set_assignment(doc, cid, "done")
    return project, doc, ids, crime, econ, ring_a, ring_b, prices


def test_disagreements_and_agreed_spans(three):
    project, doc, ids, crime, econ, ring_a, ring_b, prices = three
    scope = adj.Scope([ids["Ana"], ids["Ben"], ids["Cal"]])
    found = adj.find_disagreements(project, scope)
    assert [(d.code_id, d.start, d.end) for d in found] == [(crime, *ring_a), (econ, *prices)]
    ring = found[0]
    assert ring.versions[ids["Ana"]] == (ring_a,) and ring.versions[ids["Ben"]] == (ring_b,)
    assert found[1].coders_with() == [ids["Cal"]] and found[1].coders_without() == [ids["Ana"], ids["Ben"]]
    assert adj.agreed_spans(project, scope) == [(doc, crime, 0, 6)]
    # Only Ana and Ben: the Economy code is nobody's, so one disagreement.
    assert len(adj.find_disagreements(project, adj.Scope([ids["Ana"], ids["Ben"]]))) == 1
    with pytest.raises(InputError):
        adj.find_disagreements(project, adj.Scope([ids["Ana"]]))


def test_unfinished_documents_are_left_out(three):
    project, doc, ids, *_ = three
    project.set_assignment(doc, ids["Ben"], "in_progress")
    assert adj.find_disagreements(project, adj.Scope([ids["Ana"], ids["Ben"]])) == []
    assert adj.find_disagreements(project, adj.Scope([ids["Ana"], ids["Ben"]], require_done=False))
    # With three coders, Ben is missing in the document (not "coded nothing"): Ana and Cal are compared.
    found = adj.find_disagreements(project, adj.Scope([ids["Ana"], ids["Ben"], ids["Cal"]]))
    assert [set(d.versions) for d in found] == [{ids["Ana"], ids["Cal"]}]
    assert found[0].coders_with() == [ids["Cal"]]


def test_decisions_progress_and_undo(three):
    project, doc, ids, crime, econ, ring_a, ring_b, prices = three
    consensus = adj.consensus_coder(project, "Consensus")
    assert project.meta(adj.CONSENSUS_META_KEY) == "Consensus"
    scope = adj.Scope([ids["Ana"], ids["Ben"], ids["Cal"]])

    copy = adj.CopyAgreed(consensus, scope)
    copy.do(project)
    spans = lambda: sorted((s.code_id, s.start, s.end) for s in project.segments(coder_ids=[consensus]))  # noqa: E731
    assert spans() == [(crime, 0, 6)]
    adj.CopyAgreed(consensus, scope).do(project)  # a second copy adds nothing
    assert spans() == [(crime, 0, 6)]
    state = adj.review_state(project, scope, consensus)
    assert state.remaining == 2

    ring, econ_d = state.disagreements
    accept_b = adj.Decide(consensus, ring, [ids["Ben"]], names={ids["Ben"]: "Ben"})
    assert accept_b.text == "accept Ben"
    accept_b.do(project)
    assert spans() == [(crime, 0, 6), (crime, *ring_b)]
    assert adj.review_state(project, scope, consensus).remaining == 1
    assert adj.decision(project, consensus, ring) == ("accept", [ids["Ben"]])

    accept_a = adj.Decide(consensus, ring, [ids["Ana"]])  # re-decide: replaces Ben's version
    accept_a.do(project)
    assert spans() == [(crime, 0, 6), (crime, *ring_a)]
    accept_a.undo(project)
    assert spans() == [(crime, 0, 6), (crime, *ring_b)]
    assert adj.decision(project, consensus, ring) == ("accept", [ids["Ben"]])
    accept_a.do(project)  # redo keeps the same segment id
    assert spans() == [(crime, 0, 6), (crime, *ring_a)]

    none = adj.Decide(consensus, econ_d, [])
    assert none.choice == "none"
    none.do(project)
    assert adj.review_state(project, scope, consensus).remaining == 0
    assert (econ, *prices) not in spans()
    none.undo(project)
    assert adj.review_state(project, scope, consensus).remaining == 1


def test_accept_both_merges_versions(three):
    project, doc, ids, crime, econ, ring_a, ring_b, prices = three
    consensus = adj.consensus_coder(project)
    assert project.coder(consensus).name == "Consensus"
    ring = adj.find_disagreements(project, adj.Scope([ids["Ana"], ids["Ben"]]))[0]
    both = adj.Decide(consensus, ring, [ids["Ana"], ids["Ben"]])
    both.do(project)
    assert [(s.start, s.end) for s in project.segments(coder_ids=[consensus])] == [ring_a]
    both.undo(project)
    assert project.segments(coder_ids=[consensus]) == []


def test_edited_by_hand_keeps_segments(three):
    project, doc, ids, crime, *_ = three
    consensus = adj.consensus_coder(project)
    ring = adj.find_disagreements(project, adj.Scope([ids["Ana"], ids["Ben"]]))[0]
    project.add_segment(doc, consensus, crime, ring.start, ring.start + 3)
    scope = adj.Scope([ids["Ana"], ids["Ben"]])
    assert adj.review_state(project, scope, consensus).remaining == 0  # consensus coding there settles it
    adj.Decide(consensus, ring, choice="edited").do(project)
    assert len(project.segments(coder_ids=[consensus])) == 1
    assert adj.decision(project, consensus, ring) == ("edited", [])


def test_merge_spans():
    assert adj.merge_spans([(5, 9), (0, 3), (3, 4), (8, 12)]) == [(0, 4), (5, 12)]


def test_copy_agreed_function(three):
    project, doc, ids, *_ = three
    consensus = adj.consensus_coder(project, "Gold")
    assert adj.copy_agreed(project, [ids["Ana"], ids["Ben"]], consensus) == 1


def test_consensus_is_analysed_like_any_coder(three):
    """After adjudication the consensus coder enters agreement like a person (e.g. each coder vs. consensus)."""
    from annotator.core.agreement.report import AgreementScope, compute_agreement

    project, doc, ids, crime, *_ = three
    consensus = adj.consensus_coder(project)
    scope = adj.Scope([ids["Ana"], ids["Ben"], ids["Cal"]])
    adj.CopyAgreed(consensus, scope).do(project)
    for d in adj.find_disagreements(project, scope):
        adj.Decide(consensus, d, [ids["Ana"]]).do(project)
    project.set_assignment(doc, consensus, "done")
    report = compute_agreement(project, AgreementScope(unit="character", coders=("Ana", "Consensus")))
    assert report.codes["Crime"].measures.values["krippendorff_alpha"] == 1.0
    ana = sorted((s.code_id, s.start, s.end) for s in project.segments(coder_ids=[ids["Ana"]]))
    assert sorted((s.code_id, s.start, s.end) for s in project.segments(coder_ids=[consensus])) == ana
