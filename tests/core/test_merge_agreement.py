"""Two coders code separate copies offline; the lead merges both and measures agreement (issue: Exchange)."""

from __future__ import annotations

import shutil

from annotator.core.agreement.report import AgreementScope, compute_agreement
from annotator.core.exchange.merge import merge_project
from annotator.core.model import DocumentInput
from annotator.core.store import Project

TEXTS = {
    "xinhua": "警方破获走私孕妇血样案。生物安全是国家安全的重要组成部分。",
    "analysis": "The ring sold sex tests to families. Son preference has not vanished 👶, say demographers.",
    "wire": "Police arrested seventeen people. Officials called it a biosecurity threat.",
}


def _code(project: Project, coder: str, document: str, code: str, phrase: str) -> None:
    text = project.document_text(project.document(document).id)
    start = text.index(phrase)
    project.add_segment(project.document(document).id, project.ensure_coder(coder).id,
                        project.code(code).id, start, start + len(phrase))


def _finish(project: Project, coder: str) -> None:
    coder_id = project.ensure_coder(coder).id
    for document in project.documents():
        project.set_assignment(document.id, coder_id, "done")


def test_two_offline_copies_merge_once_and_agreement_is_computable(tmp_path):
    base = tmp_path / "base.annotator"
    with Project.create(base) as project:
        project.add_documents([DocumentInput(text=t, name=n) for n, t in TEXTS.items()])
        for path in ("Security", "Crime", "Gender"):
            project.add_code(path)
    shutil.copy(base, tmp_path / "ana.annotator")
    shutil.copy(base, tmp_path / "ben.annotator")

    with Project.open(tmp_path / "ana.annotator") as ana:
        _code(ana, "Ana", "xinhua", "Security", "生物安全")
        _code(ana, "Ana", "analysis", "Gender", "Son preference")
        _code(ana, "Ana", "wire", "Crime", "Police arrested")
        _finish(ana, "Ana")
    with Project.open(tmp_path / "ben.annotator") as ben:
        _code(ben, "Ben", "xinhua", "Security", "生物安全")
        _code(ben, "Ben", "analysis", "Gender", "Son preference has not vanished 👶")
        _code(ben, "Ben", "wire", "Security", "biosecurity threat")
        _finish(ben, "Ben")

    with Project.open(base) as lead:
        merge_project(lead, tmp_path / "ana.annotator")
        merge_project(lead, tmp_path / "ben.annotator")
        counts = lead.counts()
        # Merging both files again adds nothing.
        merge_project(lead, tmp_path / "ana.annotator")
        merge_project(lead, tmp_path / "ben.annotator")
        assert lead.counts() == counts
        assert counts["documents"] == 3 and counts["segments"] == 6
        assert {c.name for c in lead.coders()} == {"Ana", "Ben"}

        # The segment after the emoji still covers the same characters.
        analysis = lead.document("analysis")
        ben_id = lead.coder("Ben").id
        (segment,) = [s for s in lead.segments(document_id=analysis.id, coder_ids=[ben_id])]
        assert lead.document_text(analysis.id)[segment.start:segment.end] == "Son preference has not vanished 👶"

        report = compute_agreement(lead, AgreementScope(unit="document", coders=("Ana", "Ben")))
        result = report.to_json_dict()
        assert result["documents"] == 3
        assert result["codes"]["Gender"]["percent_agreement"] == 1.0
        # Ana: Crime in wire, Ben: Security in wire -> both codes disagree on one of three documents.
        assert abs(result["codes"]["Crime"]["percent_agreement"] - 2 / 3) < 1e-9
        assert abs(result["codes"]["Security"]["percent_agreement"] - 2 / 3) < 1e-9


def test_coders_copies_exchanged_as_qdpx_still_give_agreement(tmp_path):
    """Issue 16: a merged .qdpx left agreement undefined (no "done"); our own .qdpx carries progress, and
    a file from another tool gets there with --mark-done."""
    from annotator.core.exchange.refi import export_qdpx

    base = tmp_path / "base.annotator"
    with Project.create(base) as project:
        project.add_documents([DocumentInput(text=t, name=n) for n, t in TEXTS.items()])
        for path in ("Security", "Crime", "Gender"):
            project.add_code(path)
    for coder, phrases in (("Ana", ("生物安全", "Son preference", "Police arrested")),
                           ("Ben", ("生物安全", "Son preference", "biosecurity threat"))):
        shutil.copy(base, tmp_path / f"{coder}.annotator")
        with Project.open(tmp_path / f"{coder}.annotator") as copy:
            for document, code, phrase in zip(("xinhua", "analysis", "wire"), ("Security", "Gender", "Crime"),
                                              phrases):
                _code(copy, coder, document, code, phrase)
            _finish(copy, coder)
            export_qdpx(copy, tmp_path / f"{coder}.qdpx")
    with Project.open(base) as lead:
        for coder in ("Ana", "Ben"):
            report = merge_project(lead, tmp_path / f"{coder}.qdpx")
            assert not any("no coder progress" in w for w in report.warnings)
        result = compute_agreement(lead, AgreementScope(unit="document", coders=("Ana", "Ben"))).to_json_dict()
        assert result["documents"] == 3
        assert result["codes"]["Gender"]["percent_agreement"] == 1.0
