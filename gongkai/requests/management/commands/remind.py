"""`gongkai remind [--date YYYY-MM-DD]`: send the reminders due today now (Celery beat
runs them every hour: gongkai/queue/schedule.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.report_workspace.tasks.reminders import send_year_reminders
from gongkai.requests.tasks.reminders import send_due_reminders


class Command(BaseCommand):
    help = "发送答复期限提醒（到期前5个工作日、前1个工作日、已超期），每件申请每种提醒只发一次。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", dest="on", help="按这一天计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, on: str | None = None, **options: Any) -> None:
        today = _parse(on) if on else None
        sent = send_due_reminders(today)
        self.stdout.write(f"已发送{sent}条答复期限提醒。")
        yearly = send_year_reminders(today)
        self.stdout.write(f"已发送{yearly}条年度报告发布提醒。")


def _parse(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，例如 2025-10-27") from None
