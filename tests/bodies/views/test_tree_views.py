"""The tree and staff pages: who gets in (403 for a member who is no 管理员, 404 beside), what they show,
and the supervision page of a past year still listing a body merged later."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body, BodyChange, StaffMembership
from tests.conftest import PASSWORD


@pytest.fixture
def admin_client(client, district_admin):
    client.force_login(district_admin)
    return client


def text(response) -> str:
    return response.content.decode()


def test_a_street_clerk_may_not_manage(clerk_client, street):
    assert clerk_client.get(reverse("bodies:tree", args=[street.pk])).status_code == 403
    assert clerk_client.get(reverse("bodies:staff", args=[street.pk])).status_code == 403
    response = clerk_client.post(
        reverse("bodies:add_child", args=[street.pk]), {"name": "北关社区", "level": "other"}
    )
    assert response.status_code == 403
    assert not Body.objects.filter(name="北关社区").exists()


def test_a_neighbouring_districts_admin_gets_404(client, neighbour_admin, district, street):
    client.force_login(neighbour_admin)

    for name in ("tree", "staff", "history", "edit", "merge"):
        assert client.get(reverse(f"bodies:{name}", args=[district.pk])).status_code == 404
    response = client.post(
        reverse("bodies:staff_new", args=[street.pk]), {"new-username": "spy", "new-role": "admin"}
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="spy").exists()


def test_the_tree_shows_levels_codes_and_staff_counts(
    admin_client, district, street, other_street, community, clerk
):
    response = admin_client.get(reverse("bodies:tree", args=[district.pk]))

    assert response.status_code == 200
    page = text(response)
    order = [
        page.index(n) for n in ("某某区人民政府", "只楚街道办事处", "南沟社区居民委员会", "西高皇街道办事处")
    ]
    assert order == sorted(order)
    assert "C-001" in page and "街道" in page
    rows = {r["body"].name: (r["depth"], r["staff"]) for r in response.context["rows"]}
    assert rows == {
        "某某区人民政府": (0, 1),
        "只楚街道办事处": (1, 1),
        "南沟社区居民委员会": (2, 0),
        "西高皇街道办事处": (1, 0),
    }


def test_the_manage_index_takes_an_admin_to_their_tree(admin_client, district):
    assert admin_client.get(reverse("bodies:manage")).url == reverse("bodies:tree", args=[district.pk])


def test_the_manage_index_refuses_a_clerk_and_says_who_may(clerk_client):
    response = clerk_client.get(reverse("bodies:manage"))
    assert response.status_code == 403 and "只有管理员可以调整机关和人员" in text(response)


def test_a_superuser_manages_everything(client, superuser, district, neighbour):
    client.force_login(superuser)

    assert client.get(reverse("bodies:tree", args=[neighbour.pk])).status_code == 200
    page = text(client.get(reverse("bodies:manage")))
    assert "某某区人民政府" in page and "另一区人民政府" in page


def test_adding_a_child_through_the_page(admin_client, district, street):
    response = admin_client.post(
        reverse("bodies:add_child", args=[street.pk]),
        {"name": "北关社区", "level": "other", "code": "", "reason": ""},
    )

    assert response.url == reverse("bodies:tree", args=[district.pk])
    assert Body.objects.get(name="北关社区").parent == street


def test_a_cycle_posted_to_the_move_page_changes_nothing(
    admin_client, district, street, other_street, community
):
    response = admin_client.post(reverse("bodies:move", args=[street.pk]), {"new_parent": community.pk})

    assert response.status_code == 200
    assert "新的上级机关" in text(response) and "form-error" in text(response)
    assert Body.objects.get(pk=street.pk).parent == district
    choices = [value for value, _ in response.context["form"].fields["new_parent"].choices]
    assert choices == ["", district.pk, other_street.pk]  # neither itself nor 南沟社区 below it


def test_merging_through_the_page_hides_the_body_from_the_current_tree(
    admin_client, district, street, other_street
):
    response = admin_client.post(
        reverse("bodies:merge", args=[street.pk]),
        {"new_parent": other_street.pk, "ended_on": "2025-03-01", "reason": "撤并"},
    )

    assert response.status_code == 302
    current = admin_client.get(reverse("bodies:tree", args=[district.pk]))
    assert "已将“只楚街道办事处”并入“西高皇街道办事处”" in text(current)
    assert [r["body"].name for r in current.context["rows"]] == ["某某区人民政府", "西高皇街道办事处"]
    everything = admin_client.get(reverse("bodies:tree", args=[district.pk]) + "?all=1")
    assert [r["body"].name for r in everything.context["rows"]] == [
        "某某区人民政府",
        "只楚街道办事处",
        "西高皇街道办事处",
    ]
    assert "已撤并（并入西高皇街道办事处，2025-03-01）" in text(everything)


def test_the_history_page_shows_the_old_and_new_name(admin_client, district_admin, street):
    tree_actions.rename_body(
        actor=district_admin, body=street, name="只楚街道", short_name="只楚街道", code="", reason="规范名称"
    )

    page = text(admin_client.get(reverse("bodies:history", args=[street.pk])))

    assert "只楚街道办事处 → 只楚街道" in page
    assert "规范名称" in page and "district_admin" in page and "更名" in page
    assert "撤销/撤并日期" not in page  # neither changed by the rename nor set when the body was added


def test_a_new_account_password_is_shown_once_and_works(client, admin_client, street):
    response = admin_client.post(
        reverse("bodies:staff_new", args=[street.pk]), {"new-username": "zc2", "new-role": "clerk"}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in text(response)
    assert StaffMembership.objects.get(user__username="zc2").body == street
    staff_page = text(admin_client.get(reverse("bodies:staff", args=[street.pk])))
    assert "zc2" in staff_page and password not in staff_page
    assert client.login(username="zc2", password=password)


def test_a_taken_username_shows_the_reason_on_the_staff_page(admin_client, street, clerk):
    response = admin_client.post(
        reverse("bodies:staff_new", args=[street.pk]), {"new-username": "zhichu_clerk", "new-role": "clerk"}
    )

    assert response.status_code == 200
    assert "用户名“zhichu_clerk”已被使用" in text(response)


def test_role_change_and_password_reset_through_the_page(client, admin_client, street, clerk):
    m = StaffMembership.objects.get(user=clerk)

    admin_client.post(reverse("bodies:staff_role", args=[street.pk, m.pk]), {f"m{m.pk}-role": "leader"})
    assert StaffMembership.objects.get(pk=m.pk).role == "leader"
    response = admin_client.post(reverse("bodies:password_reset", args=[street.pk, clerk.pk]))
    assert client.login(username="zhichu_clerk", password=response.context["password"])
    assert not client.login(username="zhichu_clerk", password=PASSWORD)


def test_the_body_page_links_to_management_for_an_admin_only(client, district_admin, district, clerk, street):
    client.force_login(district_admin)
    assert reverse("bodies:tree", args=[district.pk]) in text(
        client.get(reverse("bodies:detail", args=[district.pk]))
    )
    client.force_login(clerk)
    assert reverse("bodies:tree", args=[street.pk]) not in text(
        client.get(reverse("bodies:detail", args=[street.pk]))
    )


def test_a_past_years_supervision_page_still_lists_a_body_merged_later(
    admin_client, district_admin, district, street, other_street
):
    tree_actions.merge_body(
        actor=district_admin, body=street, into=other_street, on=datetime.date(2025, 3, 1)
    )

    response = admin_client.get(reverse("supervision:area", args=[district.pk, 2023]))

    assert response.status_code == 200
    assert "只楚街道</th>" in text(response)  # its row header (no report, so no link)
    assert BodyChange.objects.filter(body=street, kind=BodyChange.Kind.MERGE).exists()
