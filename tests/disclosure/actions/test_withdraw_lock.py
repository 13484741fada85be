"""撤稿 and 变更 of an item published in a year whose annual report is published: the year lock.

Only the body's 分管领导 may do it, giving a reason; it is recorded on the item and on the report.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.changes import approve_change_step, open_change, submit_change, update_change
from gongkai.disclosure.actions.items import Draft
from gongkai.disclosure.actions.review import withdraw
from gongkai.report_workspace.actions.lock import YearLocked
from gongkai.report_workspace.models import AnnualReport, LockOverride, Status
from tests.disclosure.conftest import BEIJING


def _publish_report(body, year: int) -> AnnualReport:  # type: ignore[no-untyped-def]
    return AnnualReport.objects.create(
        body=body,
        year=year,
        data={},
        status=Status.PUBLISHED,
        published_on=date(year + 1, 1, 20),
        published_at=datetime(year + 1, 1, 20, 9, tzinfo=BEIJING),
    )


def test_an_item_of_an_open_year_is_withdrawn_without_a_lock_reason(published, street_admin, street):
    _publish_report(street, 2024)  # another year's report does not lock 2025
    item = withdraw(published(), actor=street_admin, reason="内容过时")

    assert item.status == "withdrawn"
    assert "year_locked" not in item.events.get(kind="withdrawn").data


def test_withdrawing_in_a_locked_year_is_refused_without_the_leaders_reason(
    published, leader, street_admin, street
):
    item = published()
    report = _publish_report(street, 2025)

    with pytest.raises(YearLocked, match="2025年政府信息公开工作年度报告已于2026年1月20日发布"):
        withdraw(item, actor=leader, reason="内容过时")
    with pytest.raises(YearLocked, match="只有分管领导"):
        withdraw(item, actor=street_admin, reason="内容过时", lock_reason="我是管理员")

    item.refresh_from_db()
    report.refresh_from_db()
    assert (item.status, report.changed_after_publication) == ("published", False)
    assert not item.events.filter(kind="withdrawn").exists()


def test_the_leader_withdraws_a_locked_years_item_with_a_reason_and_it_is_recorded(published, leader, street):
    item = published()
    report = _publish_report(street, 2025)

    item = withdraw(item, actor=leader, reason="涉及个人信息", lock_reason="经复查含个人隐私，需撤下")

    report.refresh_from_db()
    assert item.status == "withdrawn"
    assert item.events.get(kind="withdrawn").data["year_locked"] == {"reason": "经复查含个人隐私，需撤下"}
    assert report.changed_after_publication is True
    override = LockOverride.objects.get(report=report)
    assert (override.reason, override.allowed_by, override.on) == (
        "经复查含个人隐私，需撤下",
        leader,
        date(2025, 10, 10),
    )
    assert override.what.startswith("撤稿：关于2025年度低保对象名单的公示")


def test_withdrawing_closes_the_open_change_round(published, leader, clerk):
    item = published()
    change = open_change(item, actor=clerk, reason="更正", formed_on=date(2025, 10, 20))

    withdraw(item, actor=leader, reason="整体撤下")

    change.refresh_from_db()
    assert change.status == "withdrawn"
    assert change.events.get(kind="change_cancelled").comment == "信息撤稿：整体撤下"


def _changed_to_last_step(item, clerk, reviewer, node):  # type: ignore[no-untyped-def]
    change = open_change(item, actor=clerk, reason="更正联系电话", formed_on=date(2026, 2, 2))
    draft = Draft(node=node, title=item.title, formed_on=item.formed_on, body_html="<p>联系电话已更正。</p>")
    change = submit_change(update_change(change, actor=clerk, draft=draft), actor=clerk)
    for _ in range(3):
        change = approve_change_step(change, actor=reviewer)
    return change


def test_publishing_a_change_of_a_locked_years_item_needs_the_leaders_reason(
    published, clerk, reviewer, leader, node, street
):
    item = published()
    report = _publish_report(street, 2025)
    change = _changed_to_last_step(item, clerk, reviewer, node)

    with pytest.raises(YearLocked):
        approve_change_step(change, actor=leader)
    change.refresh_from_db()
    item.refresh_from_db()
    assert (change.status, change.current_step.get_name_display()) == ("in_review", "终审")
    assert item.body_text == "经审核，以下家庭符合低保条件。"

    approve_change_step(change, actor=leader, lock_reason="电话号码错误影响群众办事")

    item.refresh_from_db()
    report.refresh_from_db()
    assert item.body_text == "联系电话已更正。"
    assert report.changed_after_publication is True
    assert (
        item.events.get(kind="change_published").data["year_locked"]["reason"] == "电话号码错误影响群众办事"
    )
    assert LockOverride.objects.get(report=report).what.startswith("变更发布：")


def test_a_draft_of_a_locked_year_is_not_guarded(make_item, clerk, street):
    _publish_report(street, 2025)
    item = withdraw(make_item(), actor=clerk, reason="不发了")

    assert item.status == "withdrawn"


def test_the_withdraw_form_offers_the_lock_reason_to_the_leader_only(published, leader, street_admin, street):
    item = published()
    _publish_report(street, 2025)
    url = reverse("disclosure:item", args=[item.pk])
    admin_page, leader_page = Client(), Client()
    admin_page.force_login(street_admin)
    leader_page.force_login(leader)

    assert 'name="lock_override_reason"' not in admin_page.get(url).content.decode()
    assert 'name="lock_override_reason"' in leader_page.get(url).content.decode()

    act = reverse("disclosure:item_act", args=[item.pk, "withdraw"])
    refused = leader_page.post(act, {"reason": "过时"}, follow=True)
    assert "该年度的数据已锁定" in refused.content.decode()
    item.refresh_from_db()
    assert item.status == "published"
    leader_page.post(act, {"reason": "过时", "lock_override_reason": "信息已失效"})
    item.refresh_from_db()
    assert item.status == "withdrawn"


def test_a_withdrawal_still_needs_its_own_reason(published, leader):
    with pytest.raises(DisclosureError, match="请填写撤稿理由"):
        withdraw(published(), actor=leader, reason=" ", lock_reason="有理由")
