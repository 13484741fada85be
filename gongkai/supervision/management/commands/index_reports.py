"""`gongkai index_reports [--year Y ...] [--area BODY_PK]`: bring the cell index of the 汇总 up to date
ahead of time (for cron), so that no supervisor's first visit indexes an area inside the request."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.access import FIRST_YEAR, LAST_YEAR
from gongkai.supervision.models import IndexedReport
from gongkai.supervision.queries.cells import refresh_cells

CHUNK = 500  # bodies indexed at once: their reports' JSON is what sits in memory


def report_years(body_ids: list[int] | None = None) -> list[int]:
    """The years that have a report that can count (same rule as ``sources.sources_for``), oldest first."""
    imported = ImportedReport.objects.filter(year__isnull=False)
    annual = AnnualReport.objects.filter(Q(status=Status.PUBLISHED) | ~Q(data={}))
    if body_ids is not None:
        imported, annual = imported.filter(body_id__in=body_ids), annual.filter(body_id__in=body_ids)
    years = set(imported.values_list("year", flat=True).distinct())
    years.update(annual.values_list("year", flat=True).distinct())
    return sorted(y for y in years if y is not None)


def index_year(body_ids: list[int], year: int, since: datetime) -> tuple[int, int]:
    """Refresh the index of these bodies' ``year`` a chunk at a time; returns (indexed now, already fresh).

    A body-year counts as indexed now when its index row was written at or after ``since``.
    """
    indexed = fresh = 0
    for start in range(0, len(body_ids), CHUNK):
        chunk = list(Body.objects.filter(pk__in=body_ids[start : start + CHUNK]).only("pk"))
        rows = refresh_cells(chunk, year)
        now = IndexedReport.objects.filter(body_id__in=list(rows), year=year, indexed_at__gte=since).count()
        indexed += now
        fresh += len(rows) - now
    return indexed, fresh


class Command(BaseCommand):
    help = (
        "更新年度报告汇总所用的单元格索引（可由 cron 定时运行）：默认为全部机关、全部有报告的年度；"
        "--year 只更新给定年度，--area 只更新该机关及其下级机关。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", dest="years", help="报告年度，可重复给出")
        parser.add_argument("--area", type=int, help="机关编号：只更新该机关及其全部下级机关")

    def handle(self, *args: Any, years: list[int] | None, area: int | None, **options: Any) -> None:
        for year in years or []:
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise CommandError(f"年度应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，收到 {year}")
        if area is not None:
            root = Body.objects.filter(pk=area).first()
            if root is None:
                raise CommandError(f"没有编号为 {area} 的机关")
            body_ids = [b.pk for b, _ in area_bodies(root)]
            where = f"{root.name}及下级机关（{len(body_ids)} 个）"
        else:
            body_ids = list(Body.objects.order_by("pk").values_list("pk", flat=True))
            where = f"全部 {len(body_ids)} 个机关"
        wanted = sorted(set(years)) if years else report_years(None if area is None else body_ids)
        total_indexed, total_fresh = self._run(body_ids, wanted, verbose=options["verbosity"] > 1)
        self.stdout.write(
            f"{where}，{len(wanted)} 个年度：新建或更新索引 {total_indexed} 个机关·年度，"
            f"已是最新 {total_fresh} 个机关·年度。"
        )

    def _run(self, body_ids: list[int], years: Iterable[int], *, verbose: bool) -> tuple[int, int]:
        total_indexed = total_fresh = 0
        for year in years:
            indexed, fresh = index_year(body_ids, year, timezone.now())
            total_indexed += indexed
            total_fresh += fresh
            if verbose:
                self.stdout.write(f"{year}年度：新建或更新 {indexed}，已是最新 {fresh}")
        return total_indexed, total_fresh
