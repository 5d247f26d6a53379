"""Sentence and paragraph units on ordinary news prose, English and Chinese (issue: "U.S. officials said
inflation rose 3.5 percent. Mr. Li disagreed." must be two sentences, not six)."""

from __future__ import annotations

import pytest

from annotator.core.agreement.boundaries import is_hard_wrapped, paragraph_spans, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


ENGLISH = [
    ("U.S. officials said inflation rose 3.5 percent. Mr. Li disagreed.",
     ["U.S. officials said inflation rose 3.5 percent.", "Mr. Li disagreed."]),
    ('"We will not back down," the minister said. Critics were unconvinced.',
     ['"We will not back down," the minister said.', "Critics were unconvinced."]),
    ('He asked, "Is this the end?" Nobody answered.', ['He asked, "Is this the end?"', "Nobody answered."]),
    ('"Is this the end?" he asked. Nobody answered.', ['"Is this the end?" he asked.', "Nobody answered."]),
    ("The U.K. and the E.U. agreed on Jan. 5. Talks resume next month.",
     ["The U.K. and the E.U. agreed on Jan. 5.", "Talks resume next month."]),
    ("Dr. Smith met Gov. Newsom on Friday. They spoke for an hour.",
     ["Dr. Smith met Gov. Newsom on Friday.", "They spoke for an hour."]),
    ("He earned $3.5 million (about €3.2 million) last year. It was a record.",
     ["He earned $3.5 million (about €3.2 million) last year.", "It was a record."]),
    ("“It’s over,” she said. “Let’s go.”", ["“It’s over,” she said.", "“Let’s go.”"]),
    ("No. 10 Downing Street declined to comment. A spokesman said nothing.",
     ["No. 10 Downing Street declined to comment.", "A spokesman said nothing."]),
    ("Mrs. Chen and Ms. Wong, both of Hong Kong, spoke at 9 a.m. in the hall.",
     ["Mrs. Chen and Ms. Wong, both of Hong Kong, spoke at 9 a.m. in the hall."]),
    ("Is this a crisis? Officials say no! Others disagree.", ["Is this a crisis?", "Officials say no!", "Others disagree."]),
    ("Sen. Elizabeth Warren, D-Mass., criticized the plan. Rep. Jim Jordan defended it.",
     ["Sen. Elizabeth Warren, D-Mass., criticized the plan.", "Rep. Jim Jordan defended it."]),
    ("Lt. Gen. James Rainey and St. Louis officials met. They agreed.",
     ["Lt. Gen. James Rainey and St. Louis officials met.", "They agreed."]),
]
CHINESE = [
    ("香港贸易数据今日公布。出口连续第三个月下滑！", ["香港贸易数据今日公布。", "出口连续第三个月下滑！"]),
    ("他说：「经济很差。」记者追问原因。", ["他说：「经济很差。」", "记者追问原因。"]),
    ("價格上漲3.5%。美國GDP增長2.1%。", ["價格上漲3.5%。", "美國GDP增長2.1%。"]),
    ("記者問：「政府會否回應？」官員拒絕評論。", ["記者問：「政府會否回應？」", "官員拒絕評論。"]),
    ("真的吗？！不可能。", ["真的吗？！", "不可能。"]),
    ("他强调：“我们不会让步。”会议随后结束。", ["他强调：“我们不会让步。”", "会议随后结束。"]),
    ("中美贸易战；出口下滑，就业受影响。", ["中美贸易战；出口下滑，就业受影响。"]),
    ("美国总统拜登（Joe Biden）周二表示，U.S.经济强劲。他没有回答问题。",
     ["美国总统拜登（Joe Biden）周二表示，U.S.经济强劲。", "他没有回答问题。"]),
    ("《人民日报》发表评论。评论说，改革必须深化。", ["《人民日报》发表评论。", "评论说，改革必须深化。"]),
]


@pytest.mark.parametrize("text, expected", ENGLISH + CHINESE)
def test_news_sentences(text, expected):
    assert sentences(text) == expected


def test_offsets_are_code_points_with_emoji_and_han():
    text = "😀 香港贸易数据今日公布。Mr. Li left."
    assert sentences(text) == ["😀 香港贸易数据今日公布。", "Mr. Li left."]


def test_a_sentence_never_crosses_a_line_in_web_text():
    text = "Smuggled blood as seen in CCTV feature\nAlthough none of the reports say where, officials acted."
    assert sentences(text) == ["Smuggled blood as seen in CCTV feature",
                               "Although none of the reports say where, officials acted."]
    assert [text[s:e] for s, e in paragraph_spans(text)] == sentences(text)


def test_hard_wrapped_text_keeps_paragraphs_and_sentences_across_line_breaks():
    text = ("The central bank raised rates by 0.5\npoints on Tuesday. Markets fell\nsharply.\n\n"
            "A second paragraph, also\nwrapped by the wire service.\n")
    assert is_hard_wrapped(text)
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "The central bank raised rates by 0.5\npoints on Tuesday. Markets fell\nsharply.",
        "A second paragraph, also\nwrapped by the wire service."]
    assert sentences(text) == ["The central bank raised rates by 0.5\npoints on Tuesday.", "Markets fell\nsharply.",
                               "A second paragraph, also\nwrapped by the wire service."]


def test_blank_lines_between_unwrapped_paragraphs():
    text = "Headline without a stop\n\nFirst paragraph. Two sentences.\nSecond paragraph on its own line."
    assert not is_hard_wrapped(text)
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Headline without a stop", "First paragraph. Two sentences.", "Second paragraph on its own line."]


def test_real_news_analysis_from_the_shared_corpus(shared):
    """Two real English news analyses with Chinese quotations: no sentence is a lone abbreviation or
    number, none crosses a line, and every Chinese quotation in brackets stays inside its sentence."""
    for path in sorted((shared / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = sentence_spans(text)
        assert len(spans) > 10
        for s, e in spans:
            piece = text[s:e]
            assert "\n" not in piece, piece
            assert len(piece) > 3 or not piece[-1:] == ".", piece
            assert piece.count("（") == piece.count("）") and piece.count("(") >= piece.count(")") - 1, piece
