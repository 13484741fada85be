"""The 汇总 as an Excel workbook: the area's tables, one row per body, and the problems."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from gongkai.annual.layout import Cell
from gongkai.annual.render.grid import GRIDS

from .conftest import YEAR

FIRST_ROW = 2  # the renderer's heading is in row 1


def value_of(ws, cell: Cell):
    gc = next(g for g in GRIDS[cell.table].starts if g.cell == cell)
    return ws.cell(FIRST_ROW + gc.row, gc.col + 1).value


def workbook(client, world, **params):
    response = client.get(reverse("supervision:export", args=[world.district.pk, YEAR]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


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
