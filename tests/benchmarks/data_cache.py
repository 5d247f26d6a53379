"""Generated benchmark data, built once and kept between bench runs.

A 100,000-article project takes minutes to generate and is the same every time for a given seed, so it
is built once into a cache folder and reused: ``$ANNOTATOR_BENCH_CACHE``, else ``annotator-bench-cache``
in the system temp folder. The file name holds everything the content depends on: the kind of data,
its parameters (seed included), ``GENERATOR_VERSION`` (bump it when generate.py changes what it writes)
and, for projects, the schema version (a migration changes the file; an older cached file is upgraded). Files are built under a temporary name and
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
    """A readable, unique file stem: kind, the main parameters, and a hash of them all with the generator."""
    items = sorted(params.items())
    digest = hashlib.sha256(repr((kind, items, GENERATOR_VERSION)).encode()).hexdigest()[:10]
    short = "-".join(f"{k}{v}" for k, v in items if isinstance(v, (int, str)) and len(str(v)) <= 12)
    return f"{kind}-{short}-g{GENERATOR_VERSION}-{digest}"


def cached(kind: str, suffix: str, params: dict[str, object], build: Callable[[Path], object],
           project: bool = True) -> Path:
    """The cached file for (kind, params), built by ``build(path)`` on first use.

    A ``project`` file also depends on the schema: its name carries the schema version, and when only a
    file of an older schema is cached (a migration landed since), a copy of it is upgraded instead of
    generating everything again.
    """
    stem = cache_key(kind, params)
    target = cache_dir() / (f"{stem}-s{_schema_version()}{suffix}" if project else f"{stem}{suffix}")
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
            older = _older_schema(stem, suffix) if project else None
            if older is not None:
                shutil.copyfile(older, partial)
                partial.chmod(0o644)
                _upgrade(partial)
            else:
                build(partial)
            for side in (Path(f"{partial}-wal"), Path(f"{partial}-shm")):
                if side.exists():
                    raise RuntimeError(f"{side}: builder left a WAL file; close the project before returning")
            partial.chmod(0o444)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def _older_schema(stem: str, suffix: str) -> Path | None:
    """The cached file of the same data at the newest schema older than ours, if any."""
    current = _schema_version()
    found: list[tuple[int, Path]] = []
    for path in cache_dir().glob(f"{stem}-s*{suffix}"):
        version = path.name[len(stem) + 2:len(path.name) - len(suffix)]
        if version.isdigit() and int(version) < current:
            found.append((int(version), path))
    return max(found)[1] if found else None


def _upgrade(path: Path) -> None:
    from annotator.core.store import Project

    Project.open(path).close()  # opening migrates; closing folds the WAL back into the file


def private_copy(source: Path, folder: Path) -> Path:
    """A writable copy of a cached file in ``folder`` (benchmarks that change or open it for writing)."""
    target = folder / source.name
    if not target.exists():
        shutil.copyfile(source, target)
        target.chmod(0o644)
    return target
