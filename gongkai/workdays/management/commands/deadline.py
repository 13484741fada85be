"""`gongkai deadline 2025-09-26 [--working-days 20] [--json]`: the due date and how it was counted."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.workdays.forms.calendar import MAX_WORKING_DAYS
from gongkai.workdays.queries.calendar import versioned_calendar
from gongkai.workdays.rules.calendar import Count, Day
from gongkai.workdays.rules.dates import cn_date, parse_date


class Command(BaseCommand):
    help = "计算期限：起算日（当日不计入）之后第N个工作日，并说明跳过了哪些节假日、计入了哪些调休上班日。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("date", help="起算日，例如 2025-09-26 或 2025年9月26日")
        parser.add_argument(
            "--working-days", "-n", type=int, default=20, help="工作日数（默认20，即答复期限）"
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = parse_date(options["date"])
        except ValueError as e:
            raise CommandError(str(e), returncode=2) from None
        days: int = options["working_days"]
        if not 0 <= days <= MAX_WORKING_DAYS:
            raise CommandError(f"工作日数应在0到{MAX_WORKING_DAYS}之间", returncode=2)
        try:
            versioned = versioned_calendar()
        except DatabaseError:
            raise CommandError("读取不到节假日设定：数据库尚未初始化，请先运行 gongkai migrate") from None
        count = versioned.calendar.add_working_days(start, days)

        if options["json"]:
            self.stdout.write(json.dumps(as_json(count, versioned.version), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"期限届满日：{cn_date(count.due, with_weekday=True)}")
        self.stdout.write(count.explain())
        if count.provisional:
            years = "、".join(f"{y}年" for y in count.provisional_years)
            self.stdout.write(
                self.style.WARNING(f"警告：这是暂定日期，{years}的放假安排尚未公布，公布后请重新计算。")
            )


def as_json(count: Count, version: int) -> dict[str, Any]:
    return {
        "start": count.start.isoformat(),
        "working_days": count.days,
        "due": count.due.isoformat(),
        "provisional": count.provisional,
        "provisional_years": list(count.provisional_years),
        "skipped": [_day(d) for d in count.skipped],
        "makeup": [_day(d) for d in count.makeup],
        "explanation": count.explain(),
        "calendar_version": version,
    }


def _day(d: Day) -> dict[str, Any]:
    return {"date": d.on.isoformat(), "name": d.name, "source": d.source}
