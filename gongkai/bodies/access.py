"""Which bodies a person may work for: the one lookup every view goes through."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai.bodies.models import Body, StaffMembership

User = AuthUser | AnonymousUser


def bodies_for_user(user: User) -> QuerySet[Body]:
    """The bodies the user is a member of; every body for a superuser; none when logged out."""
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.all()
    return Body.objects.filter(memberships__user=user).distinct()


def get_body_for_staff(user: User, pk: int) -> Body:
    """The body with this pk if the user works for it, else 404 (never 403: no existence leaks)."""
    try:
        return bodies_for_user(user).get(pk=pk)
    except Body.DoesNotExist:
        raise Http404("没有找到这个机关") from None


def is_staff_of(user: User, body: Body) -> bool:
    return bodies_for_user(user).filter(pk=body.pk).exists()


def is_staff_of_or_above(user: User, body: Body) -> bool:
    """A member of the body or of a body above it (a district works for its 街道's records)."""
    mine = set(bodies_for_user(user).values_list("pk", flat=True))
    current: Body | None = body
    while current is not None:
        if current.pk in mine:
            return True
        current = current.parent
    return False


def member_bodies(user: User) -> list[Body]:
    """The bodies the user holds a membership in, whatever the role (a superuser flag alone is not one)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(Body.objects.filter(memberships__user=user).distinct())


def area_ids(user: User) -> set[int]:
    """Ids of the user's bodies and of every body below them: what a supervising body oversees."""
    ids: set[int] = set()
    for body in member_bodies(user):
        if body.pk not in ids:
            ids.add(body.pk)
            ids.update(body.descendants().values_list("pk", flat=True))
    return ids


def get_body_in_area(user: User, pk: int) -> Body:
    """The body if it is in the user's area, else 404 (no existence leak).

    Walks up from the body (a tree is a few levels deep) instead of listing the user's whole area:
    a city's area is thousands of bodies, read on every page of it."""
    members = {b.pk for b in member_bodies(user)}
    body = Body.objects.filter(pk=pk).first() if members else None
    current, seen = body, set()
    while current is not None and current.pk not in seen:
        if current.pk in members:
            return body  # type: ignore[return-value]
        seen.add(current.pk)
        current = (
            Body.objects.filter(pk=current.parent_id).only("pk", "parent_id").first()
            if current.parent_id
            else None
        )
    raise Http404("没有找到这个机关")


NOT_ADMIN = "只有管理员可以调整机关和人员"


def has_role_anywhere(user: User, roles: Iterable[str]) -> bool:
    """True for an active superuser and for active staff with one of ``roles`` in some body."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or StaffMembership.objects.filter(user=user, role__in=list(roles)).exists()


def can_administer(actor: AuthUser | None, body: Body | None) -> bool:
    """``actor=None`` is the system itself; else a superuser or an 管理员 of the body or a body above it.

    ``body=None`` (the top of the tree) is the superuser's alone.
    """
    if actor is None or actor.is_superuser:
        return True
    if not actor.is_authenticated or not actor.is_active:
        return False
    admin_of = set(
        StaffMembership.objects.filter(user=actor, role=StaffMembership.Role.ADMIN).values_list(
            "body_id", flat=True
        )
    )
    while body is not None:
        if body.pk in admin_of:
            return True
        body = body.parent
    return False


def require_admin(actor: AuthUser | None, body: Body | None) -> None:
    if not can_administer(actor, body):
        raise PermissionDenied(NOT_ADMIN)


def get_body_to_manage(user: User, pk: int) -> Body:
    """The body if the user may manage it (管理员 of it or above, or superuser).

    A member of the area who is no 管理员 gets 403 with a reason; anyone else 404 (no existence leak).
    """
    body = Body.objects.select_related("parent", "merged_into").filter(pk=pk).first()
    if body is not None and can_administer(user, body):  # type: ignore[arg-type]
        return body
    if body is not None and pk in area_ids(user):
        raise PermissionDenied(NOT_ADMIN)
    raise Http404("没有找到这个机关")


def may_manage_bodies(user: User) -> bool:
    """True for a superuser and an 管理员 of a current body (the 机关管理 pages)."""
    return bool(managed_roots(user))


def managed_roots(user: User) -> list[Body]:
    """The tops of the trees the user manages: every top-level body for a superuser, else the current
    bodies where the user is 管理员 that are not below another of them."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(Body.objects.filter(parent=None, ended_on=None))
    admin_of = list(
        Body.objects.filter(
            memberships__user=user, memberships__role=StaffMembership.Role.ADMIN, ended_on=None
        ).distinct()
    )
    below: set[int] = set()
    for body in admin_of:
        below.update(body.descendants().values_list("pk", flat=True))
    return [b for b in admin_of if b.pk not in below]
