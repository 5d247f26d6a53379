"""The PyInstaller spec and, when ``make bundle`` has been run, the frozen app itself.

Building takes a minute and needs PyInstaller, so the build is left to ``make bundle``; these tests
check the spec is well formed always and exercise ``dist/annotator`` only where it exists.
"""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "annotator.spec"
FROZEN = ROOT / "dist" / "annotator" / ("annotator.exe" if os.name == "nt" else "annotator")

needs_bundle = pytest.mark.skipif(not FROZEN.exists(), reason="no frozen app: run `make bundle` first")


def test_spec_is_valid_python_and_bundles_the_data_the_app_needs():
    source = SPEC.read_text(encoding="utf-8")
    ast.parse(source)
    for needed in ('"resources"', '"docs"', '"jieba"', '"opencc"', '"trafilatura"', '"justext"', "collect_submodules"):
        assert needed in source
    assert (ROOT / "packaging" / "annotator_main.py").is_file()


@needs_bundle
@pytest.mark.slow
def test_frozen_app_reports_its_version():
    from annotator import __version__

    result = subprocess.run([str(FROZEN), "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and __version__ in result.stdout


@needs_bundle
@pytest.mark.slow
def test_frozen_app_creates_a_project_from_a_bundled_codebook(tmp_path):
    result = subprocess.run([str(FROZEN), "init", str(tmp_path / "t.annotator"), "--codebook", "policy-frames"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.annotator").is_file()


@needs_bundle
@pytest.mark.slow
def test_frozen_app_renders_a_screenshot_offscreen(tmp_path):
    png = tmp_path / "bundle.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(FROZEN), "--screenshot", str(png)], capture_output=True, text=True,
                            timeout=180, env=env)
    if "No module named 'annotator.gui.app'" in result.stderr:
        pytest.skip("dist/annotator was built before the GUI existed: run `make bundle` again")
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_spec_excludes_no_qt_module_the_app_imports():
    import re

    spec = SPEC.read_text(encoding="utf-8")
    excludes = spec[spec.index("excludes = ["):]
    excludes = set(re.findall(r'"(PySide6\.Qt\w+)"', excludes[: excludes.index("]")]))
    used = set()
    for path in (ROOT / "annotator").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.Qt\w+", path.read_text(encoding="utf-8")))
    assert not used & excludes, f"the spec leaves out Qt modules the app imports: {sorted(used & excludes)}"
