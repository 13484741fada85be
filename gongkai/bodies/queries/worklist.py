"""A 管理员's work on the home page (待办): the bodies they manage and the accounts there locked out
of logging in. Other apps name what is missing in those bodies' settings (``administered``)."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.bodies.access import managed_roots
from gongkai.bodies.models import Body, StaffMembership, subtrees
from gongkai.bodies.queries.accounts import locked_usernames
from gongkai.bodies.queries.notices import unread_for
from gongkai.web.worklist import SHOWN, Entry, Line, Section


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


def notices_section(user: AuthUser) -> Section | None:
    """The user's unread notices (新申请, 待审核, 退回, 更正 …), each linking to the page it is about;
    the notices page marks them read."""
    unread = list(unread_for(user)[: SHOWN + 1])
    if not unread:
        return None
    count = unread_for(user).count() if len(unread) > SHOWN else len(unread)
    lines = tuple(
        Line(n.text, n.link or reverse("bodies:notices"), n.get_kind_display()) for n in unread[:SHOWN]
    )
    return Section("未读通知", [Entry("未读通知", count, reverse("bodies:notices"), lines)])
