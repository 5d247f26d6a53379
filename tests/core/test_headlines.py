"""On import the title is the first line when it reads as a headline, in English and Chinese."""

from __future__ import annotations

import pytest

from annotator.core.importers.headlines import guess_title, reads_as_headline
from annotator.core.importers.text_file import read_text_file


@pytest.mark.parametrize("line", [
    "Police break up cross-border ring selling fetal sex tests",
    "Is the blood test a security threat?",
    "临江警方破获非法运送孕妇血样出境案 筑牢生物安全防线",
    "跨境「驗男女」生意死灰復燃 運血客夾帶孕婦血樣過關",
    "“Risk-free” screening: how the ring advertised",
])
def test_headlines(line):
    assert reads_as_headline(line)


@pytest.mark.parametrize("line", [
    "Police in Linjiang said on Monday that they had broken up a ring.",  # a sentence
    "临江市公安局近日破获一起案件，抓获犯罪嫌疑人十七名。",  # a Chinese sentence
    "2025-06-12", "June 12, 2025", "12 June 2025 08:30", "2025年6月12日",  # datelines
    "By Jane Doe, Pacific Newswire", "本报讯（记者 周明远）",  # bylines
    "https://example.org/news/1", "Opinion", "新闻",  # a URL, section labels
    "A" * 151, "这" * 61,  # too long for a headline
])
def test_not_headlines(line):
    assert not reads_as_headline(line)


def test_a_file_whose_first_line_is_a_paragraph_gets_no_title(tmp_path):
    (tmp_path / "story.txt").write_text("This week, customs announced a blood-smuggling ring was busted.\n"
                                        "The scale is shocking.", encoding="utf-8")
    assert read_text_file(tmp_path / "story.txt")[0].title == ""
    assert guess_title("Only one line, a headline") == ""  # nothing follows: not a headline
    assert guess_title("\n\nFloods hit the delta\n\nRain fell for a week.") == "Floods hit the delta"
