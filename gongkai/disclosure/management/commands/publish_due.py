"""``gongkai publish_due``: publish every 待发布 item whose time has come (run it from cron every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.disclosure.actions.review import publish_due_items


class Command(BaseCommand):
    help = "发布已到定时发布时间的公开信息"

    def handle(self, *args: Any, **options: Any) -> None:
        published = publish_due_items()
        for item in published:
            self.stdout.write(f"已发布：{item.index_number} {item.title}")
        self.stdout.write(f"共发布{len(published)}条")
