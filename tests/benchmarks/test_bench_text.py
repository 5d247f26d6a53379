"""Benchmarks for Chinese segmentation, the token cache and corpus search (``make bench``).

Targets from the issue: segmenting a 1,000,000-character Chinese corpus < 3 s; re-opening uses the cache
(< 0.1 s per document); a search over 10,000 documents < 100 ms. The corpus is generated from a
vocabulary written for this file, shuffled with a fixed seed, so runs of Han characters rarely repeat
(no help from jieba's per-run cache).
"""

from __future__ import annotations

import random

import pytest

from annotator.core import segmentation
from annotator.core.model import DocumentInput
from annotator.core.search import search
from annotator.core.store import Project

VOCABULARY = (
    "政府 官员 表示 记者 昨日 今日 发布会 专家 学者 研究 团队 发现 医院 医生 护士 病人 孕妇 血样 检测 "
    "结果 病毒 疫苗 接种 健康 安全 生物 实验室 管理 数据 公开 透明 经济 市场 企业 产业 投资 增长 就业 "
    "出口 进口 海关 警方 逮捕 案件 调查 法院 审判 法律 条例 立法会 议员 批评 支持 反对 市民 家长 学生 "
    "学校 教育 改革 政策 措施 加强 推动 发展 合作 交流 香港 深圳 广州 北京 上海 台湾 内地 两岸 国际 "
    "国家 社会 公众 舆论 媒体 报道 新闻 消息 网络 平台 科技 创新 基因 遗传 资源 样本 非法 走私 运送 "
    "中介 公司 费用 价格 利润 风险 危机 问题 挑战 机遇 未来 计划 目标 方案 标准 质量 环境 污染 气候 "
    "能源 交通 住房 土地 人口 老龄化 医疗 保险 福利 贫困 收入 消费 旅游 文化 历史 传统 节日 体育 比赛 "
    "冠军 选手 教练 观众 艺术 电影 音乐 作家 作品 出版 图书 读者 城市 乡村 农民 农业 粮食 水源 森林"
).split()
FUNCTION = "的 了 在 是 和 与 对 将 也 都 已 于 被 把 从 向 为".split()
PUNCTUATION = "，，，。。、；！？"


def chinese_corpus(documents: int, characters: int, seed: int = 7) -> list[DocumentInput]:
    """``documents`` generated articles of about ``characters`` characters each."""
    rng = random.Random(seed)
    inputs = []
    for n in range(documents):
        parts: list[str] = []
        size = 0
        while size < characters:
            for _ in range(rng.randint(3, 9)):
                word = rng.choice(VOCABULARY) if rng.random() < 0.8 else rng.choice(FUNCTION)
                parts.append(word)
                size += len(word)
            mark = rng.choice(PUNCTUATION)
            parts.append(mark)
            size += 1
        inputs.append(DocumentInput(text="".join(parts)[:characters], name=f"doc-{n:05d}",
                                    outlet=("新华社", "明報", "人民日报", "聯合報")[n % 4], language="zh"))
    return inputs


@pytest.fixture(scope="module")
def million_inputs() -> list[DocumentInput]:
    return chinese_corpus(200, 5000)  # 200 articles of 5,000 characters


def test_segment_a_million_characters(benchmark, tmp_path, million_inputs):
    assert sum(len(d.text) for d in million_inputs) == 1_000_000
    counter = iter(range(1000))

    def fresh() -> tuple[tuple[Project], dict]:
        project = Project.create(tmp_path / f"million-{next(counter)}.annotator")
        project.add_documents(million_inputs)
        return (project,), {}

    def segment(project: Project) -> int:
        try:
            return segmentation.ensure_segmented(project)
        finally:
            project.close()

    segmentation.ensure_segmented(Project.memory())  # load jieba outside the timing
    result = benchmark.pedantic(segment, setup=fresh, rounds=3, iterations=1)
    assert result == 200


def test_reopen_reads_tokens_from_the_cache(benchmark, tmp_path, million_inputs):
    path = tmp_path / "cached.annotator"
    with Project.create(path) as project:
        project.add_documents(million_inputs)
        segmentation.ensure_segmented(project)

    def reopen_and_read_all() -> int:
        with Project.open(path) as project:
            total = 0
            for document in project.documents():
                total += len(segmentation.document_tokens(project, document.id))
            return total

    total = benchmark(reopen_and_read_all)
    assert total > 500_000
    per_document = benchmark.stats.stats.mean / 200
    benchmark.extra_info["seconds_per_document"] = per_document
    assert per_document < 0.1


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory) -> Project:
    path = tmp_path_factory.mktemp("search") / "10k.annotator"
    project = Project.create(path)
    project.add_documents(chinese_corpus(10_000, 300, seed=11))
    segmentation.ensure_segmented(project)
    yield project
    project.close()


def test_search_ten_thousand_documents_for_a_rare_phrase(benchmark, ten_thousand):
    hits = benchmark(search, ten_thousand, "老龄化问题")
    assert hits  # a two-word phrase, in about fifty documents
    benchmark.extra_info["hits"] = len(hits)
    benchmark.extra_info["documents"] = len({h.document_id for h in hits})


def test_search_ten_thousand_documents_first_page_of_a_common_word(benchmark, ten_thousand):
    hits = benchmark(search, ten_thousand, "孕婦", limit=500)  # traditional query, simplified corpus
    assert len(hits) == 500


def test_search_ten_thousand_documents_every_hit_of_a_common_word(benchmark, ten_thousand):
    hits = benchmark(search, ten_thousand, "孕妇")  # in about a quarter of the documents
    benchmark.extra_info["hits"] = len(hits)
    assert len(hits) > 1000
