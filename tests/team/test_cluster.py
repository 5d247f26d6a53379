"""The throwaway cluster itself: reachable, 15 or newer, password authentication on."""

from __future__ import annotations

import psycopg
import pytest


def test_cluster_runs_a_supported_server(pg_server):
    with pg_server.connect() as conn:
        assert conn.info.server_version >= 150000
        assert conn.execute("SHOW password_encryption").fetchone()[0] == "scram-sha-256"


def test_a_wrong_password_is_refused(pg_server):
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_server.url(password="wrong"), connect_timeout=5)
