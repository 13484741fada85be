"""The two plain-text layouts users paste from Word: tab-separated rows and one cell per line."""

from __future__ import annotations

from gongkai.report_format import Cell
from gongkai.report_format.layout import SECTIONS, TABLE3_NOTE
from gongkai.report_format.render import render_cells, render_tsv
from tests.report_format.builders import consistent_report, t3

TITLE = "测试区测试街道办事处2024年政府信息公开工作年度报告"


def numbers(*ns: int) -> list[str]:
    return [str(n) for n in ns]


def row_with(lines: list[str], label: str) -> list[str]:
    return next(line for line in lines if label in line).split("\t")


def cell_rows(text: str) -> list[list[str]]:
    """The cells layout read back: blocks of lines that start with a tab, split at blank lines."""
    rows, current = [], []
    for line in text.splitlines():
        if line.startswith("\t"):
            current.append(line[1:])
        elif current:
            rows.append(current)
            current = []
    return rows


def test_tsv_and_cells_start_with_the_title_and_end_with_the_date():
    for text in (render_tsv(consistent_report()), render_cells(consistent_report())):
        lines = text.rstrip().splitlines()
        assert lines[0] == TITLE and lines[-1] == "2025年1月20日"


def test_tsv_and_cells_print_every_section_heading_as_a_line():
    for text in (render_tsv(consistent_report()), render_cells(consistent_report())):
        lines = text.splitlines()
        assert all(f"{s.ordinal}、{s.heading}" in lines for s in SECTIONS)


def test_tsv_prints_a_merged_cell_once():
    lines = render_tsv(consistent_report()).splitlines()
    assert "行政复议\t行政诉讼" in lines
    assert "第二十条第（一）项" in lines
    assert row_with(lines, "申请人情况") == [TABLE3_NOTE, "申请人情况"]


def test_tsv_leaves_a_cell_covered_from_above_empty():
    lines = render_tsv(consistent_report()).splitlines()
    assert row_with(lines, "2.其他法律行政法规禁止公开") == ["", "", "2.其他法律行政法规禁止公开", *["0"] * 7]
    partial = row_with(lines, "（二）部分公开")
    assert partial == [
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        *numbers(2, 0, 0, 0, 0, 0, 2),
    ]
    assert row_with(lines, "自然人") == ["", "自然人", "法人或其他组织", "总计"]


def test_tsv_row_label_is_followed_by_its_seven_numbers():
    lines = render_tsv(consistent_report()).splitlines()
    assert row_with(lines, "一、本年新收") == [
        "一、本年新收政府信息公开申请数量",
        *numbers(10, 3, 0, 0, 0, 0, 13),
    ]
    assert row_with(lines, "（七）总计") == ["", "（七）总计", "10", "3", "0", "0", "0", "0", "13"]


def test_tsv_table_rows_follow_each_other_without_blank_lines():
    lines = render_tsv(consistent_report()).splitlines()
    start = lines.index("第二十条第（一）项")
    assert all(lines[start : start + 14]) and lines[start + 14] == ""


def test_tsv_missing_value_is_an_empty_field():
    r = consistent_report()
    r.values[t3("new", "commercial")] = None
    lines = render_tsv(r).splitlines()
    assert row_with(lines, "一、本年新收")[1:] == ["10", "", "0", "0", "0", "0", "13"]


def test_cells_put_one_cell_per_line_with_a_leading_tab():
    rows = cell_rows(render_cells(consistent_report()))
    assert rows[0] == ["第二十条第（一）项"]
    assert rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["", "（三）不予公开", "1.属于国家秘密", *["0"] * 7] in rows
    assert ["1", "1", "0", "1", "3", "1", "0", "0", "0", "1", *["0"] * 5] in rows


def test_cells_separate_rows_by_a_blank_line():
    text = render_cells(consistent_report())
    assert "\t规章\n\t0\n\t0\n\t0\n\n\t行政规范性文件\n\t2\n" in text


def test_cells_missing_value_is_a_line_with_only_the_tab():
    r = consistent_report()
    r.values[Cell("table2", "licensing", "decisions")] = None
    assert ["行政许可", ""] in cell_rows(render_cells(r))
