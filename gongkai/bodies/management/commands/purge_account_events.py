"""`gongkai purge_account_events [--days N]`: delete the account log's lines older than N days (default
GONGKAI_ACCOUNT_LOG_DAYS; never fewer than 183, six months) and django-axes' stale failed-login counts.
Celery beat runs it daily (gongkai/queue/schedule.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.bodies.actions.accounts import purge


class Command(BaseCommand):
    help = "删除超过保存期限的账号记录（登录、退出、密码与权限变动）；保存期限不少于 183 天。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="保存天数（不少于 183）")

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        days = settings.GONGKAI_ACCOUNT_LOG_DAYS if days is None else days
        if days < 183:
            raise CommandError("账号记录至少保存 183 天（6 个月）")
        deleted = purge(days)
        self.stdout.write(f"已删除 {deleted} 条 {days} 天以前的账号记录")
