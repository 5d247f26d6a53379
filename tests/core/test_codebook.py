"""Codebook templates and the codebook CSV: validation, re-import, byte-identical round trip."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.codebook import TEMPLATES, export_codebook_csv, import_codebook_csv, load_template
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.store import Project

HEADER = "path,description,inclusion,exclusion,example,colour,exclusive\n"


def dump(project: Project) -> list[tuple]:
    return [(c.path, c.guid, c.color, c.description, c.shortcut, c.exclusive, c.sort_order) for c in project.codes()]


def write(tmp_path, text: str, name: str = "cb.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_loads(name):
    project = Project.memory()
    load_template(project, name)
    if name == "empty":
        assert project.codes() == []


def test_policy_frames_structure():
    project = Project.memory()
    load_template(project, "policy-frames")
    top = [c.path for c in project.codes() if c.level == 1]
    assert top[:15][0] == "Economic" and top[14] == "Other"
    assert "Security and defense" in top and "Legality, constitutionality and jurisprudence" in top
    primary = project.code("Primary frame")
    assert primary.exclusive
    children = [c for c in project.codes() if c.parent_id == primary.id]
    assert [c.name for c in children] == top[:15]
    assert project.code("Tone").exclusive
    assert [project.code(p).shortcut for p in top[:9]] == [str(i) for i in range(1, 10)]
    assert all(project.code(p).description for p in top[:15])


def test_chinese_templates_have_chinese_names():
    project = Project.memory()
    load_template(project, "policy-frames.zh")
    assert project.code("经济").shortcut == "1"
    assert project.code("主框架").exclusive
    other = Project.memory()
    load_template(other, "generic-frames.zh")
    assert [c.path for c in other.codes()] == ["责任", "人情味", "冲突", "道德", "经济后果"]


def test_unknown_template_lists_choices():
    with pytest.raises(InputError, match="policy-frames, generic-frames"):
        load_template(Project.memory(), "no-such-template")


def test_round_trip_is_byte_identical(tmp_path):
    first = Project.memory()
    load_template(first, "policy-frames")
    first.add_code("Economic/Jobs", description="=cells that look like formulas", example="-5% growth")
    first.add_code("Economic/Quote's", description="'=already apostrophed", color="#123abc")
    export_codebook_csv(first, tmp_path / "one.csv")
    second = Project.memory()
    import_codebook_csv(second, tmp_path / "one.csv")
    export_codebook_csv(second, tmp_path / "two.csv")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert dump(first) == dump(second)
    assert second.code("Economic/Jobs").description == "=cells that look like formulas"
    assert second.code("Economic/Quote's").description == "'=already apostrophed"


def test_round_trip_other_delimiter_without_bom(tmp_path):
    first = Project.memory()
    load_template(first, "generic-frames.zh")
    export_codebook_csv(first, tmp_path / "one.csv", bom=False, delimiter=";")
    assert not (tmp_path / "one.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    second = Project.memory()
    import_codebook_csv(second, tmp_path / "one.csv")
    export_codebook_csv(second, tmp_path / "two.csv", bom=False, delimiter=";")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_export_counts_and_quotes(tmp_path):
    project = Project.memory()
    load_template(project, "generic-frames")
    project.add_documents([DocumentInput(text="Blame the council. Then blame the mayor.", name="d1")])
    doc = project.document("d1")
    ann = project.ensure_coder("ann")
    code = project.code("Responsibility")
    project.add_segment(doc.id, ann.id, code.id, 0, 17)
    project.add_segment(doc.id, ann.id, code.id, 19, 40)
    export_codebook_csv(project, tmp_path / "cb.csv", quotes=3)
    lines = (tmp_path / "cb.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith("guid,segments:ann,documents:ann,quote_1,quote_2,quote_3")
    assert lines[1].startswith("Responsibility,,1,Responsibility,")
    assert lines[1].endswith(",2,1,Blame the council,Then blame the mayor.,")
    # Counts, levels and quotes are ignored on re-import.
    again = Project.memory()
    assert import_codebook_csv(again, tmp_path / "cb.csv") == "5 codes added, 0 updated"


def test_reimport_updates_existing(tmp_path):
    project = Project.memory()
    import_codebook_csv(project, write(tmp_path, HEADER + "A,old,,,,#ff0000,0\n"))
    guid = project.code("A").guid
    summary = import_codebook_csv(project, write(tmp_path, HEADER + "A,new,,,,#00ff00,1\nA/B,child,,,,,0\n"))
    assert summary == "1 codes added, 1 updated"
    code = project.code("A")
    assert (code.description, code.color, code.exclusive, code.guid) == ("new", "#00ff00", True, guid)


def test_parent_later_in_file_and_from_project(tmp_path):
    project = Project.memory()
    import_codebook_csv(project, write(tmp_path, HEADER + "A/B,,,,,,0\nA,,,,,,0\n"))
    import_codebook_csv(project, write(tmp_path, HEADER + "A/C,,,,,,0\n"))
    assert [c.path for c in project.codes()] == ["A", "A/B", "A/C"]


@pytest.mark.parametrize("body, message, line", [
    ("A,,,,,,0\nA,,,,,,0\n", r"duplicate code 'A' \(also on line 3\)", 3),
    ("A,,,,,red,0\n", "invalid colour 'red'", 2),
    ("A,,,,,,maybe\n", "exclusive must be 1 or 0", 2),
    ("A//B,,,,,,0\n", "invalid code path", 2),
])
def test_invalid_rows_name_the_line_and_change_nothing(tmp_path, body, message, line):
    project = Project.memory()
    load_template(project, "generic-frames")
    before = dump(project)
    with pytest.raises(InputError, match=message) as info:
        import_codebook_csv(project, write(tmp_path, HEADER + "Z,,,,,,0\n" + body))
    assert info.value.line == line + 1
    assert dump(project) == before


def test_parent_column_must_agree_with_path(tmp_path):
    # A parent column that contradicts the path is how a cycle (A under B, B under A) would show up.
    text = "path,parent,description\nA,B,\nB,A,\n"
    project = Project.memory()
    with pytest.raises(InputError, match="parent 'B' disagrees with path 'A'.*line 2|line 2.*parent 'B'"):
        import_codebook_csv(project, write(tmp_path, text))
    assert project.codes() == []


def test_duplicate_shortcut_and_guid_refused(tmp_path):
    project = Project.memory()
    with pytest.raises(InputError, match="shortcut '1' also used on line 2"):
        import_codebook_csv(project, write(tmp_path, "path,shortcut\nA,1\nB,1\n"))
    guid = "6E0266B8-F85F-4971-9DFC-798D93F29C3E"
    with pytest.raises(InputError, match="also used on line 2"):
        import_codebook_csv(project, write(tmp_path, f"path,guid\nA,{guid}\nB,{guid}\n"))
    with pytest.raises(InputError, match="invalid guid"):
        import_codebook_csv(project, write(tmp_path, "path,guid\nA,not-a-guid\n"))
    assert project.codes() == []


def test_broken_encoding_refused_with_line(tmp_path):
    project = Project.memory()
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "Économie,,,,,,0\n".encode("latin-1"))
    with pytest.raises(InputError, match="line 2: is not UTF-8"):
        import_codebook_csv(project, path)
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(HEADER.encode() + "经济,,,,,,0\n".encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        import_codebook_csv(project, gbk)
    assert project.codes() == []


def test_missing_path_column(tmp_path):
    with pytest.raises(InputError, match="has no 'path' column"):
        import_codebook_csv(Project.memory(), write(tmp_path, "label,text\nA,x\n"))


@pytest.mark.parametrize(("content", "expected"), [
    ("tag,description,number of highlights\nFrames/Security,threat,3\nTone,,1\n",  # Taguette's export
     [("Frames", ""), ("Frames/Security", "threat"), ("Tone", "")]),
    ("name,description\nSecurity,threat\n", [("Security", "threat")]),  # Taguette also reads 'name'
    ("Code,Memo\nFrames > Security,threat\nFrames\\Morality,values\n",  # MAXQDA: '>' or a backslash
     [("Frames", ""), ("Frames/Morality", "values"), ("Frames/Security", "threat")]),
    ('Frames>>Security,"threat"\nTone\n', [("Frames", ""), ("Frames/Security", "threat"), ("Tone", "")]),  # QualCoder
    ("path,description\nFrames/Security/State,the state\n",  # leaf paths only: parents are implied
     [("Frames", ""), ("Frames/Security", ""), ("Frames/Security/State", "the state")]),
])
def test_other_tools_codebooks_and_leaf_only_files(tmp_path, content, expected):
    project = Project.memory()
    summary = import_codebook_csv(project, write(tmp_path, content))
    assert sorted((c.path, c.description) for c in project.codes()) == expected
    assert "codes added" in summary


def test_semicolon_and_tab_delimited_files(tmp_path):
    project = Project.memory()
    import_codebook_csv(project, write(tmp_path, "path;description;colour\nA;has, comma;#aabbcc\n"))
    import_codebook_csv(project, write(tmp_path, "path\tdescription\nB\ttabbed\n", "t.csv"))
    assert project.code("A").description == "has, comma" and project.code("B").description == "tabbed"


cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(descriptions=st.lists(cell_text, min_size=1, max_size=4), protect_formulas=st.booleans(),
       delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_round_trip_any_text(tmp_path, descriptions, protect_formulas, delimiter):
    """Quotes, newlines, CJK, leading '=' or apostrophes: all survive export -> import -> export."""
    first = Project.memory()
    for i, text in enumerate(descriptions):
        first.add_code(f"Code {i}", description=text, example=text[::-1])
    options = dict(protect_formulas=protect_formulas, delimiter=delimiter)
    export_codebook_csv(first, tmp_path / "one.csv", **options)
    second = Project.memory()
    import_codebook_csv(second, tmp_path / "one.csv")
    export_codebook_csv(second, tmp_path / "two.csv", **options)
    # Without protection, a leading apostrophe before '=' is read as protection (documented ambiguity).
    if protect_formulas or not any(t.startswith("'") for t in descriptions + [t[::-1] for t in descriptions]):
        assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
        assert dump(first) == dump(second)


@pytest.mark.parametrize("tool", ["taguette", "qualcoder", "maxqda"])
def test_codebook_for_another_tool_reads_back_and_warns(tmp_path, tool):
    from annotator.core.codebook import export_codebook_for_tool

    project = Project.memory()
    load_template(project, "policy-frames")
    n, warnings = export_codebook_for_tool(project, tmp_path / f"{tool}.csv", tool)
    assert n == len(project.codes()) and warnings
    again = Project.memory()
    import_codebook_csv(again, tmp_path / f"{tool}.csv")
    assert [(c.path, c.description) for c in again.codes()] == [(c.path, c.description) for c in project.codes()]
    if tool == "qualcoder":  # policy-frames uses 'Economic' both at the top and under 'Primary frame'
        assert any("unique code names" in w for w in warnings)
    if tool == "taguette":
        header = (tmp_path / "taguette.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        assert header == "tag,description"  # Taguette refuses a file that also has 'name' or 'path'


def test_a_decomposed_codebook_updates_the_composed_codes_instead_of_adding_look_alikes(tmp_path):
    """A codebook CSV saved on macOS spells "Sécurité" NFD: re-importing it added a second "Sécurité"."""
    import unicodedata

    project = Project.memory()
    import_codebook_csv(project, write(tmp_path, HEADER + "Sécurité,,,,,,0\nSécurité/Santé publique,,,,,,0\n"))
    before = [(c.id, c.path) for c in project.codes()]
    decomposed = unicodedata.normalize("NFD", HEADER + "Sécurité,threat to the nation,,,,,0\n"
                                                       "Sécurité/Santé publique,,,,,,0\nÉconomie,,,,,,0\n")
    import_codebook_csv(project, write(tmp_path, decomposed, "mac.csv"))
    codes = project.codes()
    assert [(c.id, c.path) for c in codes][:2] == before
    assert [c.path for c in codes] == ["Sécurité", "Sécurité/Santé publique", "Économie"]
    assert all(unicodedata.is_normalized("NFC", c.path) and unicodedata.is_normalized("NFC", c.name) for c in codes)
    assert project.code("Sécurité").description == "threat to the nation"
