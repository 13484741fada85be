"""``gongkai publish_due``: publish every 待发布 item and 变更 whose time has come (run it from cron every
few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.disclosure.actions.changes import publish_due_changes
from gongkai.disclosure.actions.review import publish_due_items


class Command(BaseCommand):
    help = "发布已到定时发布时间的公开信息和信息变更"

    def handle(self, *args: Any, **options: Any) -> None:
        published = publish_due_items()
        for item in published:
            self.stdout.write(f"已发布：{item.index_number} {item.title}")
        changed = publish_due_changes()
        for change in changed:
            self.stdout.write(f"已发布变更：{change.item.index_number} {change.item.title}")
        self.stdout.write(f"共发布{len(published)}条信息、{len(changed)}条变更")
