"""Helpers for the fault suite: child Python processes, file fingerprints, small seeded projects."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import DocumentInput
from annotator.core.store import Project

REPO = Path(__file__).resolve().parents[2]


def fingerprint(path: Path) -> str:
    """SHA-256 of a file's bytes: a refused file must come out byte for byte as it went in."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def child(code: str, *args: str, **popen: object) -> subprocess.Popen:
    """Start ``python -c code args...`` with this interpreter, stdout piped, line-buffered."""
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
                            **popen)  # type: ignore[arg-type]


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` through a plain sqlite3 connection (no Annotator code involved)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def small_project(path: Path, n_documents: int = 3) -> Path:
    """A closed project with a few documents, codes, a coder and segments."""
    with Project.create(path) as project:
        project.add_documents([
            DocumentInput(text=f"第{i}篇报道。经济增长放缓，政府宣布新的刺激政策。" * 20, name=f"doc{i}")
            for i in range(n_documents)
        ])
        code = project.add_code("Economic/Costs")
        coder = project.ensure_coder("alice")
        project.add_segment(1, coder.id, code.id, 0, 10)
    return path


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "sample.annotator")

