"""Scale section: streaming import and export of 100,000 articles, and opening a 2 GB project (issue 18).

Targets: import of a 100,000-article CSV and export of the archive's segments and of a .qdpx with peak
memory below 400 MiB (the import read the whole CSV first: 1.8 GiB; the exports built the CSV text or the
XML tree in memory: 2.6-2.7 GiB); opening a 2 GB project below 100 ms (every open ran PRAGMA quick_check,
1.6-1.8 s). Each figure is a fresh process (``python_child``) that measures its own work and reads its own
peak (VmHWM). Peers, timed in the same run: for the import, Python's csv module merely reading the same
file; for the segments export, SQLite handing over the same rows without writing them; for opening, the
old way (connect, then ``PRAGMA quick_check``).
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from conftest import SCALE_ARTICLES
from data_cache import cached, private_copy
from generate import article_text, generate_csv
from scale import Target, python_child

from annotator.core.model import DocumentInput
from annotator.core.store import Project

TWO_GB = int(os.environ.get("ANNOTATOR_SCALE_OPEN_BYTES", 2 * 1024**3))  # smaller for a trial run


def corpus_csv() -> Path:
    params = {"articles": SCALE_ARTICLES, "seed": 7, "chars": 3000}
    return cached("articles-csv", ".csv", params, lambda path: generate_csv(
        path, SCALE_ARTICLES, seed=7, chars_per_article=3000, zh_share=0.5), project=False)


def two_gb_project(archive: Path) -> Path:
    """The archive, grown past 2 GiB with more (English) articles: the size the issue measured opens at."""
    def build(path: Path) -> None:
        shutil.copyfile(archive, path)
        path.chmod(0o644)
        rng = random.Random(21)
        index = 10**7
        while path.stat().st_size < TWO_GB:
            with Project.open(path) as project:
                project.add_documents(DocumentInput(text=article_text(rng, index + i, 12_000, False),
                                                    name=f"padding-{index + i}", language="en")
                                      for i in range(10_000))
            index += 10_000

    return cached("project-2gb", ".annotator", {"from": archive.name[:40], "bytes": TWO_GB}, build)


def test_scale_streaming_import_and_exports(scale, archive, tmp_path):
    csv_path = corpus_csv()
    megabytes = csv_path.stat().st_size / 2**20
    imported = tmp_path / "imported.annotator"
    ours = python_child(f"""
import time
from annotator.core.importers.batch import import_files
from annotator.core.store import Project
started = time.perf_counter()
with Project.create({str(imported)!r}) as project:
    result = import_files(project, [{str(csv_path)!r}])
report(seconds=time.perf_counter() - started, documents=result.documents.added_count)
""")
    peer = python_child(f"""
import csv, time
csv.field_size_limit(1 << 30)
started = time.perf_counter()
with open({str(csv_path)!r}, encoding="utf-8", newline="") as handle:
    rows = sum(1 for _ in csv.reader(handle))
report(seconds=time.perf_counter() - started, rows=rows)
""")
    assert ours.extra["documents"] == SCALE_ARTICLES
    scale.row("import CSV (`annotator import`)", f"{SCALE_ARTICLES:,} articles ({megabytes:,.0f} MB)", ours,
              peer_name="csv module reading the file", peer=peer, target=Target(peak_mib=400),
              notes="stored in slices of 500 as the file is read, one transaction", owner="safety")

    segments = tmp_path / "segments.csv"
    ours = python_child(f"""
import time
from annotator.core.exporters.segments import export_segments_csv
from annotator.core.store import Project
started = time.perf_counter()
with Project.open({str(archive)!r}, readonly=True) as project:
    rows = export_segments_csv(project, {str(segments)!r})
report(seconds=time.perf_counter() - started, rows=rows)
""")
    peer = python_child(f"""
import sqlite3, time
from annotator.core.store.summaries import SEGMENT_EXPORT_SELECT
started = time.perf_counter()
conn = sqlite3.connect("file:{archive}?mode=ro", uri=True)
rows = sum(1 for _ in conn.execute(SEGMENT_EXPORT_SELECT.format(where="")))
report(seconds=time.perf_counter() - started, rows=rows)
""")
    scale.row("export segments CSV", f"{SCALE_ARTICLES:,} articles, {ours.extra['rows']:,} segments", ours,
              peer_name="SQLite reading the same rows", peer=peer, target=Target(peak_mib=400),
              notes="rows written as the query yields them", owner="safety")

    qdpx = tmp_path / "archive.qdpx"
    ours = python_child(f"""
import time
from annotator.core.exchange.refi import export_qdpx
from annotator.core.store import Project
started = time.perf_counter()
with Project.open({str(archive)!r}, readonly=True) as project:
    written = export_qdpx(project, {str(qdpx)!r})
report(seconds=time.perf_counter() - started, documents=written.documents, segments=written.segments)
""")
    scale.row("export .qdpx", f"{SCALE_ARTICLES:,} articles, {ours.extra['segments']:,} selections", ours,
              target=Target(peak_mib=400), notes=f"XML written element by element, documents read 500 at a time; "
              f"{qdpx.stat().st_size / 2**20:,.0f} MB archive", owner="safety")


OPEN = """
import time
from annotator.core.store import Project
started = time.perf_counter()
project = Project.open({path!r}, readonly={readonly})
documents = project.document_count()
project.close()
report(seconds=time.perf_counter() - started, documents=documents)
"""
OLD_OPEN = """
import sqlite3, time
started = time.perf_counter()
conn = sqlite3.connect({path!r})
ok = conn.execute("PRAGMA quick_check").fetchone()[0]
documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
conn.close()
report(seconds=time.perf_counter() - started, documents=documents)
"""


def test_scale_open_a_2_gb_project(scale, archive, tmp_path):
    big = private_copy(two_gb_project(archive), tmp_path)
    gigabytes = big.stat().st_size / 2**30
    for readonly, what in ((True, "open a project, read-only (every CLI report)"),
                           (False, "open a project for writing (the app, edits)")):
        ours, peer = scale.paired(lambda: python_child(OPEN.format(path=str(big), readonly=readonly)),
                                  lambda: python_child(OLD_OPEN.format(path=str(big))), runs=3)
        scale.row(what, f"{gigabytes:.1f} GB, {ours.extra['documents']:,} articles", ours,
                  peer_name="connect + quick_check (before)", peer=peer, target=Target(seconds=0.1),
                  notes="header, log and schema checks; the full check runs after an unclean shutdown, on "
                  "`annotator check` and in the background", owner="safety")
