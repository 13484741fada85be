"""`gongkai index_reports`: the cell index brought up to date ahead of the supervisors' visits."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_imports.actions.imports import import_report
from gongkai.supervision.models import IndexedReport, ReportCell
from gongkai.supervision.queries.body_years import body_years
from gongkai.supervision.tasks import cell_index
from tests.supervision.conftest import YEAR


def run(*args: str) -> str:
    out = StringIO()
    call_command("index_reports", *args, stdout=out)
    return out.getvalue().strip()


def test_the_first_run_indexes_every_body_year_with_a_report_and_the_second_finds_them_fresh(world):
    assert cell_index.report_years() == [YEAR]

    assert run() == "全部 6 个机关，1 个年度：新建或更新索引 5 个机关·年度，已是最新 0 个机关·年度。"
    assert IndexedReport.objects.filter(year=YEAR).count() == 5  # 空白街道 has no report
    assert run() == "全部 6 个机关，1 个年度：新建或更新索引 0 个机关·年度，已是最新 5 个机关·年度。"


def test_a_page_after_the_command_indexes_nothing(world):
    run()
    stamps = dict(IndexedReport.objects.values_list("body_id", "indexed_at"))

    body_years(area_bodies(world.district), YEAR, date(2024, 3, 1))

    assert dict(IndexedReport.objects.values_list("body_id", "indexed_at")) == stamps


def test_a_new_report_is_the_only_body_year_indexed_again(world, seed):
    run()
    newer = import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)

    assert run() == "全部 6 个机关，1 个年度：新建或更新索引 1 个机关·年度，已是最新 4 个机关·年度。"
    assert IndexedReport.objects.get(body=world.zhichu, year=YEAR).source_id == newer.pk


def test_area_and_year_narrow_what_is_indexed(world):
    assert run("--area", str(world.zhichu.pk)) == (
        "只楚街道办事处及下级机关（1 个），1 个年度：新建或更新索引 1 个机关·年度，已是最新 0 个机关·年度。"
    )
    assert list(IndexedReport.objects.values_list("body_id", flat=True)) == [world.zhichu.pk]
    assert run("--year", "2022", "--year", "2021") == (
        "全部 6 个机关，2 个年度：新建或更新索引 0 个机关·年度，已是最新 0 个机关·年度。"
    )


def test_small_chunks_index_the_same_rows(world, monkeypatch):
    monkeypatch.setattr(cell_index, "CHUNK", 2)

    assert run().endswith("新建或更新索引 5 个机关·年度，已是最新 0 个机关·年度。")
    assert IndexedReport.objects.count() == 5
    assert ReportCell.objects.values("body_id").distinct().count() == 5


def test_bad_arguments_are_named(world):
    with pytest.raises(CommandError, match="年度应在 2008 到 2100 之间，收到 1999"):
        run("--year", "1999")
    with pytest.raises(CommandError, match="没有编号为 999999 的机关"):
        run("--area", "999999")
