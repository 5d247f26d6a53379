"""A seeded generator of realistic projects, for benchmarks and fault tests.

Why a generator rather than a fixture file: the cost of every operation must be shown growing with the
corpus (100 / 1,000 / 10,000 articles), and a checked-in 100 MB project would be absurd. The output is
deterministic for a given seed, so two runs measure the same work.

What "realistic" means here:
- articles mix Chinese (words drawn from a news vocabulary, no spaces, full-width punctuation) and English;
- a two-level codebook of 20 framing codes (5 frames with 3 sub-frames each);
- each article has a "true" set of coded spans; every coder reproduces it imperfectly: boundaries
  jitter by a few characters, some spans are missed, some codes confused with a sibling, and a few
  extra spans are added, so agreement is clearly imperfect, as in real teams (tune it with ``Noise``);
- every coder is assigned every article, most marked done.

Run as a script to build one: ``python tests/benchmarks/generate.py out.annotator 1000``.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import DocumentInput
from annotator.core.store import Project

# Real Chinese words from news about economy, politics, health, environment and society.
ZH_WORDS: tuple[str, ...] = tuple(
    """
    经济 增长 市场 投资 企业 政府 政策 改革 发展 就业 失业 工资 价格 通胀 出口 进口 贸易 关税 银行 金融
    股市 房地产 消费 税收 财政 预算 债务 利率 货币 汇率 工厂 农民 农业 粮食 能源 石油 电力 煤炭 环境 污染
    空气 气候 变化 排放 治理 生态 保护 城市 农村 居民 社区 教育 学校 学生 老师 医院 医生 患者 疫情 疫苗
    卫生 健康 病毒 防控 检测 隔离 官员 部门 会议 代表 人大 法律 法院 律师 警方 调查 事件 事故 安全 风险
    危机 冲突 争议 抗议 批评 支持 反对 合作 谈判 协议 外交 国际 美国 中国 欧洲 日本 邻国 军队 战争 和平
    记者 媒体 报道 新闻 网络 社交 平台 用户 舆论 公众 专家 学者 研究 数据 报告 显示 表示 认为 指出 强调
    宣布 提出 推动 加强 实施 落实 面临 影响 问题 措施 目标 责任 道德 家庭 儿童 老人 妇女 青年 收入 贫困
    救助 捐款 志愿者 灾区 地震 洪水 干旱 台风 救援 恢复 重建 科技 创新 人工智能 芯片 互联网 公司 市民 消息
    今年 去年 近日 目前 未来 全国 地方 省份 北京 上海 广州 深圳 香港 台湾 武汉 成都 同时 此外 但是 因此
    """.split()
)

EN_WORDS: tuple[str, ...] = tuple(
    """
    economy growth market investment company government policy reform development jobs unemployment wages
    prices inflation exports imports trade tariffs bank finance stocks housing consumers taxes budget debt
    interest currency factory farmers agriculture food energy oil power coal environment pollution air
    climate change emissions governance ecology protection city rural residents community education school
    students teachers hospital doctors patients pandemic vaccine health virus testing quarantine officials
    department meeting delegates parliament law court lawyers police investigation incident accident safety
    risk crisis conflict dispute protest criticism support opposition cooperation talks agreement diplomacy
    international military war peace reporters media coverage news online social platform users opinion
    public experts scholars research data report showed said argued noted stressed announced proposed
    pushed strengthened implemented faced impact problem measures targets responsibility moral family
    children elderly women youth income poverty relief donations volunteers disaster earthquake flood
    drought typhoon rescue recovery rebuilding technology innovation chips internet citizens the of and to
    in a is that for it as was with be by on not they this are or from at which but have has an were
    their been would who will more than
    """.split()
)

# Five generic news frames (Semetko & Valkenburg) with three sub-frames each: 20 codes on 2 levels.
CODEBOOK: dict[str, tuple[str, str, str]] = {
    "Conflict": ("Disagreement", "Blame", "Winners and losers"),
    "Human interest": ("Personal story", "Emotion", "Victims"),
    "Economic": ("Costs", "Gains", "Markets"),
    "Morality": ("Values", "Religion", "Social norms"),
    "Responsibility": ("Government", "Individual", "Solutions"),
}

OUTLETS_ZH = ("人民日报", "新京报", "南方周末", "财新", "澎湃新闻")
OUTLETS_EN = ("Daily Courier", "The Ledger", "Morning Post", "Global Wire", "City Herald")


@dataclass(frozen=True)
class Noise:
    """How imperfectly each coder reproduces the true spans."""

    miss: float = 0.15        # share of true spans a coder leaves out
    confuse: float = 0.10     # share coded with a sibling code instead
    extra: float = 0.10       # extra spans per true span
    jitter: int = 6           # boundary shift, in characters, either way


def article_text(rng: random.Random, index: int, chars: int, chinese: bool) -> str:
    """One article of about ``chars`` code points, paragraphs separated by blank lines."""
    words = ZH_WORDS if chinese else EN_WORDS
    paragraphs: list[str] = []
    # The index in the first line makes every text (and so every content hash) unique.
    head = f"第{index}号报道" if chinese else f"Report number {index}"
    total = len(head)
    paragraph: list[str] = [head + ("。" if chinese else ". ")]
    while total < chars:
        n = rng.randint(6, 18)
        picked = rng.choices(words, k=n)
        if chinese:
            if n > 9:
                picked.insert(n // 2, "，")
            sentence = "".join(picked) + "。"
        else:
            sentence = " ".join(picked).capitalize() + ". "
        paragraph.append(sentence)
        total += len(sentence)
        if len(paragraph) >= rng.randint(3, 6):
            paragraphs.append("".join(paragraph).rstrip())
            paragraph = []
            total += 2
    if paragraph:
        paragraphs.append("".join(paragraph).rstrip())
    return "\n\n".join(paragraphs)


def true_spans(rng: random.Random, length: int, leaves: list[int]) -> list[tuple[int, int, int]]:
    """The reference coding of one article: (code_id, start, end), about one span per 300 characters."""
    spans = []
    for _ in range(max(1, length // 300)):
        size = rng.randint(20, 200)
        start = rng.randrange(0, max(1, length - size))
        spans.append((rng.choice(leaves), start, min(length, start + size)))
    return spans


def coder_spans(rng: random.Random, truth: list[tuple[int, int, int]], length: int,
                siblings: dict[int, list[int]], leaves: list[int], noise: Noise) -> list[tuple[int, int, int]]:
    """One coder's imperfect copy of the true spans."""
    out = []
    for code_id, start, end in truth:
        if rng.random() < noise.miss:
            continue
        if rng.random() < noise.confuse:
            code_id = rng.choice(siblings[code_id])
        s = min(max(0, start + rng.randint(-noise.jitter, noise.jitter)), length - 1)
        e = min(length, max(s + 1, end + rng.randint(-noise.jitter, noise.jitter)))
        out.append((code_id, s, e))
    for _ in range(sum(rng.random() < noise.extra for _ in truth)):
        size = rng.randint(15, 150)
        s = rng.randrange(0, max(1, length - size))
        out.append((rng.choice(leaves), s, min(length, s + size)))
    return out


def add_codebook(project: Project) -> tuple[list[int], dict[int, list[int]]]:
    """The 20-code framing codebook; returns leaf ids and, per leaf, its siblings."""
    leaves: list[int] = []
    siblings: dict[int, list[int]] = {}
    with project.transaction():
        for frame, subframes in CODEBOOK.items():
            project.add_code(frame, description=f"The {frame.lower()} frame")
            ids = [project.add_code(f"{frame}/{sub}").id for sub in subframes]
            leaves.extend(ids)
            for code_id in ids:
                siblings[code_id] = [other for other in ids if other != code_id]
    return leaves, siblings


def generate_project(
    path: str | Path,
    n_articles: int,
    n_coders: int = 3,
    n_codes: int = 20,
    seed: int = 0,
    chars_per_article: int = 3000,
    zh_share: float = 0.5,
    noise: Noise = Noise(),
    batch: int = 500,
) -> Path:
    """Create a coded project at ``path`` (which must not exist) and return the path.

    ``n_codes`` is fixed at 20 by the codebook; it is accepted so callers can state it explicitly.
    """
    if n_codes != 20:
        raise ValueError("the generated codebook has exactly 20 codes")
    rng = random.Random(seed)
    path = Path(path)
    project = Project.create(path)
    try:
        leaves, siblings = add_codebook(project)
        coders = [project.ensure_coder(f"coder{i + 1}").id for i in range(n_coders)]
        for first in range(0, n_articles, batch):
            inputs, languages = [], []
            for index in range(first, min(n_articles, first + batch)):
                chinese = rng.random() < zh_share
                chars = max(200, int(rng.gauss(chars_per_article, chars_per_article / 4)))
                inputs.append(DocumentInput(
                    text=article_text(rng, index, chars, chinese),
                    name=f"article-{index:06d}",
                    title=(f"报道 {index}" if chinese else f"Story {index}"),
                    outlet=rng.choice(OUTLETS_ZH if chinese else OUTLETS_EN),
                    date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    language="zh" if chinese else "en",
                ))
            report = project.add_documents(inputs)
            rows: list[tuple[int, int, int, int, int, str]] = []
            assignments: dict[tuple[int, int], str] = {}
            for doc in report.added:
                truth = true_spans(rng, doc.length, leaves)
                for coder_id in coders:
                    for code_id, s, e in coder_spans(rng, truth, doc.length, siblings, leaves, noise):
                        rows.append((doc.id, coder_id, code_id, s, e, ""))
                    status = "done" if rng.random() < 0.8 else "in_progress"
                    assignments[doc.id, coder_id] = status
            project.add_segments(rows)
            project.set_assignments(assignments)
    finally:
        project.close()
    return path


def add_dense_document(project: Project, n_segments: int = 5000, seed: int = 0,
                       chars: int = 60000) -> int:
    """Add one long article carrying ``n_segments`` segments (3 coders); returns its id."""
    rng = random.Random(seed)
    report = project.add_documents([DocumentInput(
        text=article_text(rng, 10**9 + seed, chars, True), name=f"dense-{seed}", language="zh")])
    doc = report.added[0]
    leaves = [c.id for c in project.codes() if c.level == 2] or [project.add_code("Dense").id]
    coders = [project.ensure_coder(f"coder{i + 1}").id for i in range(3)]
    rows = []
    for i in range(n_segments):
        s = rng.randrange(0, doc.length - 50)
        rows.append((doc.id, coders[i % 3], rng.choice(leaves), s, s + rng.randint(5, 50), ""))
    project.add_segments(rows)
    return doc.id


def generate_csv(path: str | Path, n_articles: int, seed: int = 0, chars_per_article: int = 3000,
                 zh_share: float = 0.5) -> Path:
    """A UTF-8 CSV of articles (one per row: name, title, outlet, date, language, url, text)."""
    rng = random.Random(seed)
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "title", "outlet", "date", "language", "url", "text"])
        for index in range(n_articles):
            chinese = rng.random() < zh_share
            chars = max(200, int(rng.gauss(chars_per_article, chars_per_article / 4)))
            writer.writerow([
                f"article-{index:06d}",
                f"报道 {index}" if chinese else f"Story {index}",
                rng.choice(OUTLETS_ZH if chinese else OUTLETS_EN),
                f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "zh" if chinese else "en",
                f"https://news.example.org/{index}",
                article_text(rng, index, chars, chinese),
            ])
    return path


if __name__ == "__main__":
    target, count = Path(sys.argv[1]), int(sys.argv[2])
    generate_project(target, count)
    print(f"{target}: {count} articles")
