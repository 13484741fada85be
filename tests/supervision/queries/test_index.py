"""The per-body-year summary of the index: pages read it instead of each report's JSON."""

import json
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.models import IndexedReport, ReportCell
from gongkai.supervision.queries.body_years import body_years
from gongkai.supervision.queries.sources import counting_source
from gongkai.supervision.queries.summary import area_report
from tests.supervision.conftest import YEAR

TODAY = date(2024, 3, 1)


def test_the_first_page_indexes_every_counting_report_once(world):
    rows = body_years(area_bodies(world.district), YEAR, TODAY)

    assert IndexedReport.objects.filter(year=YEAR).count() == 5  # 空白街道 has no report
    zhichu = IndexedReport.objects.get(body=world.zhichu, year=YEAR)
    figures, gaps = json.loads(zhichu.figures), json.loads(zhichu.gaps)  # stored as JSON text
    assert (zhichu.source_id, figures["requests_new"], figures["items_disclosed"]) == (
        world.reports["000"].pk,
        5,
        64,
    )
    assert [g["text"] for g in gaps if g["severity"] == "error"] == ["表四缺失（该表缺失），未计入汇总。"]
    assert {r.body.pk: r.figures for r in rows}[world.zhichu.pk] == figures


def test_an_indexed_area_reads_no_report_json_and_a_fixed_number_of_queries(world, seed):
    body_years(area_bodies(world.district), YEAR, TODAY)
    with CaptureQueriesContext(connection) as few:
        body_years(area_bodies(world.district), YEAR, TODAY)
    for i in range(8):  # eight more 街道 with a report each: the same number of queries
        street = body_actions.create_body(
            actor=None,
            name=f"新{i}街道办事处",
            short_name=f"新{i}街道",
            level=Body.Level.SUBDISTRICT,
            parent=world.district,
        )
        import_report(actor=None, body=street, data=seed("001"), filename="001.txt", confirmed=True)
    body_years(area_bodies(world.district), YEAR, TODAY)

    with CaptureQueriesContext(connection) as many:
        rows = body_years(area_bodies(world.district), YEAR, TODAY)
        area_report("某某区及下级机关", rows, YEAR)

    assert len(rows) == 14
    assert len(many.captured_queries) == len(few.captured_queries) + 1  # + the sum
    columns = " ".join(q["sql"].split(" FROM ")[0] for q in many.captured_queries)
    assert '"data"' not in columns  # no report's JSON is read


def test_a_renamed_body_is_named_by_its_new_name_in_the_findings(world):
    body_years(area_bodies(world.district), YEAR, TODAY)
    renamed = Body.objects.get(pk=world.zhichu.pk)  # as every rename does: through save()
    renamed.name, renamed.short_name = "只楚街道办事处（新）", "新只楚街道"
    renamed.save()

    rows = body_years(area_bodies(world.district), YEAR, TODAY)
    _, problems = area_report("某某区及下级机关", rows, YEAR)

    assert any(p.finding.message.startswith("新只楚街道：表四缺失") for p in problems)
    assert not any("只楚街道：" in p.finding.message and "新" not in p.finding.message for p in problems)


def test_a_draft_without_data_does_not_count_a_published_one_does(world):
    draft = AnnualReport.objects.create(body=world.empty, year=YEAR, data={})

    assert counting_source(world.empty, YEAR) is None

    AnnualReport.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED, published_on=date(2024, 1, 5))
    assert counting_source(world.empty, YEAR).id == draft.pk


def test_a_report_that_stops_counting_leaves_the_index(world, supervisor_client):
    body_years(area_bodies(world.district), YEAR, TODAY)
    world.reports["001"].delete()

    supervisor_client.get(reverse("supervision:area", args=[world.district.pk, YEAR]))

    assert not IndexedReport.objects.filter(body=world.xigaohuang).exists()
    assert not ReportCell.objects.filter(body=world.xigaohuang).exists()


def test_the_vectors_add_up_to_what_the_cell_rows_add_up_to(world):
    from gongkai.supervision.queries.cells import sum_cells, sum_vectors

    body_years(area_bodies(world.district), YEAR, TODAY)
    ids = [b.pk for b, _ in area_bodies(world.district)]

    by_vectors = sum_vectors(ids, YEAR)

    assert by_vectors == sum_cells(ids, YEAR)
    assert by_vectors["table3.rows.new.total"] == (7, 1)  # 5 + 0 + 2 + 0; 某某区 misses it
    assert by_vectors["table3.rows.total.total"] == (2, 2)
