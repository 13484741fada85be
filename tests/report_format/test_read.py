"""Bad input gets a clear Chinese message (ReportReadError), never a traceback or a half result."""

import pytest

from gongkai.report_format import ReportReadError, read_bytes
from gongkai.report_format.read import MAX_BYTES
from tests.report_format.seeds import seed_text


def refused(data: bytes, filename: str = "报告.txt") -> str:
    with pytest.raises(ReportReadError) as e:
        read_bytes(data, filename)
    return e.value.message


def test_empty_file():
    assert "文件为空" in refused(b"  \n\n")


def test_binary_garbage():
    assert "不是文本" in refused(bytes(range(256)) * 40) or "编码" in refused(bytes(range(256)) * 40)


def test_random_bytes_are_refused():
    import random

    data = random.Random(7).randbytes(5000)
    msg = refused(data)
    assert "报告.txt" in msg


def test_a_text_that_is_not_a_report():
    msg = refused("今天天气很好，我们去公园散步。\n晚上吃饺子。\n".encode())
    assert "未能识别为政府信息公开工作年度报告" in msg


def test_too_big_names_the_size_and_the_limit():
    msg = refused(b"a" * (MAX_BYTES + 1))
    assert "文件过大" in msg and "20 MB" in msg


def test_gbk_is_read_like_utf8():
    text = seed_text("001")
    assert read_bytes(text.encode("gbk"), "gbk.txt").values == read_bytes(text.encode(), "u.txt").values


def test_utf8_with_bom_and_utf16():
    text = seed_text("003")
    base = read_bytes(text.encode(), "a.txt").values
    assert read_bytes(b"\xef\xbb\xbf" + text.encode(), "b.txt").values == base
    assert read_bytes(text.encode("utf-16"), "c.txt").values == base


def test_legacy_word_pdf_and_images_say_what_to_do():
    assert "另存为 .docx" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.doc")
    assert "PDF" in refused(b"%PDF-1.7\n...", "a.pdf")
    assert "图片" in refused(b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "a.png")


def test_an_unknown_file_type_is_refused_by_name():
    assert "不支持的文件类型" in refused(seed_text("001").encode(), "report.exe")


def test_a_broken_docx_is_a_clear_error():
    msg = refused(b"PK\x03\x04" + b"\0" * 200, "坏的.docx")
    assert "坏的.docx" in msg or "Word" in msg


def test_the_suffix_of_a_name_is_the_one_pathlib_gives():
    from pathlib import Path

    from gongkai.report_format.read import _suffix

    names = [
        "",
        ".",
        "..",
        "x",
        "x.",
        ".x",
        "报告.TXT",
        "a.b.c",
        "x..",
        "a.b/c",
        "a/b.c",
        "a.txt/",
        " .md",
        "x. ",
    ]
    assert [_suffix(n) for n in names] == [Path(n).suffix for n in names]
