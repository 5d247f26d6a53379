"""Generated benchmark data, built once and kept between bench runs.

A 100,000-article project takes minutes to generate and is the same every time for a given seed, so it
is built once into a cache folder and reused: ``$ANNOTATOR_BENCH_CACHE``, else ``annotator-bench-cache``
in the system temp folder. The file name holds everything the content depends on: the kind of data,
its parameters (seed included), ``GENERATOR_VERSION`` (bump it when generate.py changes what it writes)
and the schema version (a migration changes the file). Files are built under a temporary name and
renamed when complete, under a lock, so a killed run or two runs at once never leave half a file;
cached files are made read-only, and ``private_copy`` gives a benchmark one it may change.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

# Bump when generate.py (or a builder passed to ``cached``) writes different data for the same parameters.
GENERATOR_VERSION = 1


def cache_dir() -> Path:
    root = Path(os.environ.get("ANNOTATOR_BENCH_CACHE") or Path(tempfile.gettempdir()) / "annotator-bench-cache")
    root.mkdir(parents=True, exist_ok=True)
    return root


def _schema_version() -> int:
    from annotator.core.store.schema import MIGRATIONS

    return len(MIGRATIONS)


def cache_key(kind: str, params: dict[str, object]) -> str:
    """A readable, unique file stem: kind, the main parameters, and a hash of them all with the versions."""
    items = sorted(params.items())
    digest = hashlib.sha256(repr((kind, items, GENERATOR_VERSION, _schema_version())).encode()).hexdigest()[:10]
    short = "-".join(f"{k}{v}" for k, v in items if isinstance(v, (int, str)) and len(str(v)) <= 12)
    return f"{kind}-{short}-g{GENERATOR_VERSION}-s{_schema_version()}-{digest}"


def cached(kind: str, suffix: str, params: dict[str, object], build: Callable[[Path], object]) -> Path:
    """The cached file for (kind, params), built by ``build(path)`` on first use."""
    target = cache_dir() / f"{cache_key(kind, params)}{suffix}"
    if target.exists():
        return target
    with open(cache_dir() / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():  # another run built it while we waited
            return target
        partial = target.with_name(f".building-{os.getpid()}-{target.name}")
        for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            stale.unlink(missing_ok=True)
        try:
            build(partial)
            for side in (Path(f"{partial}-wal"), Path(f"{partial}-shm")):
                if side.exists():
                    raise RuntimeError(f"{side}: builder left a WAL file; close the project before returning")
            partial.chmod(0o444)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def private_copy(source: Path, folder: Path) -> Path:
    """A writable copy of a cached file in ``folder`` (benchmarks that change or open it for writing)."""
    target = folder / source.name
    if not target.exists():
        shutil.copyfile(source, target)
        target.chmod(0o644)
    return target
