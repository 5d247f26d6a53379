"""Shared fixtures: a fresh project per test, the shared reference folder, offscreen Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:  # property tests draw the same examples on every run: a red CI is reproducible, never a lottery
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("annotator", derandomize=True, deadline=None, print_blob=True)
    _hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "annotator"))
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Keep jieba's cache, settings and demo projects out of the user's real folders."""
    data = tmp_path_factory.getbasetemp() / "annotator-data"
    data.mkdir(exist_ok=True)
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "config"))


@pytest.fixture
def shared() -> Path:
    """../shared beside the clone; tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared (reference material) is not beside this clone")
    return SHARED


@pytest.fixture
def project(tmp_path):
    from annotator.core.store import Project

    p = Project.create(tmp_path / "test.annotator")
    yield p
    p.close()


@pytest.fixture(autouse=True)
def _reset_interface_locale():
    """Tests that switch the interface to Chinese must not leak that choice into later tests (the
    QApplication is shared by the whole session)."""
    yield
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None and app.property("interface_locale"):
            app.setProperty("interface_locale", None)
