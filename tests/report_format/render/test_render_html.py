"""HTML export: real tables with the official merged headers, findings marked on their cells."""

from __future__ import annotations

import lxml.html

from gongkai.report_format import Cell, Finding
from gongkai.report_format.layout import ALL_CELLS
from gongkai.report_format.render import render_html, render_tables_html
from tests.report_format.builders import consistent_report, t3


def tables(report) -> list:
    return lxml.html.fromstring(f"<div>{render_tables_html(report)}</div>").findall(".//table")


def th(table, text: str):
    return next(e for e in table.iter("th") if e.text_content() == text)


def td(report, cell: Cell):
    root = lxml.html.fromstring(render_html(report))
    [element] = root.xpath(f'//td[@data-cell="{cell.path}"]')
    return element


def occupancy_widths(table) -> list[int]:
    """Each row's width by the HTML table algorithm (rowspans from above take their columns)."""
    held: dict[int, int] = {}
    widths = []
    for tr in table.iter("tr"):
        col, taken = 0, {c for c, n in held.items() if n > 0}
        for cell in tr:
            while col in taken:
                col += 1
            span, down = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            for c in range(col, col + span):
                held[c] = down
            col += span
        widths.append(max([col, *(c + 1 for c in taken)]))
        held = {c: n - 1 for c, n in held.items() if n > 1}
    return widths


def test_html_has_the_three_tables_with_their_widths_filled_on_every_row():
    t2, t3_, t4 = tables(consistent_report())
    assert set(occupancy_widths(t2)) == {4}
    assert set(occupancy_widths(t3_)) == {10}
    assert set(occupancy_widths(t4)) == {15}


def test_html_table3_applicant_header_spans_seven_columns():
    table = tables(consistent_report())[1]
    assert th(table, "申请人情况").get("colspan") == "7"
    assert th(table, "法人或其他组织").get("colspan") == "5"
    assert th(table, "自然人").get("rowspan") == "2"


def test_html_table3_results_header_spans_the_twenty_two_outcome_rows():
    table = tables(consistent_report())[1]
    assert th(table, "三、本年度办理结果").get("rowspan") == "22"
    assert th(table, "（三）不予公开").get("rowspan") == "8"
    assert th(table, "（四）无法提供").get("rowspan") == "3"
    assert th(table, "（七）总计").get("colspan") == "2"


def test_html_table4_has_the_two_level_header():
    table = tables(consistent_report())[2]
    assert th(table, "行政复议").get("colspan") == "5"
    assert th(table, "行政诉讼").get("colspan") == "10"
    assert th(table, "未经复议直接起诉").get("colspan") == "5"
    assert th(table, "复议后起诉").get("colspan") == "5"
    first_row_two = table.findall(".//tr")[1]
    assert [e.get("rowspan") for e in first_row_two][:5] == ["2"] * 5


def test_html_every_numeric_cell_carries_its_path_and_value():
    r = consistent_report()
    root = lxml.html.fromstring(render_html(r))
    shown = {e.get("data-cell"): e.text_content() for e in root.xpath("//td[@data-cell]")}
    assert shown == {c.path: str(r.values[c]) for c in ALL_CELLS}


def test_html_missing_value_is_an_empty_cell_with_class_missing():
    r = consistent_report()
    r.values[t3("new", "natural_person")] = None
    cell = td(r, t3("new", "natural_person"))
    assert cell.text_content() == "" and "missing" in cell.get("class").split()
    assert "missing" not in td(r, t3("new", "commercial")).get("class").split()


def test_html_cell_named_by_findings_takes_the_worst_severity_and_all_messages():
    r = consistent_report()
    r.findings = [
        Finding("MISSING", "缺少数值", (t3("total", "natural_person"),)),
        Finding(
            "T3_BALANCE", "“自然人”列不平衡", (t3("new", "natural_person"), t3("total", "natural_person"))
        ),
        Finding("INFERRED", "由勾稽关系推出", (t3("new", "commercial"),)),
    ]
    total = td(r, t3("total", "natural_person"))
    assert "finding-error" in total.get("class").split()
    assert "finding-warning" not in total.get("class").split()
    assert "缺少数值" in total.get("title") and "“自然人”列不平衡" in total.get("title")
    assert "finding-info" in td(r, t3("new", "commercial")).get("class").split()
    assert td(r, t3("carried_over", "natural_person")).get("title") is None


def test_html_standalone_page_lists_the_findings():
    r = consistent_report()
    r.findings = [Finding("T3_BALANCE", "“自然人”列不平衡", (t3("new", "natural_person"),))]
    root = lxml.html.fromstring(render_html(r))
    [item] = root.xpath('//ul[@class="findings"]/li')
    assert item.get("data-code") == "T3_BALANCE" and "“自然人”列不平衡" in item.text_content()
    assert "表三“一、本年新收政府信息公开申请数量”行“自然人”列" in item.text_content()


def test_html_standalone_is_a_complete_chinese_document_and_the_fragment_is_not():
    page = render_html(consistent_report())
    assert page.startswith("<!doctype html>") and '<html lang="zh-CN">' in page and 'charset="utf-8"' in page
    assert "<title>测试区测试街道办事处2024年政府信息公开工作年度报告</title>" in page
    fragment = render_html(consistent_report(), standalone=False)
    assert fragment.startswith("<article") and "<html" not in fragment and "<style>" not in fragment


def test_html_escapes_every_text():
    r = consistent_report()
    r.body = "<script>alert(1)</script>街道"
    r.narrative.sections = {"overview": "a & b < c"}
    r.findings = [Finding("MISSING", '<b>"x"</b>', (t3("new", "total"),))]
    page = render_html(r)
    assert "<script>alert" not in page and "<b>" not in page
    assert "a &amp; b &lt; c" in page and "&lt;script&gt;" in page


def test_html_tables_alone_hold_no_title_or_sections():
    html = render_tables_html(consistent_report())
    assert html.count("<table") == 3 and "<h1>" not in html and "<h2>" not in html
