"""An item's page shows only the buttons of the actions the person may take; an action tried anyway is
refused on a Chinese page that says why (the 终审 leader saw 发布 and got a bare 403)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse


def _page(user, item) -> str:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c.get(reverse("disclosure:item", args=[item.pk])).content.decode()


def _act(user, item, act: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c.post(reverse("disclosure:item_act", args=[item.pk, act]), data)


def _has_button(page: str, act: str) -> bool:
    return f"/do/{act}/" in page


def test_an_approved_item_offers_publishing_to_the_clerk_and_not_to_the_leader(
    make_item, approve_all, clerk, reviewer, leader
):
    item = approve_all(make_item())

    assert _has_button(_page(clerk, item), "publish")
    leader_page = _page(leader, item)
    assert not _has_button(leader_page, "publish")
    assert "待本机关经办人或管理员发布" in leader_page
    assert _has_button(leader_page, "return")  # the last step's role may send it back
    assert not _has_button(_page(reviewer, item), "publish")
    assert not _has_button(_page(reviewer, item), "return")


def test_the_leader_who_publishes_anyway_is_told_why_in_chinese(make_item, approve_all, leader):
    item = approve_all(make_item())
    response = _act(leader, item, "publish", {})

    assert response.status_code == 403
    page = response.content.decode()
    assert "无权进行此操作" in page and "只有本机关的经办人或管理员可以发布信息" in page
    item.refresh_from_db()
    assert item.status == "approved"


def test_withdrawing_a_published_item_is_offered_to_the_leader_only(published, clerk, reviewer, leader):
    item = published()

    assert _has_button(_page(leader, item), "withdraw")
    assert not _has_button(_page(clerk, item), "withdraw")
    assert not _has_button(_page(reviewer, item), "withdraw")
    assert _has_button(_page(clerk, item), "change_open")
    assert not _has_button(_page(reviewer, item), "change_open")

    response = _act(reviewer, item, "withdraw", {"reason": "内容有误"})
    assert response.status_code == 403
    assert "已发布或待发布的信息只能由分管领导或管理员撤稿" in response.content.decode()


def test_a_reviewer_opening_a_change_is_told_who_may(published, reviewer):
    item = published()
    response = _act(reviewer, item, "change_open", {"reason": "更新附件", "formed_on": "2025-10-20"})

    assert response.status_code == 403
    assert "只有本机关的经办人或管理员可以发起信息变更" in response.content.decode()


def test_a_draft_can_be_withdrawn_by_its_drafter(make_item, clerk, reviewer):
    item = make_item()

    assert _has_button(_page(clerk, item), "withdraw")
    assert not _has_button(_page(reviewer, item), "withdraw")
