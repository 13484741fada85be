"""`gongkai index_reports [--year Y ...] [--area BODY_PK]`: bring the cell index of the 汇总 up to date
now (Celery beat does it every hour: gongkai/queue/schedule.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.supervision.access import FIRST_YEAR, LAST_YEAR
from gongkai.supervision.tasks.cell_index import index_year, report_years


class Command(BaseCommand):
    help = (
        "更新年度报告汇总所用的单元格索引（后台每小时自动运行）：默认为全部机关、全部有报告的年度；"
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
