"""Syncing team copies with the server: what travels, what is put back, and what the user is told."""

from __future__ import annotations

from conftest import code

from annotator.core import commands
from annotator.core.store import Project, sync_log


def _segments(path, coder=None):
    with Project.open(path, readonly=True) as project:
        coders = {c.id: c.name for c in project.coders()}
        codes = {c.id: c.path for c in project.codes()}
        names = project.document_names()
        return sorted((names[s.document_id], coders[s.coder_id], codes[s.code_id], s.start, s.end, s.memo)
                      for s in project.segments() if coder is None or coders[s.coder_id] == coder)


def test_join_pulls_documents_codebook_and_coders_and_nothing_else(team):
    bo = team.join("Bo")
    with Project.open(bo) as project:
        code(project, "Bo", "wire", "Frame/Crime", "Police arrested")
    team.sync(bo)
    ana = team.join("Ana")
    with Project.open(ana, readonly=True) as project:
        assert {d.name for d in project.documents()} == {"xinhua", "analysis", "wire", "mingpao"}
        with Project.open(team.lead_file, readonly=True) as lead:
            assert [(c.path, c.guid) for c in project.codes()] == [(c.path, c.guid) for c in lead.codes()]
        assert {c.name for c in project.coders()} == {"Ana", "Bo", "Cy"}
        assert project.segments() == []  # blind: Bo's codings stay on the server
        text = project.document_text(project.document("xinhua").id)
        assert "生物安全" in text
    report = team.sync(ana)
    assert report.pushed_total == 0 and report.pulled_total == 0


def test_codings_travel_to_the_lead_and_deletions_travel_back(team):
    ana, bo = team.join("Ana"), team.join("Bo")
    with Project.open(ana) as project:
        kept = code(project, "Ana", "xinhua", "Frame/Security", "生物安全")
        gone = code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
    with Project.open(bo) as project:
        code(project, "Bo", "xinhua", "Frame/Security", "生物安全")
    first = team.sync(ana)
    assert first.pushed["segments"] == 2
    team.sync(bo)
    report = team.sync(team.lead_file)
    assert report.applied.added["segments"] == 3
    assert len(_segments(team.lead_file)) == 3

    with Project.open(ana) as project:
        project.delete_segment(gone.id)
    assert team.sync(ana).pushed["segments"] == 1
    team.sync(team.lead_file)
    assert [s[1:3] for s in _segments(team.lead_file)] == [("Ana", "Frame/Security"), ("Bo", "Frame/Security")]
    assert kept.guid in {s.guid for s in Project.open(team.lead_file, readonly=True).segments()}


def test_a_second_sync_moves_nothing(team):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        code(project, "Ana", "analysis", "Frame/Gender", "Son preference")
        project.set_assignment(project.document("analysis").id, project.coder("Ana").id, "done")
    team.sync(ana)
    again = team.sync(ana)
    assert again.pushed_total == 0 and again.pulled_total == 0 and again.notes == []
    team.sync(team.lead_file)
    assert team.sync(team.lead_file).pulled_total == 0


def test_a_coder_editing_the_codebook_or_documents_is_put_back_and_told(team):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        project.update_code(project.code("Tone").id, description="my own idea")
        project.update_document_metadata(project.document("wire").id, title="Renamed by Ana")
    report = team.sync(ana)
    assert report.pushed_total == 0
    assert any("code" in n and "put back" in n for n in report.notes)
    assert any("document" in n and "put back" in n for n in report.notes)
    with Project.open(ana, readonly=True) as project:
        assert project.code("Tone").description == ""
        assert project.document("wire").title == ""


def test_a_coder_deleting_a_lead_code_gets_it_back_with_their_segments(team):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
    team.sync(ana)
    with Project.open(ana) as project:
        project.delete_code(project.code("Frame/Crime").id)
    team.sync(ana)
    assert [s[2] for s in _segments(ana)] == ["Frame/Crime"]


def test_the_leads_rename_reaches_coders_and_their_segments_follow(team):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
    team.sync(ana)
    with Project.open(team.lead_file) as lead:
        lead.move_code(lead.code("Frame").id, "Frames")
    team.sync(team.lead_file)
    report = team.sync(ana)
    assert any("'Frame' is now 'Frames'" in n for n in report.notes), report.notes
    assert [s[2] for s in _segments(ana)] == ["Frames/Crime"]


def test_a_merge_recodes_every_coders_segments_even_offline_ones(team):
    ana, bo = team.join("Ana"), team.join("Bo")
    with Project.open(ana) as project:
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
    team.sync(ana)
    team.sync(team.lead_file)
    with Project.open(bo) as project:  # offline: Bo codes Crime while the lead merges it away
        code(project, "Bo", "wire", "Frame/Crime", "seventeen people")
    with Project.open(team.lead_file) as lead:
        commands.MergeCodes(lead.code("Frame/Crime").id, lead.code("Frame/Security").id).do(lead)
    team.sync(team.lead_file)
    report = team.sync(ana)
    assert any("re-coded from 'Frame/Crime' to 'Frame/Security'" in n for n in report.notes), report.notes
    team.sync(bo)
    team.sync(team.lead_file)
    assert {s[1:3] for s in _segments(team.lead_file)} == {("Ana", "Frame/Security"), ("Bo", "Frame/Security")}
    assert [s[2] for s in _segments(bo)] == ["Frame/Security"]


def test_deleting_a_code_takes_coders_segments_and_undo_brings_them_back(team):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        code(project, "Ana", "wire", "Tone", "biosecurity threat")
    team.sync(ana)
    team.sync(team.lead_file)
    delete = None
    with Project.open(team.lead_file) as lead:
        delete = commands.DeleteCode(lead.code("Tone").id)
        delete.do(lead)
    team.sync(team.lead_file)
    report = team.sync(ana)
    assert _segments(ana) == []
    assert any("deleted with the code 'Tone'" in n for n in report.notes), report.notes
    with Project.open(team.lead_file) as lead:
        delete.undo(lead)
    team.sync(team.lead_file)
    team.sync(ana)
    assert [s[2] for s in _segments(ana)] == ["Tone"]


def test_a_proposed_code_is_seen_by_its_coder_and_the_lead_until_accepted(team):
    from annotator.core.team.administration import accept_code

    ana, bo = team.join("Ana"), team.join("Bo")
    with Project.open(ana) as project:
        project.add_code("Frame/Family")
        code(project, "Ana", "analysis", "Frame/Family", "Son preference")
    team.sync(ana)
    team.sync(bo)
    with Project.open(bo, readonly=True) as project:
        assert project.find_code("Frame/Family") is None
    team.sync(team.lead_file)
    assert ("analysis", "Ana", "Frame/Family") in {s[:3] for s in _segments(team.lead_file)}
    accept_code(team.address(), "Frame/Family")
    team.sync(bo)
    with Project.open(bo, readonly=True) as project:
        assert project.find_code("Frame/Family") is not None
    with Project.open(ana) as project:  # accepted: now the lead's, so Ana's edit is put back
        project.update_code(project.code("Frame/Family").id, description="mine")
    team.sync(ana)
    with Project.open(ana, readonly=True) as project:
        assert project.code("Frame/Family").description == ""


def test_reveal_brings_everyones_codings_and_makes_them_read_only(team):
    from annotator.core.team.administration import reveal

    ana, bo = team.join("Ana"), team.join("Bo")
    with Project.open(ana) as project:
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
    with Project.open(bo) as project:
        code(project, "Bo", "wire", "Frame/Security", "biosecurity threat")
        code(project, "Bo", "analysis", "Frame/Gender", "Son preference")
    team.sync(ana)
    team.sync(bo)
    assert reveal(team.address(), "wire") == 1
    report = team.sync(ana)
    assert any("revealed 1 document" in n for n in report.notes)
    assert {s[:2] for s in _segments(ana)} == {("wire", "Ana"), ("wire", "Bo")}  # not Bo's 'analysis'
    with Project.open(ana) as project:  # after the reveal Ana's codings of 'wire' are frozen
        code(project, "Ana", "wire", "Tone", "seventeen people")
    report = team.sync(ana)
    assert any("revealed its document" in n for n in report.notes), report.notes
    assert ("wire", "Ana", "Tone") not in {s[:3] for s in _segments(ana)}


def test_statuses_and_memos_travel_and_the_lead_keeps_assignments(team):
    with Project.open(team.lead_file) as lead:
        for name in ("wire", "analysis"):
            lead.set_assignment(lead.document(name).id, lead.coder("Ana").id, "assigned")
    team.sync(team.lead_file)
    ana = team.join("Ana")
    with Project.open(ana) as project:
        assert len(project.assignments()) == 2
        wire = project.document("wire").id
        project.set_assignment(wire, project.coder("Ana").id, "done")
        project.add_memo("police framing first", document_id=wire)
        project.set_assignment(project.document("analysis").id, project.coder("Ana").id, None)  # not hers to drop
    report = team.sync(ana)
    assert any("assignment" in n and "put back" in n for n in report.notes), report.notes
    team.sync(team.lead_file)
    with Project.open(team.lead_file, readonly=True) as lead:
        ana_id = lead.coder("Ana").id
        assert lead.assignment_status(lead.document("wire").id, ana_id) == "done"
        memo = lead.memos(document_id=lead.document("wire").id)[0]
        assert memo.text == "police framing first" and memo.coder_id == ana_id
    with Project.open(ana, readonly=True) as project:
        assert project.assignment_status(project.document("analysis").id, project.coder("Ana").id) == "assigned"


def test_an_edit_made_during_the_sync_is_kept_and_sent_next_time(team):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        first = code(project, "Ana", "wire", "Frame/Crime", "Police arrested")

        def edit_meanwhile(phase):
            if phase == "pulling":
                with Project.open(ana) as other:  # another window of the same file
                    other.update_segment(other.segment(first.id).id, memo="changed during the sync")

        from annotator.core.team.sync import sync

        report = sync(project, progress=edit_meanwhile)
        assert report.pushed["segments"] == 1
        assert project.segment(first.id).memo == "changed during the sync"
        assert sync_log.waiting(project) == 1
        sync(project)
        assert sync_log.waiting(project) == 0
    team.sync(team.lead_file)
    assert _segments(team.lead_file)[0][-1] == "changed during the sync"


def test_the_leads_own_segments_and_the_consensus_are_the_leads(team):
    with Project.open(team.lead_file) as lead:
        lead.ensure_coder("Consensus", role="adjudicator")
        code(lead, "Consensus", "wire", "Frame/Crime", "Police arrested")
        code(lead, "Ana", "wire", "Tone", "seventeen people")  # Ana's segment made in the lead's file
    report = team.sync(team.lead_file)
    assert report.pushed.get("segments") == 1 and report.pushed.get("coders") == 1
    assert any("segment" in n and "put back" in n for n in report.notes)
    assert {s[1] for s in _segments(team.lead_file)} == {"Consensus"}
    ana = team.join("Ana")
    assert _segments(ana) == []  # the consensus is not Ana's to see before a reveal


def test_the_lead_cannot_delete_or_merge_away_a_coder_who_signs_in(team):
    from annotator.core.coder_edits import MergeCoders

    bo = team.join("Bo")
    with Project.open(bo) as project:
        code(project, "Bo", "wire", "Frame/Crime", "Police arrested")
    team.sync(bo)
    team.sync(team.lead_file)
    with Project.open(team.lead_file) as lead:  # two names of one person, merged in the lead's copy
        lead.ensure_coder("Bob")
        MergeCoders(lead.coder("Bo").id, lead.coder("Bob").id).do(lead)
    report = team.sync(team.lead_file)
    assert any("coder 'Bo'" in n and "disable the login instead" in n for n in report.notes), report.notes
    assert {s[1] for s in _segments(team.lead_file)} == {"Bo"}  # Bo and his segment are back
    assert [s[1] for s in _segments(bo)] == ["Bo"]
    assert team.sync(bo).applied.count("segments") == 0  # only the new name 'Bob' arrives


def test_document_sets_travel_from_the_lead_and_stay_the_leads(team):
    with Project.open(team.lead_file) as lead:
        wave = lead.ensure_document_set("Wave 1", description="March")
        lead.add_to_set(wave.id, [lead.document("wire").id, lead.document("xinhua").id])
    team.sync(team.lead_file)
    ana = team.join("Ana")
    with Project.open(ana) as project:
        wave = project.document_set("Wave 1")
        assert sorted(project.document_names()[d] for d in project.set_members(wave.id)) == ["wire", "xinhua"]
        project.remove_from_set(wave.id, [project.document("wire").id])
    report = team.sync(ana)
    assert any("set membership" in n and "put back" in n for n in report.notes), report.notes
    with Project.open(ana, readonly=True) as project:
        assert len(project.set_members(project.document_set("Wave 1").id)) == 2
    with Project.open(team.lead_file) as lead:
        lead.remove_from_set(lead.document_set("Wave 1").id, [lead.document("wire").id])
    team.sync(team.lead_file)
    team.sync(ana)
    with Project.open(ana, readonly=True) as project:
        assert [project.document_names()[d] for d in project.set_members(project.document_set("Wave 1").id)] == \
            ["xinhua"]
