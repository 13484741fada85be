"""`gongkai api_token <username> [--rotate]`: print a user's read-API token, creating it if needed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.supervision.actions.api_tokens import rotate_token, token_for


class Command(BaseCommand):
    help = "显示（必要时生成）某用户的数据接口访问令牌；--rotate 生成新令牌，旧令牌随即失效。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="生成新令牌，旧令牌失效")

    def handle(self, *args: Any, username: str, rotate: bool, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为“{username}”的用户")
        if not user.is_active:
            raise CommandError(f"用户“{username}”已停用，不能使用数据接口")
        token = rotate_token(user) if rotate else token_for(user)
        self.stdout.write(token.key)
