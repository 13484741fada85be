"""What the notices page, the nav badge and the home pages read: a user's own notices."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet

from gongkai.bodies.models import Notification

User = AuthUser | AnonymousUser


def notices_for(user: User) -> QuerySet[Notification]:
    """Every notice of the user, newest first (none for a visitor)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk).select_related("body")


def unread_for(user: User) -> QuerySet[Notification]:
    """The user's unread notices, newest first: the 待办 of the home page and the badge."""
    return notices_for(user).filter(read_at__isnull=True)


def unread_count(user: User) -> int:
    """One indexed COUNT (recipient, read_at)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
