"""Which bodies a person may work for: the one lookup every view goes through."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from .models import Body

User = AbstractUser | AnonymousUser


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
    """The body if it is in the user's area, else 404 (no existence leak)."""
    if pk not in area_ids(user):
        raise Http404("没有找到这个机关")
    return Body.objects.get(pk=pk)
