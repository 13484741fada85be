"""A 定时发布 refused at its time is recorded on the item's history (once per reason), shown on the
item's page, in the inbox and in the item list until it goes out, and named by ``publish_due``.

The 行政规范性文件 is formed 2024-12-20 and scheduled on 2025-10-10 for 2025-10-11 10:00 (北京), while
2024 is open; the 2024 report is then published (dated 2025-01-20): at its time the ledger entry the
publication creates is locked and the runner, which is no leader, is refused.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions.changes import (
    approve_change_step,
    open_change,
    publish_due_changes,
    submit_change,
    update_change,
)
from gongkai.disclosure.actions.items import Draft
from gongkai.disclosure.actions.refusals import pending_refusal
from gongkai.disclosure.actions.review import publish, publish_due_items, withdraw
from gongkai.disclosure.models import IndexCounter, IndexRule, Item, ItemChange, NormativeDocument
from gongkai.report_workspace.actions.lock import grant_change
from gongkai.report_workspace.models import AnnualReport
from tests.disclosure.actions.test_withdraw_lock import _publish_report
from tests.disclosure.conftest import BEIJING

NOW = datetime(2025, 10, 10, 10, tzinfo=BEIJING)
AT = NOW + timedelta(days=1)
LOCKED_2024 = (
    "只楚街道办事处2024年政府信息公开工作年度报告已于2025年1月20日发布，该年度的数据已锁定，不能修改。"
    "确需修改的，请由分管领导填写变更理由后办理。"
)
BAD_RULE = "索引号格式“{code}/{year}-{bad}”有误：不认识“{bad}”，只能使用 {code}、{year} 和 {seq}"
ALERT = "定时发布未完成"


@pytest.fixture
def scheduled(make_item, approve_all, clerk, street) -> Item:
    """The 行政规范性文件, 待发布 for AT; the 2024 report is published after it was scheduled."""
    item = approve_all(
        make_item(
            title="只楚街道低保管理办法",
            doc_number="只楚街发〔2024〕9号",
            formed_on=date(2024, 12, 20),
            ledger_kind="normative_documents",
        )
    )
    item = publish(item, actor=clerk, at=AT, now=NOW)
    _publish_report(street, 2024)
    return item


def _refusals(item: Item) -> list:
    return list(item.events.filter(kind="schedule_refused").order_by("pk"))


def _page(user, item: Item) -> str:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c.get(reverse("disclosure:item", args=[item.pk])).content.decode()


def test_a_refusal_is_recorded_once_while_its_reason_stays_the_same(scheduled, caplog):
    with caplog.at_level(logging.WARNING, logger="gongkai.disclosure.actions.review"):
        assert publish_due_items(AT) == []
        assert publish_due_items(AT + timedelta(minutes=5)) == []

    (event,) = _refusals(scheduled)
    assert (event.comment, event.actor_label, event.at) == (LOCKED_2024, "系统", AT)
    assert (event.change, event.from_status, event.to_status) == (None, "", "scheduled")
    report = AnnualReport.objects.get(year=2024)
    assert (event.data["cause"], event.data["year"], event.data["report"]) == ("year_locked", 2024, report.pk)
    assert "请分管领导在2024年度报告页面“授权一次变更”" in event.data["advice"]
    assert "由分管领导或管理员撤稿（即撤回定时发布）" in event.data["advice"]
    assert event.data["scheduled_for"] == AT.isoformat()
    # the log line stays, every run; the failed attempt left nothing behind
    assert caplog.text.count(f"定时发布未完成（信息 {scheduled.pk}）：{LOCKED_2024}") == 2
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.index_number, scheduled.document) == ("scheduled", "", None)
    assert not IndexCounter.objects.exists() and not NormativeDocument.objects.exists()


def test_a_new_reason_is_recorded_again_and_the_grant_then_publishes_it(scheduled, leader, street):
    publish_due_items(AT)
    rule = IndexRule.objects.create(body=street, pattern="{code}/{year}-{bad}")
    publish_due_items(AT + timedelta(minutes=5))  # numbered before the ledger: the rule refuses first
    publish_due_items(AT + timedelta(minutes=10))
    rule.delete()
    publish_due_items(AT + timedelta(minutes=15))  # the lock again: differs from the last one recorded

    refusals = _refusals(scheduled)
    assert [e.comment for e in refusals] == [LOCKED_2024, BAD_RULE, LOCKED_2024]
    assert [e.data["cause"] for e in refusals] == ["year_locked", "index_number", "year_locked"]
    assert "检查索引号规则和机构编码" in refusals[1].data["advice"]
    assert pending_refusal(scheduled) == refusals[2]

    grant_change(actor=leader, annual=AnnualReport.objects.get(year=2024), reason="补登低保管理办法")
    (item,) = publish_due_items(AT + timedelta(minutes=20))

    assert (item.pk, item.status) == (scheduled.pk, "published")
    assert len(_refusals(item)) == 3
    assert pending_refusal(item) is None


def test_the_item_page_inbox_and_list_show_the_refusal_until_it_goes_out(scheduled, clerk, leader):
    assert ALERT not in _page(clerk, scheduled)
    publish_due_items(AT)

    page = _page(clerk, scheduled)
    assert 'id="schedule-refused" role="alert"' in page
    assert "这条信息定时于 2025-10-11 10:00 发布，系统于 2025-10-11 10:00 发布时未能完成" in page
    assert LOCKED_2024 in page
    report = AnnualReport.objects.get(year=2024)
    assert f'href="{reverse("yearbook:detail", args=[report.pk])}#grant">前往2024年度报告' in page
    # the history names it with what to do
    assert "<td>定时发布未完成</td>" in page and "处理建议：2024年度报告已发布" in page

    c = Client()
    c.force_login(clerk)
    inbox = c.get(reverse("disclosure:inbox")).content.decode()
    assert "定时发布未完成（1）" in inbox and "只楚街道低保管理办法" in inbox and LOCKED_2024 in inbox
    listing = c.get(reverse("disclosure:items")).content.decode()
    assert '<strong class="late schedule-refused">定时发布未完成</strong>' in listing
    only = c.get(reverse("disclosure:items"), {"refused": "1"}).content.decode()
    assert "只楚街道低保管理办法" in only and "关于2025年度低保对象名单的公示" not in only

    grant_change(actor=leader, annual=report, reason="补登低保管理办法")
    publish_due_items(AT + timedelta(minutes=5))

    page = _page(clerk, scheduled)
    assert 'id="schedule-refused"' not in page
    assert "<td>定时发布未完成</td>" in page  # the record stays in the history
    assert ALERT not in c.get(reverse("disclosure:inbox")).content.decode()
    assert "schedule-refused" not in c.get(reverse("disclosure:items")).content.decode()


def test_a_withdrawn_item_is_no_longer_shown_as_refused(scheduled, clerk, leader):
    publish_due_items(AT)
    withdraw(scheduled, actor=leader, reason="办法暂缓印发")

    assert pending_refusal(Item.objects.get(pk=scheduled.pk)) is None
    c = Client()
    c.force_login(clerk)
    assert ALERT not in c.get(reverse("disclosure:inbox")).content.decode()


def test_the_command_names_the_refused_item_and_its_reason(scheduled):
    Item.objects.filter(pk=scheduled.pk).update(scheduled_for=datetime(2025, 10, 11, tzinfo=BEIJING))
    out, err = StringIO(), StringIO()

    call_command("publish_due", stdout=out, stderr=err)

    assert out.getvalue().strip() == "共发布0条信息、0条变更；1条未能发布，仍为待发布，原因见上"
    assert (
        err.getvalue().strip()
        == f"未能发布信息（只楚街道低保管理办法）（信息编号 {scheduled.pk}）：{LOCKED_2024}"
    )
    call_command("publish_due", stdout=StringIO(), stderr=(err := StringIO()))
    assert LOCKED_2024 in err.getvalue()  # every run says so; the history has it once
    assert len(_refusals(scheduled)) == 1


# ---------------------------------------------------------------- a scheduled 变更

CHANGE_AT = datetime(2025, 10, 24, 9, 0, tzinfo=BEIJING)
LOCKED_2025 = (
    "只楚街道办事处2025年政府信息公开工作年度报告已于2026年1月20日发布，该年度的数据已锁定，不能修改。"
    "确需修改的，请由分管领导填写变更理由后办理。"
)


@pytest.fixture
def scheduled_change(published, clerk, reviewer, leader, node, street) -> ItemChange:
    """A change of the item published 2025-10-10, scheduled for 2025-10-24 09:00; the 2025 report is
    published while it waits."""
    item = published()
    change = open_change(item, actor=clerk, reason="更正名单", formed_on=date(2025, 10, 20))
    draft = Draft(
        node=node, title=item.title, formed_on=item.formed_on, body_html="<p>经复核，更正名单如下。</p>"
    )
    change = submit_change(update_change(change, actor=clerk, draft=draft), actor=clerk)
    while change.current_step.role != "leader":
        change = approve_change_step(change, actor=reviewer)
    change = approve_change_step(
        change, actor=leader, at=CHANGE_AT, now=datetime(2025, 10, 21, tzinfo=BEIJING)
    )
    _publish_report(street, 2025)
    return change


def test_a_refused_change_is_recorded_on_the_change_and_shown_until_the_grant_publishes_it(
    scheduled_change, clerk, leader
):
    item = Item.objects.get(pk=scheduled_change.item_id)
    assert publish_due_changes(CHANGE_AT) == []
    assert publish_due_changes(CHANGE_AT + timedelta(minutes=5)) == []

    (event,) = _refusals(item)
    assert (event.change, event.comment, event.data["cause"]) == (
        scheduled_change,
        LOCKED_2025,
        "year_locked",
    )
    assert "放弃本次变更（即撤回定时发布）" in event.data["advice"]
    page = _page(clerk, item)
    assert "本次变更定时于 2025-10-24 09:00 发布" in page and "网站上仍显示变更前的内容" in page
    assert LOCKED_2025 in page and "<td>定时发布未完成</td>" in page
    c = Client()
    c.force_login(clerk)
    assert "<td>变更</td>" in c.get(reverse("disclosure:inbox")).content.decode()
    listing = c.get(reverse("disclosure:items")).content.decode()
    assert '已发布 <strong class="late schedule-refused">变更定时发布未完成</strong>' in listing

    grant_change(actor=leader, annual=AnnualReport.objects.get(year=2025), reason="更正低保名单")
    (done,) = publish_due_changes(CHANGE_AT + timedelta(minutes=10))

    assert done.status == "published"
    assert 'id="schedule-refused"' not in _page(clerk, item)
    assert "schedule-refused" not in c.get(reverse("disclosure:items")).content.decode()


def test_the_command_names_a_refused_change(scheduled_change):
    ItemChange.objects.filter(pk=scheduled_change.pk).update(scheduled_for=CHANGE_AT)
    item = Item.objects.get(pk=scheduled_change.item_id)
    out, err = StringIO(), StringIO()

    call_command("publish_due", stdout=out, stderr=err)

    assert err.getvalue().strip() == (
        f"未能发布变更（{item.index_number} 关于2025年度低保对象名单的公示）（信息编号 {item.pk}）：{LOCKED_2025}"
    )
    assert "1条未能发布" in out.getvalue()
