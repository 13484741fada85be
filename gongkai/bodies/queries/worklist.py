"""A 管理员's work on the home page (待办): the bodies they manage and the accounts there locked out
of logging in. Other apps name what is missing in those bodies' settings (``administered``)."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.bodies.access import managed_roots
from gongkai.bodies.models import Body, StaffMembership, subtrees
from gongkai.bodies.queries.accounts import locked_usernames
from gongkai.web.worklist import SHOWN, Entry, Line


def administered(user: AuthUser) -> QuerySet[Body]:
    """The current bodies the user manages (管理员 of them or of a body above; all for a superuser)."""
    roots = managed_roots(user)
    if not roots:
        return Body.objects.none()
    return subtrees([b.pk for b in roots]).filter(ended_on=None)


def locked_accounts(user: AuthUser) -> Entry | None:
    """The staff of the bodies the user manages who are locked out; None for someone who manages none."""
    bodies = administered(user)
    if not bodies.exists():
        return None
    members = StaffMembership.objects.filter(body__in=bodies).select_related("user", "body")
    names = {m.user.get_username(): m for m in members}
    locked = sorted(locked_usernames(list(names)))
    return Entry(
        "被锁定、无法登录的账号",
        len(locked),
        reverse("bodies:manage"),
        tuple(
            Line(name, reverse("bodies:staff", args=[names[name].body_id]), names[name].body.name)
            for name in locked[:SHOWN]
        ),
        urgent=True,
    )
