"""Numbers of a borderless table placed under their columns by where they stand (columns.py)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from gongkai.report_format import read_bytes
from gongkai.report_format.columns import column_spans, header_spans, match_columns, place_by_columns
from gongkai.report_format.layout import TABLE3_COLUMNS, TABLE4_BLOCKS, TABLE4_FIELDS, Cell
from gongkai.report_format.model import Report
from gongkai.report_format.render.html import render_html
from gongkai.report_format.sample import random_report
from gongkai.report_format.tokens import Field, Line, Tokens
from tests.report_format.corpus import PDF_STYLES, chromium_pdf, scan_pdf

# Seven columns 40 pt apart, numbers 6 pt wide per digit, right-aligned at 100, 140, …, 340.
RIGHT = [100.0 + 40 * j for j in range(7)]


def _number(text: str, column: int, shift: float = 0.0) -> Field:
    right = RIGHT[column] + shift
    return Field(text, right - 6 * len(text), right)


def _row(label: str, numbers: list[Field], top: float, page: int = 0) -> Line:
    return Line([Field(label, 10, 60), *numbers], page, top, top - 10)


def test_a_number_goes_to_the_column_it_stands_under():
    spans = column_spans([[_number("12", j) for j in range(7)], [_number("3", j) for j in range(7)]])
    assert spans is not None
    assert match_columns([_number("1", 3), _number("1", 6)], spans) == [3, 6]
    assert match_columns([_number("5", 0), _number("7", 2), _number("12", 6)], spans) == [0, 2, 6]


def test_a_number_between_two_columns_or_two_under_one_decide_nothing():
    spans = column_spans([[_number("12", j) for j in range(7)]])
    assert spans is not None
    assert match_columns([_number("1", 3, shift=20)], spans) is None  # in the gap: no column
    assert match_columns([_number("1234567", 3, shift=30)], spans) is None  # reaches into two
    assert match_columns([_number("1", 3), _number("2", 3)], spans) is None


def test_overlapping_columns_give_no_spans():
    wide = [Field("1234567", 60 + 30 * j, 110 + 30 * j) for j in range(7)]
    assert column_spans([wide]) is None
    assert column_spans([]) is None


def test_a_head_cell_wrapped_over_lines_is_one_column():
    head = [Field("维持", 64, 84), Field("结果", 64, 82), Field("尚未", 99, 119), Field("审结", 100, 119)]
    assert header_spans(head) == [(64, 84), (99, 119)]


def test_short_rows_of_table_3_get_their_blank_cells_where_they_stand():
    lines = [
        _row(
            "一、本年新收政府信息公开申请数量",
            [_number(str(v), j) for j, v in enumerate([2, 2, 1, 3, 3, 1, 12])],
            700,
        ),
        _row("（一）予以公开", [_number("1", 3), _number("1", 6)], 680),
        _row("1.属于国家秘密", [_number("1", 0), _number("1", 1), _number("2", 6)], 660),
        _row("（二）部分公开", [_number("1", 3, shift=20)], 640),  # between two columns: left alone
    ]
    placed, rows = place_by_columns(Tokens(lines))
    assert rows == ["granted", "denied_state_secret"]
    text = placed.to_text().split("\n")
    assert text[1] == "（一）予以公开\t\t\t\t1\t\t\t1"
    assert text[2] == "1.属于国家秘密\t1\t1\t\t\t\t\t2"
    assert text[3] == "（二）部分公开\t1"


def test_a_short_row_whose_numbers_go_on_below_is_left_to_the_rules():
    lines = [
        _row("一、本年新收政府信息公开申请数量", [_number("1", j) for j in range(7)], 700),
        _row("（一）予以公开", [_number("1", 3)], 680),
        Line([_number("1", 6)], 0, 670, 660),
    ]
    assert place_by_columns(Tokens(lines))[1] == []


def test_a_label_wrapped_in_its_cell_is_joined_to_name_its_row():
    # "1.申请人无正当理由逾期不补正、" / "行政机关不再处理其政府信息公开申请 1 1", a group label to the left.
    lines = [
        _row("一、本年新收政府信息公开申请数量", [_number("1", j) for j in range(7)], 700),
        Line(
            [Field("（六）其", 0, 8), Field("1.申请人无正当理由逾期不补正、", 10, 58), Field("行", 58, 60)],
            0,
            690,
            680,
        ),
        Line(
            [
                Field("他处理", 0, 8),
                Field("政机关不再处理其政府信息公开申请", 10.5, 60),
                _number("1", 5),
                _number("1", 6),
            ],
            0,
            678,
            668,
        ),
    ]
    placed, rows = place_by_columns(Tokens(lines))
    assert rows == ["other_no_correction"]
    assert placed.to_text().split("\n")[1:3] == [
        "（六）其",
        "他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t\t\t\t\t\t1\t1",
    ]


def test_text_has_no_positions_and_is_kept_as_it_is():
    tokens = Tokens.of_text("（一）予以公开\t1\t2\n")
    assert place_by_columns(tokens) == (tokens, [])


# ------------------------------------------------------------------ a borderless PDF


@pytest.fixture(scope="module")
def blank_cells_unprinted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, bytes]:
    """A report whose zeros in tables 三 and 四 are left blank, printed without any border."""
    if shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium 未安装，无法生成 PDF")
    report = random_report(random.Random(7))
    for cell, value in list(report.values.items()):
        if cell.table in ("table3", "table4") and value == 0:
            report.values[cell] = None
    tmp = tmp_path_factory.mktemp("blank")
    return report, chromium_pdf(PDF_STYLES["no_lines"] + render_html(report), tmp / "blank.pdf")


# Rows of table 三 with their blank cells in different columns (seed 7), and table 四.
PLACED_ROWS = ("granted", "partial", "denied_state_secret", "denied_three_security", "carried_forward")


def test_rows_with_blank_cells_in_a_borderless_pdf_are_read_by_their_columns(blank_cells_unprinted):
    truth, pdf = blank_cells_unprinted
    blanks = {
        row: [j for j, c in enumerate(TABLE3_COLUMNS) if truth.values[Cell("table3", row, c.key)] is None]
        for row in PLACED_ROWS
    }
    assert len({tuple(b) for b in blanks.values()}) == len(PLACED_ROWS)  # blanks in different columns
    report = read_bytes(pdf, "无表格线.pdf")
    for row in PLACED_ROWS:
        cells = [Cell("table3", row, c.key) for c in TABLE3_COLUMNS]
        assert [report.values.get(c) for c in cells] == [truth.values[c] for c in cells], row
    table4 = [Cell("table4", b.key, f.key) for b in TABLE4_BLOCKS for f in TABLE4_FIELDS]
    assert any(truth.values[c] is None for c in table4) and any(truth.values[c] for c in table4)
    assert [report.values.get(c) for c in table4] == [truth.values[c] for c in table4]
    assert set(PLACED_ROWS) | {"table4"} <= set(report.source["placed_by_position"])
    assert "unreadable_rows" not in report.source and "ambiguous" not in report.source


def test_no_cell_placed_by_position_is_wrong(blank_cells_unprinted):
    truth, pdf = blank_cells_unprinted
    assert _wrong(read_bytes(pdf, "无表格线.pdf"), truth) == {}


def _wrong(report: Report, truth: Report) -> dict[str, tuple[object, object]]:
    return {
        c.path: (v, truth.values.get(c))
        for c, v in report.values.items()
        if c.table in ("table3", "table4") and v is not None and v != truth.values.get(c)
    }


@pytest.mark.ocr
def test_the_same_table_scanned_is_read_by_the_columns_ocr_finds(blank_cells_unprinted):
    truth, pdf = blank_cells_unprinted
    report = read_bytes(scan_pdf(pdf, 300, random.Random(1)), "扫描件.pdf")
    assert report.source["path"] == "ocr"
    assert _wrong(report, truth) == {}
    assert set(PLACED_ROWS) | {"table4"} <= set(report.source["placed_by_position"])
    for table in ("table3", "table4"):
        cells = [c for c in truth.values if c.table == table]
        assert [report.values.get(c) for c in cells] == [truth.values[c] for c in cells]
