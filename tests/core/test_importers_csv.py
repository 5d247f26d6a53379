"""CSV import: a corpus spreadsheet with metadata columns, as Excel and databases write it."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import read_documents


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_metadata_columns_fill_fields_and_extra_columns_become_attributes(tmp_path):
    rows = [
        ["Name", "Title", "Outlet", "Date", "Language", "URL", "Text", "Section", "Page"],
        ["rm-001", "春运首日", "人民日报", "2024-01-26", "zh", "https://example.cn/1",
         "春运首日，全国铁路发送旅客超过一千万人次。\n车站秩序井然。", "社会", "4"],
        ["ld-002", "Strike ends", "The Ledger", "2024-02-01", "en", "",
         "The dock strike ended after talks 🤝 overnight.", "Business", ""],
    ]
    docs = read_documents(write(tmp_path, "corpus.csv", codecs.BOM_UTF8 + csv_bytes(rows)))
    assert [d.name for d in docs] == ["rm-001", "ld-002"]
    first, second = docs
    assert first.title == "春运首日" and first.outlet == "人民日报" and first.date == "2024-01-26"
    assert first.language == "zh" and first.url == "https://example.cn/1"
    assert first.text == "春运首日，全国铁路发送旅客超过一千万人次。\n车站秩序井然。"
    assert first.attributes == {"section": "社会", "page": "4"}
    assert second.attributes == {"section": "Business"}  # empty cells are not attributes
    assert first.source_file == "corpus.csv"


def test_names_default_to_stem_and_row_number(tmp_path):
    rows = [["text"], ["第一篇文章。"], ["第二篇文章。"]]
    docs = read_documents(write(tmp_path, "weibo.csv", csv_bytes(rows)))
    assert [d.name for d in docs] == ["weibo-1", "weibo-2"]


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16"])
def test_csv_in_legacy_or_excel_encodings(tmp_path, encoding):
    rows = [["name", "text"], ["a", "這篇報導討論了颱風過後的重建工作。"], ["b", "記者採訪了當地居民。"]]
    docs = read_documents(write(tmp_path, "legacy.csv", csv_bytes(rows, encoding)))
    assert [d.text for d in docs] == ["這篇報導討論了颱風過後的重建工作。", "記者採訪了當地居民。"]


def test_article_longer_than_the_csv_module_default_limit(tmp_path):
    long_text = "长篇报道。" * 100_000  # 500,000 characters, far beyond the 128 KB default
    docs = read_documents(write(tmp_path, "long.csv", csv_bytes([["text"], [long_text]])))
    assert docs[0].text == long_text


@pytest.mark.parametrize(("name", "data"), [
    ("european.csv", "name;text;page\r\na;\"Erster Satz, mit Komma.\";3\r\n".encode("cp1252")),
    ("table.tsv", b"name\ttext\ttitle\r\na\tErster Satz, mit Komma.\tTitel\r\n"),
])
def test_semicolon_and_tab_separated_files(tmp_path, name, data):
    [document] = read_documents(write(tmp_path, name, data))
    assert document.name == "a" and document.text == "Erster Satz, mit Komma."


def test_blank_lines_are_skipped(tmp_path):
    data = b"name,text\r\n\r\na,first\r\n,\r\nb,second\r\n"
    assert [d.name for d in read_documents(write(tmp_path, "gaps.csv", data))] == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"name,body\r\na,hello\r\n", 1, "no 'text' column"),
        (b"name,text\r\na,hello\r\nb,\r\n", 3, "text cell is empty"),
        (b"name,text\r\na,one\r\nb,two\r\na,three\r\n", 4, "'a' is used again (first on line 2)"),
        (b'name,text\r\na,"multi\r\nline"\r\nb,"never closed\r\n', 4, "malformed CSV"),
        (b'name,text\r\na,"ok" trailing\r\n', 2, "malformed CSV"),
        (b"name,text\r\na,hello,extra\r\n", 2, "3 cells but the header has 2"),
        (b"text,text\r\na,b\r\n", 1, "twice"),
        (b"name,text,\r\na,hello,stray\r\n", 2, "column without a name"),
    ],
)
def test_malformed_csv_is_refused_with_file_and_line(tmp_path, data, line, message):
    with pytest.raises(InputError) as error:
        read_documents(write(tmp_path, "bad.csv", data))
    assert str(error.value).startswith(f"bad.csv, line {line}: ")
    assert message in str(error.value)
    assert error.value.line == line


def test_header_only_csv_is_refused(tmp_path):
    with pytest.raises(InputError, match="no rows below the header"):
        read_documents(write(tmp_path, "header.csv", b"name,text\r\n"))


def test_line_numbers_count_lines_inside_quoted_cells(tmp_path):
    data = b'name,text\r\na,"para one\r\npara two\r\npara three"\r\nb,\r\n'
    with pytest.raises(InputError, match=r"bad\.csv, line 5: the text cell is empty"):
        read_documents(write(tmp_path, "bad.csv", data))
