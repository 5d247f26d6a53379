"""Agreement on a real project built with the store API: every unit kind against a naive
unit-by-unit expansion checked by the ``krippendorff`` package, missing coders, groups, spans,
bootstrap, disagreements, and the real narrative-frames data set."""

from __future__ import annotations

import json

import krippendorff
import numpy as np
import pytest

from annotator.core.agreement import report as R
from annotator.core.agreement.unitizing import unitizing_alpha
from annotator.core.agreement.units import paragraph_spans, sentence_spans, token_spans
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput

TEXTS = {
    "hk-trade": "香港贸易数据今日公布。出口连续第三个月下滑！Officials said demand was weak. Will it recover?\n\n"
                "分析师认为前景不明。",
    "budget": "The budget adds spending on housing. Critics call it reckless!\nSupporters disagree.",
    "quiet": "A short note with no frames at all.",
}
# (document, coder, code, start, end)
SEGMENTS = [
    ("hk-trade", "ann", "Frames/Economic", 0, 10),
    ("hk-trade", "ann", "Frames/Economic", 5, 21),  # overlaps the first: merged
    ("hk-trade", "bob", "Frames/Economic", 0, 21),
    ("hk-trade", "cai", "Frames/Economic", 2, 8),
    ("hk-trade", "bob", "Frames/Conflict", 22, 40),
    ("hk-trade", "cai", "Frames/Conflict", 25, 45),
    ("budget", "ann", "Frames/Economic", 4, 36),
    ("budget", "bob", "Frames/Economic", 4, 30),
    ("budget", "bob", "Frames/Conflict", 37, 62),
    ("budget", "cai", "Frames/Conflict", 40, 62),  # cai has not finished 'budget': ignored
]
DONE = {("hk-trade", c) for c in ("ann", "bob", "cai")} | {("budget", "ann"), ("budget", "bob"),
                                                          ("quiet", "ann"), ("quiet", "bob")}
CODES = ("Frames/Economic", "Frames/Conflict")
CODERS = ("ann", "bob", "cai")


@pytest.fixture
def study(project):
    project.add_documents([DocumentInput(text=t, name=n) for n, t in TEXTS.items()])
    for path in CODES:
        project.add_code(path)
    project.update_code(project.code("Frames").id, exclusive=True)
    for name in CODERS:
        project.ensure_coder(name)
    for doc, coder, code, start, end in SEGMENTS:
        project.add_segment(project.document(doc).id, project.coder(coder).id, project.code(code).id, start, end)
    for doc in TEXTS:
        for coder in CODERS:
            status = "done" if (doc, coder) in DONE else "in_progress"
            project.set_assignment(project.document(doc).id, project.coder(coder).id, status)
    return project


def naive_units(text: str, unit: str) -> list[tuple[int, int]]:
    if unit == "character":
        return [(i, i + 1) for i in range(len(text))]
    if unit == "document":
        return [(0, len(text))]
    return {"token": token_spans, "sentence": sentence_spans, "paragraph": paragraph_spans}[unit](text)


def naive_matrix(codes: list[str], unit: str, group: bool = False) -> np.ndarray:
    """coders x units, unit by unit, the slow obvious way (NaN = coder did not finish the document)."""
    columns = []
    for doc, text in TEXTS.items():
        for start, end in naive_units(text, unit):
            column = []
            for coder in CODERS:
                if (doc, coder) not in DONE:
                    column.append(np.nan)
                    continue
                hit = [i + 1 for i, code in enumerate(codes) if any(
                    d == doc and c == coder and k == code and s < end and e > start
                    for d, c, k, s, e in SEGMENTS)]
                if group and len(hit) > 1:  # two children of the group on one unit: a conflict, missing
                    column.append(np.nan)
                else:
                    column.append(float(hit[0] if hit else 0) if group else float(bool(hit)))
            columns.append(column)
    return np.array(columns).T


@pytest.mark.parametrize("unit", ["character", "token", "sentence", "paragraph", "document"])
def test_every_unit_matches_naive_expansion(study, unit):
    report = R.compute_agreement(study, R.AgreementScope(unit=unit))
    for code in CODES:
        expected = krippendorff.alpha(reliability_data=naive_matrix([code], unit), level_of_measurement="nominal")
        assert report.codes[code].measures.values["krippendorff_alpha"] == pytest.approx(expected, abs=1e-9)
    matrix = naive_matrix(list(CODES), unit, group=True)
    group = report.groups["Frames"].measures.values["krippendorff_alpha"]
    values = matrix[~np.isnan(matrix)]
    if len(set(values.tolist())) < 2:  # only one value occurs: undefined, not the package's 1.0
        assert group is None
    else:
        with np.errstate(invalid="ignore"):
            expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert group is None if np.isnan(expected) else group == pytest.approx(expected, abs=1e-9)
    pooled = np.concatenate([naive_matrix([c], unit) for c in CODES], axis=1)
    assert report.overall.values["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=pooled, level_of_measurement="nominal"), abs=1e-9)


def test_counts_missing_coder_and_json_layout(study):
    report = R.compute_agreement(study, R.AgreementScope(unit="character"))
    data = report.to_json_dict()
    assert data["unit"] == "character" and data["coders"] == list(CODERS) and data["documents"] == 3
    economic = data["codes"]["Frames/Economic"]
    for key in ("krippendorff_alpha", "percent_agreement", "fleiss_kappa", "scott_pi", "gwet_ac1",
                "brennan_prediger", "units", "ci", "pairs", "segments_per_coder"):
        assert key in economic
    assert "cohen_kappa" not in economic  # three coders: see pairs
    # cai finished only hk-trade: units are every character of all three documents.
    assert economic["units"] == sum(len(t) for t in TEXTS.values())
    assert economic["segments_per_coder"] == {"ann": 3, "bob": 2, "cai": 1}
    assert data["codes"]["Frames/Conflict"]["segments_per_coder"]["cai"] == 1  # budget segment not counted
    assert data["groups"]["Frames"]["categories"] == ["(none)", "Frames/Economic", "Frames/Conflict"]
    assert data["groups"]["Frames"]["brennan_prediger"] is not None
    json.dumps(data)


def test_two_coders_get_cohen_kappa(study):
    data = R.compute_agreement(study, R.AgreementScope(unit="document", coders=("ann", "bob"))).to_json_dict()
    economic = data["codes"]["Frames/Economic"]
    # ann and bob both coded Economic in hk-trade and budget, neither in quiet: perfect agreement.
    assert economic["percent_agreement"] == 1.0 and economic["krippendorff_alpha"] == 1.0
    assert economic["cohen_kappa"] == 1.0
    conflict = data["codes"]["Frames/Conflict"]
    assert conflict["krippendorff_alpha"] == pytest.approx(krippendorff.alpha(
        reliability_data=[[0, 0, 0], [1, 1, 0]], level_of_measurement="nominal"))


def test_not_done_coder_is_missing_not_zero(study):
    docs = R.compute_agreement(study, R.AgreementScope(unit="document", codes=("Frames/Conflict",)))
    expected = krippendorff.alpha(reliability_data=[[0, 0, 0], [1, 1, 0], [1, np.nan, np.nan]],
                                  level_of_measurement="nominal")
    assert docs.codes["Frames/Conflict"].measures.values["krippendorff_alpha"] == pytest.approx(expected)


def test_documents_without_two_finished_coders_are_skipped(study):
    quiet = study.document("quiet").id
    study.set_assignment(quiet, study.coder("bob").id, "in_progress")
    report = R.compute_agreement(study, R.AgreementScope(unit="document"))
    assert report.skipped_documents == ["quiet"]
    assert "quiet" not in report.per_document


def test_span_unit_alpha_u(study):
    report = R.compute_agreement(study, R.AgreementScope(unit="span", codes=("Frames/Economic",)))
    # only hk-trade is finished by all three coders
    length = len(TEXTS["hk-trade"])
    expected = unitizing_alpha({"e": [[(0, 21)], [(0, 21)], [(2, 8)]]}, length)
    data = report.to_json_dict()
    assert data["codes"]["Frames/Economic"]["alpha_u"] == pytest.approx(expected.categories["e"].alpha)
    assert data["alpha_u"] == pytest.approx(expected.overall)
    assert data["u_alpha"] == pytest.approx(data["binary_u_alpha"])  # one code: u-alpha is binary
    assert data["codes"]["Frames/Economic"]["binary_u_alpha"] == pytest.approx(data["binary_u_alpha"])
    assert report.documents == ["hk-trade"]


def test_bootstrap_is_seeded_and_sane(study):
    scope = R.AgreementScope(unit="character", bootstrap=300, seed=7)
    first = R.compute_agreement(study, scope).to_json_dict()
    second = R.compute_agreement(study, scope).to_json_dict()
    ci = first["codes"]["Frames/Economic"]["ci"]
    assert ci == second["codes"]["Frames/Economic"]["ci"]
    assert ci["resamples"] == 300 and 0 <= ci["p_below_0_667"] <= ci["p_below_0_800"] <= 1
    assert ci["low"] <= ci["high"]
    assert first["overall"]["ci"]["resamples"] == 300
    assert first["bootstrap"] == {"resamples": 300, "seed": 7}


def test_disagreement_list_is_exact(study):
    """Clusters of overlapping spans per code where the finished coders do not cover the same characters
    (the Review tab's list); each coder's version is kept."""
    found = R.find_disagreements(study, R.AgreementScope(unit="character"))
    assert [(d.document, d.start, d.end, d.code, d.coded_by, d.not_coded_by) for d in found] == [
        ("hk-trade", 0, 21, "Frames/Economic", ("ann", "bob", "cai"), ()),
        ("hk-trade", 22, 45, "Frames/Conflict", ("bob", "cai"), ("ann",)),
        ("budget", 4, 36, "Frames/Economic", ("ann", "bob"), ()),
        ("budget", 37, 62, "Frames/Conflict", ("bob",), ("ann",)),
    ]
    assert dict(found[0].versions) == {"ann": ((0, 10), (5, 21)), "bob": ((0, 21),), "cai": ((2, 8),)}
    assert found[0].to_json_dict()["versions"]["cai"] == [[2, 8]]


def test_disagreements_at_document_level_only_where_a_coder_left_the_code_out(study):
    found = R.find_disagreements(study, R.AgreementScope(unit="document"))
    assert [(d.document, d.code, d.coded_by, d.not_coded_by) for d in found] == [
        ("hk-trade", "Frames/Conflict", ("bob", "cai"), ("ann",)),
        ("budget", "Frames/Conflict", ("bob",), ("ann",)),
    ]
    assert (found[0].start, found[0].end) == (0, len(TEXTS["hk-trade"]))


def test_disagreements_at_sentence_level_cover_whole_sentences(study):
    found = R.find_disagreements(study, R.AgreementScope(unit="sentence", coders=("ann", "bob")))
    budget = [d for d in found if d.document == "budget"]
    text = TEXTS["budget"]
    assert [(text[d.start:d.end], d.code) for d in budget] == [("Critics call it reckless!", "Frames/Conflict")]


def test_progress_and_cancel(study):
    seen = []
    R.compute_agreement(study, R.AgreementScope(), on_progress=lambda n, total: seen.append((n, total)))
    assert seen[-1][0] == seen[-1][1] == 3
    with pytest.raises(R.AgreementCancelled):
        R.compute_agreement(study, R.AgreementScope(), cancel=lambda: True)
    seen.clear()
    R.compute_agreement(study, R.AgreementScope(unit="token"), on_progress=lambda n, total: seen.append((n, total)))
    assert [n for n, _ in seen] == list(range(1, 7)) and {t for _, t in seen} == {6}  # 3 documents + 3 targets
    with pytest.raises(R.AgreementCancelled):
        R.compute_agreement(study, R.AgreementScope(unit="sentence"), cancel=lambda: True)


def test_scope_errors(study):
    with pytest.raises(InputError, match="two coders"):
        R.compute_agreement(study, R.AgreementScope(coders=("ann",)))
    with pytest.raises(InputError, match="no code"):
        R.compute_agreement(study, R.AgreementScope(codes=("Nope",)))
    with pytest.raises(InputError, match="no document"):
        R.compute_agreement(study, R.AgreementScope(documents=("nope",)))
    with pytest.raises(InputError, match="unknown unit"):
        R.compute_agreement(study, R.AgreementScope(unit="word"))


def test_group_scope_lists_children_and_group(study):
    report = R.compute_agreement(study, R.AgreementScope(group="Frames"))
    assert list(report.codes) == ["Frames/Economic", "Frames/Conflict"]
    assert list(report.groups) == ["Frames"]


def test_sentence_and_paragraph_splitting():
    text = "经济下滑。政府回应！Prices rose. Why?\n\nNew paragraph\nsame? "
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "经济下滑。", "政府回应！", "Prices rose.", "Why?", "New paragraph", "same?"]
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "经济下滑。政府回应！Prices rose. Why?", "New paragraph", "same?"]


def test_narrative_frames_alpha_equals_reference(shared, project):
    """Real data (Frermann et al. 2023): each question as an exclusive group of its answers."""
    raw = json.loads((shared / "data/narrative-frames/full_annotations.json").read_text(encoding="utf-8"))
    questions = [k for k in next(iter(raw.values())) if not k.startswith("_")]
    answers = sorted({v for a in raw.values() for q in questions for v in a[q][1] if v != -1})
    coders = [project.ensure_coder(f"coder{i}") for i in range(4)]
    project.add_documents([DocumentInput(text=f"Article {key}: text not distributed.", name=key) for key in raw])
    code_ids = {}
    for q in questions:
        project.add_code(q, exclusive=True)
        for answer in answers:
            code_ids[q, answer] = project.add_code(f"{q}/{answer}").id
    rows = []
    docs = {d.name: d for d in project.documents()}
    for key, article in raw.items():
        doc = docs[key]
        for i, coder in enumerate(coders):
            if article[questions[0]][1][i] == -1:
                continue
            project.set_assignment(doc.id, coder.id, "done")
            for q in questions:
                rows.append((doc.id, coder.id, code_ids[q, article[q][1][i]], 0, doc.length, ""))
    project.add_segments(rows)
    report = R.compute_agreement(project, R.AgreementScope(unit="document"))
    index = {a: i for i, a in enumerate(answers)}
    for q in questions:
        matrix = np.array([[np.nan if v == -1 else index[v] for v in article[q][1]] for article in raw.values()]).T
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert report.groups[q].measures.values["krippendorff_alpha"] == pytest.approx(expected, abs=1e-9), q


@pytest.mark.parametrize("unit", ["character", "document", "span"])
def test_nobody_finished_anything_reports_undefined(project, unit):
    project.add_documents([DocumentInput(text="Some text here.", name="a")])
    code = project.add_code("Frame").id
    ann, bob = project.ensure_coder("ann").id, project.ensure_coder("bob").id
    doc = project.document("a").id
    project.add_segment(doc, ann, code, 0, 4)
    project.add_segment(doc, bob, code, 0, 4)  # both in progress: nothing counts yet
    data = R.compute_agreement(project, R.AgreementScope(unit=unit, bootstrap=10)).to_json_dict()
    assert data["documents"] == 0
    entry = data["codes"]["Frame"]
    key = "alpha_u" if unit == "span" else "krippendorff_alpha"
    assert entry[key] is None and entry["undefined"][key]
    json.dumps(data)
    assert R.find_disagreements(project, R.AgreementScope(unit=unit)) == []


def test_repeated_coder_names_count_once(study):
    report = R.compute_agreement(study, R.AgreementScope(coders=("ann", "bob", "ann")))
    assert report.coders == ["ann", "bob"]


def test_numeric_group_gets_ordinal_and_interval_alpha(project):
    """A rating scale coded as an exclusive group of numbered children (K1's data, Krippendorff 2011)."""
    k1 = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .",
          "1 2 3 3 2 4 4 1 2 5 1 ."]
    project.add_documents([DocumentInput(text=f"Article number {i} about the economy.", name=f"a{i}")
                           for i in range(12)])
    for value in (5, 4, 3, 2, 1):  # codebook order need not be numeric order
        project.add_code(f"Tone/{value}")
    project.update_code(project.code("Tone").id, exclusive=True)
    docs = project.documents()
    for c, row in enumerate(k1):
        coder = project.ensure_coder(f"coder{c}").id
        for doc, value in zip(docs, row.split()):
            if value == ".":
                continue
            project.set_assignment(doc.id, coder, "done")
            project.add_segment(doc.id, coder, project.code(f"Tone/{value}").id, 0, 5)
            project.set_assignment(doc.id, coder, "done")
    group = R.compute_agreement(project, R.AgreementScope(unit="document", group="Tone")).groups["Tone"]
    values = group.measures.values
    assert values["krippendorff_alpha"] == pytest.approx(113 / 152)
    assert round(values["krippendorff_alpha_ordinal"], 3) == 0.815
    assert round(values["krippendorff_alpha_interval"], 3) == 0.849
    assert round(values["krippendorff_alpha_ratio"], 3) == 0.797


def test_token_units_follow_the_project_dictionary_and_cache(study):
    """Token units are the words coders see: the project's user dictionary and token cache."""
    from annotator.core import segmentation

    before = R.compute_agreement(study, R.AgreementScope(unit="token"))
    segmentation.ensure_segmented(study)  # filling the cache changes nothing
    cached = R.compute_agreement(study, R.AgreementScope(unit="token"))
    assert cached.to_json_dict()["codes"] == before.to_json_dict()["codes"]
    segmentation.add_terms(study, ["香港贸易数据今日公布"])  # one long word now
    after = R.compute_agreement(study, R.AgreementScope(unit="token"))
    expected_units = sum(len(segmentation.document_tokens(study, d.id).spans) for d in study.documents())
    assert after.codes["Frames/Economic"].measures.counts["units"] == expected_units
    assert expected_units < before.codes["Frames/Economic"].measures.counts["units"]


def test_span_unit_reports_the_whole_u_alpha_family(study):
    from annotator.core.agreement.unitizing import merge_overlaps, u_alpha_family

    data = R.compute_agreement(study, R.AgreementScope(unit="span")).to_json_dict()
    # only hk-trade is finished by all three coders; its codes as values 1 (Economic) and 2 (Conflict)
    spans = {c: {k: [] for k in CODES} for c in CODERS}
    for doc, coder, code, s, e in SEGMENTS:
        if doc == "hk-trade":
            spans[coder][code].append((s, e))
    units = [[(b, e, i + 1) for i, k in enumerate(CODES) for b, e in merge_overlaps(spans[c][k])] for c in CODERS]
    expected = u_alpha_family(units, len(TEXTS["hk-trade"]), 2)
    assert data["cu_alpha"] == pytest.approx(expected.cu_alpha)
    assert data["k_u_alpha"]["Frames/Economic"] == pytest.approx(expected.k_u_alpha[1])
    group = data["groups"]["Frames"]
    assert group["cu_alpha"] == pytest.approx(expected.cu_alpha)
    assert set(group["k_u_alpha"]) == set(CODES) and 0 < group["cu_alpha_coverage"] <= 1


def test_coder_diagnostics_distribution_leave_one_out_and_consensus(study):
    report = R.compute_agreement(study, R.AgreementScope(unit="character"))
    data = report.to_json_dict()
    economic = data["codes"]["Frames/Economic"]["coder_distribution"]
    assert set(economic) == set(CODERS) and set(economic["ann"]) == {"0", "1"}
    assert economic["cai"]["1"] == 6  # cai coded 2..8 in the one document cai finished
    # Leaving a coder out is alpha on the other two coders' pooled data.
    pooled_two = R.compute_agreement(study, R.AgreementScope(unit="character", coders=("ann", "bob")))
    assert data["coder_diagnostics"]["cai"]["alpha_without"] == pytest.approx(
        pooled_two.overall.values["krippendorff_alpha"], abs=1e-12)
    # A consensus coder (adjudicator) is compared with each coder, not among them.
    consensus = study.ensure_coder("Consensus", role="adjudicator").id
    hk = study.document("hk-trade").id
    study.add_segment(hk, consensus, study.code("Frames/Economic").id, 0, 21)
    study.set_assignment(hk, consensus, "done")
    data = R.compute_agreement(study, R.AgreementScope(unit="character")).to_json_dict()
    assert data["coders"] == list(CODERS)
    versus = data["coder_diagnostics"]["bob"]["vs Consensus"]
    assert versus["percent_agreement"] is not None and versus["units"] > 0
