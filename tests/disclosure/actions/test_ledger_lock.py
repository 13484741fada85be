"""The ledger entry a publication creates is dated the item's 成文日期: in a year whose annual report is
published it passes the year lock, and the reason it passed with is kept on the lock's record (what
was entered), on the ledger's log and on the item's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gongkai.disclosure.actions.changes import approve_change_step, open_change, submit_change, update_change
from gongkai.disclosure.actions.items import Draft
from gongkai.disclosure.actions.review import publish, publish_due_items, withdraw
from gongkai.disclosure.models import Item, NormativeDocument, RegisterEvent
from gongkai.report_workspace.actions.lock import YearLocked, changes_after_publication, grant_change
from gongkai.report_workspace.models import LockOverride
from tests.disclosure.actions.test_withdraw_lock import _publish_report
from tests.disclosure.conftest import BEIJING

NOW = datetime(2025, 10, 10, 10, tzinfo=BEIJING)
WHAT = "随信息发布登记台账：只楚街道低保管理办法（只楚街发〔2024〕9号）"


@pytest.fixture
def normative(make_item, approve_all):
    """A 行政规范性文件 formed 2024-12-20, passed every step, not yet in the ledger."""
    return approve_all(
        make_item(
            title="只楚街道低保管理办法",
            doc_number="只楚街发〔2024〕9号",
            formed_on=date(2024, 12, 20),
            ledger_kind="normative_documents",
        )
    )


def test_publishing_into_a_locked_years_ledger_uses_the_leaders_grant_and_keeps_its_reason(
    normative, clerk, leader, street
):
    report = _publish_report(street, 2024)

    with pytest.raises(YearLocked, match="2024年政府信息公开工作年度报告"):
        publish(normative, actor=clerk, now=NOW)
    assert not NormativeDocument.objects.exists()

    grant_change(actor=leader, annual=report, reason="补登2024年印发的规范性文件")
    item = publish(normative, actor=clerk, now=NOW)

    override = LockOverride.objects.get(report=report)
    assert (override.what, override.changed_by, override.on) == (WHAT, clerk, date(2024, 12, 20))
    expected = {"reason": "补登2024年印发的规范性文件", "years": [2024]}
    assert item.events.get(kind="ledger_linked").data["year_locked"] == expected
    assert RegisterEvent.objects.get(kind="document_registered").data["year_locked"] == expected
    assert item.document.issued_on == date(2024, 12, 20)


def test_a_scheduled_publication_passes_the_lock_when_it_is_scheduled(normative, clerk, leader, street):
    report = _publish_report(street, 2024)
    at = NOW + timedelta(days=1)

    with pytest.raises(YearLocked):
        publish(normative, actor=clerk, at=at, now=NOW)
    grant_change(actor=leader, annual=report, reason="补登")
    publish(normative, actor=clerk, at=at, now=NOW)
    assert LockOverride.objects.get(report=report).what == WHAT  # the grant is used now

    (item,) = publish_due_items(at)

    assert item.document is not None
    assert LockOverride.objects.filter(report=report).count() == 1
    assert item.events.get(kind="ledger_linked").data["year_locked"] == {"reason": "补登", "years": [2024]}


def test_withdrawing_a_scheduled_publication_takes_its_ledger_entry_off_the_report(
    normative, clerk, leader, street
):
    report = _publish_report(street, 2024)
    grant_change(actor=leader, annual=report, reason="补登")
    at = NOW + timedelta(days=1)
    publish(normative, actor=clerk, at=at, now=NOW)
    report.refresh_from_db()
    assert report.changed_after_publication

    withdraw(normative, actor=leader, reason="办法暂缓印发")

    report.refresh_from_db()
    override = LockOverride.objects.get(report=report)
    assert (changes_after_publication(report), report.changed_after_publication) == ([], False)
    assert (override.cancelled_by, override.cancel_reason) == (leader, "定时发布的信息撤稿：办法暂缓印发")
    assert override.changed_at is not None  # the grant stays used: a later change needs a new one
    withdrawn = Item.objects.get(pk=normative.pk).events.get(kind="withdrawn")
    assert withdrawn.data["lock_cancelled"]["years"] == [2024]
    assert publish_due_items(at) == [] and not NormativeDocument.objects.exists()


def _change_into_the_ledger(published, clerk, reviewer, node, formed_on):  # type: ignore[no-untyped-def]
    item = published()
    change = open_change(item, actor=clerk, reason="补充文号，列入台账", formed_on=date(2025, 10, 20))
    draft = Draft(
        node=node,
        title=item.title,
        formed_on=formed_on,
        doc_number="只楚街发〔2024〕9号",
        ledger_kind="normative_documents",
        body_html="<p>经审核，以下家庭符合低保条件。</p>",
    )
    change = submit_change(update_change(change, actor=clerk, draft=draft), actor=clerk)
    while change.current_step.role != "leader":
        change = approve_change_step(change, actor=reviewer)
    return change


def test_a_change_that_enters_a_locked_years_ledger_takes_the_leaders_reason(
    published, clerk, reviewer, leader, node, street
):
    report = _publish_report(street, 2024)  # the item was published in 2025: only its ledger year is locked
    change = _change_into_the_ledger(published, clerk, reviewer, node, date(2024, 12, 20))

    with pytest.raises(YearLocked, match="2024年"):
        approve_change_step(change, actor=leader, now=NOW)

    approve_change_step(change, actor=leader, now=NOW, lock_reason="该文件2024年印发，补登台账")

    override = LockOverride.objects.get(report=report)
    assert (override.reason, override.allowed_by, override.on) == (
        "该文件2024年印发，补登台账",
        leader,
        date(2024, 12, 20),
    )
    assert override.what == "随信息发布登记台账：关于2025年度低保对象名单的公示（只楚街发〔2024〕9号）"
    item = Item.objects.get(pk=change.item_id)
    assert item.document.issued_on == date(2024, 12, 20)
    data = item.events.get(kind="change_published").data["year_locked"]
    assert data == {"reason": "该文件2024年印发，补登台账", "years": [2024]}


def test_one_reason_covers_the_published_record_and_the_ledger_entry_of_the_same_year(
    published, clerk, reviewer, leader, node, street
):
    report = _publish_report(street, 2025)  # published 2025-10-10, 成文 2025-09-26: one locked report
    change = _change_into_the_ledger(published, clerk, reviewer, node, date(2025, 9, 26))

    approve_change_step(change, actor=leader, now=NOW, lock_reason="文件须列入台账")

    override = LockOverride.objects.get(report=report)  # recorded once
    assert override.reason == "文件须列入台账"
    assert override.what.startswith("变更发布并登记台账：")
    assert Item.objects.get(pk=change.item_id).document.issued_on == date(2025, 9, 26)


def test_the_runner_leaves_an_item_refused_at_its_time_waiting_and_publishes_the_rest(
    normative, make_item, approve_all, clerk, leader, street
):
    at = NOW + timedelta(days=1)
    publish(normative, actor=clerk, at=at, now=NOW)  # 2024 still open when scheduled
    other = publish(approve_all(make_item(title="其他公告")), actor=clerk, at=at, now=NOW)
    report = _publish_report(street, 2024)

    assert publish_due_items(at) == [Item.objects.get(pk=other.pk)]
    normative.refresh_from_db()
    assert (normative.status, normative.document) == ("scheduled", None)

    grant_change(actor=leader, annual=report, reason="补登")
    (item,) = publish_due_items(at + timedelta(minutes=5))
    assert (item.pk, item.status) == (normative.pk, "published")
    assert LockOverride.objects.get(report=report).changed_by is None  # the runner used the grant
