"""The store (annotator/core/store/) is the only place that speaks SQL: views, commands, exporters and
the CLI ask it by name, so a schema change is made in one package and every query can be found there.
The PostgreSQL side of team projects (annotator/core/team/) is the team server's own store."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"
SQL_CALL = re.compile(r"\.(execute|executemany|executescript)\(|\.db\.|\bsqlite3\.connect\(")


def test_no_sql_outside_the_store():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(("core/store/", "core/team/")):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL_CALL.search(line):
                offenders.append(f"annotator/{relative}:{number}: {line.strip()}")
    assert not offenders, "SQL outside annotator/core/store:\n" + "\n".join(offenders)
