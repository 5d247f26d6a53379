"""No command writes over the project or its files, and every output is written whole or not at all
(issue 16: `export P --segments P` replaced the project with the export)."""

from __future__ import annotations

import errno
import os

import pytest
from conftest import fingerprint, integrity, small_project

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.exporters.output import output_file
from annotator.core.exporters.segments import export_segments_csv
from annotator.core.store import Project


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ["export", "{p}", "--segments", "{t}"],
    ["export", "{p}", "--qdpx", "{t}"],
    ["export", "{p}", "--qdc", "{t}"],
    ["export", "{p}", "--matrix", "{t}"],
    ["export", "{p}", "--codebook", "{t}"],
    ["codebook", "export", "{p}", "{t}"],
    ["agreement", "{p}", "--output", "{t}"],
    ["disagreements", "{p}", "--output", "{t}"],
], ids=lambda a: "-".join(x for x in a if not x.startswith("{")))
@pytest.mark.parametrize("target", ["{p}", "{p}-wal", "{p}-shm", "./{name}"])
def test_a_target_that_is_the_project_or_its_files_is_refused(tmp_path, capsys, monkeypatch, argv, target):
    project = small_project(tmp_path / "study.annotator")
    monkeypatch.chdir(tmp_path)
    with Project.open(project) as p:  # a second coder, so that agreement has something to compute
        p.add_segment(1, p.ensure_coder("bob").id, p.code("Economic/Costs").id, 0, 12)
    before = fingerprint(project)
    resolved = target.format(p=project, name=project.name)
    code, out, err = run(capsys, *(a.format(p=project, t=resolved) for a in argv))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "project" in err and "nothing was written" in err
    assert fingerprint(project) == before and integrity(project) == "ok"


def test_another_project_is_never_overwritten(tmp_path, capsys):
    project = small_project(tmp_path / "a.annotator")
    other = small_project(tmp_path / "b.annotator")
    before = fingerprint(other)
    code, _out, err = run(capsys, "export", project, "--segments", other)
    assert code == 2 and "is an Annotator project" in err
    assert fingerprint(other) == before


def test_a_hard_link_to_the_project_is_recognised(tmp_path, capsys):
    project = small_project(tmp_path / "study.annotator")
    link = tmp_path / "study-link.csv"
    os.link(project, link)
    code, _out, err = run(capsys, "export", project, "--segments", link)
    assert code == 2 and "itself" in err


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    project = small_project(tmp_path / "study.annotator")
    target = tmp_path / "segments.csv"
    target.write_text("the previous export\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with Project.open(project, readonly=True) as p, pytest.raises(InputError) as info:
        export_segments_csv(p, target)
    message = str(info.value)
    assert "No space left on device" in message and str(target) in message and "\n" not in message
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(n for n in os.listdir(tmp_path) if not n.endswith(("-wal", "-shm"))) == \
        ["segments.csv", "study.annotator"]


def test_an_error_inside_the_block_discards_the_temporary(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with output_file(target) as handle:
            handle.write("half")
            raise RuntimeError("stop")
    assert not target.exists() and os.listdir(tmp_path) == []


def test_outputs_get_ordinary_permissions(tmp_path):
    target = tmp_path / "out.txt"
    with output_file(target) as handle:
        handle.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_two_exports_of_one_call_never_share_a_file(tmp_path, capsys, monkeypatch):
    """`export P --segments s.csv --matrix s.csv` wrote both and kept only the matrix, exit 0."""
    project = small_project(tmp_path / "study.annotator")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "export", project, "--segments", "s.csv", "--matrix", "./s.csv")
    assert code == 2 and "--segments and --matrix both write" in err and err.count("\n") == 1
    assert not (tmp_path / "s.csv").exists()
