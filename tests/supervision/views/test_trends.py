"""An area over the years: sums, shares, 纠正 rates, channels, and the consistency ranking.

The world (hand-built reports, 总计 column only; every outcome row not named is 0):

2023 (due 31 January 2024)
- 某某区: new 10 — granted 5, partial 1, denied_state_secret 2, unable_not_held 1, rejected_duplicate 1
  (办结 10); 复议 维持2 纠正1 其他0 未审结1; 直接起诉 1/0/1/0; 复议后起诉 0/1/0/0; 100 items (政府网站 60,
  政务新媒体 40); 0 errors, 2 warnings; published 2024-01-20.                        score 2
- 只楚街道: new 4 — granted 2, unable_needs_creation 2 (办结 4); 复议 all 0; 直接起诉 1/0/0/0; 复议后 all 0;
  no table 2; 20 items; 1 error; published 2024-06-01 (late).               score 10 + 20 + 5 = 35
- 西高皇街道: no report (missing 3 tables, overdue).                              score 60 + 5 = 65

2024 (due 31 January 2025)
- 某某区: new 20 — granted 10, partial 2, denied_third_party 3, unable_unclear 1, other_other 4 (办结 20);
  复议 1/1/0/0; 直接起诉 0/0/0/1; 复议后 all 0; 150 items (政府网站 100, 政务新媒体 50); clean.   score 0
- 只楚街道: compiled and published (an import of 2024 is overridden): new 6 — granted 3,
  denied_process_info 3; 复议 0/2/0/0; 诉讼 all 0; facts: 30 items (政府网站 25, 政务新媒体 5); clean.  score 0
- 西高皇街道: tables 3 and 4 absent, 5 items, 3 warnings, on time.              score 3 + 40 = 43

Hand sums
- 2023: new 14; granted 7, partial 1, denied 2, unable 3, rejected 1, other 0; 办结 14;
  (2+3)/14 = 35.7 %; 复议 4 (纠正 1 of 审结 3 = 33.3 %); 诉讼 2+1+1 = 4 (纠正 1 of 审结 3+1 = 25.0 %); items 120.
- 2024: new 26; granted 13, partial 2, denied 6, unable 1, other 4; 办结 26; (6+1)/26 = 26.9 %;
  复议 2+2 = 4 (纠正 3 of 4 = 75.0 %); 诉讼 1 (审结 0: no rate); items 185; 政府网站 125, 政务新媒体 55.
- Overall: 某某区 2, 只楚街道 35, 西高皇街道 108.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import etree, html

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body
from gongkai.report_format.layout import TABLE2_ITEMS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_FIELDS, Cell
from gongkai.report_format.model import Breakdown, Part, Report
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.queries import trends

NO_TABLE = object()


def build(
    year: int,
    outcomes: dict[str, int] | object,
    t4: dict[str, tuple[int, int, int, int]] | object,
    *,
    new: int = 0,
    table2: bool = True,
    items: int | None = None,
    channels: dict[str, int] | None = None,
) -> dict:
    """A report's JSON with table 3's 总计 column (outcome rows default 0) and table 4 as given."""
    r = Report(body="x", year=year)
    if outcomes is not NO_TABLE:
        assert isinstance(outcomes, dict)
        for row in TABLE3_ROWS:
            if row.group and row.key != "total":
                r.values[Cell("table3", row.key, "total")] = outcomes.get(row.key, 0)
        done = sum(outcomes.values())
        for key, value in (
            ("new", new),
            ("carried_over", done - new),
            ("total", done),
            ("carried_forward", 0),
        ):
            r.values[Cell("table3", key, "total")] = value
    if t4 is not NO_TABLE:
        assert isinstance(t4, dict)
        for block in TABLE4_BLOCKS:
            parts = t4.get(block.key, (0, 0, 0, 0))
            for f, v in zip(TABLE4_FIELDS, (*parts, sum(parts)), strict=True):
                r.values[Cell("table4", block.key, f.key)] = v
    if table2:
        item = TABLE2_ITEMS[0]
        r.values[Cell("table2", item.key, item.fields[0].key)] = 1
    r.narrative.items_disclosed = items
    if channels:
        parts = tuple(Part(k, v) for k, v in channels.items())
        r.narrative.item_breakdowns = [Breakdown(sum(channels.values()), parts, "channel", "…")]
    return r.to_json()


def imported(
    body: Body, year: int, data: dict, *, on: date, errors: int = 0, warnings: int = 0
) -> ImportedReport:
    return ImportedReport.objects.create(
        body=body,
        year=year,
        published_on=on,
        filename="r.txt",
        data=data,
        error_count=errors,
        warning_count=warnings,
    )


@pytest.fixture
def area(district, street, other_street):
    imported(
        district,
        2023,
        build(
            2023,
            {
                "granted": 5,
                "partial": 1,
                "denied_state_secret": 2,
                "unable_not_held": 1,
                "rejected_duplicate": 1,
            },
            {
                "review": (2, 1, 0, 1),
                "litigation_direct": (1, 0, 1, 0),
                "litigation_after_review": (0, 1, 0, 0),
            },
            new=10,
            items=100,
            channels={"政府网站": 60, "政务新媒体": 40},
        ),
        on=date(2024, 1, 20),
        warnings=2,
    )
    imported(
        street,
        2023,
        build(
            2023,
            {"granted": 2, "unable_needs_creation": 2},
            {"litigation_direct": (1, 0, 0, 0)},
            new=4,
            table2=False,
            items=20,
        ),
        on=date(2024, 6, 1),
        errors=1,
    )
    imported(
        district,
        2024,
        build(
            2024,
            {"granted": 10, "partial": 2, "denied_third_party": 3, "unable_unclear": 1, "other_other": 4},
            {"review": (1, 1, 0, 0), "litigation_direct": (0, 0, 0, 1)},
            new=20,
            items=150,
            channels={"政府网站": 100, "政务新媒体": 50},
        ),
        on=date(2025, 1, 20),
    )
    imported(street, 2024, build(2024, {"granted": 99}, {}, new=99, items=99), on=date(2025, 1, 2), errors=9)
    AnnualReport.objects.create(
        body=street,
        year=2024,
        status=Status.PUBLISHED,
        data=build(2024, {"granted": 3, "denied_process_info": 3}, {"review": (0, 2, 0, 0)}, new=6),
        facts={"items_total": 30, "items_by_channel": {"政府网站": 25, "政务新媒体": 5}},
        published_on=date(2025, 1, 15),
        published_at=timezone.now(),
    )
    imported(other_street, 2024, build(2024, NO_TABLE, NO_TABLE, items=5), on=date(2025, 1, 30), warnings=3)
    return district


@pytest.fixture
def neighbour(db):
    """Another district beside 某某区, with one 街道 and a report."""
    other = body_actions.create_body(
        actor=None, name="邻区人民政府", short_name="邻区", level=Body.Level.COUNTY
    )
    below = body_actions.create_body(
        actor=None, name="邻街道办事处", short_name="邻街道", level=Body.Level.SUBDISTRICT, parent=other
    )
    imported(below, 2023, build(2023, {"granted": 1}, {}, new=1), on=date(2024, 1, 10))
    return other, below


TODAY = date(2026, 11, 22)


def test_the_area_sums_each_year_of_the_bodies_that_state_the_figure(area):
    years = trends.area_trends(area, TODAY)

    assert [y.year for y in years] == [2023, 2024]
    a, b = years[0].figures, years[1].figures
    assert (years[0].bodies, a.reports, years[1].bodies, b.reports) == (3, 2, 3, 3)
    assert (a.requests_new, a.granted, a.partial, a.denied, a.unable, a.rejected, a.other, a.concluded) == (
        14,
        7,
        1,
        2,
        3,
        1,
        0,
        14,
    )
    assert (b.requests_new, b.granted, b.partial, b.denied, b.unable, b.rejected, b.other, b.concluded) == (
        26,
        13,
        2,
        6,
        1,
        0,
        4,
        26,
    )
    assert round(a.withheld_share, 1) == 35.7 and round(b.withheld_share, 1) == 26.9
    assert (a.review, a.litigation, b.review, b.litigation) == (4, 4, 4, 1)
    assert round(a.review_correction_rate, 1) == 33.3 and a.litigation_correction_rate == 25.0
    assert b.review_correction_rate == 75.0 and b.litigation_correction_rate is None  # nothing concluded
    assert (a.items_disclosed, b.items_disclosed) == (120, 185)
    assert a.channels == {"政府网站": 60, "政务新媒体": 40}
    assert b.channels == {"政府网站": 125, "政务新媒体": 55}


def test_the_ranking_scores_errors_warnings_missing_tables_and_lateness(area):
    years = trends.area_trends(area, TODAY)

    first = trends.ranking(years[0].rows)
    assert [(c.body.display_name, c.score) for c in first] == [
        ("某某区", 2),
        ("只楚街道", 35),
        ("西高皇街道", 65),
    ]
    zhichu = first[1]
    assert (zhichu.errors, zhichu.warnings, zhichu.missing_tables, zhichu.late) == (1, 0, 1, 1)
    # A tie (0 and 0) is broken by name; 西高皇 misses tables 3 and 4.
    second = trends.ranking(years[1].rows)
    assert [(c.body.display_name, c.score) for c in second] == [
        ("只楚街道", 0),
        ("某某区", 0),
        ("西高皇街道", 43),
    ]
    overall = trends.ranking(e for y in years for e in y.rows)
    assert [(c.body.display_name, c.score, c.years, c.reports) for c in overall] == [
        ("某某区", 2, 2, 2),
        ("只楚街道", 35, 2, 2),
        ("西高皇街道", 108, 2, 1),
    ]


def test_one_bodys_series_counts_the_compiled_report_over_the_import(area, street):
    entries = trends.body_trends(street, TODAY)

    assert [e.year for e in entries] == [2023, 2024]
    assert [e.row.origin for e in entries] == ["导入", "编制"]
    assert entries[1].figures.requests_new == 6 and entries[1].figures.items_disclosed == 30
    assert entries[1].consistency.errors == 0  # not the import's 9
    assert [e.consistency.score for e in entries] == [35, 0]


def table_rows(page: str, caption: str) -> list[list[str]]:
    doc = html.fromstring(page)
    [table] = [t for t in doc.iter("table") if t.findtext("caption") == caption]
    return [[c.text_content().strip() for c in tr] for tr in table.findall("tbody/tr")]


def test_the_area_page_draws_the_charts_with_their_tables(supervisor_client, area):
    response = supervisor_client.get(reverse("supervision:trends", args=[area.pk]))
    page = response.content.decode()

    assert response.status_code == 200 and response.context["year"] == 2024  # the latest year by default
    assert page.count("<svg") == 7  # the channel chart is there since reports state channels
    for svg in html.fromstring(page).iter("{http://www.w3.org/2000/svg}svg", "svg"):
        etree.fromstring(etree.tostring(svg))  # well-formed once taken out of the page
    assert table_rows(page, "依申请公开办理结果构成（件）（数据表）") == [
        ["予以公开", "7", "13"],
        ["部分公开", "1", "2"],
        ["不予公开", "2", "6"],
        ["无法提供", "3", "1"],
        ["不予处理", "1", "0"],
        ["其他处理", "0", "4"],
    ]
    assert table_rows(page, "不予公开、无法提供占办结数的比例（%）（数据表）") == [
        ["不予公开＋无法提供", "35.7%", "26.9%"]
    ]
    assert table_rows(page, "行政复议、行政诉讼结果纠正率（%）（数据表）") == [
        ["行政复议纠正率", "33.3%", "75.0%"],
        ["行政诉讼纠正率", "25.0%", "—"],
    ]
    assert table_rows(page, "主动公开政府信息：各渠道发布（条）（数据表）") == [
        ["政务新媒体", "40", "55"],
        ["政府网站", "60", "125"],
    ]
    assert "一致性得分 = 错误数×10" in page


def test_the_ranking_of_the_chosen_year_links_to_each_report(supervisor_client, area, street, other_street):
    response = supervisor_client.get(reverse("supervision:trends", args=[area.pk]), {"year": 2023})
    page = response.content.decode()
    section = response.context["rankings"][0]

    assert section["title"] == "2023年度"
    assert [(c.body.display_name, c.score) for c in section["rows"]] == [
        ("某某区", 2),
        ("只楚街道", 35),
        ("西高皇街道", 65),
    ]
    assert reverse("supervision:report", args=[area.pk, 2023, street.pk]) in page
    assert reverse("supervision:report", args=[area.pk, 2023, other_street.pk]) not in page  # no report
    assert "西高皇街道（无报告）" in page
    assert reverse("supervision:body_trends", args=[area.pk, other_street.pk]) in page
    overall = response.context["rankings"][1]
    assert overall["title"] == "历年合计（2023—2024年）" and overall["rows"][-1].score == 108


def test_a_year_without_reports_still_ranks_every_body(supervisor_client, area):
    response = supervisor_client.get(reverse("supervision:trends", args=[area.pk]), {"year": 2022})

    assert [c.score for c in response.context["rankings"][0]["rows"]] == [65, 65, 65]
    assert response.context["years"] == [2022, 2023, 2024]


def test_one_bodys_page(supervisor_client, area, street):
    response = supervisor_client.get(reverse("supervision:body_trends", args=[area.pk, street.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert [e.year for e in response.context["entries"]] == [2023, 2024]
    assert table_rows(page, "本年新收政府信息公开申请（件）（数据表）") == [["本年新收申请", "4", "6"]]
    assert reverse("supervision:report", args=[area.pk, 2024, street.pk]) in page
    assert page.count("<svg") == 7


@pytest.mark.parametrize("year", ["abc", "1999", "-1"])
def test_a_bad_year_is_a_404(supervisor_client, area, year):
    response = supervisor_client.get(reverse("supervision:trends", args=[area.pk]), {"year": year})

    assert response.status_code == 404


def test_a_neighbouring_district_is_a_404(supervisor_client, area, neighbour):
    other, below = neighbour

    assert supervisor_client.get(reverse("supervision:trends", args=[other.pk])).status_code == 404
    assert (
        supervisor_client.get(reverse("supervision:body_trends", args=[other.pk, below.pk])).status_code
        == 404
    )
    assert (
        supervisor_client.get(reverse("supervision:body_trends", args=[area.pk, below.pk])).status_code == 404
    )


def test_a_street_sees_itself_not_its_district(clerk_client, area, street, other_street):
    assert clerk_client.get(reverse("supervision:trends", args=[area.pk])).status_code == 404
    response = clerk_client.get(reverse("supervision:trends", args=[street.pk]))
    assert response.status_code == 200
    assert [y.bodies for y in response.context["area"]] == [1, 1]
    assert (
        clerk_client.get(reverse("supervision:body_trends", args=[street.pk, other_street.pk])).status_code
        == 404
    )


def test_logged_out_goes_to_the_login(client, area):
    response = client.get(reverse("supervision:trends", args=[area.pk]))

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_area_page_links_to_the_trends(supervisor_client, area):
    page = supervisor_client.get(reverse("supervision:area", args=[area.pk, 2024])).content.decode()

    assert f"{reverse('supervision:trends', args=[area.pk])}?year=2024" in page


def test_an_area_without_reports_says_so(supervisor_client, district):
    response = supervisor_client.get(reverse("supervision:trends", args=[district.pk]))

    assert response.status_code == 200 and "还没有任何年度报告" in response.content.decode()
    assert "<svg" not in response.content.decode()


def test_the_queries_do_not_grow_with_the_bodies(area, district):
    def count() -> int:
        trends.area_trends(district, TODAY)  # indexes what changed
        with CaptureQueriesContext(connection) as ctx:
            trends.area_trends(district, TODAY)
        return len(ctx.captured_queries)

    before = count()
    for i in range(5):
        body = body_actions.create_body(
            actor=None,
            name=f"新{i}街道办事处",
            short_name=f"新{i}街道",
            level=Body.Level.SUBDISTRICT,
            parent=district,
        )
        imported(body, 2024, build(2024, {"granted": i}, {}, new=i), on=date(2025, 1, 2))
    assert count() == before
