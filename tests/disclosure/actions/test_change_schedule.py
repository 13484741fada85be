"""定时发布 of a 变更: the last step schedules it like a first publication; the published content stays
live until the ``publish_due`` runner puts the change live; 放弃变更 or 撤稿 cancels it.

Times are 北京 time. The change is formed 2025-10-20 (Mon) and scheduled for 2025-10-24 (Fri) 09:00:
working days 10-21, 22, 23, 24 → the 4th working day, not late.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions import DisclosureError, ScreeningRefused
from gongkai.disclosure.actions.changes import (
    approve_change_step,
    cancel_change,
    open_change,
    publish_due_changes,
    submit_change,
    update_change,
)
from gongkai.disclosure.actions.items import Draft
from gongkai.disclosure.actions.review import withdraw
from gongkai.disclosure.models import Item, ItemChange
from gongkai.report_workspace.actions.lock import YearLocked, changes_after_publication, grant_change
from gongkai.report_workspace.models import LockOverride, ReportEvent
from tests.disclosure.actions.test_withdraw_lock import _publish_report
from tests.disclosure.conftest import BEIJING

DECIDED = datetime(2025, 10, 21, 16, 0, tzinfo=BEIJING)
AT = datetime(2025, 10, 24, 9, 0, tzinfo=BEIJING)
OLD_TEXT = "经审核，以下家庭符合低保条件。"
NEW_TEXT = "经复核，更正名单如下。"


@pytest.fixture
def at_last_step(published, clerk, reviewer, node):
    """A published item whose change (new text) waits at the leader's 终审."""

    def run(body_html: str = f"<p>{NEW_TEXT}</p>") -> ItemChange:
        item = published()
        change = open_change(item, actor=clerk, reason="更正名单", formed_on=date(2025, 10, 20))
        draft = Draft(node=node, title=item.title, formed_on=item.formed_on, body_html=body_html)
        change = submit_change(update_change(change, actor=clerk, draft=draft), actor=clerk)
        while change.current_step.role != "leader":
            change = approve_change_step(change, actor=reviewer)
        return change

    return run


def _item(change: ItemChange) -> Item:
    return Item.objects.get(pk=change.item_id)


def test_a_scheduled_change_waits_and_the_runner_puts_it_live_at_its_time(
    at_last_step, leader, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = at_last_step()
    change = approve_change_step(change, actor=leader, at=AT, now=DECIDED)

    assert (change.status, change.scheduled_for, change.current_step) == ("scheduled", AT, None)
    item = _item(change)
    assert (item.body_text, item.changed_on) == (OLD_TEXT, None)
    page = reverse("gk:item", args=[item.body_id, item.pk])
    assert OLD_TEXT in client.get(page).content.decode()
    event = item.events.get(kind="scheduled")
    assert (event.change, event.actor_label, event.to_status) == (change, "zhichu_leader", "scheduled")
    assert event.data["scheduled_for"] == AT.isoformat()

    assert publish_due_changes(AT - timedelta(minutes=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        (done,) = publish_due_changes(AT + timedelta(minutes=2))

    assert (done.pk, done.status, done.published_on) == (change.pk, "published", date(2025, 10, 24))
    assert (done.working_days_to_publish, done.is_late) == (4, False)
    item = _item(change)
    assert (item.body_text, item.changed_on) == (NEW_TEXT, date(2025, 10, 24))
    published = item.events.get(kind="change_published")
    assert (published.actor_label, published.from_status) == ("系统", "scheduled")
    assert NEW_TEXT in client.get(page).content.decode()
    assert publish_due_changes(AT + timedelta(days=1)) == []


def test_scheduling_a_change_over_screening_hits_needs_a_reason_kept_until_it_goes_live(at_last_step, leader):
    change = at_last_step(body_html="<p>联系人手机13812345678。</p>")

    with pytest.raises(ScreeningRefused, match="1处可能涉及个人信息"):
        approve_change_step(change, actor=leader, at=AT, now=DECIDED)
    change.refresh_from_db()
    assert change.status == "in_review"

    approve_change_step(change, actor=leader, at=AT, now=DECIDED, override_reason="值班电话，应当公开")
    publish_due_changes(AT)

    item = _item(change)
    assert item.events.get(kind="scheduled").data["screening"]["reason"] == "值班电话，应当公开"
    assert item.events.get(kind="change_published").data["screening"]["reason"] == "值班电话，应当公开"


def test_a_locked_year_needs_the_leaders_reason_when_the_change_is_scheduled(at_last_step, leader, street):
    change = at_last_step()
    report = _publish_report(street, 2025)

    with pytest.raises(YearLocked, match="该年度的数据已锁定"):
        approve_change_step(change, actor=leader, at=AT, now=DECIDED)

    approve_change_step(change, actor=leader, at=AT, now=DECIDED, lock_reason="名单有误须更正")
    override = LockOverride.objects.get(report=report)
    assert (override.reason, override.allowed_by) == ("名单有误须更正", leader)
    assert override.what.startswith("定时（2025-10-24 09:00）变更发布：")

    (done,) = publish_due_changes(AT)

    assert done.status == "published"
    assert LockOverride.objects.filter(report=report).count() == 1  # decided once, when scheduled
    assert changes_after_publication(report) == [override]  # it went out: it stays on the report
    data = _item(change).events.get(kind="change_published").data
    assert data["year_locked"] == {"reason": "名单有误须更正", "years": [2025]}


def test_a_year_locked_after_scheduling_waits_for_the_leaders_grant(at_last_step, leader, street):
    change = approve_change_step(at_last_step(), actor=leader, at=AT, now=DECIDED)
    report = _publish_report(street, 2025)  # published while the change waits

    assert publish_due_changes(AT) == []
    change.refresh_from_db()
    assert (change.status, _item(change).body_text) == ("scheduled", OLD_TEXT)

    grant_change(actor=leader, annual=report, reason="更正低保名单")
    (done,) = publish_due_changes(AT + timedelta(minutes=5))

    assert done.status == "published"
    override = LockOverride.objects.get(report=report)
    assert (override.changed_by, override.what[:5]) == (None, "变更发布：")
    data = _item(change).events.get(kind="change_published").data
    assert data["year_locked"] == {"reason": "更正低保名单", "years": [2025]}


def test_abandoning_a_scheduled_change_cancels_its_publication(at_last_step, leader, clerk):
    change = approve_change_step(at_last_step(), actor=leader, at=AT, now=DECIDED)

    with pytest.raises(DisclosureError, match="已有一轮变更正在办理"):
        open_change(_item(change), actor=clerk, reason="再改", formed_on=date(2025, 10, 22))
    cancel_change(change, actor=leader, reason="不再更正")

    assert publish_due_changes(AT) == []
    change.refresh_from_db()
    assert change.status == "withdrawn"
    cancelled = _item(change).events.get(kind="change_cancelled")
    assert (cancelled.from_status, cancelled.data["scheduled_for"]) == ("scheduled", AT.isoformat())
    assert _item(change).body_text == OLD_TEXT


def test_abandoning_a_change_scheduled_in_a_locked_year_takes_it_off_the_report(
    at_last_step, leader, street, client
):
    change = at_last_step()
    report = _publish_report(street, 2025)
    approve_change_step(change, actor=leader, at=AT, now=DECIDED, lock_reason="名单有误须更正")
    report.refresh_from_db()
    (override,) = changes_after_publication(report)
    assert report.changed_after_publication

    cancel_change(change, actor=leader, reason="不再更正")

    report.refresh_from_db()
    override.refresh_from_db()
    assert (changes_after_publication(report), report.changed_after_publication) == ([], False)
    reason = "定时发布的变更未发布即取消：不再更正"
    assert (override.cancelled_by, override.cancel_reason, override.reason) == (
        leader,
        reason,
        "名单有误须更正",
    )
    assert override.cancelled_at is not None  # kept for the record, off the report's list
    assert ReportEvent.objects.get(report=report, kind="change_cancelled").data["override"] == override.pk
    cancelled = _item(change).events.get(kind="change_cancelled")
    assert cancelled.data["lock_cancelled"] == {"years": [2025], "reason": reason}
    client.force_login(leader)
    page = client.get(reverse("disclosure:item", args=[change.item_id])).content.decode()
    assert "已撤销2025年度报告上记录的该项变更" in page
    assert publish_due_changes(AT) == []


def test_withdrawing_the_item_takes_its_scheduled_changes_record_off_and_keeps_its_own(
    at_last_step, leader, street
):
    change = at_last_step()
    report = _publish_report(street, 2025)
    approve_change_step(change, actor=leader, at=AT, now=DECIDED, lock_reason="名单有误须更正")

    withdraw(_item(change), actor=leader, reason="整体撤下", lock_reason="名单整体作废")

    report.refresh_from_db()
    (left,) = changes_after_publication(report)
    assert (left.reason, left.what[:3], report.changed_after_publication) == ("名单整体作废", "撤稿：", True)
    assert LockOverride.objects.get(report=report, reason="名单有误须更正").cancelled_at is not None


def test_withdrawing_the_item_cancels_its_scheduled_change(at_last_step, leader):
    change = approve_change_step(at_last_step(), actor=leader, at=AT, now=DECIDED)

    withdraw(_item(change), actor=leader, reason="整体撤下")

    assert publish_due_changes(AT) == []
    change.refresh_from_db()
    assert change.status == "withdrawn"
    assert _item(change).events.get(kind="change_cancelled").comment == "信息撤稿：整体撤下"


def test_a_time_already_past_publishes_at_once_and_only_the_last_step_takes_a_time(
    published, clerk, reviewer, leader, node
):
    item = published()
    change = open_change(item, actor=clerk, reason="更正名单", formed_on=date(2025, 10, 20))
    draft = Draft(node=node, title=item.title, formed_on=item.formed_on, body_html=f"<p>{NEW_TEXT}</p>")
    change = submit_change(update_change(change, actor=clerk, draft=draft), actor=clerk)

    with pytest.raises(DisclosureError, match="定时发布时间在最后一个审核环节通过时填写"):
        approve_change_step(change, actor=reviewer, at=AT, now=DECIDED)
    while change.current_step.role != "leader":
        change = approve_change_step(change, actor=reviewer)
    change = approve_change_step(change, actor=leader, at=DECIDED - timedelta(hours=1), now=DECIDED)

    assert (change.status, change.published_on) == ("published", date(2025, 10, 21))


def test_the_change_form_schedules_and_the_publish_due_command_runs_it(at_last_step, leader):
    change = at_last_step()
    year = datetime.now(BEIJING).year + 1  # ahead, within the five years a schedule may be
    c = Client()
    c.force_login(leader)
    page = c.get(reverse("disclosure:item", args=[change.item_id])).content.decode()
    assert 'name="at" type="datetime-local"' in page

    c.post(
        reverse("disclosure:item_act", args=[change.item_id, "change_approve"]),
        {"at": f"{year}-01-01T09:00", "comment": "同意"},
    )
    change.refresh_from_db()
    assert (change.status, change.scheduled_for) == ("scheduled", datetime(year, 1, 1, 9, tzinfo=BEIJING))
    page = c.get(reverse("disclosure:item", args=[change.item_id])).content.decode()
    assert f"待发布，定时 {year}-01-01 09:00" in page

    call_command("publish_due")
    change.refresh_from_db()
    assert change.status == "scheduled"
    ItemChange.objects.filter(pk=change.pk).update(scheduled_for=datetime(2020, 1, 1, tzinfo=BEIJING))
    call_command("publish_due")
    change.refresh_from_db()
    assert change.status == "published"
