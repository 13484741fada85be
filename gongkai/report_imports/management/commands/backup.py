"""`gongkai backup OUT.tar.gz`: the database, the uploaded files and the secret key in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.report_imports.tasks.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "备份整个安装（数据库、上传的文件、密钥）到一个 .tar.gz 文件；网站运行时也可以备份。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="备份文件路径，例如 gongkai-2026-12-07.tar.gz")

    def handle(self, *args: Any, out: str, **options: Any) -> None:
        try:
            manifest = write_backup(Path(out))
        except BackupError as e:
            raise CommandError(e.message) from None
        except OSError as e:
            raise CommandError(f"无法写入备份文件“{out}”：{e.strerror}") from None
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"已备份到 {out}：{len(manifest.tables)} 个数据表共 {rows} 行，{len(manifest.files)} 个文件，以及密钥。"
        )
        self.stdout.write("备份文件含有密钥和申请人信息，请妥善保管。")
