"""The daily-loop commands as a researcher types them: code (exclusive groups), segments list, documents,
sets, coders and memos. Each has --help, exits 0 on success and 2 (changing nothing) on bad input."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core.demo import create_demo_project
from annotator.core.store import Project

COMMANDS = [
    ["segments", "list"], ["documents"], ["documents", "list"], ["documents", "set"], ["documents", "delete"],
    ["sets"], ["sets", "list"], ["sets", "add"], ["sets", "remove"], ["sets", "rename"], ["sets", "delete"],
    ["coders"], ["coders", "list"], ["coders", "add"], ["coders", "rename"], ["coders", "merge"],
    ["coders", "delete"], ["coders", "set-role"], ["memos"], ["memos", "list"], ["memos", "add"],
    ["memos", "edit"], ["memos", "delete"], ["check"],
]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    create_demo_project(path)
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    copy = tmp_path / "demo.annotator"
    copy.write_bytes(demo_file.read_bytes())
    return copy


def run(capsys, *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def out_json(capsys, *argv: object):
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def snapshot(path) -> tuple:
    with Project.open(path, readonly=True) as project:
        return (project.documents(), project.coders(), project.segments(), project.memos(), project.assignments(),
                [(s.name, project.set_members(s.id)) for s in project.document_sets()])


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: annotator " + " ".join(command) in capsys.readouterr().out


def test_code_replaces_another_value_of_an_exclusive_group_and_says_so(demo, capsys):
    code, out, _ = run(capsys, "code", demo, "--document", "wire", "--coder", "Ana", "--code",
                       "Primary frame/Security", "--start", 0, "--end", 57)
    assert code == 0
    assert "replaced segment" in out and "Primary frame/Crime [0-57]" in out and "'Primary frame'" in out
    rows = out_json(capsys, "segments", "list", demo, "--code", "Primary frame", "--coder", "Ana",
                    "--document", "wire")
    assert [(r["code"], r["start"], r["end"]) for r in rows] == [("Primary frame/Security", 0, 57)]


def test_segments_list_is_exactly_the_database_with_sub_codes(demo, capsys):
    rows = out_json(capsys, "segments", "list", demo)
    with Project.open(demo, readonly=True) as project:
        segments = project.segments()
        texts = {d: project.document_text(d) for d in project.document_ids()}
        names = project.document_names()
        coders = {c.id: c.name for c in project.coders()}
        paths = {c.id: c.path for c in project.codes()}
    assert sorted((r["document"], r["coder"], r["code"], r["start"], r["end"], r["text"], r["memo"]) for r in rows) == \
        sorted((names[s.document_id], coders[s.coder_id], paths[s.code_id], s.start, s.end,
                texts[s.document_id][s.start:s.end], s.memo) for s in segments)
    assert set(rows[0]) >= {"document", "coder", "code", "start", "end", "text", "memo"}
    security = out_json(capsys, "segments", "list", demo, "--code", "Security", "--coder", "Ben")
    assert security and all(r["code"].startswith("Security") and r["coder"] == "Ben" for r in security)
    assert any(r["code"] != "Security" for r in security)  # sub-codes included
    found = out_json(capsys, "segments", "list", demo, "--text", "血樣")  # traditional finds simplified too
    assert {r["document"] for r in found} >= {"state-broadcaster", "hk-paper"}
    code, out, _ = run(capsys, "segments", "list", demo, "--document", "wire,analysis", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "document,coder,code,start,end,text,memo"
    code, _out, err = run(capsys, "segments", "list", demo, "--coder", "Nobody")
    assert code == 2 and "no coder named 'Nobody'" in err


def test_documents_set_list_and_delete(demo, capsys, tmp_path):
    before = snapshot(demo)
    for bad, message in ((["--date", "June 2025"], "not YYYY-MM-DD"), (["--attribute", "wave"], "KEY=VALUE"),
                         ([], "nothing to change")):
        code, _out, err = run(capsys, "documents", "set", demo, "wire", *bad)
        assert code == 2 and message in err
    assert snapshot(demo) == before
    code, out, _ = run(capsys, "documents", "set", demo, "wire", "--title", "Ring broken up", "--outlet", "PNW",
                       "--date", "2025-06-13", "--language", "en", "--url", "https://example.org/wire",
                       "--attribute", "wave=1")
    assert code == 0 and "outlet = 'PNW'" in out
    wire = next(d for d in out_json(capsys, "documents", "list", demo) if d["name"] == "wire")
    assert {k: wire[k] for k in ("title", "outlet", "date", "language", "url", "attributes")} == {
        "title": "Ring broken up", "outlet": "PNW", "date": "2025-06-13", "language": "en",
        "url": "https://example.org/wire", "attributes": {"wave": "1"}}
    code, _out, err = run(capsys, "documents", "delete", demo, "wire", "nope")
    assert code == 2 and "no document named 'nope'" in err
    with Project.open(demo, readonly=True) as project:
        codings = len(project.segments(document_id=project.document("wire").id))
    code, out, _ = run(capsys, "documents", "delete", demo, "wire")
    assert code == 0 and f"with {codings} codings" in out
    assert "wire" not in [d["name"] for d in out_json(capsys, "documents", "list", demo)]


def test_sets_filter_lists_and_retrieval(demo, capsys):
    code, out, _ = run(capsys, "sets", "add", demo, "English", "wire", "analysis")
    assert code == 0 and "(new set): 2 document(s) added" in out
    assert out_json(capsys, "sets", "list", demo) == [
        {"name": "English", "documents": ["analysis", "wire"], "description": ""}]
    assert [d["name"] for d in out_json(capsys, "documents", "list", demo, "--set", "English")] == ["analysis", "wire"]
    assert {r["document"] for r in out_json(capsys, "segments", "list", demo, "--set", "English")} == {"analysis", "wire"}
    code, out, _ = run(capsys, "sets", "remove", demo, "English", "wire")
    assert code == 0 and "1 document(s) removed, 1 in the set" in out
    assert run(capsys, "sets", "rename", demo, "English", "Anglophone")[0] == 0
    assert run(capsys, "sets", "delete", demo, "Anglophone")[0] == 0
    code, _out, err = run(capsys, "sets", "remove", demo, "Anglophone", "wire")
    assert code == 2 and "no document set named 'Anglophone'" in err


def test_coders_add_rename_merge_set_role_delete(demo, capsys):
    assert out_json(capsys, "coders", "list", demo)[0] == {"name": "Ana", "role": "coder", "color": "#4363d8",
                                                           "segments": 55, "documents": 4}
    assert run(capsys, "coders", "add", demo, "ana.li")[0] == 0
    assert run(capsys, "code", demo, "--document", "wire", "--coder", "ana.li", "--code", "Economic",
               "--start", 0, "--end", 6)[0] == 0
    code, _out, err = run(capsys, "coders", "rename", demo, "ana.li", "Ben")
    assert code == 2 and "already exists" in err
    assert run(capsys, "coders", "rename", demo, "ana.li", "Ana Li")[0] == 0
    total = len(snapshot(demo)[2])
    code, out, _ = run(capsys, "coders", "merge", demo, "Ana Li", "Ana")
    assert code == 0 and "1 coding(s) moved" in out and "'Ana' now has 56" in out
    assert len(snapshot(demo)[2]) == total  # no segment lost
    assert run(capsys, "coders", "set-role", demo, "Ben", "adjudicator")[0] == 0
    assert [(c["name"], c["role"]) for c in out_json(capsys, "coders", "list", demo)] == [
        ("Ana", "coder"), ("Ben", "adjudicator")]
    code, out, _ = run(capsys, "coders", "delete", demo, "Ben")
    assert code == 0 and "with 46 coding(s)" in out
    with pytest.raises(SystemExit) as exit_:
        main(["coders", "set-role", str(demo), "Ana", "boss"])
    assert exit_.value.code == 2


def test_memos_journal_document_code_search(demo, capsys):
    code, out, _ = run(capsys, "memos", "add", demo, "Decided: headlines carry the primary frame. 标题")
    assert code == 0 and "to the journal" in out
    memo_id = int(out.split()[1])
    assert run(capsys, "memos", "add", demo, "Check the date", "--document", "wire", "--coder", "Ana")[0] == 0
    journal = out_json(capsys, "memos", "list", demo, "--kind", "project")
    assert [m["text"] for m in journal] == ["Decided: headlines carry the primary frame. 标题"]
    assert [m["id"] for m in out_json(capsys, "memos", "list", demo, "--search", "標題")] == [memo_id]
    wire = out_json(capsys, "memos", "list", demo, "--document", "wire")
    assert {m["kind"] for m in wire} == {"document"} and len(wire) == 2
    assert run(capsys, "memos", "edit", demo, memo_id, "Headlines only.")[0] == 0
    assert out_json(capsys, "memos", "list", demo, "--kind", "project")[0]["text"] == "Headlines only."
    assert run(capsys, "memos", "delete", demo, memo_id)[0] == 0
    code, _out, err = run(capsys, "memos", "delete", demo, memo_id)
    assert code == 2 and f"no memo with id {memo_id}" in err
    code, _out, err = run(capsys, "memos", "add", demo, "x", "--coder", "Nobody")
    assert code == 2


def test_check_reports_exclusive_group_conflicts_already_in_the_file(demo, capsys):
    assert run(capsys, "check", demo)[0] == 0
    with Project.open(demo) as project:  # as an older version or a merge could leave it
        wire, ana = project.document("wire"), project.coder("Ana")
        project.add_segment(wire.id, ana.id, project.code("Primary frame/Security").id, 0, 10)
    code, out, _ = run(capsys, "check", demo)
    assert code == 1
    assert "exclusive-groups: wire [0-10]: Ana gives 'Primary frame' two values" in out
    assert "1 problem found" in out
    code, out, _ = run(capsys, "check", demo, "--format", "json")
    assert code == 1 and json.loads(out)[0]["codes"] == ["Primary frame/Security", "Primary frame/Crime"]
    code, _out, err = run(capsys, "check", demo, "--only", "spelling")
    assert code == 2 and "unknown check 'spelling'" in err


def test_agreement_and_disagreements_on_a_document_set(demo, capsys):
    assert run(capsys, "sets", "add", demo, "Chinese press", "state-broadcaster", "hk-paper")[0] == 0
    code, out, err = run(capsys, "agreement", demo, "--set", "Chinese press", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["documents"] == 2
    code, out, _ = run(capsys, "disagreements", demo, "--set", "Chinese press", "--format", "json")
    assert code == 0 and {d["document"] for d in json.loads(out)} <= {"state-broadcaster", "hk-paper"}
    code, _out, err = run(capsys, "agreement", demo, "--set", "Chinese press", "--documents", "wire")
    assert code == 2 and "no documents in the set 'Chinese press' among --documents" in err


def test_export_says_which_exports_a_set_does_not_narrow(demo, capsys, tmp_path):
    """`export --set S --codebook F` wrote the whole project's codebook and said nothing of the set."""
    assert run(capsys, "sets", "add", demo, "English", "wire", "analysis")[0] == 0
    code, out, _ = run(capsys, "export", demo, "--set", "English", "--segments", tmp_path / "s.csv",
                       "--codebook", tmp_path / "c.csv", "--memos", tmp_path / "m.csv")
    assert code == 0
    assert "note: --set limits --segments and --matrix; --codebook, --memos cover the whole project" in out
    code, out, _ = run(capsys, "export", demo, "--set", "English", "--matrix", tmp_path / "x.csv")
    assert code == 0 and "note:" not in out


def test_disagreements_say_which_documents_were_left_out_unfinished(demo, capsys):
    """`disagreements --set S` on a set whose article only one coder finished printed an empty list, which
    reads as agreement (the Review view said "No disagreements" likewise; trial2)."""
    assert run(capsys, "sets", "add", demo, "Wires", "wire")[0] == 0
    code, out, err = run(capsys, "disagreements", demo, "--set", "Wires")
    assert code == 0 and out.splitlines()[1:] == []
    assert "note: 1 document left out: not finished by two of the compared coders" in err
    code, out, err = run(capsys, "disagreements", demo, "--format", "json")
    assert code == 0 and json.loads(out) and "1 document left out" in err
