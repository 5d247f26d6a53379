"""Errors a team command reports in one line (the CLI prints them and exits 2; the GUI shows them)."""

from __future__ import annotations

from annotator.core.errors import AnnotatorError


class TeamError(AnnotatorError):
    """A team operation cannot go on: bad connection string, refused login, unknown coder, newer server."""


class ServerUnavailable(TeamError):
    """The server cannot be reached or went away; local work is safe and a later sync finishes the job."""
