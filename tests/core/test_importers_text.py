"""Plain-text import: every encoding Chinese newsrooms and Excel hand out, and the files we refuse."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import read_documents
from annotator.core.importers.encoding import decode_bytes

SIMPLIFIED = (
    "外卖骑手的一天\n"
    "清晨六点，他已经骑着电动车穿过还没醒来的街道。平台算法给出的送餐时间越来越短，"
    "他说：“迟到一次，一天就白干了。”\n"
    "专家认为，劳动者权益保护需要政府、企业和社会共同努力。"
)
TRADITIONAL = (
    "颱風過後的漁港\n"
    "颱風離開以後，漁民們回到港口整理被海浪打壞的漁船。一位老船長說：「這是我見過最大的風浪。」"
    "地方政府表示將盡快發放補助，協助受災家庭恢復生計。"
)
MIXED = "Coverage of the flood 🌊 was intense.\n记者写道：“救援队伍连夜赶到。” 😢 Officials promised relief."
EXTENSION_B = "罕见字测试\n古籍中的𠀀字与日本人名中的𠮷字都在扩展B区，必须按一个字符计算。"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("label", "data", "text"),
    [
        ("utf-8", SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        ("utf-8 with BOM", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + MIXED.encode("utf-16-le"), MIXED),
        ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), TRADITIONAL),
        ("gb18030 simplified", SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
        ("gbk simplified", SIMPLIFIED.encode("gbk"), SIMPLIFIED),
        ("gb18030 traditional", TRADITIONAL.encode("gb18030"), TRADITIONAL),
        ("big5 traditional", TRADITIONAL.encode("big5"), TRADITIONAL),
        ("emoji utf-8", MIXED.encode("utf-8"), MIXED),
        ("extension B utf-8", EXTENSION_B.encode("utf-8"), EXTENSION_B),
        ("extension B gb18030", EXTENSION_B.encode("gb18030"), EXTENSION_B),
    ],
)
def test_text_file_in_any_supported_encoding_reads_back_exactly(tmp_path, label, data, text):
    path = write(tmp_path, "article.txt", data)
    [document] = read_documents(path)
    assert document.text == text
    assert document.name == "article"
    assert document.source_file == "article.txt"
    # The first line is the title when it reads as a headline; MIXED opens with a sentence, which is not one.
    assert document.title == ("" if text == MIXED else text.splitlines()[0])


def test_detector_names_the_encoding_it_chose():
    assert decode_bytes(TRADITIONAL.encode("big5"), "t.txt").encoding == "big5"
    assert decode_bytes(SIMPLIFIED.encode("gb18030"), "s.txt").encoding == "gb18030"
    assert decode_bytes(codecs.BOM_UTF16_LE + b"a\x00", "u.txt").encoding == "utf-16-le"


def test_extension_b_characters_count_as_one_code_point_each(tmp_path):
    [document] = read_documents(write(tmp_path, "rare.txt", EXTENSION_B.encode("utf-8")))
    start = document.text.find("𠀀")
    assert document.text[start:start + 1] == "𠀀"
    assert document.text[start + 1] == "字"


def test_long_single_line_has_no_title(tmp_path):
    body = "这是一段很长的正文，" * 40
    [document] = read_documents(write(tmp_path, "one-line.txt", body.encode("utf-8")))
    assert document.title == ""


def test_unknown_suffix_is_read_as_text(tmp_path):
    [document] = read_documents(write(tmp_path, "notes.md", "# Heading\nBody text.".encode("utf-8")))
    assert document.text.startswith("# Heading")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n  ", "empty"),
        ("blank16.txt", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("controls.txt", b"abc\x01\x02\x03\x04\x05\x06def\x07\x08\x0e\x0f" * 20, "binary"),
        ("latin1.txt", "Café au lait, déjà vu, naïve résumé.".encode("latin-1"), "cannot be decoded"),
        ("bad-bom.txt", codecs.BOM_UTF8 + b"ok \xff\xfe broken", "byte-order mark"),
    ],
)
def test_unreadable_text_files_are_refused_naming_the_file(tmp_path, name, data, message):
    with pytest.raises(InputError) as error:
        read_documents(write(tmp_path, name, data))
    assert name in str(error.value)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_documents(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_documents(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_when_mostly_ascii(tmp_path, encoding):
    text = "name,text\nharbour,Boats returned to the harbour 港口 on Monday.\n"
    [document] = read_documents(write(tmp_path, "no-bom.txt", text.encode(encoding)))
    assert document.text == text


def test_utf8_damaged_deep_inside_says_where(tmp_path):
    data = ("正文" * 50).encode("utf-8") + b"\xff\xfe" + "结尾".encode("utf-8")
    with pytest.raises(InputError, match=r"damaged\.txt: .*invalid UTF-8 at byte 300"):
        read_documents(write(tmp_path, "damaged.txt", data))
