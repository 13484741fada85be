"""Saved web pages: the article found among the site's chrome, GBK honoured, merged cells kept in place."""

from __future__ import annotations

import random

import pytest

from gongkai.report_format import ReportReadError, read_bytes
from gongkai.report_format.read_html import html_to_text
from gongkai.report_format.sample import random_report
from tests.report_format.corpus import gov_page
from tests.report_format.test_roundtrip_property import assert_same_report


def test_government_pages_parse_back_to_the_same_report():
    rng = random.Random(5)
    encodings = set()
    for _ in range(6):
        report = random_report(rng)
        page = gov_page(report, rng)
        encodings.add(b'charset="utf-8"' in page)
        parsed = read_bytes(page, "年报.html")
        assert_same_report(parsed, report)
        assert parsed.source["format"] == "html"
    assert encodings == {True, False}  # both UTF-8 and GBK pages were read


def test_the_navigation_is_left_out():
    report = random_report(random.Random(2))
    text = html_to_text(gov_page(report, random.Random(3)))
    assert "网站标识码" not in text and "请输入关键字" not in text and "政务服务" not in text
    assert text.splitlines()[0].endswith("政府信息公开工作年度报告")


def test_gbk_declared_as_gb2312_in_http_equiv_form():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>镕 行政许可</p></body></html>"
    ).encode("gbk")
    assert "镕 行政许可" in html_to_text(page)


def test_merged_cells_appear_once_and_covered_positions_are_empty():
    page = """<html><body><table>
    <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（三）不予公开</td><td>9</td></tr>
    <tr><td>1.属于国家秘密</td><td>x</td><td>1</td></tr>
    </table></body></html>""".encode()
    assert html_to_text(page).splitlines() == [
        "三、本年度办理结果\t（三）不予公开\t9",
        "\t1.属于国家秘密\tx\t1",
    ]


def test_a_table_whose_spans_would_cover_millions_of_cells_is_refused():
    rows = "".join(f"<tr>{'<td colspan=100 rowspan=100>1</td>' * 50}</tr>" for _ in range(100))
    page = f"<html><body><h1>2023年政府信息公开工作年度报告</h1><table>{rows}</table></body></html>"
    with pytest.raises(ReportReadError, match="合并单元格过大"):
        read_bytes(page.encode(), "bomb.html")
