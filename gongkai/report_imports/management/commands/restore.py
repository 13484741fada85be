"""`gongkai restore ARCHIVE`: put a backup back onto an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.report_imports.tasks.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "把 gongkai backup 生成的备份恢复到一个空的安装上（数据库、上传的文件、密钥）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="备份文件路径")

    def handle(self, *args: Any, archive: str, **options: Any) -> None:
        try:
            manifest, warnings = restore_backup(Path(archive))
        except BackupError as e:
            raise CommandError(e.message) from None
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"已恢复 {manifest.created} 的备份：{len(manifest.tables)} 个数据表共 {rows} 行，"
            f"{len(manifest.files)} 个文件，以及密钥。请重新启动网站。"
        )
        for warning in warnings:
            self.stderr.write(warning)
