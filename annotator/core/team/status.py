"""``annotator team status``: who finished what, when each coder last synced, what waits for the lead.

The lead sees every coder; a coder sees themselves only (row-level security decides, not this code).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import psycopg

from annotator.core.team import server_schema
from annotator.core.team.credentials import ServerAddress, describe_error
from annotator.core.team.ownership import RULES


@dataclass
class CoderProgress:
    name: str
    login: str | None
    active: bool
    assigned: int = 0
    in_progress: int = 0
    done: int = 0
    segments: int = 0
    last_sync: str | None = None


@dataclass
class TeamStatus:
    where: str
    project: str
    lead: str
    documents: int
    revealed: int
    coders: list[CoderProgress] = field(default_factory=list)
    proposals: list[dict[str, str]] = field(default_factory=list)
    rules: tuple[str, ...] = RULES

    def to_json_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"team project '{self.project}' on {self.where} (lead: {self.lead}): {self.documents} documents, "
               f"{self.revealed} revealed for review"]
        out.append(f"{'coder':<20} {'login':<16} {'assigned':>8} {'started':>8} {'done':>6} {'segments':>9}  last sync")
        for c in self.coders:
            name = c.name + ("" if c.active else " (disabled)")
            out.append(f"{name:<20} {c.login or '-':<16} {c.assigned:>8} {c.in_progress:>8} {c.done:>6} "
                       f"{c.segments:>9}  {c.last_sync or 'never'}")
        for p in self.proposals:
            out.append(f"proposed code '{p['path']}' by {p['by']}: accept with 'annotator team accept-code'")
        out.append("who owns what:")
        out.extend(f"  - {rule}" for rule in self.rules)
        return out


def team_status(address: ServerAddress, *, password: str | None = None) -> TeamStatus:
    where = address.display()
    try:
        with address.connect(password=password, autocommit=True) as conn:
            meta = server_schema.read_meta(conn, where)
            documents, revealed = conn.execute(
                "SELECT count(*), count(revealed_at) FROM annotator.documents WHERE NOT deleted").fetchone()  # type: ignore[misc]
            status = TeamStatus(where, meta.get("name", ""), meta.get("lead_login", ""), documents, revealed)
            for row in conn.execute(
                    "SELECT c.name, c.login, c.active, "
                    "  count(*) FILTER (WHERE a.status = 'assigned'), count(*) FILTER (WHERE a.status = 'in_progress'), "
                    "  count(*) FILTER (WHERE a.status = 'done'), "
                    "  (SELECT count(*) FROM annotator.segments s WHERE s.coder_guid = c.guid AND NOT s.deleted), "
                    "  (SELECT max(e.at) FROM annotator.sync_events e WHERE e.login = c.login) "
                    "FROM annotator.coders c "
                    "LEFT JOIN annotator.assignments a ON a.coder_guid = c.guid AND NOT a.deleted "
                    "WHERE NOT c.deleted AND (current_user = %s OR c.login = current_user) "
                    "GROUP BY c.guid ORDER BY c.name", (meta.get("lead_login"),)):
                name, login, active, assigned, started, done, segments, last = row
                status.coders.append(CoderProgress(name, login, active, assigned, started, done, segments,
                                                   last.isoformat(timespec="seconds") if last else None))
            for path, by in conn.execute(
                    "SELECT k.path, coalesce(c.name, '?') FROM annotator.codes k "
                    "LEFT JOIN annotator.coders c ON c.guid = k.proposed_by "
                    "WHERE k.status = 'proposed' AND NOT k.deleted ORDER BY k.path"):
                status.proposals.append({"path": path, "by": by})
            return status
    except psycopg.Error as exc:
        raise describe_error(exc, address) from None
