"""The Simplified Chinese interface: complete .ts sources, .qm files compiled from them, and every
translatable string in annotator/gui present in the .ts (so nothing new ships untranslated)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILES = sorted(TRANSLATIONS.glob("annotator_*.ts"))
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z0-9_]*(?::[^}]*)?\}")

pytestmark = pytest.mark.skipif(not TS_FILES, reason="no .ts files yet (make translations)")


def tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def live_messages(ts: Path):
    """(context, source, translation element) of every message still used by the code."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            yield name, message.findtext("source"), translation


def translated_texts(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_translated(ts):
    untranslated = [f"{ctx}: {src!r}" for ctx, src, tr in live_messages(ts)
                    if tr.get("type") == "unfinished" or not all(t.strip() for t in translated_texts(tr))]
    assert not untranslated, f"{len(untranslated)} untranslated in {ts.name}: {untranslated[:20]}"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translations_keep_placeholders_and_accelerators(ts):
    problems = []
    for ctx, src, tr in live_messages(ts):
        wanted = sorted(set(PLACEHOLDER.findall(src)))
        for text in translated_texts(tr):
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                problems.append(f"{ctx}: {src!r} -> {text!r} (placeholders)")
            if re.search(r"&[^&\s]", src) and not re.search(r"&[^&\s]", text):
                problems.append(f"{ctx}: {src!r} -> {text!r} (lost the &-accelerator)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_compiled_qm_is_up_to_date(ts, tmp_path):
    qm = ts.with_suffix(".qm")
    assert qm.is_file(), f"{qm.name} missing: run `make translations`"
    lrelease = tool("pyside6-lrelease") or tool("lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not available")
    fresh = tmp_path / qm.name
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: run `make translations`"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_qm_loads_and_translates(ts, qapp):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    ctx, src, tr = next((c, s, t) for c, s, t in live_messages(ts) if t.find("numerusform") is None)
    assert translator.translate(ctx, src) == tr.text


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_gui_string_is_in_the_ts(ts, tmp_path):
    """Extract annotator/gui again into a copy: anything new would come out unfinished."""
    lupdate = tool("pyside6-lupdate") or tool("lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not available")
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    sources = sorted(str(p) for p in (ROOT / "annotator" / "gui").rglob("*.py"))
    subprocess.run([lupdate, "-silent", "-locations", "none", *sources, "-ts", str(copy)], check=True)
    new = [f"{ctx}: {src!r}" for ctx, src, tr in live_messages(copy) if tr.get("type") == "unfinished"]
    assert not new, f"{len(new)} strings in annotator/gui are not in {ts.name} (run `make translations` " \
                    f"and translate them): {new[:20]}"
