"""Word, saved web pages and PDF: the files written here by the real libraries, then imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import read_documents

NEWS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>城市空气质量持续改善 专家呼吁加强区域协作_晨江日报</title>
<meta property="og:title" content="城市空气质量持续改善 专家呼吁加强区域协作">
<meta property="og:site_name" content="晨江日报">
<meta property="og:url" content="https://news.example.cn/2024/03/18/air-quality.html">
<meta name="publishdate" content="2024-03-18">
<link rel="canonical" href="https://news.example.cn/2024/03/18/air-quality.html">
</head>
<body>
<div class="topnav"><a href="/">首页</a> | <a href="/china">国内</a> | <a href="/world">国际</a></div>
<div class="main">
<article>
<h1>城市空气质量持续改善 专家呼吁加强区域协作</h1>
<div class="info">2024-03-18 08:30 来源：晨江日报 记者 林晓</div>
<p>本报讯 记者从市生态环境局获悉，今年一季度全市细颗粒物平均浓度同比下降百分之十二，优良天数比例达到百分之八十五，创下近十年来同期最好水平。</p>
<p>生态环境局有关负责人表示，空气质量的改善得益于燃煤锅炉改造、机动车排放治理和工地扬尘管控等一系列措施的持续推进。</p>
<p>不过，多位受访专家指出，污染物具有跨区域传输的特点，单靠一座城市的努力难以从根本上解决问题。环境科学学者周明认为，周边城市应当建立统一的预警和应急联动机制。</p>
<p>家住城东的退休教师王女士说：“以前冬天早上出门要戴口罩，现在晴天多了，孩子们也愿意到公园里玩。”</p>
</article>
</div>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/a">春季花粉过敏高发 医生提醒注意防护</a></li></ul></div>
<div class="footer">版权所有 晨江日报社 未经授权禁止转载</div>
</body>
</html>
"""


def test_docx_paragraphs_and_core_properties(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Harbour reopens after typhoon")
    document.add_paragraph("Fishing boats returned on Monday. 渔民说：“终于可以出海了。” 🚢")
    document.add_paragraph("Officials promised compensation.")
    document.core_properties.title = "Harbour reopens"
    document.core_properties.created = dt.datetime(2024, 9, 9, 10, 30)
    path = tmp_path / "harbour.docx"
    document.save(str(path))

    [item] = read_documents(path)
    assert item.text == ("Harbour reopens after typhoon\nFishing boats returned on Monday. "
                         "渔民说：“终于可以出海了。” 🚢\nOfficials promised compensation.")
    assert item.title == "Harbour reopens"
    assert item.date == "2024-09-09"
    assert item.name == "harbour" and item.source_file == "harbour.docx"


def test_damaged_docx_is_refused(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InputError, match=r"broken\.docx: not a Word \.docx file"):
        read_documents(path)


def test_old_doc_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(InputError, match="save it as .docx"):
        read_documents(path)


@pytest.mark.parametrize(("encoding", "declared"), [
    ("gb18030", "gb2312"),   # as the outlet served it
    ("utf-8", "gb2312"),     # re-saved by a browser as UTF-8, stale meta tag kept
    ("big5", "big5"),        # a Taiwanese or Hong Kong outlet
    ("big5", None),          # no declaration at all: detected
])
def test_saved_news_page_gives_body_and_metadata(tmp_path, encoding, declared):
    page = NEWS_PAGE if encoding != "big5" else _traditional(NEWS_PAGE)
    page = page.replace("charset=gb2312", f"charset={declared}") if declared else \
        page.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n', "")
    path = tmp_path / "air-quality.html"
    path.write_bytes(page.encode(encoding))
    if encoding == "big5":
        [item] = read_documents(path)
        assert "細顆粒物平均濃度同比下降百分之十二" in item.text
        assert item.outlet == "晨江日報"
        return
    [item] = read_documents(path)
    assert "细颗粒物平均浓度同比下降百分之十二" in item.text
    assert "孩子们也愿意到公园里玩" in item.text
    assert "版权所有" not in item.text and "花粉过敏" not in item.text  # boilerplate left out
    assert item.title == "城市空气质量持续改善 专家呼吁加强区域协作"
    assert item.outlet == "晨江日报"
    assert item.date == "2024-03-18"
    assert item.url == "https://news.example.cn/2024/03/18/air-quality.html"


def _traditional(text: str) -> str:
    """The page in traditional characters (OpenCC), so that it can be saved as Big5."""
    opencc = pytest.importorskip("opencc")
    return opencc.OpenCC("s2tw").convert(text)  # Taiwan forms: all in Big5


def test_page_without_article_text_is_refused(tmp_path):
    path = tmp_path / "empty.htm"
    # A page saved before its scripts ran: the article was never in the HTML.
    path.write_text('<html><head><title>Loading</title></head><body><div id="app"></div>'
                    '<script>window.render("app")</script></body></html>', encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.htm: no article text"):
        read_documents(path)


def _write_pdf(path: Path, lines: list[str] | None) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_title("Port strike ends")
    pdf.set_creation_date(dt.datetime(2024, 5, 2, 8, 0, tzinfo=dt.timezone.utc))
    pdf.add_page()
    if lines:
        pdf.set_font("Helvetica", size=12)
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.rect(20, 20, 100, 60, style="F")  # a "scan": marks on the page, no text layer
    pdf.output(str(path))


def test_pdf_text_layer_is_imported(tmp_path):
    path = tmp_path / "strike.pdf"
    _write_pdf(path, ["Port strike ends after three weeks", "Dock workers accepted the offer on Friday."])
    [item] = read_documents(path)
    assert "Port strike ends after three weeks" in item.text
    assert "Dock workers accepted the offer on Friday." in item.text
    assert item.title == "Port strike ends"
    assert item.date == "2024-05-02"


def test_pdf_without_text_layer_asks_for_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    _write_pdf(path, None)
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF has no text layer; OCR it first"):
        read_documents(path)


def test_file_that_is_not_a_pdf_is_refused(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(InputError, match=r"fake\.pdf: "):
        read_documents(path)


def test_truncated_pdf_is_refused_in_one_line(tmp_path):
    whole = tmp_path / "whole.pdf"
    _write_pdf(whole, ["A complete article about the harbour."])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 3])
    try:
        items = read_documents(cut)
    except InputError as error:
        assert str(error).startswith("cut.pdf: ") and "\n" not in str(error)
    else:  # pypdf may recover the text of a cut file; then it must be the article
        assert "harbour" in items[0].text
