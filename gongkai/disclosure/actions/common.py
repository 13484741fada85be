"""Helpers shared by the action modules."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied

User = AuthUser


def actor_label(actor: User | None) -> str:
    return actor.get_username() if actor is not None else "系统"


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
