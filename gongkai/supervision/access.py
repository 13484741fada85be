"""Who may supervise which body: a member (any role, 监督人员 included) of a body sees it and every
body below it; nobody sees a body above or beside their own. Every view goes through these."""

from __future__ import annotations

from django.http import Http404

from gongkai.bodies.access import User, member_bodies

FIRST_YEAR, LAST_YEAR = 2008, 2100  # the 条例 took effect on 1 May 2008


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
