"""``gongkai publish_due``: publish every 待发布 item and 变更 whose time has come now (Celery beat runs
it every minute: gongkai/queue/schedule.py). What could not go out is named on stderr with the reason (and stays 待发布, recorded on
the item's page for its staff)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.disclosure.tasks.publish_due import publish_due


class Command(BaseCommand):
    help = "发布已到定时发布时间的公开信息和信息变更"

    def handle(self, *args: Any, **options: Any) -> None:
        run = publish_due()
        published, changed, refused = run.items, run.changes, run.refused
        for item in published:
            self.stdout.write(f"已发布：{item.index_number} {item.title}")
        for change in changed:
            self.stdout.write(f"已发布变更：{change.item.index_number} {change.item.title}")
        for r in refused:
            what = f"变更（{r.item.index_number} {r.item.title}）" if r.change else f"信息（{r.item.title}）"
            self.stderr.write(f"未能发布{what}（信息编号 {r.item.pk}）：{r.reason}")
        summary = f"共发布{len(published)}条信息、{len(changed)}条变更"
        if refused:
            summary += f"；{len(refused)}条未能发布，仍为待发布，原因见上"
        self.stdout.write(summary)
