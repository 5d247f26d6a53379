"""Ownership instead of conflicts: who owns which records of a team project.

A sync sends only what its user owns; the server's row-level security refuses the rest anyway. Anything
else the user changed in the local copy is put back to the server's version by that same sync, and the
sync says so. The rules (``RULES``) are shown by ``annotator team status`` and written in docs/team.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RULES: tuple[str, ...] = (
    "Documents, the codebook, coders, document sets and who is assigned which document belong to the lead.",
    "Each coder's segments, memos and the status of their own assignments belong to that coder. Segments of "
    "coders without a login of their own (such as the consensus coder made in Review) belong to the lead.",
    "A sync sends only what you own. A change you made to something you do not own is put back to the "
    "server's version by that sync, and the sync tells you what it put back.",
    "A code a coder adds is a proposal: it is sent, only that coder and the lead see it, and the lead accepts "
    "it ('annotator team accept-code') into the codebook everyone sees.",
    "When the lead renames or moves a code, every coder's segments follow it (segments refer to the code, "
    "not its name) and each coder's next sync names the change.",
    "When the lead merges a code into another, every coder's segments of it are re-coded to the other, also "
    "those added offline meanwhile. When the lead deletes a code, every coder's segments of it go with it; "
    "the lead undoing the deletion brings them back.",
    "When the lead reveals a document, coders can read everyone's codings of it and their own become "
    "read-only: they have now seen the others'. Changes made to it afterwards are not sent.",
    "Deleting a document (lead) deletes its codings and assignments for everyone; undoing it brings them back.",
    "A coder with a login of their own is not deleted or merged into another coder in a team project (th"
    "at would delete their work everywhere); the lead disables the login instead.",
)


@dataclass(frozen=True)
class Identity:
    """Who is syncing: the lead (owner of the server tables) or one coder."""

    is_lead: bool
    coder_guid: str | None  # the coder this file codes as (the lead's own coder, if any)
    signed_in: frozenset[str] = field(default_factory=frozenset)  # coders with a login other than the lead's

    def owns_coding(self, coder_guid: str | None) -> bool:
        """Segments and memos: a coder's are their own; the lead's are those of every coder without a login
        of their own (the consensus, coders the lead added here and has not given a login)."""
        if self.is_lead:
            return coder_guid is None or coder_guid == self.coder_guid or coder_guid not in self.signed_in
        return coder_guid is None or coder_guid == self.coder_guid

    def owns(self, table: str, record: dict[str, Any], server_row: dict[str, Any] | None = None) -> bool:
        """Whether this user may send ``record`` (the local version) for ``table``."""
        if table in ("segments", "memos"):
            server_coder = server_row.get("coder_guid") if server_row else None
            if server_row is not None and not self.owns_coding(server_coder):
                return False  # someone else's row, whatever the local copy says now
            return self.owns_coding(record.get("coder_guid"))
        if table == "assignments":
            # The lead owns that an assignment exists; the status belongs to its coder (see ``sync``).
            return self.is_lead or record.get("coder_guid") == self.coder_guid
        if table == "codes" and not self.is_lead:
            # A coder's new code is a proposal; an accepted code (or someone else's proposal) is the lead's.
            if server_row is None:
                return True
            return server_row.get("status") == "proposed" and server_row.get("proposed_by") == self.coder_guid
        return self.is_lead
