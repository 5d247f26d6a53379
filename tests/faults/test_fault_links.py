"""A project reached through a symbolic or a hard link is as safe as through its own name.

SQLite resolves symbolic links and keeps ``-wal``/``-shm`` beside the real file; it keeps them beside
the *name* for hard links. Both once lost work with exit status 0: a foreign log beside the real file
was applied when the project was opened through a link, and an import through a hard link, while the
app had the project open under its other name, printed "3 imported" and the articles were gone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import fingerprint, small_project
from test_fault_foreign_wal import crash_with_log

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.core.store import Project


def test_a_foreign_log_beside_the_real_file_is_refused_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = small_project(tmp_path / "a" / "study.annotator")
    b = small_project(tmp_path / "b" / "study.annotator")
    crash_with_log(b, "bee")
    shutil.copyfile(f"{b}-wal", f"{a}-wal")
    link = tmp_path / "shortcut.annotator"
    link.symlink_to(a)
    before = fingerprint(a)
    with pytest.raises(ProjectError, match="does not belong"):
        Project.open(link)
    assert fingerprint(a) == before
    with pytest.warns(Warning, match="does not belong"):
        with Project.open(link, readonly=True) as project:
            assert project.path == link  # the name the user gave
            assert {d.name for d in project.documents()} == {"doc0", "doc1", "doc2"}
    assert fingerprint(a) == before


def test_a_project_with_two_names_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = small_project(tmp_path / "study.annotator")
    other = tmp_path / "same.annotator"
    os.link(project, other)
    article = tmp_path / "new.txt"
    article.write_text("A new article about the budget. " * 20, encoding="utf-8")
    before = fingerprint(project)
    for name in (project, other):
        assert main(["import", str(name), str(article)]) == 2
        err = capsys.readouterr().err
        assert "2 names (hard links)" in err and err.count("\n") == 1
        with pytest.raises(ProjectError, match="hard links"):
            Project.open(name)
    assert fingerprint(project) == before
    # Reading through either name is safe (and exports refuse to write over the other name).
    assert main(["info", str(other)]) == 0
    assert main(["export", str(project), "--segments", str(other)]) == 2
    assert fingerprint(project) == before
    other.unlink()
    assert main(["import", str(project), str(article)]) == 0
