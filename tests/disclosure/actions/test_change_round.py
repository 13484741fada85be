"""变更 of a published item: a new version through the whole review chain, the published one live meanwhile.

第二十六条 for a change, hand count from the 变更形成日期 2025-09-26 (Fri): 09-28 (Sun, 调休上班) 1,
09-29 2, 09-30 3, 国庆中秋 10-01…10-08 skipped, 10-09 4, 10-10 5, 10-11 (Sat, 调休上班) 6,
10-13…10-17 7–11, 10-20…10-24 12–16, 10-27…10-30 17–20: due 2025-10-30, 10-31 is the 21st.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions import DisclosureError, ScreeningRefused
from gongkai.disclosure.actions.changes import (
    approve_change_step,
    cancel_change,
    missing_change_steps,
    open_change,
    return_change,
    submit_change,
    update_change,
)
from gongkai.disclosure.actions.items import Draft
from gongkai.disclosure.models import Item, ItemChange, ReviewStep
from gongkai.portal.models import SearchDocument
from tests.disclosure.conftest import BEIJING, Role, _staff

NEW_TITLE = "关于2025年度低保对象名单的公示（更正）"


def _edit(change: ItemChange, actor, node, **fields) -> ItemChange:  # type: ignore[no-untyped-def]
    values = {
        "node": node,
        "title": NEW_TITLE,
        "formed_on": date(2025, 9, 26),
        "body_html": "<p>经复核，更正名单如下。</p>",
    }
    values.update(fields)
    return update_change(change, actor=actor, draft=Draft(**values))


@pytest.fixture
def through_chain(clerk, reviewer, leader):
    """Submit the change and approve every step; the leader's 终审 publishes it at ``now``."""

    def run(change: ItemChange, now: datetime | None = None, **final) -> ItemChange:  # type: ignore[no-untyped-def]
        change = submit_change(change, actor=clerk)
        while change.status == "in_review":
            if change.current_step.role == Role.LEADER:
                change = approve_change_step(change, actor=leader, now=now, **final)
            else:
                change = approve_change_step(change, actor=reviewer)
        return change

    return run


def _portal_page(item: Item) -> str:
    return Client().get(reverse("gk:item", args=[item.body_id, item.pk])).content.decode()


def test_a_change_needs_a_reason_and_a_plausible_formed_date(published, clerk):
    item = published()

    with pytest.raises(DisclosureError, match="请填写变更理由"):
        open_change(item, actor=clerk, reason="  ", formed_on=date(2025, 10, 20))
    with pytest.raises(DisclosureError, match="早于信息的成文日期2025-09-26"):
        open_change(item, actor=clerk, reason="名单有误", formed_on=date(2025, 9, 25))
    with pytest.raises(DisclosureError, match="晚于今天"):
        open_change(item, actor=clerk, reason="名单有误", formed_on=date(2999, 1, 1))
    assert not ItemChange.objects.exists()


def test_only_a_published_item_can_be_changed_and_only_one_round_at_a_time(make_item, published, clerk):
    with pytest.raises(DisclosureError, match="只有已发布的信息可以变更"):
        open_change(make_item(), actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20))
    item = published()
    open_change(item, actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20))

    with pytest.raises(DisclosureError, match="已有一轮变更正在办理"):
        open_change(item, actor=clerk, reason="再改一次", formed_on=date(2025, 10, 21))


def test_a_reviewer_cannot_open_a_change_and_only_its_author_edits_it(
    published, clerk, reviewer, street, node
):
    item = published()
    with pytest.raises(PermissionDenied):
        open_change(item, actor=reviewer, reason="名单有误", formed_on=date(2025, 10, 20))
    change = open_change(item, actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20))
    second_clerk = _staff(street, "zhichu_clerk2", Role.CLERK)

    with pytest.raises(PermissionDenied, match="只有发起变更的人"):
        _edit(change, second_clerk, node)


def test_editing_a_change_leaves_the_published_item_live(published, clerk, node):
    item = published()
    live_version = item.current_version
    change = open_change(item, actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20))

    _edit(change, clerk, node)

    item.refresh_from_db()
    assert item.title == "关于2025年度低保对象名单的公示"
    assert item.status == "published"
    assert item.current_version == live_version
    version = item.versions.order_by("-number").first()
    assert (version.number, version.change, version.content["title"]) == (
        live_version.number + 1,
        change,
        NEW_TITLE,
    )
    page = _portal_page(item)
    assert "关于2025年度低保对象名单的公示</h1>" in page and NEW_TITLE not in page


def test_submitting_an_unchanged_round_is_refused(published, clerk):
    change = open_change(published(), actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20))

    with pytest.raises(DisclosureError, match="变更内容与已发布的内容相同"):
        submit_change(change, actor=clerk)


def test_a_change_that_passes_every_step_replaces_the_published_content(
    published, clerk, node, through_chain, django_capture_on_commit_callbacks
):
    item = published()
    first = item.current_version
    change = _edit(
        open_change(item, actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20)), clerk, node
    )
    assert [s.get_name_display() for s in missing_change_steps(change)] == [
        "撰稿",
        "核对",
        "复审",
        "保密审查",
        "终审",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        change = through_chain(change, now=datetime(2025, 10, 24, 9, tzinfo=BEIJING))

    item.refresh_from_db()
    assert change.status == "published"
    assert (item.title, item.status, item.changed_on) == (NEW_TITLE, "published", date(2025, 10, 24))
    assert item.last_change_reason == "名单有误"
    assert item.published_on == date(2025, 10, 10)  # the first publication stays the 发布日期
    assert item.body_text == "经复核，更正名单如下。"
    assert item.current_version.change == change
    assert (
        item.versions.filter(number=first.number).get().content["title"] == "关于2025年度低保对象名单的公示"
    )
    assert "更正" in SearchDocument.objects.get(item_id=item.pk).title_seg
    page = _portal_page(item)
    assert NEW_TITLE in page
    assert '<th scope="row">更新于</th><td colspan="3">2025年10月24日</td>' in page
    kinds = list(item.events.filter(change=change).order_by("pk").values_list("kind", flat=True))
    assert kinds == [
        "change_opened",
        "edited",
        "submitted",
        "approved",
        "approved",
        "approved",
        "approved",
        "change_published",
    ]
    diff = Client()
    diff.force_login(clerk)
    page = diff.get(
        reverse("disclosure:item_diff", args=[item.pk]), {"a": first.number, "b": first.number + 1}
    )
    assert "（更正）" in page.content.decode()


def test_a_returned_change_does_not_touch_the_published_item(
    published, clerk, reviewer, leader, node, street
):
    item = published()
    change = _edit(
        open_change(item, actor=clerk, reason="名单有误", formed_on=date(2025, 10, 20)), clerk, node
    )
    change = submit_change(change, actor=clerk)
    change = approve_change_step(change, actor=reviewer)  # 核对
    change = approve_change_step(change, actor=reviewer)  # 复审
    check = ReviewStep.objects.get(body=street, position=2)

    change = return_change(change, actor=reviewer, step=check, comment="请核对身份证号")  # from 保密审查

    assert (change.status, change.current_step.get_name_display()) == ("in_review", "核对")
    assert [s.get_name_display() for s in missing_change_steps(change)] == [
        "核对",
        "复审",
        "保密审查",
        "终审",
    ]
    drafting = ReviewStep.objects.get(body=street, position=1)
    change = return_change(change, actor=reviewer, step=drafting, comment="请重写")
    assert (change.status, change.current_step) == ("draft", None)
    item.refresh_from_db()
    assert (item.title, item.status, item.changed_on) == ("关于2025年度低保对象名单的公示", "published", None)
    page = _portal_page(item)
    assert NEW_TITLE not in page and "更新于" not in page


def test_reviewers_act_only_on_their_step_and_never_on_their_own_change(
    published, clerk, reviewer, leader, node, street_admin
):
    item = published()
    change = _edit(
        open_change(item, actor=street_admin, reason="名单有误", formed_on=date(2025, 10, 20)),
        street_admin,
        node,
    )
    change = submit_change(change, actor=street_admin)

    with pytest.raises(PermissionDenied, match="核对"):
        approve_change_step(change, actor=leader)
    with pytest.raises(PermissionDenied):
        approve_change_step(change, actor=clerk)
    change = approve_change_step(change, actor=reviewer)
    assert change.current_step.get_name_display() == "复审"


def test_the_change_is_flagged_when_published_after_20_working_days(published, clerk, node, through_chain):
    on_time_item, late_item = published(), published(title="另一条公示")
    on_time = _edit(
        open_change(on_time_item, actor=clerk, reason="更正", formed_on=date(2025, 9, 26)), clerk, node
    )
    late = _edit(
        open_change(late_item, actor=clerk, reason="更正", formed_on=date(2025, 9, 26)),
        clerk,
        node,
        title="另一条公示（更正）",
    )

    on_time = through_chain(on_time, now=datetime(2025, 10, 30, 17, tzinfo=BEIJING))
    late = through_chain(late, now=datetime(2025, 10, 31, 9, tzinfo=BEIJING))

    assert (on_time.is_late, on_time.working_days_to_publish) == (False, 20)
    assert (late.is_late, late.working_days_to_publish) == (True, 21)
    event = late_item.events.get(kind="change_published")
    assert "变更形成后第21个工作日发布" in event.data["late"] and "应于2025-10-30前发布" in event.data["late"]
    assert "late" not in on_time_item.events.get(kind="change_published").data
    staff = Client()
    staff.force_login(clerk)
    listing = staff.get(reverse("disclosure:items"), {"late": "1"}).content.decode()
    assert "另一条公示（更正）" in listing and NEW_TITLE not in listing


def test_personal_data_in_a_change_needs_the_leaders_reason_to_publish(
    published, clerk, reviewer, leader, node
):
    item = published()
    change = _edit(
        open_change(item, actor=clerk, reason="更正", formed_on=date(2025, 10, 20)),
        clerk,
        node,
        body_html="<p>联系人手机13812345678。</p>",
    )
    change = submit_change(change, actor=clerk)
    for _ in range(3):
        change = approve_change_step(change, actor=reviewer)

    with pytest.raises(ScreeningRefused, match="手机"):
        approve_change_step(change, actor=leader)
    change.refresh_from_db()
    assert change.status == "in_review"
    change = approve_change_step(change, actor=leader, override_reason="公示需要，本人同意")
    item.refresh_from_db()
    assert item.body_text == "联系人手机13812345678。"
    assert item.events.get(kind="change_published").data["screening"]["reason"] == "公示需要，本人同意"


def test_an_abandoned_change_leaves_the_item_as_published(published, clerk, node):
    item = published()
    change = _edit(open_change(item, actor=clerk, reason="更正", formed_on=date(2025, 10, 20)), clerk, node)

    change = cancel_change(change, actor=clerk, reason="不需要了")

    item.refresh_from_db()
    assert (change.status, item.title, item.open_change) == (
        "withdrawn",
        "关于2025年度低保对象名单的公示",
        None,
    )
    assert open_change(item, actor=clerk, reason="再次更正", formed_on=date(2025, 10, 21)).status == "draft"


def test_the_pages_take_a_change_through_the_chain(published, clerk, reviewer, leader, node):
    item = published()
    staff = Client()
    staff.force_login(clerk)
    act = lambda name, **data: staff.post(reverse("disclosure:item_act", args=[item.pk, name]), data)  # noqa: E731

    assert "发起变更" in staff.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    act("change_open", reason="名单有误", formed_on="2025-10-20")
    form = {
        "node": node.pk,
        "title": NEW_TITLE,
        "formed_on": "2025-09-26",
        "disclosure": "proactive",
        "body_html": "<p>更正。</p>",
        "channels": ["website"],
    }
    assert staff.post(reverse("disclosure:change_edit", args=[item.pk]), form).status_code == 302
    act("change_submit")
    for user in (reviewer, reviewer, reviewer, leader):
        staff.force_login(user)
        assert "待我审核的变更" in staff.get(reverse("disclosure:inbox")).content.decode()
        act("change_approve", comment="同意")

    item.refresh_from_db()
    assert (item.title, item.changed_on is not None) == (NEW_TITLE, True)
    assert "以往变更" in staff.get(reverse("disclosure:item", args=[item.pk])).content.decode()


def test_a_neighbouring_bodys_clerk_cannot_reach_the_change_pages(published, other_clerk_client):
    item = published()

    assert other_clerk_client.get(reverse("disclosure:change_edit", args=[item.pk])).status_code == 404
    response = other_clerk_client.post(
        reverse("disclosure:item_act", args=[item.pk, "change_open"]),
        {"reason": "x", "formed_on": "2025-10-20"},
    )
    assert response.status_code == 404
    assert not ItemChange.objects.exists()
