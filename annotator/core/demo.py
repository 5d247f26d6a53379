"""The built-in demo project: four sample articles about one story, a framing codebook, two coders.

Why it exists: a new user should see a realistic project the moment the program opens: Chinese and
English articles, overlapping highlights, memos, a document-level exclusive choice, and two coders who
mostly but not always agree, so the agreement views have something to show.

The articles, outlets and people are fictional and were written for Annotator (``resources/samples``).
Segments are placed by finding phrases in the *stored* text, never by fixed offsets, so editing an article
cannot silently shift the highlights; a phrase that is no longer in its article fails loudly instead.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import DocumentInput
from annotator.core.store import Project

DEMO_FILE_NAME = "demo.annotator"
CODERS = ("Ana", "Ben")
PRIMARY_FRAME = "Primary frame"

_ANA = ("Ana",)
_BEN = ("Ben",)
_BOTH = ("Ana", "Ben")

# Codes, for readability of the table below.
_BIO = "Security/Biosecurity"
_GENE = "Security/Genetic sovereignty"
_CRIME = "Crime and enforcement"
_GENDER = "Son preference and gender"
_DEMO = "Demography and fertility"
_RUMOUR = "Public confusion and conspiracy"
_MARKET = "Economic/Black market"


@dataclass(frozen=True)
class DemoSegment:
    """One intended coding: who applied which code to which phrase of which document."""

    document: str  # document name, as in the manifest
    coders: tuple[str, ...]
    code: str  # code path
    phrase: str  # exact text of the span in the stored document
    memo: str = ""


# Each coder's primary frame per article (coded on the headline). The wire story is the one they split on.
PRIMARY_FRAMES: dict[str, dict[str, str]] = {
    "state-broadcaster": {"Ana": "Security", "Ben": "Security"},
    "hk-paper": {"Ana": "Crime", "Ben": "Crime"},
    "analysis": {"Ana": "Gender", "Ben": "Gender"},
    "wire": {"Ana": "Crime", "Ben": "Security"},
}

# Ben has only coded the first half of the wire story: it is his one unfinished assignment.
IN_PROGRESS = ("wire", "Ben")

SEGMENTS: tuple[DemoSegment, ...] = (
    # ---- state broadcaster: security and enforcement dominate --------------------------------------
    DemoSegment("state-broadcaster", _ANA, _BIO, "有效维护了国家生物安全和人类遗传资源安全"),
    DemoSegment("state-broadcaster", _ANA, _GENE, "人类遗传资源安全"),
    DemoSegment("state-broadcaster", _BEN, _BIO, "国家生物安全"),
    DemoSegment("state-broadcaster", _BEN, _GENE, "人类遗传资源安全"),
    DemoSegment("state-broadcaster", _BOTH, _CRIME, "抓获犯罪嫌疑人十七名，查获尚未运出的血液样本三百余份"),
    DemoSegment("state-broadcaster", _ANA, _CRIME, "专案组摸清了这一团伙的组织架构"),
    DemoSegment("state-broadcaster", _BEN, _CRIME, "经过两个多月的缜密侦查，专案组摸清了这一团伙的组织架构"),
    DemoSegment("state-broadcaster", _BOTH, _CRIME, "将样本藏在零食包装和行李箱夹层中，经口岸携带出境"),
    DemoSegment("state-broadcaster", _BOTH, _MARKET, "每份样本收费三千元至八千元不等，团伙累计非法获利二百余万元"),
    DemoSegment("state-broadcaster", _BEN, _CRIME, "团伙累计非法获利二百余万元"),
    DemoSegment("state-broadcaster", _BOTH, _GENE, "人类遗传资源是关系国家安全和公共利益的重要战略资源"),
    DemoSegment("state-broadcaster", _ANA, _BIO, "一旦被境外机构非法获取、分析和利用，可能对我国生物安全造成难以估量的危害"),
    DemoSegment("state-broadcaster", _BEN, _GENE, "一旦被境外机构非法获取、分析和利用，可能对我国生物安全造成难以估量的危害",
                "About foreign access to genes more than about biosafety, so Genetic sovereignty."),
    DemoSegment("state-broadcaster", _BOTH, _GENE, "未经批准，任何单位和个人不得向境外提供我国人类遗传资源材料"),
    DemoSegment("state-broadcaster", _BEN, _CRIME, "任何单位和个人不得向境外提供我国人类遗传资源材料"),
    DemoSegment("state-broadcaster", _BOTH, _CRIME, "公安机关将持续保持高压严打态势"),
    DemoSegment("state-broadcaster", _ANA, _GENDER, "我国法律明确禁止非医学需要的胎儿性别鉴定",
                "The only hint of why families want the test, and it comes late, as a legal aside."),
    DemoSegment("state-broadcaster", _BEN, _CRIME, "我国法律明确禁止非医学需要的胎儿性别鉴定"),
    DemoSegment("state-broadcaster", _BOTH, _BIO, "出入境旅客不得携带、邮寄人体血液等生物样本"),
    # ---- Hong Kong paper: a cross-border crime fed by demand ---------------------------------------
    DemoSegment("hk-paper", _ANA, _CRIME, "瓦解一個跨境運送孕婦血液樣本的集團，在口岸截獲多名運送者"),
    DemoSegment("hk-paper", _BEN, _CRIME, "瓦解一個跨境運送孕婦血液樣本的集團"),
    DemoSegment("hk-paper", _ANA, _MARKET, "收取數百元報酬的「運血客」"),
    DemoSegment("hk-paper", _BOTH, _MARKET, "每份樣本收費約五千至一萬元"),
    DemoSegment("hk-paper", _ANA, _MARKET, "生意最旺時一日過關逾百份"),
    DemoSegment("hk-paper", _BOTH, _GENDER, "只要內地家庭對「驗男女」的需求仍在，這門生意難以根絕"),
    DemoSegment("hk-paper", _ANA, _MARKET, "這門生意難以根絕",
                "Demand keeps the market alive: coded as market as well as son preference."),
    DemoSegment("hk-paper", _BOTH, _GENDER, "不少孕婦承受來自家人的壓力，明知有風險仍要冒險一試"),
    DemoSegment("hk-paper", _BEN, _CRIME, "單靠執法未必能解決問題"),
    DemoSegment("hk-paper", _BOTH, _CRIME, "正調查涉案化驗所有否違反進出口及醫務相關法例"),
    # ---- English analysis: son preference and demography -------------------------------------------
    DemoSegment("analysis", _ANA, _BIO,
                'the official statement dwelt on biosecurity and the protection of "human genetic resources"',
                "The analysis reports the security frame in order to set it aside."),
    DemoSegment("analysis", _BEN, _GENE, 'the protection of "human genetic resources"'),
    DemoSegment("analysis", _BOTH, _GENDER,
                "the samples were sent abroad for one reason only, to learn whether the baby would be a boy"),
    DemoSegment("analysis", _ANA, _CRIME,
                "identifying fetal sex without a medical reason has been illegal for years"),
    DemoSegment("analysis", _BEN, _GENDER,
                "identifying fetal sex without a medical reason has been illegal for years"),
    DemoSegment("analysis", _ANA, _DEMO, "peaked in the late 2000s at roughly 120 boys for every 100 girls"),
    DemoSegment("analysis", _BEN, _DEMO,
                "The ratio of boys to girls born in the country peaked in the late 2000s at roughly 120 boys for "
                "every 100 girls, far above the natural level of about 105"),
    DemoSegment("analysis", _BOTH, _GENDER, '"The preference has softened, but it has not vanished,"'),
    DemoSegment("analysis", _BOTH, _GENDER, "她说，第二胎一定要是儿子，不然这个家就断了香火",
                "Quoted in Chinese: the incense metaphor is the classic argument about carrying on the line."),
    DemoSegment("analysis", _ANA, _MARKET, "She paid 4,000 yuan for the test."),
    DemoSegment("analysis", _BOTH, _GENDER, "Researchers fear that such decisions end in sex-selective abortion"),
    DemoSegment("analysis", _ANA, _DEMO, "sex-selective abortion, which is almost impossible to measure directly"),
    DemoSegment("analysis", _BOTH, _DEMO,
                "Decades of skewed births have left tens of millions more men than women of marrying age"),
    DemoSegment("analysis", _ANA, _DEMO,
                "the birth rate has fallen to historic lows, despite the end of the one-child policy"),
    DemoSegment("analysis", _BEN, _DEMO, "the birth rate has fallen to historic lows"),
    DemoSegment("analysis", _BEN, _DEMO, "Officials now speak openly of demographic decline."),
    DemoSegment("analysis", _ANA, _RUMOUR, "foreign laboratories were quietly building databases of Chinese genes"),
    DemoSegment("analysis", _BEN, _GENE, "foreign laboratories were quietly building databases of Chinese genes"),
    DemoSegment("analysis", _BOTH, _RUMOUR,
                "\"They're not testing for boys, they're harvesting our DNA \U0001F9EC wake up!!\""),
    DemoSegment("analysis", _ANA, _GENE, "harvesting our DNA"),
    DemoSegment("analysis", _ANA, _RUMOUR, '"Nobody is stealing your genome,"'),
    DemoSegment("analysis", _BOTH, _GENDER, "Your aunt just wants a grandson \U0001F476"),
    DemoSegment("analysis", _BEN, _RUMOUR,
                "captured the gap between the state's framing of the case and the way many ordinary people "
                "understood it"),
    DemoSegment("analysis", _BOTH, _CRIME,
                "Prosecuting the organisers under rules on human genetic material carries heavier penalties"),
    DemoSegment("analysis", _ANA, _GENDER, "Nobody asks why the mothers wanted the test."),
    DemoSegment("analysis", _ANA, _GENDER, "The blood test is simply the latest technology to meet an old demand"),
    DemoSegment("analysis", _BEN, _MARKET, "The blood test is simply the latest technology to meet an old demand"),
    DemoSegment("analysis", _BOTH, _GENDER,
                "Until families value daughters as much as sons, someone will open another."),
    # ---- wire report: mixed framing; Ben stopped halfway -------------------------------------------
    DemoSegment("wire", _BOTH, _CRIME,
                "detained 17 people accused of collecting blood from pregnant women and smuggling the samples "
                "across the border"),
    DemoSegment("wire", _BOTH, _MARKET, "earned more than 2 million yuan ($275,000)"),
    DemoSegment("wire", _ANA, _CRIME, "paid couriers to hide the tubes in luggage and snack packaging"),
    DemoSegment("wire", _BEN, _MARKET, "paid couriers to hide the tubes in luggage and snack packaging"),
    DemoSegment("wire", _BOTH, _BIO, "Authorities described the case as a threat to biosecurity"),
    DemoSegment("wire", _ANA, _GENE, "the unauthorised export of human genetic material was a serious offence"),
    DemoSegment("wire", _BEN, _CRIME, "the unauthorised export of human genetic material was a serious offence"),
    DemoSegment("wire", _ANA, _GENDER, "a measure intended to curb sex-selective abortion"),
    DemoSegment("wire", _ANA, _GENDER,
                "a lingering preference for sons in parts of the country, where the ratio of boys to girls at "
                "birth remains above the natural level"),
    DemoSegment("wire", _ANA, _DEMO, "the ratio of boys to girls at birth remains above the natural level"),
    DemoSegment("wire", _ANA, _DEMO, "China's births have fallen for several years running"),
    DemoSegment("wire", _ANA, _MARKET,
                '"Enforcement can raise the price of these tests, but it does not remove the demand,"'),
    DemoSegment("wire", _ANA, _RUMOUR,
                "others questioned claims that foreign laboratories were collecting genetic data"),
)

DOCUMENT_MEMOS: tuple[tuple[str, str, str], ...] = (
    ("state-broadcaster", "Ana",
     "Security language opens and closes the report; the ban on sex identification appears once, near the end."),
    ("analysis", "Ben",
     "Mentions the official security frame only to contrast it with families' motives. Primary frame: Gender."),
    ("wire", "Ben",
     "Stopped halfway. The second half mixes demand and demography; ask Ana how she coded the unnamed "
     "researcher's quote."),
)

CODE_MEMOS: tuple[tuple[str, str, str], ...] = (
    (_RUMOUR, "Ana",
     "Keep rumours apart from official genetic-sovereignty claims even when they use the same words."),
)


def samples_dir() -> Path:
    """Folder of the bundled sample articles, manifest and demo codebook."""
    from annotator.resources import resource_path

    return resource_path("samples")


def sample_documents() -> list[DocumentInput]:
    """The sample articles as import inputs, with the metadata of ``manifest.json``."""
    folder = samples_dir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [
        DocumentInput(
            text=(folder / entry["file"]).read_text(encoding="utf-8"),
            name=entry["name"],
            title=entry.get("title", ""),
            outlet=entry.get("outlet", ""),
            date=entry.get("date", ""),
            language=entry.get("language", ""),
            url=entry.get("url", ""),
            source_file=entry["file"],
        )
        for entry in manifest["documents"]
    ]


def demo_codebook() -> list[dict[str, object]]:
    """The demo codebook entries (``path`` plus ``add_code`` keywords), parents before children."""
    data = json.loads((samples_dir() / "demo-codebook.json").read_text(encoding="utf-8"))
    return list(data["codes"])


def locate(text: str, phrase: str, document: str) -> tuple[int, int]:
    """Span of the first occurrence of ``phrase`` in a stored text; a missing phrase is a bug in the data."""
    start = text.find(phrase)
    if start < 0:
        raise ValueError(f"demo data: phrase {phrase!r} is not in document '{document}'")
    return start, start + len(phrase)


def headline(text: str) -> str:
    """The first non-empty line: where the document-level primary frame is coded."""
    return next(line for line in text.split("\n") if line.strip())


def create_demo_project(path: str | os.PathLike[str]) -> None:
    """Write the demo project to ``path`` (which must not exist) in one transaction.

    A failure leaves no half-built file behind, so the caller can simply try again.
    """
    path = Path(path)
    project = Project.create(path)
    try:
        with project.transaction():
            _fill(project)
    except BaseException:
        project.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    project.close()


def _fill(project: Project) -> None:
    project.set_meta("demo", "1")
    report = project.add_documents(sample_documents())
    doc_ids = {doc.name: doc.id for doc in report.added}
    texts = {name: project.document_text(doc_id) for name, doc_id in doc_ids.items()}

    code_ids: dict[str, int] = {}
    for entry in demo_codebook():
        fields = dict(entry)
        code_path = str(fields.pop("path"))
        code = project.add_code(code_path, create_parents=False, **fields)  # type: ignore[arg-type]
        code_ids[code_path] = code.id

    coder_ids = {name: project.ensure_coder(name).id for name in CODERS}

    rows: list[tuple[int, int, int, int, int, str]] = []
    for doc_name, choices in PRIMARY_FRAMES.items():
        start, end = locate(texts[doc_name], headline(texts[doc_name]), doc_name)
        for coder, frame in choices.items():
            frame_id = code_ids[f"{PRIMARY_FRAME}/{frame}"]
            rows.append((doc_ids[doc_name], coder_ids[coder], frame_id, start, end, ""))
    for seg in SEGMENTS:
        start, end = locate(texts[seg.document], seg.phrase, seg.document)
        for index, coder in enumerate(seg.coders):
            memo = seg.memo if index == 0 else ""  # a memo is one coder's note, not shared
            rows.append((doc_ids[seg.document], coder_ids[coder], code_ids[seg.code], start, end, memo))
    project.add_segments(rows)

    for doc_name, coder, text in DOCUMENT_MEMOS:
        project.add_memo(text, document_id=doc_ids[doc_name], coder_id=coder_ids[coder])
    for code_path, coder, text in CODE_MEMOS:
        project.add_memo(text, code_id=code_ids[code_path], coder_id=coder_ids[coder])

    for doc_name, doc_id in doc_ids.items():
        for coder, coder_id in coder_ids.items():
            status = "in_progress" if (doc_name, coder) == IN_PROGRESS else "done"
            project.set_assignment(doc_id, coder_id, status)
