"""The navigation shows each member of staff only the links their role may use; a link hidden from a
role leads, typed in by hand, to a 403 page that says in Chinese who may use it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from tests.conftest import PASSWORD

Role = StaffMembership.Role

EVERYONE = ["待办", "年报导入", "年报监督", "工作日历", "我的文件", "我的机关", "修改密码"]
WORKING = ["主动公开", "依申请公开", "年报工作台"]
# role → (where the account is, the staff links its nav shows)
SHOWN = {
    Role.CLERK: ("street", [*WORKING, *EVERYONE]),
    Role.REVIEWER: ("street", [*WORKING, *EVERYONE]),
    Role.LEADER: ("street", [*WORKING, *EVERYONE]),
    Role.ADMIN: ("district", [*WORKING, *EVERYONE, "机关管理"]),
    Role.SUPERVISOR: ("district", EVERYONE),
}
# link → (its page, the reason its 403 page gives)
REFUSALS = {
    "主动公开": ("disclosure:index", "只有本机关的经办人、审核人、分管领导或管理员可以办理主动公开"),
    "依申请公开": ("requests:list", "只有受理机关的经办人、审核人、分管领导或管理员可以办理依申请公开申请"),
    "年报工作台": ("yearbook:list", "只有本机关的经办人、审核人、分管领导或管理员可以使用年报工作台"),
    "机关管理": ("bodies:manage", "只有管理员可以调整机关和人员"),
}


def nav_links(page: str) -> list[str]:
    nav = page.split('<nav aria-label="主导航">', 1)[1].split("</nav>", 1)[0]
    texts = [re.sub(r"<[^>]+>|\s", "", t) for t in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]
    return [re.sub(r"^待办\d*$", "待办", t) for t in texts]  # 待办 carries the unread count


@pytest.mark.parametrize("role", list(SHOWN), ids=[r.value for r in SHOWN])
def test_each_role_sees_only_the_links_it_may_use_and_a_hidden_one_is_refused(request, role, client: Client):
    where, expected = SHOWN[role]
    body = request.getfixturevalue(where)
    user = body_actions.create_staff_user(
        actor=None, body=body, username=f"nav_{role}", password=PASSWORD, role=role
    )
    client.force_login(user)

    shown = nav_links(client.get(reverse("home")).content.decode())
    assert sorted(shown) == sorted(expected)

    for label, (url_name, reason) in REFUSALS.items():
        response = client.get(reverse(url_name))
        if label in expected:
            assert response.status_code in (200, 302), label
        else:
            assert response.status_code == 403, label
            page = response.content.decode()
            assert "无权进行此操作（403）" in page and reason in page


def test_the_nav_follows_the_permission_of_each_page(client: Client, street, clerk):
    """The same user, made 管理员 of the body, is shown 机关管理 at once: no cached menu."""
    client.force_login(clerk)
    assert "机关管理" not in nav_links(client.get(reverse("home")).content.decode())
    StaffMembership.objects.filter(user=clerk, body=street).update(role=Role.ADMIN)
    assert "机关管理" in nav_links(client.get(reverse("home")).content.decode())
