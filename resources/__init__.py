"""Bundled resources (codebook templates, sample articles, icons, translations), shipped in the wheel
as the ``annotator.resources`` package."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a bundled resource, e.g. ``resource_path("codebooks", "policy-frames.csv")``."""
    return ROOT.joinpath(*parts)
