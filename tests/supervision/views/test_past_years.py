"""A past year as it was: the bodies founded later are left out, and every body bears the name it had
at the end of that year — on the area page, the read-only report, the send-backs, the 汇总 workbook,
the downloads, the API and the trends. The reports keep the name they were published with.

On top of the supervision world (tests/supervision/conftest.py, reports of 2023), ``history``:
- 只楚街道办事处 (只楚街道) became 芝罘区只楚街道办事处 (芝罘只楚) on 1 June 2024;
- 某某区人民政府 became 某某市某某区人民政府 on 1 January 2025 (简称 某某区 kept);
- 东山街道办事处 (东山街道) was founded on 1 February 2024 and has no report.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from openpyxl import load_workbook

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body
from gongkai.prepared.models import PreparedFile
from gongkai.report_imports.actions.imports import import_report
from gongkai.supervision.actions import supervision as supervision_actions
from gongkai.supervision.queries.sources import State
from tests.conftest import PASSWORD
from tests.prepared.helpers import fetch, run_waiting
from tests.supervision.conftest import YEAR

# 2023 in tree order (by the names of 2023: 只 U+53EA before 坛 U+575B, where 芝 U+829D would not be).
SHORT_2023 = ["某某区", "只楚街道", "坛山街道", "环翠楼街道", "空白街道", "西高皇街道"]


def rename(body: Body, name: str, short_name: str, on: date) -> None:
    body.refresh_from_db()
    tree_actions.rename_body(actor=None, body=body, name=name, short_name=short_name, code="", on=on)


@pytest.fixture
def history(world) -> Body:
    rename(world.zhichu, "芝罘区只楚街道办事处", "芝罘只楚", date(2024, 6, 1))
    rename(world.district, "某某市某某区人民政府", "某某区", date(2025, 1, 1))
    return tree_actions.add_body(
        actor=None,
        parent=world.district,
        name="东山街道办事处",
        short_name="东山街道",
        level=Body.Level.SUBDISTRICT,
        founded_on=date(2024, 2, 1),
    )


def area(client, world, year=YEAR, **params):
    response = client.get(reverse("supervision:area", args=[world.district.pk, year]), params)
    assert response.status_code == 200
    return response


def shown(response) -> list[str]:
    return [r["row"].display_name for r in response.context["rows"]]


def test_the_area_page_of_2023_shows_the_names_of_2023_and_not_the_body_founded_later(
    supervisor_client, world, history
):
    response = area(supervisor_client, world)

    assert shown(response) == SHORT_2023
    page = response.content.decode()
    assert "某某区人民政府及下级机关2023年度报告</h1>" in page
    assert "机关名称按2023年底的名称显示；某某区人民政府现名某某市某某区人民政府。" in page
    assert "芝罘只楚" not in page and "东山街道" not in page
    assert (
        '<a href="{}">只楚街道</a>'.format(
            reverse("supervision:report", args=[world.district.pk, YEAR, world.zhichu.pk])
        )
        in page
    )
    problems = [p["message"] for p in response.context["problems"]]
    assert any(m.startswith("只楚街道：表四缺失") for m in problems)
    assert response.context["row_count"] == 6


def test_the_area_page_of_2024_lists_the_new_body_and_the_new_name(supervisor_client, world, history):
    response = area(supervisor_client, world, 2024)

    assert shown(response) == [
        "某某区",
        "东山街道",
        "坛山街道",
        "环翠楼街道",
        "空白街道",
        "芝罘只楚",
        "西高皇街道",
    ]
    rows = {r["row"].display_name: r["row"] for r in response.context["rows"]}
    assert rows["东山街道"].state == State.OVERDUE  # due early in 2025, long passed, no report
    assert "某某区人民政府及下级机关2024年度报告</h1>" in response.content.decode()


def test_sorting_by_body_sorts_by_the_names_of_the_year(supervisor_client, world, history):
    names_2023 = [r["row"].name for r in area(supervisor_client, world, sort="body").context["rows"]]

    assert names_2023 == sorted(names_2023)
    assert "只楚街道办事处" in names_2023 and "芝罘区只楚街道办事处" not in names_2023


def test_the_report_page_and_the_send_backs_of_2023_use_the_name_of_2023(
    supervisor_client, supervisor, world, history
):
    supervision_actions.send_back(actor=supervisor, body=world.zhichu, year=YEAR, comment="请补充表四")

    page = supervisor_client.get(
        reverse("supervision:report", args=[world.district.pk, YEAR, world.zhichu.pk])
    ).content.decode()
    assert "<h1>只楚街道办事处2023年度报告</h1>" in page
    assert "机关名称按2023年底的名称显示；现名芝罘区只楚街道办事处。" in page
    assert "← 某某区及下级机关" in page
    sendbacks = area(supervisor_client, world).content.decode().split('<h2 id="sendbacks">退回记录</h2>')[1]
    assert "<tr><td>只楚街道</td>" in sendbacks


def test_the_summary_workbook_of_2023_names_the_bodies_as_in_2023(supervisor_client, world, history):
    response = supervisor_client.get(reverse("supervision:export", args=[world.district.pk, YEAR]))
    wb = load_workbook(BytesIO(response.content))

    bodies = [row[0] for row in wb["各机关"].iter_rows(min_row=2, values_only=True)]
    assert bodies == [
        "某某区人民政府",
        "只楚街道办事处",
        "坛山街道办事处",
        "环翠楼街道办事处",
        "空白街道办事处",
        "西高皇街道办事处",
    ]
    assert "只楚街道" in {row[0] for row in wb["问题"].iter_rows(min_row=2, values_only=True)}


def test_the_downloads_of_2023_name_the_bodies_as_in_2023_and_keep_the_reports(
    supervisor_client, world, history
):
    def download(name):
        response = supervisor_client.post(reverse(f"supervision:{name}", args=[world.district.pk, YEAR]))
        assert response.status_code == 302
        assert run_waiting()
        item = PreparedFile.objects.get(pk=resolve(response.url).kwargs["pk"])
        return fetch(supervisor_client, item)

    records = [json.loads(line) for line in download("download_jsonl").decode().splitlines()]
    assert [r["body_name"] for r in records][:2] == ["某某区人民政府", "只楚街道办事处"]
    assert "东山街道办事处" not in [r["body_name"] for r in records]
    zhichu = next(r for r in records if r["body_id"] == world.zhichu.pk)
    assert (zhichu["body_name"], zhichu["body_short_name"]) == ("只楚街道办事处", "只楚街道")
    assert zhichu["report"]["body"] == world.reports["000"].data["body"]  # as published, untouched

    rows = list(csv.DictReader(io.StringIO(download("download_csv").decode("utf-8-sig"))))
    assert {r["body_name"] for r in rows if r["body_id"] == str(world.zhichu.pk)} == {"只楚街道办事处"}

    sheet = load_workbook(BytesIO(download("download_xlsx")))["年度报告"]
    named = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert named[world.zhichu.pk] == "只楚街道办事处"
    assert named[world.district.pk] == "某某区人民政府"


def test_the_api_names_a_report_of_2023_as_in_2023(supervisor_client, world, history):
    data = supervisor_client.get("/api/v1/reports/", {"year": YEAR, "body": world.zhichu.pk}).json()

    assert [r["body_name"] for r in data["results"]] == ["只楚街道办事处"]
    bodies = supervisor_client.get("/api/v1/bodies/", {"body": world.zhichu.pk}).json()
    assert [b["name"] for b in bodies["results"]] == ["芝罘区只楚街道办事处"]  # the body list: today


def test_the_trends_rank_the_bodies_by_their_names_of_the_year(supervisor_client, world, history):
    url = reverse("supervision:trends", args=[world.district.pk])

    of_2023 = supervisor_client.get(url, {"year": 2023}).context["rankings"]
    assert "只楚街道" in [c.display_name for c in of_2023[0]["rows"]]
    assert "只楚街道" in [c.display_name for c in of_2023[1]["rows"]]  # 历年合计: only 2023 has reports
    of_2024 = supervisor_client.get(url, {"year": 2024}).context["rankings"][0]["rows"]
    assert {"芝罘只楚", "东山街道"} <= {c.display_name for c in of_2024}
    assert "只楚街道" not in {c.display_name for c in of_2024}
    body_page = supervisor_client.get(
        reverse("supervision:body_trends", args=[world.district.pk, world.zhichu.pk])
    ).content.decode()
    assert "2023年</a>（当年名称：只楚街道办事处）" in body_page


def test_names_and_founding_dates_add_no_query_per_body(supervisor_client, world, seed):
    def count() -> int:
        area(supervisor_client, world)  # re-walks the tree and re-indexes what changed
        with CaptureQueriesContext(connection) as ctx:
            area(supervisor_client, world)
        return len(ctx.captured_queries)

    plain = count()
    for i in range(6):
        body = tree_actions.add_body(
            actor=None,
            parent=world.district,
            name=f"新{i}街道办事处",
            level=Body.Level.SUBDISTRICT,
            founded_on=date(2020, 1, 1),
        )
        rename(body, f"新{i}街道", "", date(2024, 1, 1))
    rename(world.zhichu, "芝罘区只楚街道办事处", "芝罘只楚", date(2024, 6, 1))

    assert count() == plain


def test_the_summary_banner_names_a_changed_body_as_in_its_year(client, world, seed):
    clerk = body_actions.create_staff_user(
        actor=None, body=world.district, username="district_clerk", password=PASSWORD, role="clerk"
    )
    client.force_login(clerk)
    assert client.post(reverse("supervision:draft", args=[world.district.pk, YEAR])).status_code == 302
    import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)
    rename(world.zhichu, "芝罘区只楚街道办事处", "芝罘只楚", date(2024, 6, 1))

    page = area(client, world).content.decode()

    assert "汇总起草后，下级单位的报告有变化：只楚街道。请重新生成区域汇总。" in page
