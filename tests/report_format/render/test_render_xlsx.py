"""Excel export, opened back with openpyxl: one sheet per table, merged headers, numbers, fills."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import openpyxl

from gongkai.report_format import Cell, Finding
from gongkai.report_format.render import render_xlsx
from tests.report_format.builders import consistent_report, t3


def open_xlsx(report=None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(render_xlsx(report or consistent_report())))


def find(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def merged_size(ws, cell) -> tuple[int, int]:
    """(rows, columns) of the merged range that starts at this cell."""
    [rng] = [r for r in ws.merged_cells.ranges if (r.min_row, r.min_col) == (cell.row, cell.column)]
    return rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1


def row_values(ws, label: str, width: int) -> list:
    cell = find(ws, label)
    return [ws.cell(cell.row, c).value for c in range(ws.max_column - width + 1, ws.max_column + 1)]


def test_xlsx_has_one_sheet_per_table_and_the_findings_sheet():
    assert open_xlsx().sheetnames == ["表二", "表三", "表四", "核查结果"]


def test_xlsx_table3_header_spans_seven_columns_and_results_twenty_two_rows():
    ws = open_xlsx()["表三"]
    assert merged_size(ws, find(ws, "申请人情况")) == (1, 7)
    assert merged_size(ws, find(ws, "法人或其他组织")) == (1, 5)
    assert merged_size(ws, find(ws, "三、本年度办理结果")) == (22, 1)
    assert merged_size(ws, find(ws, "（三）不予公开")) == (8, 1)


def test_xlsx_table4_litigation_header_spans_ten_columns():
    ws = open_xlsx()["表四"]
    assert merged_size(ws, find(ws, "行政诉讼")) == (1, 10)
    assert merged_size(ws, find(ws, "复议后起诉")) == (1, 5)


def test_xlsx_stores_numbers_as_numbers():
    wb = open_xlsx()
    assert row_values(wb["表三"], "一、本年新收政府信息公开申请数量", 7) == [10, 3, 0, 0, 0, 0, 13]
    assert all(type(v) is int for v in row_values(wb["表三"], "（七）总计", 7))
    fee = wb["表二"].cell(find(wb["表二"], "行政事业性收费").row, 2).value
    assert isinstance(fee, float) and Decimal(str(fee)) == Decimal("1.25")
    assert find(wb["表二"], "本年收费金额（单位：万元）") is not None


def test_xlsx_missing_value_is_an_empty_cell():
    r = consistent_report()
    r.values[t3("new", "commercial")] = None
    assert row_values(open_xlsx(r)["表三"], "一、本年新收政府信息公开申请数量", 7)[1] is None


def test_xlsx_fills_an_error_cell_red_and_a_warning_cell_yellow():
    r = consistent_report()
    r.findings = [
        Finding("T3_BALANCE", "“自然人”列不平衡", (t3("new", "natural_person"),)),
        Finding("MISSING", "缺少数值", (t3("new", "natural_person"), t3("new", "commercial"))),
    ]
    ws = open_xlsx(r)["表三"]
    row = find(ws, "一、本年新收政府信息公开申请数量").row
    error, warning, plain = ws.cell(row, 4), ws.cell(row, 5), ws.cell(row, 6)
    assert error.fill.fgColor.rgb.endswith("FFC7CE")
    assert warning.fill.fgColor.rgb.endswith("FFEB9C")
    assert plain.fill.fill_type is None
    assert "“自然人”列不平衡" in error.comment.text and "缺少数值" in error.comment.text


def test_xlsx_findings_sheet_lists_code_severity_message_and_cells():
    r = consistent_report()
    r.findings = [Finding("T4_BLOCK_TOTAL", "“行政复议”总计不符", (Cell("table4", "review", "total"),))]
    ws = open_xlsx(r)["核查结果"]
    assert [c.value for c in ws[1]] == ["代码", "级别", "说明", "单元格", "路径"]
    assert [c.value for c in ws[2]] == [
        "T4_BLOCK_TOTAL",
        "错误",
        "“行政复议”总计不符",
        "表四“行政复议”行“总计”列",
        "table4.review.total",
    ]
    assert ws.max_row == 2
