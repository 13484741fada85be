"""The 汇总 as an Excel workbook: the area's tables, one row per body, and the problems."""

from datetime import date
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from gongkai.report_format.layout import Cell
from gongkai.report_format.render.grid import GRIDS
from tests.supervision.conftest import YEAR

FIRST_ROW = 2  # the renderer's heading is in row 1


def value_of(ws, cell: Cell):
    gc = next(g for g in GRIDS[cell.table].starts if g.cell == cell)
    return ws.cell(FIRST_ROW + gc.row, gc.col + 1).value


def workbook(client, world, read_only=False, **params):
    response = client.get(reverse("supervision:export", args=[world.district.pk, YEAR]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content), read_only=read_only)


def test_the_workbook_has_the_summed_tables_the_bodies_and_the_problems(supervisor_client, world):
    wb = workbook(supervisor_client, world)

    assert wb.sheetnames == ["汇总·表二", "汇总·表三", "汇总·表四", "各机关", "问题"]
    table3 = wb["汇总·表三"]
    assert value_of(table3, Cell("table3", "new", "total")) == 7
    assert value_of(table3, Cell("table3", "partial", "total")) == 2
    assert value_of(table3, Cell("table3", "unable_not_held", "total")) == 5
    assert value_of(table3, Cell("table3", "total", "total")) == 2
    bodies = [row for row in wb["各机关"].iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in bodies] == [
        "某某区人民政府",
        "只楚街道办事处",
        "坛山街道办事处",
        "环翠楼街道办事处",
        "空白街道办事处",
        "西高皇街道办事处",
    ]
    header = [c.value for c in wb["各机关"][1]]
    zhichu = dict(zip(header, bodies[1], strict=True))
    assert (zhichu["主动公开信息"], zhichu["本年新收申请"], zhichu["来源"], zhichu["状态"]) == (
        64,
        5,
        "导入",
        "已发布",
    )
    problems = [row[0] for row in wb["问题"].iter_rows(min_row=2, values_only=True)]
    assert {"某某区", "只楚街道", "空白街道"} == set(problems)


def test_the_workbook_follows_the_filter(supervisor_client, world):
    wb = workbook(supervisor_client, world, level="subdistrict", status="published")

    assert value_of(wb["汇总·表三"], Cell("table3", "new", "total")) == 7
    assert len(list(wb["各机关"].iter_rows(min_row=2))) == 4
    assert {row[0] for row in wb["问题"].iter_rows(min_row=2, values_only=True)} == {"只楚街道"}


def test_the_workbook_opened_back_keeps_merges_marks_headers_types_and_wrapping(supervisor_client, world):
    """The sheets are streamed (openpyxl's write-only mode): what a reader of the file finds."""
    wb = workbook(supervisor_client, world)

    table4 = wb["汇总·表四"]
    # the heading over all 15 columns; 行政复议 over 5 columns whose heads are two rows tall; 行政诉讼
    # over 10 in two blocks of 5 (未经复议直接起诉, 复议后起诉)
    assert {str(r) for r in table4.merged_cells.ranges} == {
        "A1:O1",
        "A2:E2",
        "F2:O2",
        "F3:J3",
        "K3:O3",
        "A3:A4",
        "B3:B4",
        "C3:C4",
        "D3:D4",
        "E3:E4",
    }
    # a position a span covers keeps the span's outer border: A4 is the foot of A3:A4, D2 inside A2:E2
    # (read as stored: a normal load redraws the borders of merged cells from their first cell)
    stored4 = workbook(supervisor_client, world, read_only=True)["汇总·表四"]
    a4, d2 = stored4["A4"].border, stored4["D2"].border
    assert (a4.left.style, a4.right.style, a4.bottom.style, a4.top.style) == ("thin", "thin", "thin", None)
    assert (d2.top.style, d2.bottom.style, d2.left.style, d2.right.style) == ("thin", "thin", None, None)
    # 行政复议·结果维持: 0 from 西高皇, 坛山 and 环翠楼; missing for 某某区 (tables as images), 只楚街道
    # (no table 4) and 空白街道 (no report) — all three errors
    upheld = table4["A5"]
    assert upheld.value == 0 and type(upheld.value) is int
    assert upheld.fill.fgColor.rgb == "00FFC7CE"
    assert upheld.comment.text == "3 个机关的报告此处缺失或需核对（错误）：某某区、只楚街道、空白街道"
    assert upheld.comment.author == "核查"

    bodies, problems = wb["各机关"], wb["问题"]
    assert all(c.font.b for c in bodies[1]) and all(c.font.b for c in problems[1])
    assert not any(c.font.b for c in bodies[2]) and not any(c.font.b for c in problems[2])
    assert bodies.column_dimensions["A"].width == 30
    district, zhichu = bodies.iter_rows(min_row=2, max_row=3, values_only=True)
    # 某某区: seed 004 dated 2024年1月22日, a date cell shown as a date; not late (逾期 empty)
    assert district[:5] == ("某某区人民政府", "区县", "导入", "已发布", None)
    assert district[5].date() == date(2024, 1, 22)
    assert bodies["F2"].number_format == "yyyy-mm-dd"
    # 只楚街道: seed 000, undated; 64 items; new 5, all 本机关不掌握 (无法提供); 不予处理 on and table 4 missing
    stored = world.reports["000"]
    assert zhichu == (
        "只楚街道办事处",
        "街道",
        "导入",
        "已发布",
        None,
        None,
        stored.error_count,
        stored.warning_count,
        64,
        5,
        0,
        0,
        0,
        5,
        None,
        None,
        None,
        None,
        None,
    )
    assert all(type(v) is int for v in zhichu[6:14])

    assert (problems.column_dimensions["A"].width, problems.column_dimensions["C"].width) == (30, 80)
    assert problems["A1"].alignment.wrap_text is not True
    rows = list(problems.iter_rows(min_row=2))
    assert all(c.alignment.vertical == "top" and c.alignment.wrap_text for row in rows for c in row)
    # the severity filled: errors (tables missing, no report) red, 只楚街道's missing cells of table 3 yellow
    assert {row[1].value: row[1].fill.fgColor.rgb for row in rows} == {"错误": "00FFC7CE", "警告": "00FFEB9C"}
    assert all(row[c].fill.fill_type is None for row in rows for c in (0, 2, 3))
