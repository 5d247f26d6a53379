"""Importing segments and assignments from CSV: all or nothing, every bad row named by its line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.segments_io import import_assignments_csv, import_segments_csv

ARTICLE = "Flood relief 🌊 arrived late. 官员表示将加快救援。Residents criticised the delay."


@pytest.fixture
def coded(project):
    project.add_documents([
        DocumentInput(text=ARTICLE, name="flood"),
        DocumentInput(text="第二篇报道：学校恢复上课。", name="school"),
    ])
    project.add_code("Responsibility/Government")
    project.add_code("Human interest")
    return project


def write_csv(tmp_path: Path, rows: list[list[object]], name: str = "segments.csv") -> Path:
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def span(phrase: str) -> tuple[int, int]:
    start = ARTICLE.find(phrase)
    return start, start + len(phrase)


def snapshot(project) -> tuple:
    return (project.counts(), [(s.document_id, s.coder_id, s.code_id, s.start, s.end) for s in project.segments()],
            project.assignments())


def test_segments_are_added_with_new_coders_and_checked_text(coded, tmp_path):
    s1, e1 = span("官员表示将加快救援")
    s2, e2 = span("arrived late")
    path = write_csv(tmp_path, [
        ["document", "coder", "code", "start", "end", "memo", "text"],
        ["flood", "Li Wei", "Responsibility/Government", s1, e1, "official promise", "官员表示将加快救援"],
        ["flood", "Anna", "Human interest", s2, e2, "", ""],
    ])
    assert import_segments_csv(coded, path) == 2
    segments = coded.segments()
    assert [(s.start, s.end) for s in segments] == sorted([(s1, e1), (s2, e2)])
    text = coded.document_text(coded.document("flood").id)
    assert {text[s.start:s.end] for s in segments} == {"官员表示将加快救援", "arrived late"}
    assert [c.name for c in coded.coders()] == ["Li Wei", "Anna"]
    assert {a.status for a in coded.assignments()} == {"in_progress"}
    assert next(s for s in segments if s.start == s1).memo == "official promise"


def test_reimporting_the_same_file_adds_nothing(coded, tmp_path):
    s, e = span("Residents")
    path = write_csv(tmp_path, [["document", "coder", "code", "start", "end"],
                                ["flood", "Anna", "Human interest", s, e]])
    assert import_segments_csv(coded, path) == 1
    assert import_segments_csv(coded, path) == 0
    assert len(coded.segments()) == 1


def test_mark_done_finishes_each_pair_in_the_file(coded, tmp_path):
    path = write_csv(tmp_path, [["document", "coder", "code", "start", "end"],
                                ["flood", "Anna", "Human interest", 0, 5],
                                ["school", "Anna", "Human interest", 0, 3],
                                ["school", "Bo", "Human interest", 1, 4]])
    import_segments_csv(coded, path, mark_done=True)
    assert [a.status for a in coded.assignments()] == ["done", "done", "done"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["nowhere", "Anna", "Human interest", 0, 5, ""], "no document named 'nowhere'"),
        (["flood", "Anna", "Economic", 0, 5, ""], "no code 'Economic'"),
        (["flood", "", "Human interest", 0, 5, ""], "coder cell is empty"),
        (["flood", "Anna", "Human interest", "zero", 5, ""], "start must be a whole number"),
        (["flood", "Anna", "Human interest", 5, 5, ""], "span 5-5 is outside the document"),
        (["flood", "Anna", "Human interest", 0, 999, ""], "span 0-999 is outside the document"),
        (["flood", "Anna", "Human interest", 0, 5, "Flooding"], "text cell does not match"),
        (["flood", "Anna", "A//B", 0, 5, ""], "invalid code path"),
    ],
)
def test_one_bad_row_refuses_the_whole_file(coded, tmp_path, row, message):
    good = ["flood", "New Coder", "Human interest", 0, 5, "Flood"]
    path = write_csv(tmp_path, [["document", "coder", "code", "start", "end", "text"], good, row])
    before = snapshot(coded)
    with pytest.raises(InputError) as error:
        import_segments_csv(coded, path)
    assert str(error.value).startswith("segments.csv, line 3: ")
    assert message in str(error.value)
    assert snapshot(coded) == before  # not even the coder of the good row was created


def test_offsets_written_as_decimals_by_a_spreadsheet_are_accepted(coded, tmp_path):
    path = write_csv(tmp_path, [["document", "coder", "code", "start", "end"],
                                ["flood", "Anna", "Human interest", "0.0", "5.0"]])
    assert import_segments_csv(coded, path) == 1
    assert (coded.segments()[0].start, coded.segments()[0].end) == (0, 5)


def test_segments_csv_needs_its_columns(coded, tmp_path):
    path = write_csv(tmp_path, [["document", "coder", "code", "start"], ["flood", "Anna", "Human interest", 0]])
    with pytest.raises(InputError, match=r"segments\.csv, line 1: no 'end' column"):
        import_segments_csv(coded, path)


def test_text_cell_with_windows_line_breaks_matches_stored_text(project, tmp_path):
    project.add_documents([DocumentInput(text="第一段。\n第二段。", name="two-paras")])
    project.add_code("Frame")
    path = write_csv(tmp_path, [["document", "coder", "code", "start", "end", "text"],
                                ["two-paras", "Anna", "Frame", 0, 9, "第一段。\r\n第二段。"]])
    assert import_segments_csv(project, path) == 1


def test_assignments_are_set_and_coders_created(coded, tmp_path):
    path = write_csv(tmp_path, [["document", "coder", "status"],
                                ["flood", "Anna", "assigned"],
                                ["school", "Anna", "In progress"],
                                ["school", "Bo", "done"]], name="plan.csv")
    assert import_assignments_csv(coded, path) == 3
    anna, bo = coded.coder("Anna").id, coded.coder("Bo").id
    flood, school = coded.document("flood").id, coded.document("school").id
    assert coded.assignment_status(flood, anna) == "assigned"
    assert coded.assignment_status(school, anna) == "in_progress"
    assert coded.assignment_status(school, bo) == "done"


def test_bad_assignment_row_changes_nothing(coded, tmp_path):
    path = write_csv(tmp_path, [["document", "coder", "status"],
                                ["flood", "Anna", "assigned"],
                                ["school", "Bo", "finished"]], name="plan.csv")
    before = snapshot(coded)
    with pytest.raises(InputError, match=r"plan\.csv, line 3: unknown status 'finished'"):
        import_assignments_csv(coded, path)
    assert snapshot(coded) == before


def test_two_values_of_an_exclusive_group_on_overlapping_text_are_refused_naming_the_lines(coded, tmp_path):
    project = coded
    project.add_code("Primary frame", exclusive=True)
    project.add_code("Primary frame/Crime")
    project.add_code("Primary frame/Security")
    rows = [["document", "coder", "code", "start", "end"],
            ["flood", "Ana", "Primary frame/Crime", 0, 12],
            ["flood", "Ben", "Primary frame/Security", 0, 12],  # another coder: fine
            ["flood", "Ana", "Primary frame/Security", 6, 20]]
    before = snapshot(project)
    with pytest.raises(InputError, match=r"segments.csv: lines 2 and 4 give coder 'Ana' two values of the "
                                         r"exclusive group 'Primary frame'.*\(6-12\)"):
        import_segments_csv(project, write_csv(tmp_path, rows))
    assert snapshot(project) == before
    # Against what the coder already has in the project: the line is named, and the stored segment.
    seg = project.add_segment(project.document("flood").id, project.ensure_coder("Ana").id,
                              project.code("Primary frame/Crime").id, 0, 12)
    with pytest.raises(InputError, match=rf"segments.csv, line 2: gives \(with segment {seg.id} already"):
        import_segments_csv(project, write_csv(tmp_path, [rows[0], rows[3]]))
    assert import_segments_csv(project, write_csv(tmp_path, [rows[0], rows[2]])) == 1


@pytest.mark.parametrize("protect_formulas", [True, False])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_our_segments_export_imports_back_exactly(tmp_path, protect_formulas, delimiter):
    """Export and import are inverse (issue 16): '-5% growth' and '=x' memos came back refused or with a '."""
    from annotator.core.exporters.csv_export import CsvOptions
    from annotator.core.exporters.segments import export_segments_csv
    from annotator.core.store import Project

    text = "-5% growth, said =the minister+. @all \t tabbed"
    source = Project.memory()
    source.add_documents([DocumentInput(text=text, name="-wire"), DocumentInput(text="=SUM(A1) second", name="two")])
    code = source.add_code("=Economy/-Costs")
    coder = source.ensure_coder("+ann")
    source.add_segment(1, coder.id, code.id, 0, 10, "=a memo")
    source.add_segment(1, coder.id, code.id, text.index("@"), len(text), "-memo")
    source.add_segment(2, coder.id, code.id, 0, 8)
    path = tmp_path / "segments.csv"
    export_segments_csv(source, path, CsvOptions(protect_formulas=protect_formulas, delimiter=delimiter))

    target = Project.memory()
    target.add_documents([DocumentInput(text=text, name="-wire"), DocumentInput(text="=SUM(A1) second", name="two")])
    target.add_code("=Economy/-Costs")
    assert import_segments_csv(target, path) == 3

    def rows(project):
        return sorted((s.guid, s.document_id, project.coder(s.coder_id).name, s.start, s.end, s.memo, s.created,
                       s.updated) for s in project.segments())

    assert rows(target) == rows(source)
    assert import_segments_csv(target, path) == 0  # and again: nothing new
