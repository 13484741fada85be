"""Who may change the holiday calendar: superusers and 管理员 of a body at the top of the tree.

The calendar is national and shared by every body on the platform, so a 管理员 of a 街道 may not
change it; the administrator of the top body (the one with no 上级机关) may. Everyone logged in may
read it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied

from gongkai.bodies.models import StaffMembership

DENIED = "只有最上级机关的管理员或超级管理员可以修改节假日安排"


def can_change_calendar(user: AuthUser | AnonymousUser | None) -> bool:
    """``None`` is the system itself (a management command); people need the role."""
    if user is None:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return StaffMembership.objects.filter(
        user=user, role=StaffMembership.Role.ADMIN, body__parent__isnull=True
    ).exists()


def require_calendar_admin(user: AuthUser | AnonymousUser | None) -> None:
    if not can_change_calendar(user):
        raise PermissionDenied(DENIED)
