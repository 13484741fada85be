"""The staff navigation: each link shown only to those its page lets in.

Each link names the permission function its view checks (the apps' access.py), so the nav and the
refusal cannot drift apart: a hidden link's page answers 403 with the same Chinese reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from gongkai.bodies.access import may_manage_bodies
from gongkai.disclosure.access import may_work_on_disclosure
from gongkai.report_workspace.access import may_compile
from gongkai.requests.access import may_handle_requests

User = AuthUser | AnonymousUser


def _anyone(user: User) -> bool:
    return True


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    may_use: Callable[[User], bool]


# In the order shown, after 待办. Pages every member of staff may use say so with ``_anyone``.
STAFF_NAV: tuple[NavLink, ...] = (
    NavLink("主动公开", "disclosure:index", may_work_on_disclosure),
    NavLink("依申请公开", "requests:list", may_handle_requests),
    NavLink("年报工作台", "yearbook:list", may_compile),
    NavLink("年报导入", "reports:list", _anyone),
    NavLink("年报监督", "supervision:index", _anyone),
    NavLink("工作日历", "workdays:calendar", _anyone),
    NavLink("我的文件", "prepared:list", _anyone),
    NavLink("我的机关", "bodies:list", _anyone),
    NavLink("机关管理", "bodies:manage", may_manage_bodies),
)


def links_for(user: User) -> list[tuple[str, str]]:
    """(label, url) of the staff links ``user`` may use."""
    return [(link.label, reverse(link.url_name)) for link in STAFF_NAV if link.may_use(user)]


def staff_nav(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``staff_nav``, worked out only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"staff_nav": SimpleLazyObject(lambda: links_for(user))}
