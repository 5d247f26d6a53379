"""Benchmarks of the coder's daily loop at 100 / 1,000 / 10,000 articles (about 27 codings each):
listing every coding (Retrieved segments, ``segments list``), one code's codings, a Chinese text filter,
the memo list, and coding a value of an exclusive group (which first looks for siblings to replace).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SIZES

from annotator.core.commands import AddSegment
from annotator.core.memos import memo_entries
from annotator.core.retrieval import RetrievalFilter, retrieve
from annotator.core.store import Project


@pytest.fixture
def opened(generated):
    projects: list[Project] = []

    def open_(n_articles: int) -> Project:
        project = Project.open(generated(n_articles))
        projects.append(project)
        return project

    yield open_
    for project in projects:
        project.close()


@pytest.mark.parametrize("n_articles", SIZES)
def test_retrieve_every_coding(benchmark, opened, n_articles: int) -> None:
    project = opened(n_articles)
    assert len(benchmark(retrieve, project)) == project.counts()["segments"]


@pytest.mark.parametrize("n_articles", SIZES)
def test_retrieve_one_code(benchmark, opened, n_articles: int) -> None:
    project = opened(n_articles)
    wanted = RetrievalFilter(code_ids=[project.codes()[0].id])
    benchmark(retrieve, project, wanted)


@pytest.mark.parametrize("n_articles", SIZES)
def test_retrieve_with_a_chinese_text_filter(benchmark, opened, n_articles: int) -> None:
    project = opened(n_articles)
    benchmark(retrieve, project, RetrievalFilter(text="政府"))


@pytest.mark.parametrize("n_articles", SIZES)
def test_memo_list(benchmark, opened, n_articles: int) -> None:
    benchmark(memo_entries, opened(n_articles))


@pytest.mark.parametrize("n_articles", SIZES)
def test_code_a_value_of_an_exclusive_group_and_undo(benchmark, opened, n_articles: int) -> None:
    project = opened(n_articles)
    group = project.add_code("Bench frame", exclusive=True)
    child = project.add_code("Bench frame/A")
    document, coder = project.documents()[0], project.coders()[0]

    def code_and_undo() -> None:
        command = AddSegment(document.id, coder.id, child.id, 0, 10)
        command.do(project)
        command.undo(project)

    benchmark(code_and_undo)
    project.delete_code(group.id)
