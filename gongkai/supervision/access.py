"""Who may supervise which body: a member (any role, 监督人员 included) of a body sees it and every
body below it; nobody sees a body above or beside their own. Every view goes through these."""

from __future__ import annotations

from django.http import Http404

from gongkai.bodies.access import User
from gongkai.bodies.models import Body

FIRST_YEAR, LAST_YEAR = 2008, 2100  # the 条例 took effect on 1 May 2008


def member_bodies(user: User) -> list[Body]:
    """The bodies the user holds a membership in (a superuser flag alone is not one)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(Body.objects.filter(memberships__user=user).distinct())


def supervision_scope(user: User) -> set[int]:
    """Ids of the user's bodies and of every body below them."""
    ids: set[int] = set()
    for body in member_bodies(user):
        if body.pk not in ids:
            ids.add(body.pk)
            ids.update(body.descendants().values_list("pk", flat=True))
    return ids


def get_body_for_supervision(user: User, pk: int) -> Body:
    """The body if it is in the user's scope, else 404 (no existence leak)."""
    if pk not in supervision_scope(user):
        raise Http404("没有找到这个机关")
    return Body.objects.get(pk=pk)


def below_own_bodies(user: User) -> set[int]:
    """Ids of the bodies strictly below one of the user's bodies: those whose reports they may send back."""
    own = member_bodies(user)
    ids: set[int] = set()
    for body in own:
        ids.update(body.descendants().values_list("pk", flat=True))
    return ids


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("年度不在范围内")
