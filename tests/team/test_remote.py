"""The server side of a push on its own: idempotent upserts and tombstones, typed by the table."""

from __future__ import annotations

import psycopg

from annotator.core.team import remote


def _segment(conn, guid: str, memo: str = "") -> dict:
    document, code, coder = conn.execute(
        "SELECT (SELECT guid FROM annotator.documents LIMIT 1), (SELECT guid FROM annotator.codes LIMIT 1), "
        "(SELECT guid FROM annotator.coders WHERE name = 'Ana')").fetchone()
    return {"guid": guid, "document_guid": document, "coder_guid": coder, "code_guid": code, "start": 3,
            "end": 9, "memo": memo, "created": "", "updated": ""}


def test_pushing_the_same_rows_twice_changes_nothing_the_second_time(team):
    with psycopg.connect(team.url(), autocommit=True) as conn:
        rows = [_segment(conn, f"S{i}") for i in range(3)]
        assert len(remote.upsert(conn, "segments", rows)) == 3
        before = conn.execute("SELECT max(xid::text::bigint) FROM annotator.segments").fetchone()[0]
        assert remote.upsert(conn, "segments", rows) == []
        assert conn.execute("SELECT max(xid::text::bigint) FROM annotator.segments").fetchone()[0] == before
        rows[0]["memo"] = "changed"
        assert remote.upsert(conn, "segments", rows) == [("S0",)]
        assert sorted(remote.tombstone(conn, "segments", [("S1",), ("S2",)])) == [("S1",), ("S2",)]
        assert remote.tombstone(conn, "segments", [("S1",), ("S2",)]) == []
        assert remote.upsert(conn, "segments", rows[1:2]) == [("S1",)]  # a deleted row comes back when pushed again
        live = conn.execute("SELECT guid FROM annotator.segments WHERE NOT deleted ORDER BY guid").fetchall()
        assert live == [("S0",), ("S1",)]


def test_text_with_quotes_and_chinese_travels_intact(team):
    memo = "他说：“生物安全”; 'quoted' \\ back\\slash, {braces} and emoji 👶"
    with psycopg.connect(team.url(), autocommit=True) as conn:
        remote.upsert(conn, "segments", [_segment(conn, "Q1", memo)])
        assert conn.execute("SELECT memo FROM annotator.segments WHERE guid = 'Q1'").fetchone()[0] == memo
