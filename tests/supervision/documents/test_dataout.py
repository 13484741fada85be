"""Every report of an area, out: JSON lines (validated against docs/report.schema.json), CSV (one row
per body-year-cell, values equal to the stored reports') and .xlsx (opened back)."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import jsonschema
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.prepared.models import PreparedFile
from gongkai.report_format.layout import ALL_CELLS, Cell
from gongkai.report_format.model import Report
from gongkai.report_imports.actions.imports import import_report
from tests.prepared.helpers import run_waiting
from tests.supervision.conftest import YEAR, file_as

SCHEMA = json.loads((Path(__file__).resolve().parents[3] / "docs" / "report.schema.json").read_text("utf-8"))
NEW_TOTAL = "table3.rows.new.total"
# The area in tree order, bodies with a 2023 report only (空白街道 has none).
NAMES = ["某某区人民政府", "只楚街道办事处", "坛山街道办事处", "环翠楼街道办事处", "西高皇街道办事处"]
# Every body of the area in tree order: what JSON lines and .xlsx list.
TREE = [
    "某某区人民政府",
    "只楚街道办事处",
    "坛山街道办事处",
    "环翠楼街道办事处",
    "空白街道办事处",
    "西高皇街道办事处",
]


def download(client, name, body, year=YEAR, **params):
    """Ask for the file (the area page's button), run its task as a worker would, download it."""
    response = client.post(f"{reverse(f'supervision:{name}', args=[body.pk, year])}?{urlencode(params)}")
    assert response.status_code == 302, response.status_code
    assert run_waiting()
    response = client.get(response.url + "download/")
    assert response.status_code == 200, response.status_code
    return response


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response) if hasattr(response, "file_to_stream") else response.content


def csv_rows(response):
    raw = body_of(response)
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


# ---------------------------------------------------------------- JSON lines


def test_jsonl_has_one_valid_canonical_report_per_body_and_a_null_one_without(supervisor_client, world):
    response = download(supervisor_client, "download_jsonl", world.district)
    assert response.streaming
    assert response["Content-Type"].startswith("application/jsonl")
    lines = body_of(response).decode("utf-8").splitlines()

    records = [json.loads(line) for line in lines]
    assert [r["body_name"] for r in records] == TREE
    by_name = {r["body_name"]: r for r in records}
    for name in NAMES:
        record = by_name[name]
        jsonschema.validate(record["report"], SCHEMA)
        assert (record["year"], record["origin"], record["status"]) == (YEAR, "imported", "published")
    empty = by_name["空白街道办事处"]
    assert list(empty) == list(by_name["只楚街道办事处"])  # the same keys, in the same order
    assert empty == {
        "body_id": world.empty.pk,
        "body_name": "空白街道办事处",
        "body_short_name": "空白街道",
        "body_code": "",
        "body_level": "subdistrict",
        "year": YEAR,
        "origin": None,
        "origin_label": None,
        "status": "overdue",  # due 31 January 2024 (a 街道), long passed
        "status_label": "逾期",
        "late": True,
        "due_on": by_name["只楚街道办事处"]["due_on"],
        "published_on": None,
        "error_count": None,
        "warning_count": None,
        "report": None,
    }
    zhichu = by_name["只楚街道办事处"]
    assert zhichu["body_id"] == world.zhichu.pk
    assert zhichu["report"]["table3"]["rows"]["new"][-1] == 5
    assert zhichu["report"]["narrative"]["items_disclosed"] == 64
    stored = world.reports["000"]
    assert (zhichu["error_count"], zhichu["warning_count"]) == (stored.error_count, stored.warning_count)
    assert Report.from_json(zhichu["report"]) == Report.from_json(stored.data)


def test_jsonl_of_every_year_and_filters(supervisor_client, world, seed):
    older = import_report(
        actor=None, body=world.tanshan, data=seed("003"), filename="003.txt", confirmed=True
    )
    file_as(older, 2021)

    lines = body_of(download(supervisor_client, "download_jsonl", world.district, years="all")).splitlines()
    records = [json.loads(line) for line in lines]
    # every body for every year that has a report in the area; in 2021 only 坛山街道 has one
    assert [(r["year"], r["body_name"], r["report"] is not None) for r in records] == [
        (2021, n, n == "坛山街道办事处") for n in TREE
    ] + [(YEAR, n, n in NAMES) for n in TREE]

    this_year = body_of(download(supervisor_client, "download_jsonl", world.district)).splitlines()
    assert len(this_year) == 6
    streets = body_of(download(supervisor_client, "download_jsonl", world.district, level="subdistrict"))
    assert [json.loads(x)["body_name"] for x in streets.splitlines()] == TREE[1:]
    drafts = body_of(download(supervisor_client, "download_jsonl", world.district, status="draft"))
    assert drafts == b""
    overdue = body_of(download(supervisor_client, "download_jsonl", world.district, status="overdue"))
    assert [json.loads(x)["body_name"] for x in overdue.splitlines()] == ["空白街道办事处"]


# ---------------------------------------------------------------- CSV


def test_csv_has_one_row_per_body_and_cell_with_the_stored_values(supervisor_client, world):
    response = download(supervisor_client, "download_csv", world.district)
    assert response.streaming
    rows = csv_rows(response)

    assert len(rows) == 5 * len(ALL_CELLS) == 1000
    assert list(rows[0]) == [
        "body_id", "body_name", "body_code", "body_level", "year", "origin", "cell", "table", "row",
        "column", "table_label", "row_label", "column_label", "value",
    ]  # fmt: skip
    stored = {
        world.district.pk: world.reports["004"],
        world.zhichu.pk: world.reports["000"],
        world.xigaohuang.pk: world.reports["001"],
        world.huancuilou.pk: world.reports["002"],
        world.tanshan.pk: world.reports["003"],
    }
    reports = {pk: Report.from_json(r.data) for pk, r in stored.items()}
    by_path = {c.path: c for c in ALL_CELLS}
    for row in rows:
        expected = reports[int(row["body_id"])].values.get(by_path[row["cell"]])
        assert row["value"] == ("" if expected is None else str(expected)), row
    new_total = {r["body_name"]: r["value"] for r in rows if r["cell"] == NEW_TOTAL}
    assert new_total == {
        "某某区人民政府": "",  # tables only as images
        "只楚街道办事处": "5",
        "坛山街道办事处": "0",
        "环翠楼街道办事处": "2",
        "西高皇街道办事处": "0",
    }
    first = rows[0]
    assert (first["body_name"], first["cell"], first["table_label"]) == (
        "某某区人民政府",
        "table2.regulations.issued",
        "表二",
    )
    assert {r["value"] for r in rows if r["body_name"] == "西高皇街道办事处"} == {"0"}
    partial = next(
        r for r in rows if r["body_name"] == "环翠楼街道办事处" and r["cell"] == "table3.rows.partial.total"
    )
    assert (partial["row_label"], partial["column_label"], partial["value"]) == (
        "（二）部分公开",
        "总计",
        "2",
    )


def test_csv_amounts_keep_their_decimals():
    from gongkai.supervision.documents.dataout import text

    assert [text(None), text(0), text(Decimal("1.50")), text(Decimal("100")), text(Decimal("0.0300"))] == [
        "",
        "0",
        "1.5",
        "100",
        "0.03",
    ]


# ---------------------------------------------------------------- xlsx


def test_xlsx_has_one_row_per_body_year_and_every_cell_as_a_column(supervisor_client, world):
    response = download(supervisor_client, "download_xlsx", world.district)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(body_of(response)))

    assert wb.sheetnames == ["年度报告", "字段说明"]
    ws = wb["年度报告"]
    header = [c.value for c in ws[1]]
    assert len(header) == 11 + 200
    assert ws.auto_filter.ref == "A1:HC7"  # 211 columns (26 + 7×26 = 208 is GZ), a heading, six bodies
    data = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in data] == TREE
    keys = {row[2]: row[0] for row in wb["字段说明"].iter_rows(min_row=2, values_only=True)}
    new_total = header.index(next(h for h in header if h and h.endswith("本年新收政府信息公开申请数量·总计")))
    assert [r[new_total] for r in data] == [None, 5, 0, 2, None, 0]
    assert keys[NEW_TOTAL] == ws.cell(1, new_total + 1).column_letter
    zhichu = dict(zip(header, data[1], strict=True))
    assert (zhichu["机关编号"], zhichu["年度"], zhichu["来源"], zhichu["状态"]) == (
        world.zhichu.pk,
        YEAR,
        "导入",
        "已发布",
    )
    assert zhichu["错误"] == world.reports["000"].error_count
    report = Report.from_json(world.reports["002"].data)
    huancuilou = data[3]
    for i, cell in enumerate(ALL_CELLS, start=11):
        assert huancuilou[i] == report.values.get(cell), cell
    empty = dict(zip(header, data[4], strict=True))
    assert (empty["机关"], empty["来源"], empty["状态"], empty["逾期"], empty["错误"]) == (
        "空白街道办事处",
        None,
        "逾期",
        "是",
        None,
    )
    assert data[4][11:] == (None,) * 200


def test_cell_headings_name_table_row_and_column():
    from gongkai.supervision.documents.dataout import cell_heading

    assert cell_heading(Cell("table3", "partial", "total")) == "表三·（二）部分公开·总计"


# ---------------------------------------------------------------- who may download


@pytest.mark.parametrize("name", ["download_jsonl", "download_csv", "download_xlsx"])
def test_nobody_downloads_above_or_beside(client, world, clerk, name):
    url = reverse(f"supervision:{name}", args=[world.district.pk, YEAR])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(clerk)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    beside = reverse(f"supervision:{name}", args=[world.xigaohuang.pk, YEAR])
    assert client.post(beside).status_code == 404
    own = reverse(f"supervision:{name}", args=[world.zhichu.pk, YEAR])
    assert client.get(own).status_code == 200  # the page with the button
    assert client.post(own).status_code == 302  # queued: to the file's status page
    assert not PreparedFile.objects.filter(params__body=world.district.pk).exists()


def test_a_street_clerk_downloads_only_their_own_report(clerk_client, world):
    lines = body_of(download(clerk_client, "download_jsonl", world.zhichu)).splitlines()
    assert [json.loads(x)["body_name"] for x in lines] == ["只楚街道办事处"]


def test_the_area_page_links_the_downloads(supervisor_client, world):
    page = supervisor_client.get(reverse("supervision:area", args=[world.district.pk, YEAR])).content.decode()
    for name in ("download_jsonl", "download_csv", "download_xlsx"):
        url = reverse(f"supervision:{name}", args=[world.district.pk, YEAR])
        assert f'action="{url}?status=&amp;level="' in page
        assert f'action="{url}?status=&amp;level=&amp;years=all"' in page
    filtered = supervisor_client.get(
        reverse("supervision:area", args=[world.district.pk, YEAR]), {"level": "subdistrict"}
    ).content.decode()
    csv_url = reverse("supervision:download_csv", args=[world.district.pk, YEAR])
    assert f'action="{csv_url}?status=&amp;level=subdistrict"' in filtered


def test_a_compiled_report_counts_before_an_imported_one_and_an_empty_draft_not_at_all(
    supervisor_client, world
):
    from gongkai.report_workspace.models import AnnualReport

    compiled = Report(body="只楚街道办事处", year=YEAR, values={Cell("table3", "new", "total"): 9})
    AnnualReport.objects.create(body=world.zhichu, year=YEAR, data=compiled.to_json(), error_count=1)
    AnnualReport.objects.create(body=world.empty, year=YEAR, data={})  # nothing compiled yet

    lines = body_of(download(supervisor_client, "download_jsonl", world.district)).splitlines()
    records = {r["body_name"]: r for r in map(json.loads, lines)}
    assert list(records) == TREE
    assert (records["空白街道办事处"]["origin"], records["空白街道办事处"]["report"]) == (
        None,
        None,
    )  # an empty draft is no report
    zhichu = records["只楚街道办事处"]
    assert (zhichu["origin"], zhichu["origin_label"], zhichu["status"], zhichu["error_count"]) == (
        "annual",
        "编制",
        "overdue",  # a draft whose deadline (31 January 2024) has passed
        1,
    )
    jsonschema.validate(zhichu["report"], SCHEMA)
    assert zhichu["report"]["table3"]["rows"]["new"][-1] == 9
    rows = csv_rows(download(supervisor_client, "download_csv", world.district, status="overdue"))
    assert len(rows) == 200
    assert {r["origin"] for r in rows} == {"annual"}
    assert next(r["value"] for r in rows if r["cell"] == NEW_TOTAL) == "9"


def test_a_body_ended_before_the_year_is_not_listed_without_a_report(supervisor_client, world):
    """撤销 on 1 March 2023: 空白街道 answers for no 2023 report (gone before the year's end), so the
    2023 export has no row for it; it existed at the end of 2022, so the 2022 export has one."""
    from datetime import date

    from gongkai.bodies.actions import tree as tree_actions

    tree_actions.dissolve_body(actor=None, body=world.empty, on=date(2023, 3, 1))

    lines = body_of(download(supervisor_client, "download_jsonl", world.district)).splitlines()
    assert [json.loads(x)["body_name"] for x in lines] == NAMES
    wb = load_workbook(io.BytesIO(body_of(download(supervisor_client, "download_xlsx", world.district))))
    assert [r[1] for r in wb["年度报告"].iter_rows(min_row=2, values_only=True)] == NAMES
    older = body_of(download(supervisor_client, "download_jsonl", world.district, year=2022)).splitlines()
    assert [json.loads(x)["body_name"] for x in older] == TREE


def test_the_area_page_says_which_downloads_list_bodies_without_a_report(supervisor_client, world):
    page = supervisor_client.get(reverse("supervision:area", args=[world.district.pk, YEAR])).content.decode()
    assert "没有报告的机关也有一行" in page
    assert "CSV 每个机关·年度·单元格一行，只含已有报告的机关" in page
