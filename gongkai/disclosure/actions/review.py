"""The review chain and publication: submit, approve a step, return, publish (now or later), withdraw.

The chain is the body's ReviewStep rows (the default chain is created the first time a body's item
is submitted). Position 1 is 撰稿, completed by submitting. An item is 已通过 only when every later
step approved it, and ``publish`` checks this again from the append-only event log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.access import DRAFTER_ROLES, WITHDRAW_ROLES, role_in
from gongkai.disclosure.actions.chain import (
    RUNNER_REFUSALS,
    cancel_scheduled_lock,
    logger,
    require_step_role,
    review_chain,
    tell_returned,
    tell_step,
)
from gongkai.disclosure.actions.changes import end_open_change
from gongkai.disclosure.actions.common import User, require
from gongkai.disclosure.actions.errors import DisclosureError, IndexNumberRefused, ScreeningRefused
from gongkai.disclosure.actions.ledger import guard_ledger_entry, register_from_item
from gongkai.disclosure.actions.log import record
from gongkai.disclosure.actions.refusals import Refusal, record_refusal
from gongkai.disclosure.models import (
    Disclosure,
    IndexCounter,
    IndexRule,
    Item,
    ItemEvent,
    ReviewStep,
    SensitiveWord,
)
from gongkai.disclosure.queries.worklist import items_waiting_for
from gongkai.disclosure.rules.indexing import IndexRuleError, format_index
from gongkai.disclosure.rules.screening import Hit, describe_hits, screen_fields
from gongkai.disclosure.rules.states import Status, check_transition
from gongkai.disclosure.rules.timeliness import timeliness
from gongkai.portal.actions.indexing import index_item, unindex_item
from gongkai.workdays.rules.dates import date_refusal

Kind = ItemEvent.Kind
Role = StaffMembership.Role


@transaction.atomic
def submit_for_review(item: Item, *, actor: User, comment: str = "") -> Item:
    """撰稿人提交: step 1 is done, the item waits at step 2."""
    item = _lock(item)
    require(item.created_by_id == actor.pk, "只有撰稿人本人可以提交审核")
    require(role_in(actor, item.body) in DRAFTER_ROLES, "只有本机关的经办人或管理员可以提交审核")
    chain = review_chain(item.body)
    return _advance(item, actor, chain, chain[0], Kind.SUBMITTED, comment)


@transaction.atomic
def approve_step(item: Item, *, actor: User, comment: str = "") -> Item:
    """The reviewer of the current step approves; the item moves to the next step or is 已通过."""
    item = _lock(item)
    if item.status != Status.IN_REVIEW or item.current_step is None:
        raise DisclosureError(f"信息当前状态为“{Status(item.status).label}”，没有待审核的环节")
    step = item.current_step
    require_step_role(actor, item, step)
    require(item.created_by_id != actor.pk, "撰稿人不能审核自己撰写的信息")
    return _advance(item, actor, review_chain(item.body), step, Kind.APPROVED, comment)


@transaction.atomic
def return_to_step(item: Item, *, actor: User, step: ReviewStep, comment: str) -> Item:
    """退回 to an earlier step (to 撰稿: the item is a draft again), with the reasons."""
    item = _lock(item)
    if not comment.strip():
        raise DisclosureError("退回时请填写退回意见")
    if step.body_id != item.body_id:
        raise DisclosureError("所选环节不属于该机关的审核流程")
    chain = review_chain(item.body)
    if item.status == Status.IN_REVIEW and item.current_step is not None:
        require_step_role(actor, item, item.current_step)
        if step.position >= item.current_step.position:
            raise DisclosureError(f"只能退回到“{item.current_step.get_name_display()}”之前的环节")
    elif item.status == Status.APPROVED:
        require_step_role(actor, item, chain[-1])
    else:
        raise DisclosureError(f"信息当前状态为“{Status(item.status).label}”，不能退回")
    target = Status.DRAFT if step.position == chain[0].position else Status.IN_REVIEW
    before = item.status
    check_transition(before, target)
    item.status = target
    item.current_step = None if target == Status.DRAFT else step
    item.save(update_fields=["status", "current_step", "updated_at"])
    record(
        item,
        actor,
        Kind.RETURNED,
        from_status=before,
        to_status=target,
        step=step,
        comment=comment.strip(),
        data={"to_position": step.position},
    )
    tell_returned(item, step, first=target == Status.DRAFT, author_id=item.created_by_id, comment=comment)
    return item


@transaction.atomic
def publish(
    item: Item,
    *,
    actor: User,
    at: datetime | None = None,
    override_reason: str = "",
    now: datetime | None = None,
) -> Item:
    """发布 an item that passed every step: now, or at ``at`` (待发布, see ``publish_due_items``).

    The title and text are screened first; publishing over hits needs ``override_reason``, which is kept.
    """
    item = _lock(item)
    require(role_in(actor, item.body) in DRAFTER_ROLES, "只有本机关的经办人或管理员可以发布信息")
    now = now or timezone.now()
    if item.status != Status.APPROVED:
        raise DisclosureError(f"信息当前状态为“{Status(item.status).label}”，只有审核已通过的信息可以发布")
    missing = missing_steps(item)
    if missing:
        names = "、".join(s.get_name_display() for s in missing)
        raise DisclosureError(f"以下审核环节尚未通过，不能发布：{names}")
    if item.disclosure != Disclosure.PROACTIVE:
        raise DisclosureError(f"公开属性为“{Disclosure(item.disclosure).label}”的信息不主动发布")
    hits = screen_item(item)
    if hits and not override_reason.strip():
        raise ScreeningRefused(
            f"发布前检查发现{len(hits)}处可能涉及个人信息或敏感词：{describe_hits(hits)}。"
            "请修改后重新送审，或填写仍需发布的理由。"
        )
    data: dict[str, Any] = {}
    if hits:
        data["screening"] = {"hits": [h.describe() for h in hits], "reason": override_reason.strip()}
    if at is not None and at > now:
        from gongkai.report_workspace.actions.lock import recording

        refusal = date_refusal(timezone.localdate(at), "定时发布时间", timezone.localdate(now), future=True)
        if refusal:
            raise DisclosureError(refusal)
        check_transition(item.status, Status.SCHEDULED)
        # The year lock of the ledger entry is passed now, by the one who decides the publication; its
        # records are kept on the event, to be cancelled if the publication is withdrawn before its time.
        if item.ledger_kind and item.document_id is None:
            with recording() as overrides:
                locked = guard_ledger_entry(item, actor)
            if locked:
                data["year_locked"] = locked
                data["lock_overrides"] = [o.pk for o in overrides]
        before = item.status
        item.status = Status.SCHEDULED
        item.scheduled_for = at
        item.save(update_fields=["status", "scheduled_for", "updated_at"])
        data["scheduled_for"] = at.isoformat()
        record(item, actor, Kind.SCHEDULED, from_status=before, to_status=Status.SCHEDULED, data=data, at=now)
        return item
    return _publish_now(item, actor, now, data)


def publish_due_items(now: datetime | None = None, refused: list[Refusal] | None = None) -> list[Item]:
    """Publish every 待发布 item whose time has come (the ``publish_due`` command calls this).

    One that is refused now (a year locked since it was scheduled, with no leader's grant) stays
    待发布, is logged, recorded on its history for its staff (once per reason, see refusals.py) and
    appended to ``refused``; it is tried again on the next run. The others go out.
    """
    now = now or timezone.now()
    published = []
    due = Item.objects.filter(status=Status.SCHEDULED, scheduled_for__lte=now).order_by("scheduled_for", "pk")
    for pk in due.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                item = Item.objects.select_for_update().select_related("body").get(pk=pk)
                if item.status == Status.SCHEDULED:
                    published.append(_publish_scheduled(item, now))
        except RUNNER_REFUSALS as e:
            logger.warning("定时发布未完成（信息 %s）：%s", pk, getattr(e, "message", e))
            refusal = record_refusal(pk, e, now)  # the attempt was rolled back; this is kept
            if refusal is not None and refused is not None:
                refused.append(refusal)
    return published


def _publish_scheduled(item: Item, now: datetime) -> Item:
    assert item.scheduled_for is not None  # a 待发布 item has its time
    data: dict[str, Any] = {"scheduled_for": item.scheduled_for.isoformat()}
    scheduled = item.events.filter(kind=Kind.SCHEDULED, change__isnull=True).order_by("-at", "-pk").first()
    locked = scheduled.data.get("year_locked") if scheduled is not None else None
    if locked:
        data["year_locked"] = locked
    return _publish_now(item, None, now, data, decided=locked)


@transaction.atomic
def withdraw(item: Item, *, actor: User, reason: str, lock_reason: str = "") -> Item:
    """撤稿: the item leaves publication (or never reaches it); the record and 索引号 are kept.

    An item published in a year whose annual report is published is locked: only the 分管领导 may
    withdraw it, giving ``lock_reason`` (recorded here and on the report, see gongkai.report_workspace.actions.lock).
    """
    from gongkai.report_workspace.actions.lock import guard_change

    item = _lock(item)
    if not reason.strip():
        raise DisclosureError("撤稿时请填写撤稿理由")
    role = role_in(actor, item.body)
    if item.status in (Status.PUBLISHED, Status.SCHEDULED):
        require(role in WITHDRAW_ROLES, "已发布或待发布的信息只能由分管领导或管理员撤稿")
    else:
        require(
            role in WITHDRAW_ROLES or (item.created_by_id == actor.pk and role in DRAFTER_ROLES),
            "只有撰稿人、分管领导或管理员可以撤稿",
        )
    before = item.status
    check_transition(before, Status.WITHDRAWN)
    data: dict[str, Any] = {}
    if item.status == Status.PUBLISHED and item.published_on is not None:
        what = f"撤稿：{item.title}（{item.index_number}）"
        if guard_change(
            actor=actor, body=item.body, on=item.published_on, reason=lock_reason or None, what=what
        ):
            data["year_locked"] = {"reason": lock_reason.strip() or "分管领导已授权"}
    if item.status == Status.SCHEDULED:
        scheduled = item.events.filter(kind=Kind.SCHEDULED, change__isnull=True).order_by("-pk").first()
        if cancelled := cancel_scheduled_lock(scheduled, actor, f"定时发布的信息撤稿：{reason.strip()}"):
            data["lock_cancelled"] = cancelled
    end_open_change(item, actor, f"信息撤稿：{reason.strip()}")
    item.status = Status.WITHDRAWN
    item.current_step = None
    item.save(update_fields=["status", "current_step", "updated_at"])
    unindex_item(item)
    record(
        item,
        actor,
        Kind.WITHDRAWN,
        from_status=before,
        to_status=Status.WITHDRAWN,
        comment=reason.strip(),
        data=data,
    )
    return item


def missing_steps(item: Item) -> list[ReviewStep]:
    """The steps not (or no longer) passed, read from the event log: 退回 to step k undoes k and later."""
    passed: set[int] = set()
    events = item.events.filter(
        kind__in=[Kind.SUBMITTED, Kind.APPROVED, Kind.RETURNED], change__isnull=True
    ).select_related("step")
    for event in events.order_by("at", "pk"):
        position = event.step.position if event.step is not None else event.data.get("to_position")
        if position is None:
            continue
        if event.kind == Kind.RETURNED:
            passed = {p for p in passed if p < position}
        else:
            passed.add(position)
    return [s for s in review_chain(item.body) if s.position not in passed]


def screen_item(item: Item) -> list[Hit]:
    words = SensitiveWord.objects.filter(body=item.body).values_list("word", flat=True)
    return screen_fields({"标题": item.title, "正文": item.body_text}, words)


def waiting_for(user: User) -> list[Item]:
    """The review inbox: items at a step whose role the user holds in the item's body."""
    return list(items_waiting_for(user))


# ------------------------------------------------------------------ helpers


def _lock(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).select_related("body", "current_step").get(pk=item.pk)


def _advance(
    item: Item, actor: User, chain: list[ReviewStep], done: ReviewStep, kind: str, comment: str
) -> Item:
    later = [s for s in chain if s.position > done.position]
    target = Status.IN_REVIEW if later else Status.APPROVED
    before = item.status
    check_transition(before, target)
    item.status = target
    item.current_step = later[0] if later else None
    item.save(update_fields=["status", "current_step", "updated_at"])
    record(item, actor, kind, from_status=before, to_status=target, step=done, comment=comment.strip())
    if item.current_step is not None:
        tell_step(item, item.current_step, author_id=item.created_by_id)
    return item


def _publish_now(
    item: Item,
    actor: User | None,
    now: datetime,
    data: dict[str, Any],
    *,
    decided: dict[str, Any] | None = None,
) -> Item:
    before = item.status
    check_transition(before, Status.PUBLISHED)
    published_on = timezone.localdate(now)
    item.index_number = _next_index_number(item.body, published_on.year)
    item.published_at = now
    item.published_on = published_on
    t = timeliness(item.formed_on, published_on)
    item.is_late, item.working_days_to_publish = t.is_late, t.working_days
    item.status = Status.PUBLISHED
    item.save()
    if item.ledger_kind and item.document_id is None:
        register_from_item(item, actor, decided=decided)
    index_item(item)  # the public portal's search index and page cache follow in the same transaction
    data = {
        **data,
        "index_number": item.index_number,
        "working_days": t.working_days,
        "due": t.due.isoformat(),
    }
    if t.is_late:
        data["late"] = (
            f"成文后第{t.working_days}个工作日发布，超过第二十六条规定的20个工作日（应于{t.due}前发布）"
        )
    record(item, actor, Kind.PUBLISHED, from_status=before, to_status=Status.PUBLISHED, data=data, at=now)
    return item


def _next_index_number(body: Body, year: int) -> str:
    rule = IndexRule.objects.filter(body=body).first()
    pattern = rule.pattern if rule else IndexRule.DEFAULT_PATTERN
    code = (rule.code if rule else "") or body.code or f"B{body.pk:06d}"
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(body=body, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    try:
        number = format_index(pattern, code=code, year=year, seq=counter.last)
    except IndexRuleError as e:
        raise IndexNumberRefused(e.message) from None
    if Item.objects.filter(index_number=number).exists():
        raise IndexNumberRefused(f"索引号“{number}”已被使用，请管理员检查索引号规则和机构编码")
    return number


__all__ = [
    "approve_step",
    "missing_steps",
    "publish",
    "publish_due_items",
    "return_to_step",
    "screen_item",
    "submit_for_review",
    "waiting_for",
    "withdraw",
]
