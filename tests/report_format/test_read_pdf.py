"""PDF with a text layer: generated reports, printed to PDF by LibreOffice, read back exactly."""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai.report_format import ReportReadError, read_bytes
from gongkai.report_format.ocr import Box, Rules
from gongkai.report_format.page_layout import (
    _PAGE_NUMBER,
    Fragment,
    _Item,
    _join_wrapped,
    _reading_order,
    lay_out,
)
from gongkai.report_format.read_image import _SLACK, _page
from tests.report_format.corpus import soffice, truth_of, write_corpus
from tests.report_format.test_read_pdf_fallback import _fast_path_losing_table3
from tests.report_format.test_roundtrip_property import assert_same_report

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) 未安装，无法生成 PDF")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    # Four reports: even ones in the ruled official table style, odd ones borderless with wrapping.
    return write_corpus(tmp_path_factory.mktemp("pdf"), 4, seed=11, formats=["pdf"])["pdf"]


@needs_soffice
def test_generated_pdfs_parse_back_to_the_same_report(pdfs: list[Path]):
    for path in pdfs:
        report = read_bytes(path.read_bytes(), path.name)
        assert_same_report(report, truth_of(path))
        assert report.source["format"] == "pdf"
        assert report.source["tables"] == {"table2": "text", "table3": "text", "table4": "text"}


@needs_soffice
def test_ruled_tables_are_read_through_their_rules(pdfs: list[Path]):
    paths = [read_bytes(p.read_bytes(), p.name).source["path"] for p in pdfs]
    assert paths == ["ruled", "lines", "ruled", "lines"]


def test_a_pdf_without_a_text_layer_is_refused_as_a_scan():
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = BytesIO()
    pdf.save(buffer)
    with pytest.raises(ReportReadError) as e:
        read_bytes(buffer.getvalue(), "扫描件.pdf")
    assert "没有文字层" in e.value.message and "扫描件.pdf" in e.value.message


def test_a_broken_pdf_says_so():
    with pytest.raises(ReportReadError) as e:
        read_bytes(b"%PDF-1.7\n" + random.Random(1).randbytes(300), "坏.pdf")
    assert "PDF" in e.value.message and "坏.pdf" in e.value.message


@pytest.mark.parametrize("line", ["— 2 —", "- 13 -", "第 3 页", "第3页 共5页", "2/5", "7"])
def test_page_numbers_are_recognised(line: str):
    assert _PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2021年政府信息公开", "行政许可 12", "一、总体情况"])
def test_text_is_not_taken_for_a_page_number(line: str):
    assert not _PAGE_NUMBER.match(line)


# ---- the same geometry for OCR boxes (no engine: boxes as the engine gives them, in pixels)


def _layout(boxes: list[Box], height: float = 1000) -> list[str]:
    confidence = [b.confidence for b in boxes]
    lines, rules, h = _page(boxes, Rules([], []), height, first_id=0)
    rows, ruled = lay_out([(lines, rules, h)], slack=_SLACK * 48)
    assert not ruled
    assert all(confidence[f.box] == boxes[f.box].confidence for row in rows for f in row)
    return ["\t".join(f.text for f in row) for row in rows]


def _row(y: float, *cells: tuple[float, float, str]) -> list[Box]:
    return [Box(x0, y, x1, y + 48, text, 0.99) for x0, x1, text in cells]


_COLUMNS = (1299, 1424, 1563, 1694, 1824, 1937, 2080)


def _numbers(y: float, *values: str) -> list[Box]:
    return _row(y, *((x, x + 25 * len(v) + 25, v) for x, v in zip(_COLUMNS, values, strict=True) if v))


def test_a_wrapped_label_beside_the_merged_group_label_joins_its_row():
    # A borderless table 3 as a 300-dpi scan reads it (report 0003 of the corpus). The group label
    # "三、本年度办理结果" runs down its own column at its own pace, so "度办" falls between two rows;
    # the rest of "（二）部分公开（…只计这" wraps under it, and its box begins left of the "（", whose
    # ink stands half a character in. Numbers too long for their column wrap too: "22"+"85" is 2285.
    boxes = [
        *_row(100, (345, 434, "三、"), (545, 818, "（一）予以公开")),
        *_numbers(100, "22", "0", "0", "11", "0", "0", "23"),
        *_row(160, (345, 460, "本年")),
        *_numbers(160, "85", "", "", "3", "", "", "98"),
        *_row(215, (545, 1255, "（二）部分公开（区分处理的，只计这")),
        *_numbers(215, "0", "55", "0", "0", "0", "0", "55"),
        *_row(248, (345, 460, "度办")),
        *_row(285, (510, 962, "一情形，不计其他情形）")),
        *_row(345, (357, 462, "理结"), (556, 712, "（三）不"), (759, 1077, "1.属于国家秘密")),
        *_numbers(345, "1", "0", "0", "0", "0", "0", "1"),
        *_row(405, (382, 441, "果"), (556, 691, "予公开")),
    ]
    assert _layout(boxes) == [
        "三、本年\t（一）予以公开\t2285\t0\t0\t113\t0\t0\t2398",
        "度办\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t55\t0\t0\t0\t0\t55",
        "理结果\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
    ]


def test_a_row_of_its_own_under_a_row_of_long_numbers_stays_a_row():
    # Table 2: "行政处罚" under "行政许可 1234" is a row, not the rest of a wrapped label (it has as
    # many numbers as the row above); nor is a row whose label starts with an ordinal.
    boxes = [
        *_row(100, (345, 600, "行政许可"), (1299, 1420, "1234")),
        *_row(160, (345, 600, "行政处罚"), (1299, 1330, "5")),
        *_row(220, (345, 1000, "2.其他法律行政法规禁止公开")),
        *_numbers(220, "0", "0", "0", "0", "0", "0", "0"),
        *_row(280, (345, 600, "3.危及“三安全一稳定”")),
        *_numbers(280, "10", "", "", "", "", "", "12"),
    ]
    assert _layout(boxes) == [
        "行政许可\t1234",
        "行政处罚\t5",
        "2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0",
        "3.危及“三安全一稳定”\t10\t12",
    ]


def test_a_number_set_a_little_lower_than_the_words_beside_it_stays_in_front():
    # In a ruled cell "2." (Latin font) sits 0.5 pt lower than the CJK text after it: one line.
    frags = [
        Fragment(192.6, 300.0, 426.0, 437.4, "申请人逾期未按收费通知要"),
        Fragment(184.0, 192.0, 425.6, 436.8, "2."),
        Fragment(184.0, 250.0, 414.0, 425.0, "求缴纳费用"),
    ]
    assert "".join(f.text for f in _reading_order(frags)) == "2.申请人逾期未按收费通知要求缴纳费用"


def _cells(top: float, *cells: tuple[float, str]) -> list[Fragment]:
    return [Fragment(x, x + 8 * len(text), top - 10, top, text) for x, text in cells]


def test_the_rest_of_a_number_cut_by_a_page_break_joins_its_ruled_row():
    numbers = (
        (312.0, "732"),
        (346.0, "73"),
        (380.0, "0"),
        (414.0, "0"),
        (448.0, "250"),
        (470.0, "4"),
        (503.0, "105"),
    )
    items = [
        _Item(117, _cells(117, (184.0, "6.属于四类过程性信息"), *numbers), ruled=True),
        _Item(670, _cells(670, (503.5, "9")), ruled=True, page_start=True),
        _Item(655, _cells(655, (184.0, "7.属于行政执法案卷"), *numbers), ruled=True),
    ]
    rows = ["\t".join(f.text for f in row) for row in _join_wrapped(items)]
    assert rows == [
        "6.属于四类过程性信息\t732\t73\t0\t0\t250\t4\t1059",
        "7.属于行政执法案卷\t732\t73\t0\t0\t250\t4\t105",
    ]


def test_a_label_read_a_little_lower_than_the_numbers_of_its_row_stays_on_their_line():
    # Beside the row "2.其他…", the group label's last character "果" is read 18 px above the row's
    # numbers and the row's label 18 px below them: 36 px between the two, more than 0.4 of a line.
    # Lines gather around their mean centre, not their first box's, so the label keeps its numbers.
    boxes = [
        *_row(40, (357, 462, "理结"), (545, 712, "（三）不予公开"), (759, 1077, "1.属于国家秘密")),
        *_numbers(40, "0", "0", "128", "0", "0", "135", "263"),
        *_row(100, (382, 441, "果")),
        *_numbers(118, "0", "275", "7", "0", "0", "0", "282"),
        *_row(136, (759, 1250, "2.其他法律行政法规禁止公开")),
    ]
    assert _layout(boxes) == [
        "理结\t（三）不予公开\t1.属于国家秘密\t0\t0\t128\t0\t0\t135\t263",
        "果\t2.其他法律行政法规禁止公开\t0\t275\t7\t0\t0\t0\t282",
    ]


@needs_soffice
def test_where_the_fast_path_leaves_a_table_unread_pdfplumber_reads_a_ruled_one(pdfs, monkeypatch):
    ruled = pdfs[2]
    _fast_path_losing_table3(monkeypatch)
    report = read_bytes(ruled.read_bytes(), ruled.name)
    assert report.source["path"] == "pdfplumber"
    assert_same_report(report, truth_of(ruled))


@needs_soffice
def test_the_slow_path_is_kept_only_when_it_reads_more(pdfs, monkeypatch):
    from gongkai.report_format import read_pdf_tables

    ruled = pdfs[2]  # ruled: pdfplumber's finder has edges to build tables from, so it is tried
    _fast_path_losing_table3(monkeypatch)
    # A second opinion that reads even less (it loses table 四 too) is tried and dropped.
    real = read_pdf_tables.pdf_tables_text

    def reads_less(data: bytes) -> str:
        text = real(data)
        return text[: text.index("三、")] + text[text.index("五、") :]

    monkeypatch.setattr(read_pdf_tables, "pdf_tables_text", reads_less)
    report = read_bytes(ruled.read_bytes(), ruled.name)
    assert report.source["path"] != "pdfplumber" and report.source["slow_path_tried"] == "pdfplumber"
    assert report.source["tables"]["table3"] != "text"


@needs_soffice
def test_a_report_the_fast_path_decides_never_takes_the_slow_path(pdfs):
    for path in pdfs:
        source = read_bytes(path.read_bytes(), path.name).source
        assert source["path"] in ("ruled", "lines") and "slow_path_tried" not in source
