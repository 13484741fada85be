"""The supervisor's page: one row per body of the area, sorted and filtered by GET, and the 汇总."""

from django.urls import reverse

from gongkai.supervision.queries.sources import State
from tests.supervision.conftest import YEAR


def get(client, world, **params):
    return client.get(reverse("supervision:area", args=[world.district.pk, YEAR]), params)


def names(response):
    return [r["row"].body.display_name for r in response.context["rows"]]


def test_one_row_per_body_of_the_area_in_tree_order(supervisor_client, world):
    response = get(supervisor_client, world)

    assert names(response) == ["某某区", "只楚街道", "坛山街道", "环翠楼街道", "空白街道", "西高皇街道"]
    by_name = {r["row"].body.display_name: r["row"] for r in response.context["rows"]}
    assert by_name["只楚街道"].origin == "导入" and by_name["只楚街道"].state == State.PUBLISHED
    assert by_name["只楚街道"].warning_count == 8
    assert by_name["空白街道"].state == State.OVERDUE  # no report, and 31 January 2024 has passed
    assert by_name["某某区"].figures["items_disclosed"] == 784
    content = response.content.decode()
    assert "逾期" in content and "导入" in content


def test_sorting_puts_missing_values_last_either_way(supervisor_client, world):
    down = names(get(supervisor_client, world, sort="-requests_new"))
    up = names(get(supervisor_client, world, sort="requests_new"))

    assert down[:2] == ["只楚街道", "环翠楼街道"]
    assert down[-2:] == ["某某区", "空白街道"]
    assert up[-3:] == ["只楚街道", "某某区", "空白街道"]


def test_filtering_by_status_and_level(supervisor_client, world):
    assert names(get(supervisor_client, world, status="overdue")) == ["空白街道"]
    assert names(get(supervisor_client, world, level="county")) == ["某某区"]
    assert len(names(get(supervisor_client, world, level="subdistrict", status="published"))) == 4


def test_the_summary_sums_the_chosen_bodies_and_names_every_gap(supervisor_client, world):
    response = get(supervisor_client, world)
    problems = [p["message"] for p in response.context["problems"]]

    assert any(m.startswith("某某区：表三缺失（原文中该表为图片") for m in problems)
    assert any(m.startswith("只楚街道：表四缺失") for m in problems)
    assert any(m.startswith("只楚街道：表三有") for m in problems)
    assert "空白街道：没有2023年度报告，未计入汇总。" in problems
    assert not any(m.startswith(("西高皇街道", "环翠楼街道", "坛山街道")) for m in problems)
    tables = str(response.context["tables"])
    assert 'data-cell="table3.rows.new.total"' in tables


def test_the_summary_follows_the_filter(supervisor_client, world):
    response = get(supervisor_client, world, level="subdistrict", status="published")
    problems = [p["message"] for p in response.context["problems"]]

    assert not any(m.startswith(("某某区", "空白街道")) for m in problems)


def test_a_row_links_to_the_bodys_own_page_only_for_its_staff(client, world, clerk, supervisor):
    client.force_login(clerk)
    [row] = get_rows(client, world.zhichu)
    assert row["link"] == reverse("reports:detail", args=[world.reports["000"].pk])

    client.force_login(supervisor)
    rows = {r["row"].body.display_name: r for r in get_rows(client, world.district)}
    assert rows["只楚街道"]["link"] == reverse(
        "supervision:report", args=[world.district.pk, YEAR, world.zhichu.pk]
    )
    assert rows["空白街道"]["link"] == ""


def get_rows(client, body):
    return client.get(reverse("supervision:area", args=[body.pk, YEAR])).context["rows"]


def test_the_read_only_report_shows_tables_and_findings(supervisor_client, world):
    url = reverse("supervision:report", args=[world.district.pk, YEAR, world.zhichu.pk])

    response = supervisor_client.get(url)

    content = response.content.decode()
    assert "只楚街道办事处2023年度报告" in content
    assert 'data-cell="table3.rows.new.total"' in content
    assert "缺失" in content


def test_a_body_whose_report_has_errors_gets_a_finding_and_its_numbers_still_count(supervisor_client, world):
    from gongkai.report_format.check import check
    from gongkai.report_format.layout import Cell
    from gongkai.report_format.model import Report
    from gongkai.report_workspace.models import AnnualReport

    report = Report.from_json(world.reports["002"].data)
    report.set(Cell("table3", "new", "total"), 3)  # 2 natural persons, yet a total of 3
    report.findings = check(report)
    errors = sum(f.level == "error" for f in report.findings)
    assert errors
    AnnualReport.objects.create(body=world.empty, year=YEAR, data=report.to_json(), error_count=errors)

    response = get(supervisor_client, world)

    problems = [p for p in response.context["problems"] if p["message"].startswith("空白街道")]
    assert [p["level"] for p in problems] == ["error"]
    assert f"报告有 {errors} 项错误" in problems[0]["message"]
    row = next(r["row"] for r in response.context["rows"] if r.get("row").body == world.empty)
    assert (row.origin, row.state, row.error_count) == ("编制", State.OVERDUE, errors)
