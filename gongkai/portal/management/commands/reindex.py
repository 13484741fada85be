"""gongkai reindex [--body PK]: rebuild the portal's search index from the published items."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.portal.actions.indexing import reindex


class Command(BaseCommand):
    help = "重建政府信息公开专栏的全文检索索引"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", type=int, default=None, help="只重建这个机关（填机关编号）")

    def handle(self, *args: Any, body: int | None, **options: Any) -> None:
        count = reindex(body)
        self.stdout.write(f"已建立检索索引 {count} 条")
