"""`gongkai import_batches`: import the queued batches in this process (the queue's workers do it in the
background), and resume those a dead process left 进行中."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.report_imports.tasks.batches import lease, pending_batches, run_batch


class Command(BaseCommand):
    help = "导入排队中的批量导入，并继续因进程中断而停在“进行中”的批次（已完成的文件不会重复导入）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-minutes",
            type=float,
            default=None,
            help="“读取中”超过这么多分钟未续期的文件视为中断，重新导入（默认 GONGKAI_QUEUE_LEASE_SECONDS）",
        )

    def handle(self, *args: Any, stale_minutes: float | None, **options: Any) -> None:
        stale = lease() if stale_minutes is None else timedelta(minutes=stale_minutes)
        count = 0
        for pk in list(pending_batches().values_list("pk", flat=True)):
            batch = run_batch(pk, stale_after=stale)
            count += 1
            self.stdout.write(
                f"批次 #{batch.pk}：{batch.get_status_display()}，已导入 {batch.imported_count}，"
                f"失败 {batch.failed_count}，跳过 {batch.skipped_count}。"
            )
        self.stdout.write(f"共处理 {count} 个批次。")
