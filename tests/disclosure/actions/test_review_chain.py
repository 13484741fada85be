"""The review chain: 撰稿 → 核对 → 复审 → 保密审查 → 终审, then 发布 or 撤稿, all in the event log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.chain import review_chain
from gongkai.disclosure.actions.review import (
    approve_step,
    missing_steps,
    publish,
    publish_due_items,
    return_to_step,
    submit_for_review,
    withdraw,
)
from gongkai.disclosure.models import ReviewStep
from gongkai.disclosure.rules.states import TransitionError


def test_the_default_chain_has_a_secrecy_review(street):
    names = [(s.get_name_display(), s.get_role_display(), s.is_secrecy_review) for s in review_chain(street)]

    assert names == [
        ("撰稿", "经办人", False),
        ("核对", "审核人", False),
        ("复审", "审核人", False),
        ("保密审查", "审核人", True),
        ("终审", "分管领导", False),
    ]


def test_submitting_moves_the_item_to_the_first_review_step(make_item, clerk):
    item = submit_for_review(make_item(), actor=clerk)

    assert item.status == "in_review"
    assert item.current_step.get_name_display() == "核对"
    event = item.events.last()
    assert (event.kind, event.from_status, event.to_status, event.step_label) == (
        "submitted",
        "draft",
        "in_review",
        "撰稿",
    )


def test_an_item_that_passed_every_step_is_approved_and_can_be_published(make_item, approve_all, clerk):
    item = approve_all(make_item())

    assert item.status == "approved"
    assert missing_steps(item) == []
    item = publish(item, actor=clerk)
    assert item.status == "published"
    assert item.index_number.endswith(f"/{item.published_on.year}-00001")
    assert [e.kind for e in item.events.all()] == [
        "created",
        "submitted",
        "approved",
        "approved",
        "approved",
        "approved",
        "published",
    ]


def test_an_item_still_in_review_cannot_be_published(make_item, clerk, reviewer):
    item = submit_for_review(make_item(), actor=clerk)
    item = approve_step(item, actor=reviewer)

    with pytest.raises(DisclosureError, match="只有审核已通过的信息可以发布"):
        publish(item, actor=clerk)


def test_a_draft_cannot_be_published(make_item, clerk):
    with pytest.raises(DisclosureError):
        publish(make_item(), actor=clerk)


def test_publish_checks_the_event_log_not_only_the_status(make_item, approve_all, clerk):
    item = approve_all(make_item())
    item.events.filter(kind="approved", step__name="secrecy").delete()  # a tampered record

    with pytest.raises(DisclosureError, match="保密审查"):
        publish(item, actor=clerk)


def test_a_reviewer_of_the_wrong_role_cannot_approve(make_item, clerk, leader):
    item = submit_for_review(make_item(), actor=clerk)

    with pytest.raises(PermissionDenied, match="核对”环节需由本机关的审核人办理"):
        approve_step(item, actor=leader)
    item.refresh_from_db()
    assert item.current_step.get_name_display() == "核对"


def test_the_leader_cannot_approve_before_final_review(make_item, clerk, reviewer, leader):
    item = submit_for_review(make_item(), actor=clerk)
    item = approve_step(item, actor=reviewer)

    with pytest.raises(PermissionDenied):
        approve_step(item, actor=leader)


def test_a_reviewer_of_another_body_cannot_approve(make_item, clerk, other_street):
    from gongkai.bodies.actions.members import create_staff_user

    stranger = create_staff_user(
        actor=None, body=other_street, username="xgh_reviewer", password="x" * 20, role="reviewer"
    )
    item = submit_for_review(make_item(), actor=clerk)

    with pytest.raises(PermissionDenied):
        approve_step(item, actor=stranger)


def test_only_the_drafter_submits_and_edits_their_draft(make_item, street_admin):
    from gongkai.disclosure.actions.items import Draft, update_item

    item = make_item()
    with pytest.raises(PermissionDenied, match="撰稿人本人"):
        submit_for_review(item, actor=street_admin)
    with pytest.raises(PermissionDenied, match="撰稿人本人"):
        update_item(
            actor=street_admin, item=item, draft=Draft(node=item.node, title="改", formed_on=item.formed_on)
        )


def test_return_to_an_earlier_step_needs_a_comment_and_undoes_the_later_approvals(
    make_item, clerk, reviewer, street
):
    item = submit_for_review(make_item(), actor=clerk)
    item = approve_step(item, actor=reviewer)  # 核对
    item = approve_step(item, actor=reviewer)  # 复审
    check = ReviewStep.objects.get(body=street, name="check")

    with pytest.raises(DisclosureError, match="退回意见"):
        return_to_step(item, actor=reviewer, step=check, comment=" ")
    item = return_to_step(item, actor=reviewer, step=check, comment="数字与原件不符")

    assert item.status == "in_review"
    assert item.current_step == check
    assert [s.get_name_display() for s in missing_steps(item)] == ["核对", "复审", "保密审查", "终审"]
    returned = item.events.last()
    assert (returned.kind, returned.comment, returned.step_label) == ("returned", "数字与原件不符", "核对")


def test_return_cannot_go_forward(make_item, clerk, reviewer, street):
    item = submit_for_review(make_item(), actor=clerk)
    final = ReviewStep.objects.get(body=street, name="final")

    with pytest.raises(DisclosureError, match="之前的环节"):
        return_to_step(item, actor=reviewer, step=final, comment="?")


def test_return_to_drafting_makes_it_an_editable_draft_again(make_item, clerk, reviewer, street):
    from gongkai.disclosure.actions.items import Draft, update_item

    item = submit_for_review(make_item(), actor=clerk)
    drafting = ReviewStep.objects.get(body=street, name="drafting")
    item = return_to_step(item, actor=reviewer, step=drafting, comment="请补充附件")

    assert item.status == "draft" and item.current_step is None
    item = update_item(
        actor=clerk, item=item, draft=Draft(node=item.node, title="新标题", formed_on=item.formed_on)
    )
    assert item.current_version.number == 2
    assert submit_for_review(item, actor=clerk).current_step.get_name_display() == "核对"


def test_withdrawal_needs_a_reason_and_is_kept_in_the_record(make_item, approve_all, clerk, leader):
    item = publish(approve_all(make_item()), actor=clerk)

    with pytest.raises(PermissionDenied):
        withdraw(item, actor=clerk, reason="有误")
    with pytest.raises(DisclosureError, match="撤稿理由"):
        withdraw(item, actor=leader, reason="")
    item = withdraw(item, actor=leader, reason="名单有误，核实后重发")

    assert item.status == "withdrawn"
    assert item.index_number  # the number stays taken
    event = item.events.last()
    assert (event.kind, event.from_status, event.comment) == (
        "withdrawn",
        "published",
        "名单有误，核实后重发",
    )
    with pytest.raises(TransitionError):
        withdraw(item, actor=leader, reason="再撤一次")


def test_a_scheduled_item_is_published_when_its_time_comes(make_item, approve_all, clerk):
    now = datetime(2025, 10, 9, 1, 0, tzinfo=UTC)  # 09:00 in 北京
    at = now + timedelta(hours=24)
    item = publish(approve_all(make_item()), actor=clerk, at=at, now=now)

    assert item.status == "scheduled" and item.index_number == ""
    assert publish_due_items(at - timedelta(minutes=1)) == []
    (published,) = publish_due_items(at + timedelta(minutes=5))

    assert published.pk == item.pk
    assert published.status == "published"
    assert str(published.published_on) == "2025-10-10"
    assert published.events.get(kind="published").actor_label == "系统"


def test_the_publish_due_command_publishes_due_items(make_item, approve_all, clerk):
    from django.core.management import call_command

    next_year = datetime.now(UTC).year + 1  # ahead, within the five years a schedule may be
    item = publish(approve_all(make_item()), actor=clerk, at=datetime(next_year, 1, 1, tzinfo=UTC))
    call_command("publish_due")
    item.refresh_from_db()
    assert item.status == "scheduled"

    item.scheduled_for = datetime(2020, 1, 1, tzinfo=UTC)
    item.save(update_fields=["scheduled_for"])
    call_command("publish_due")
    item.refresh_from_db()
    assert item.status == "published"


def test_index_numbers_follow_the_body_rule_and_count_per_year(make_item, approve_all, clerk, street):
    from gongkai.disclosure.models import IndexRule

    IndexRule.objects.create(body=street, code="ZC", pattern="{code}-{year}-{seq:04d}")
    first = publish(approve_all(make_item()), actor=clerk, now=datetime(2025, 10, 9, 2, tzinfo=UTC))
    second = publish(
        approve_all(make_item(title="第二条")), actor=clerk, now=datetime(2025, 10, 9, 3, tzinfo=UTC)
    )

    assert (first.index_number, second.index_number) == ("ZC-2025-0001", "ZC-2025-0002")


def test_a_chain_without_secrecy_review_is_refused(make_item, clerk, street):
    review_chain(street)
    ReviewStep.objects.filter(body=street, is_secrecy_review=True).delete()

    with pytest.raises(DisclosureError, match="缺少保密审查"):
        submit_for_review(make_item(), actor=clerk)
