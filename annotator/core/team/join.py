"""``annotator team join``: make a new local copy of a team project for one coder.

The copy is built in ``NAME.joining`` beside the target and renamed into place only when the first sync
has finished, so an interrupted join leaves no half copy under the real name; a rerun starts over.
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg

from annotator.core.store import Project
from annotator.core.store import sync_log
from annotator.core.team import server_schema
from annotator.core.team.credentials import ServerAddress, describe_error
from annotator.core.team.errors import TeamError
from annotator.core.team.sync import Progress, SyncReport, identify, sync


def join(address: ServerAddress, path: str | os.PathLike[str], coder: str, *, password: str | None = None,
         progress: Progress | None = None) -> SyncReport:
    """Create ``path`` as ``coder``'s copy of the team project at ``address`` and fill it."""
    path = Path(path)
    if path.exists():
        raise TeamError(f"{path}: already exists; a team copy is a new file (choose another name)")
    if not path.parent.is_dir():
        raise TeamError(f"{path}: folder {path.parent} does not exist")
    where = address.display()
    try:
        with address.connect(password=password, autocommit=True) as conn:
            meta = server_schema.read_meta(conn, where)
            rows = conn.execute("SELECT guid, name FROM annotator.coders WHERE NOT deleted ORDER BY name").fetchall()
            found = [g for g, n in rows if n == coder.strip()]
            if not found:
                names = ", ".join(n for _, n in rows) or "none yet"
                raise TeamError(f"{where}: no coder named '{coder}' in the team project '{meta.get('name')}' "
                                f"(coders: {names}); the lead adds one with 'annotator team add-coder'")
            identity = identify(conn, meta, found[0], where)
    except psycopg.Error as exc:
        raise describe_error(exc, address) from None
    partial = path.with_name(path.name + ".joining")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)  # an interrupted join of ours
    project = Project.create(partial)
    try:
        sync_log.link(project, {"url": address.stored, "project_guid": meta["project_guid"], "coder": found[0],
                                "role": "lead" if identity.is_lead else "coder",
                                "server_schema": str(server_schema.SERVER_SCHEMA_VERSION)})
        report = sync(project, password=password, progress=progress, address=address)
    except BaseException:
        project.close()
        partial.unlink(missing_ok=True)
        raise
    project.close()
    os.replace(partial, path)
    return report
