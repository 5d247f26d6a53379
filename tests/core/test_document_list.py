"""The document list's SQL: filters, sets, statuses and orders, read from a covering index (migration 8)."""

from __future__ import annotations

import pytest

from annotator.core.model import DocumentInput
from annotator.core.store import DocumentListQuery


@pytest.fixture
def listed(project):
    project.add_documents([
        DocumentInput(text="Dock workers strike again.", name="b-strike", title="Strike", outlet="Ledger", date="2024-03-01",
                      language="en"),
        DocumentInput(text="孕妇血样走私案。", name="a-blood", title="血样案", outlet="日报", date="2024-01-05", language="zh"),
        DocumentInput(text="Prices rise 50% in a year.", name="c-prices", title="", outlet="ledger", date="2023-12-31",
                      language="en"),
        DocumentInput(text="The 100_000 club.", name="d_club", title="Club_news", outlet="Wire", date="2024-02-02",
                      language="en"),
    ])
    ana = project.ensure_coder("Ana").id
    ids = project.document_list_ids(DocumentListQuery())
    project.set_assignment(ids[2], ana, "done")
    project.set_assignment(ids[0], ana, "assigned")
    return project, ids, ana


def titles(project, query):
    return [d.label for d in project.listed_documents(project.document_list_ids(query))]


def test_default_order_is_import_order_and_rows_come_back_in_the_order_asked(listed):
    project, ids, ana = listed
    assert titles(project, DocumentListQuery()) == ["Strike", "血样案", "c-prices", "Club_news"]
    rows = project.listed_documents([ids[3], ids[0], 999_999], coder_id=ana)
    assert [r.id for r in rows] == [ids[3], ids[0]]  # an unknown id is left out
    assert rows[1].status == "assigned" and rows[1].outlet == "Ledger" and rows[1].length == 26


def test_sorts_run_in_sql_with_ties_by_id(listed):
    project, ids, ana = listed
    assert titles(project, DocumentListQuery(sort="title")) == ["c-prices", "Club_news", "Strike", "血样案"]
    assert titles(project, DocumentListQuery(sort="date", descending=True))[0] == "Strike"
    assert titles(project, DocumentListQuery(sort="outlet"))[:2] == ["Strike", "c-prices"]  # Ledger, ledger
    by_status = project.document_list_ids(DocumentListQuery(sort="status", coder_id=ana))
    assert by_status[-2:] == [ids[0], ids[2]]  # '' < 'assigned' < 'done'
    with pytest.raises(ValueError):
        project.document_list_ids(DocumentListQuery(sort="text"))


def test_text_filter_is_a_literal_substring_of_the_listed_fields(listed):
    project, ids, _ana = listed
    assert titles(project, DocumentListQuery(text="LEDGER")) == ["Strike", "c-prices"]
    assert titles(project, DocumentListQuery(text="血样")) == ["血样案"]
    assert titles(project, DocumentListQuery(text="2024-0")) == ["Strike", "血样案", "Club_news"]
    assert titles(project, DocumentListQuery(text="_")) == ["Club_news"]  # not a LIKE wildcard
    assert titles(project, DocumentListQuery(text="%")) == []
    assert titles(project, DocumentListQuery(ids=(ids[1], ids[3]))) == ["血样案", "Club_news"]


def test_set_filter_and_memo_marks(listed):
    project, ids, ana = listed
    set_id = project.ensure_document_set("wave 1").id
    project.add_to_set(set_id, [ids[1], ids[3]])
    assert project.document_list_ids(DocumentListQuery(set_id=set_id)) == [ids[1], ids[3]]
    project.add_memo("check the date", document_id=ids[3], coder_id=ana)
    assert [r.has_memo for r in project.listed_documents(ids)] == [False, False, False, True]


def test_facets_and_the_covering_index(listed):
    project, _ids, _ana = listed
    assert project.document_facets() == (["Ledger", "Wire", "ledger", "日报"], ["en", "zh"])
    plan = " ".join(str(r) for r in project.db.execute(
        "EXPLAIN QUERY PLAN SELECT d.id FROM documents d INDEXED BY idx_documents_listing ORDER BY d.title"))
    assert "COVERING INDEX idx_documents_listing" in plan
