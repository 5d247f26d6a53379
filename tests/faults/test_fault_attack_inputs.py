"""Inputs a researcher's machine really produces that were stored wrong or hung a command (found by
attacking issue 16's result): encodings judged on an ASCII head, pipes and devices given as files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO, fingerprint, small_project

from annotator.cli import main
from annotator.core.store import Project

TRADITIONAL = "後來出現中文：生物安全，運血客夾帶孕婦血樣過關。"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind", ["txt", "csv"])
def test_big5_after_a_long_ascii_head_is_read_as_big5(tmp_path, capsys, kind):
    """An English preamble of more than 64 KB, then Big5: the encoding was judged on the ASCII alone,
    GB18030 won the tie and the Chinese was stored as mojibake, exit 0."""
    project = small_project(tmp_path / "study.annotator")
    head = b"An English preamble before the Hong Kong report. " * 2000
    if kind == "txt":
        data = head + TRADITIONAL.encode("big5")
    else:
        data = b"name,text\n" + b"".join(b"en%d,%s\n" % (i, head[:1000]) for i in range(80)) + \
            b"zh," + TRADITIONAL.encode("big5") + b"\n"
    source = tmp_path / f"hk.{kind}"
    source.write_bytes(data)
    code, _out, err = run(capsys, "import", project, source)
    assert code == 0, err
    with Project.open(project, readonly=True) as p:
        texts = [p.document_text(d.id) for d in p.documents()]
    assert any(t.endswith(TRADITIONAL) for t in texts)


def test_a_pipe_or_device_is_refused_not_waited_for(tmp_path):
    """`annotator import P fifo` (and every other reader) blocked for ever on a named pipe."""
    project = small_project(tmp_path / "study.annotator")
    pipes = {}
    for name in ("a.txt", "a.csv", "a.qdpx", "a.qdc", "p.annotator"):
        pipes[name] = tmp_path / name
        os.mkfifo(pipes[name])
    commands = [
        ["import", project, pipes["a.txt"]], ["import", project, pipes["a.qdc"]],
        ["segments", "import", project, pipes["a.csv"]], ["assignments", "import", project, pipes["a.csv"]],
        ["codebook", "import", project, pipes["a.csv"]], ["merge", project, pipes["a.qdpx"]],
        ["merge", project, pipes["p.annotator"]], ["info", pipes["p.annotator"]], ["import", project, "/dev/zero"],
    ]
    script = (
        "import contextlib, io, json, sys\nfrom annotator.cli import main\nout = []\n"
        "for argv in json.loads(sys.argv[1]):\n"
        "    err = io.StringIO()\n"
        "    with contextlib.redirect_stderr(err):\n"
        "        out.append((main(argv), err.getvalue()))\n"
        "print(json.dumps(out))\n")
    before = fingerprint(project)
    done = subprocess.run([sys.executable, "-c", script, json.dumps([[str(a) for a in c] for c in commands])],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for argv, (code, err) in zip(commands, json.loads(done.stdout)):
        assert code == 2 and "not a regular file" in err and err.count("\n") == 1, (argv, err)
    assert fingerprint(project) == before


def test_names_from_the_command_line_are_text_and_one_line(tmp_path, capsys):
    """Bytes that no encoding reads were stored as U+FFFD ('��' became a coder); a name holding an escape
    or a line break printed like another coder's name; 'Zoë' typed composed and decomposed made two coders."""
    project = small_project(tmp_path / "study.annotator")
    before = fingerprint(project)
    for argv in (["coders", "add", project, "\udcff\udcfe"],
                 ["code", project, "--document", "doc0", "--coder", "A\x01lice", "--code", "Economic/Costs",
                  "--start", "0", "--end", "3"],
                 ["coders", "add", project, "Two\nlines"], ["coders", "rename", project, "alice", "al\tice"],
                 ["sets", "add", project, "wave\x1b1", "doc0"], ["memos", "add", project, "\udcffnote"]):
        code, _out, err = run(capsys, *argv)
        assert code == 2 and err.count("\n") == 1 and ("control character" in err or "not text" in err), (argv, err)
    assert fingerprint(project) == before
    # GBK bytes are still read as the Chinese they are, and free text keeps its line breaks.
    assert run(capsys, "coders", "add", project, "张三".encode("gbk").decode("utf-8", "surrogateescape"))[0] == 0
    assert run(capsys, "memos", "add", project, "line one\nline two")[0] == 0
    composed, decomposed = "Zo\u00eb", "Zoe\u0308"
    assert run(capsys, "coders", "add", project, decomposed)[0] == 0
    for name in (composed, decomposed):
        assert run(capsys, "code", project, "--document", "doc0", "--coder", name, "--code", "Economic/Costs",
                   "--start", "0", "--end", "3")[0] == 0
    with Project.open(project, readonly=True) as p:
        assert sorted(c.name for c in p.coders()) == sorted(["alice", composed, "张三"])
        assert [m.text for m in p.memos()] == ["line one\nline two"]
