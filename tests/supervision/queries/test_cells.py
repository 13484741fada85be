"""The flat cell index: filled lazily from the counting reports, summed by SQL in one query."""

from decimal import Decimal

from gongkai.report_format.layout import ALL_CELLS
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_workspace.models import AnnualReport
from gongkai.supervision.models import ReportCell, SourceKind
from gongkai.supervision.queries.cells import refresh_cells, sum_cells
from tests.supervision.conftest import YEAR


def bodies(world):
    return [world.district, world.zhichu, world.xigaohuang, world.huancuilou, world.tanshan, world.empty]


def test_every_cell_of_every_counting_report_is_indexed_a_missing_one_as_null(world):
    refresh_cells(bodies(world), YEAR)

    assert ReportCell.objects.count() == 5 * len(ALL_CELLS)
    district = ReportCell.objects.filter(body=world.district)
    assert district.filter(value__isnull=False).count() == 0
    assert ReportCell.objects.get(body=world.zhichu, path="table3.rows.new.total").value == 5


def test_the_sum_is_one_query_and_matches_the_hand_count(world, django_assert_num_queries):
    refresh_cells(bodies(world), YEAR)
    ids = [b.pk for b in bodies(world)]

    with django_assert_num_queries(1):
        sums = sum_cells(ids, YEAR)

    assert sums["table3.rows.new.total"] == (Decimal(7), 1)  # 某某区 has no table 3
    assert sums["table3.rows.partial.total"] == (Decimal(2), 1)
    assert sums["table3.rows.unable_not_held.total"] == (Decimal(5), 1)
    assert sums["table3.rows.total.total"] == (Decimal(2), 2)  # 只楚's table 3 stops before 总计
    assert sums["table4.review.total"] == (Decimal(0), 2)


def test_an_index_that_is_fresh_is_left_alone(world, django_assert_max_num_queries):
    refresh_cells(bodies(world), YEAR)

    with django_assert_max_num_queries(4):  # bodies' imports, compiled reports, indexed state; no writes
        refresh_cells(bodies(world), YEAR)


def test_a_newer_import_replaces_the_cells_of_its_body_year(world, seed):
    refresh_cells(bodies(world), YEAR)
    newer = import_report(
        actor=None, body=world.xigaohuang, data=seed("000"), filename="000.txt", confirmed=True
    )

    refresh_cells(bodies(world), YEAR)

    cells = ReportCell.objects.filter(body=world.xigaohuang)
    assert set(cells.values_list("source_kind", "source_id")) == {(SourceKind.IMPORTED, newer.pk)}
    assert cells.get(path="table3.rows.new.total").value == 5


def test_a_compiled_report_edited_after_indexing_is_indexed_again(world):
    annual = AnnualReport.objects.create(body=world.empty, year=YEAR, data=world.reports["002"].data)
    refresh_cells(bodies(world), YEAR)
    assert ReportCell.objects.get(body=world.empty, path="table3.rows.new.total").value == 2

    annual.data["table3"]["rows"]["new"][-1] = 3
    annual.save()
    refresh_cells(bodies(world), YEAR)

    assert ReportCell.objects.get(body=world.empty, path="table3.rows.new.total").value == 3
    assert ReportCell.objects.filter(body=world.empty).count() == len(ALL_CELLS)
