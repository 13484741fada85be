"""变更 of a published item: a change round that goes through the whole review chain again.

While the round is open the published content on the item stays live on the portal; the round's
content lives in ``ItemChange.content`` and every edit of it is an ItemVersion marked with the change.
When the last step approves, the content replaces the item's (the lock of a published annual-report
year, screening and the 第二十六条 20-working-day rule counted from the 变更形成日期 are checked then),
or, with a 定时发布时间, waits as 待发布 until ``publish_due`` puts it live at that time (the lock and
screening are decided at the approval; the 20 working days count to the day it goes live).
A returned, abandoned or withdrawn round — scheduled or not — leaves the published item untouched.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.access import DRAFTER_ROLES, can_draft, role_in
from gongkai.disclosure.actions.chain import (
    RUNNER_REFUSALS,
    cancel_scheduled_lock,
    logger,
    require_step_role,
    review_chain,
    tell_returned,
    tell_step,
)
from gongkai.disclosure.actions.common import User, require
from gongkai.disclosure.actions.errors import DisclosureError, ScreeningRefused
from gongkai.disclosure.actions.items import Draft, apply_draft, set_channels, snapshot, store_attachment
from gongkai.disclosure.actions.ledger import ledger_what, override_reason, register_from_item
from gongkai.disclosure.actions.log import record
from gongkai.disclosure.actions.refusals import Refusal, record_refusal
from gongkai.disclosure.models import (
    Attachment,
    CatalogueNode,
    Disclosure,
    Item,
    ItemChange,
    ItemEvent,
    ItemVersion,
    NormativeDocument,
    ReviewStep,
    SensitiveWord,
)
from gongkai.disclosure.models.items import CHANGE_OPEN
from gongkai.disclosure.queries.worklist import changes_waiting_for as waiting_changes
from gongkai.disclosure.rules.richtext import html_to_text
from gongkai.disclosure.rules.screening import Hit, describe_hits, screen_fields
from gongkai.disclosure.rules.states import Status, TransitionError
from gongkai.disclosure.rules.timeliness import timeliness
from gongkai.portal.actions.indexing import index_item
from gongkai.workdays.rules.dates import date_refusal

Kind = ItemEvent.Kind
Role = StaffMembership.Role

# What a round may become from each status (草稿 → 审核中 → (待发布 →) 已发布; 退回 to 撰稿 → 草稿;
# 放弃 or 撤稿 → 已撤稿).
_NEXT: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.IN_REVIEW, Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED, Status.WITHDRAWN}
    ),
    Status.SCHEDULED: frozenset({Status.PUBLISHED, Status.WITHDRAWN}),
    Status.PUBLISHED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


@transaction.atomic
def open_change(item: Item, *, actor: User, reason: str, formed_on: date) -> ItemChange:
    """发起变更 of a published item; the reason and the date the change was formed are required."""
    item = _lock_item(item)
    require(can_draft(actor, item.body), "只有本机关的经办人或管理员可以发起信息变更")
    if item.status != Status.PUBLISHED:
        raise DisclosureError(f"信息当前状态为“{Status(item.status).label}”，只有已发布的信息可以变更")
    if ItemChange.objects.filter(item=item, status__in=CHANGE_OPEN).exists():
        raise DisclosureError("这条信息已有一轮变更正在办理，请办结或放弃后再发起")
    if not reason.strip():
        raise DisclosureError("发起变更时请填写变更理由")
    if formed_on > timezone.localdate():
        raise DisclosureError(f"变更形成日期{formed_on}晚于今天，请核对")
    if formed_on < item.formed_on:
        raise DisclosureError(f"变更形成日期{formed_on}早于信息的成文日期{item.formed_on}，请核对")
    change = ItemChange.objects.create(
        item=item,
        reason=reason.strip(),
        formed_on=formed_on,
        created_by=actor,
        content=_content_of(item),
    )
    record(
        item,
        actor,
        Kind.CHANGE_OPENED,
        change=change,
        to_status=Status.DRAFT,
        comment=change.reason,
        data={"formed_on": formed_on.isoformat()},
    )
    return change


@transaction.atomic
def update_change(change: ItemChange, *, actor: User, draft: Draft) -> ItemChange:
    """Edit the round's content (the published item is not touched); nothing is saved when nothing changed."""
    change, item = _lock_own_draft(change, actor)
    before = change_snapshot(change)
    probe = _probe(item, change)
    apply_draft(probe, draft)
    change.content = {**_content_of(probe), "channels": sorted(set(draft.channels))}
    change.save(update_fields=["content"])
    if change_snapshot(change) == before:
        return change
    version = _new_change_version(change, actor)
    record(item, actor, Kind.EDITED, change=change, data={"version": version.number})
    return change


@transaction.atomic
def add_change_attachment(change: ItemChange, *, actor: User, name: str, data: bytes) -> Attachment:
    """A file added in the round waits (not live) until the change is published."""
    change, item = _lock_own_draft(change, actor)
    attachment = store_attachment(item, actor, name, data, live=False, added_in=change)
    version = _new_change_version(change, actor)
    record(
        item, actor, Kind.ATTACHED, change=change, data={"name": attachment.name, "version": version.number}
    )
    return attachment


@transaction.atomic
def remove_change_attachment(change: ItemChange, *, actor: User, attachment: Attachment) -> Attachment:
    """删除附件 in the round: a published file is marked to go when the change is published (it stays
    on the portal until then); a file added in this round is dropped at once. Both are kept for the record."""
    change, item = _lock_own_draft(change, actor)
    attachment = Attachment.all_objects.select_for_update().get(pk=attachment.pk, item=item)
    if attachment.added_in_id == change.pk and not attachment.live and attachment.removed_at is None:
        attachment.removed_at = timezone.now()
        attachment.removed_by = actor
        attachment.save(update_fields=["removed_at", "removed_by"])
    elif attachment.live and attachment.removed_in_id is None:
        attachment.removed_in = change
        attachment.removed_by = actor
        attachment.save(update_fields=["removed_in", "removed_by"])
    else:
        raise DisclosureError(f"附件“{attachment.name}”不在本次变更的内容中")
    version = _new_change_version(change, actor)
    record(
        item,
        actor,
        Kind.DETACHED,
        change=change,
        data={"name": attachment.name, "sha256": attachment.sha256, "version": version.number},
    )
    return attachment


@transaction.atomic
def submit_change(change: ItemChange, *, actor: User, comment: str = "") -> ItemChange:
    change, item = _lock_own_draft(change, actor)
    if not change.versions.exists():
        raise DisclosureError("变更内容与已发布的内容相同，请先修改后再提交审核")
    chain = review_chain(item.body)
    return _advance(change, item, actor, chain, chain[0], Kind.SUBMITTED, comment)


@transaction.atomic
def approve_change_step(
    change: ItemChange,
    *,
    actor: User,
    comment: str = "",
    override_reason: str = "",
    lock_reason: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
) -> ItemChange:
    """The reviewer of the current step approves; after the last step the change is published, at once
    or — with ``at`` later than now — at that time (待发布, like a first publication: ``publish_due``).

    At the last step: publishing over screening hits needs ``override_reason``; an item published in a
    year whose annual report is published needs the 分管领导's ``lock_reason`` (gongkai.report_workspace.actions.lock).
    Both are decided then, when scheduled too; until the time comes the published content stays live.
    """
    from gongkai.report_workspace.actions.lock import recording

    change, item = _lock(change)
    if change.status != Status.IN_REVIEW or change.current_step is None:
        raise DisclosureError(f"变更当前状态为“{Status(change.status).label}”，没有待审核的环节")
    step = change.current_step
    require_step_role(actor, item, step)
    require(change.created_by_id != actor.pk, "发起变更的人不能审核自己的变更")
    chain = review_chain(item.body)
    if any(s.position > step.position for s in chain):
        if at is not None:
            raise DisclosureError("定时发布时间在最后一个审核环节通过时填写")
        return _advance(change, item, actor, chain, step, Kind.APPROVED, comment)
    missing = [s for s in chain if s.position != step.position and s.position not in _passed(change)]
    if missing:
        names = "、".join(s.get_name_display() for s in missing)
        raise DisclosureError(f"以下审核环节尚未通过，变更不能发布：{names}")
    now = now or timezone.now()
    _advance(change, item, actor, chain, step, Kind.APPROVED, comment)
    data = _check_publication(change, override_reason)
    scheduled_for = at if at is not None and at > now else None
    if scheduled_for is not None:
        refusal = date_refusal(
            timezone.localdate(scheduled_for), "定时发布时间", timezone.localdate(now), future=True
        )
        if refusal:
            raise DisclosureError(refusal)
    with recording() as overrides:
        locked = _guard_lock(change, item, actor, lock_reason, scheduled_for=scheduled_for)
    if locked:
        data["year_locked"] = locked
        if scheduled_for is not None:  # cancelled if the change is called off before its time
            data["lock_overrides"] = [o.pk for o in overrides]
    if scheduled_for is not None:
        return _schedule(change, item, actor, now, scheduled_for, data)
    return _go_live(change, item, actor, now, data)


def publish_due_changes(
    now: datetime | None = None, refused: list[Refusal] | None = None
) -> list[ItemChange]:
    """Publish every 待发布 change whose time has come (the ``publish_due`` command runs this after
    ``review.publish_due_items``). One refused now stays 待发布, is logged, recorded on the item's
    history (once per reason, see refusals.py) and appended to ``refused``; it is tried again."""
    now = now or timezone.now()
    published = []
    due = ItemChange.objects.filter(status=Status.SCHEDULED, scheduled_for__lte=now)
    for pk, item_pk in due.order_by("scheduled_for", "pk").values_list("pk", "item_id"):
        try:
            with transaction.atomic():
                change, item = _lock(ItemChange(pk=pk))
                if change.status == Status.SCHEDULED:
                    published.append(_publish_scheduled(change, item, now))
        except RUNNER_REFUSALS as e:
            logger.warning("定时发布变更未完成（变更 %s）：%s", pk, getattr(e, "message", e))
            refusal = record_refusal(item_pk, e, now, change_pk=pk)  # the attempt was rolled back
            if refusal is not None and refused is not None:
                refused.append(refusal)
    return published


@transaction.atomic
def return_change(change: ItemChange, *, actor: User, step: ReviewStep, comment: str) -> ItemChange:
    """退回 the round to an earlier step (to 撰稿: editable again); the published item is untouched."""
    change, item = _lock(change)
    if not comment.strip():
        raise DisclosureError("退回时请填写退回意见")
    if step.body_id != item.body_id:
        raise DisclosureError("所选环节不属于该机关的审核流程")
    if change.status != Status.IN_REVIEW or change.current_step is None:
        raise DisclosureError(f"变更当前状态为“{Status(change.status).label}”，不能退回")
    require_step_role(actor, item, change.current_step)
    if step.position >= change.current_step.position:
        raise DisclosureError(f"只能退回到“{change.current_step.get_name_display()}”之前的环节")
    chain = review_chain(item.body)
    target = Status.DRAFT if step.position == chain[0].position else Status.IN_REVIEW
    before = _move(change, target, None if target == Status.DRAFT else step)
    record(
        item,
        actor,
        Kind.RETURNED,
        change=change,
        from_status=before,
        to_status=target,
        step=step,
        comment=comment.strip(),
        data={"to_position": step.position},
    )
    tell_returned(
        item, step, first=target == Status.DRAFT, author_id=change.created_by_id, comment=comment, what="变更"
    )
    return change


@transaction.atomic
def cancel_change(change: ItemChange, *, actor: User | None, reason: str) -> ItemChange:
    """放弃变更: the round ends; files added in it never go live, files marked for removal stay."""
    change, item = _lock(change)
    if not reason.strip():
        raise DisclosureError("放弃变更时请填写理由")
    if actor is not None:
        role = role_in(actor, item.body)
        require(
            role in {*DRAFTER_ROLES, Role.LEADER} or change.created_by_id == actor.pk,
            "只有发起人、分管领导或管理员可以放弃变更",
        )
    _end(change, item, actor, reason.strip())
    return change


def end_open_change(item: Item, actor: User | None, reason: str) -> None:
    """Close the round under way, if any (the item is being withdrawn): a scheduled one never goes out."""
    change = ItemChange.objects.select_for_update().filter(item=item, status__in=CHANGE_OPEN).first()
    if change is not None:
        _end(change, item, actor, reason)


def missing_change_steps(change: ItemChange) -> list[ReviewStep]:
    passed = _passed(change)
    return [s for s in review_chain(change.item.body) if s.position not in passed]


def change_attachments(change: ItemChange) -> list[Attachment]:
    """The files the item will have once the change is published."""
    return list(
        Attachment.all_objects.filter(item_id=change.item_id)
        .filter(
            (Q(live=True) & ~Q(removed_in=change)) | Q(live=False, added_in=change, removed_at__isnull=True)
        )
        .order_by("pk")
    )


def change_snapshot(change: ItemChange) -> dict[str, Any]:
    """The round's full content, with the same keys as a version of the item."""
    probe = _probe(change.item, change)
    return snapshot(probe, channels=change.content["channels"], attachments=change_attachments(change))


def change_draft(change: ItemChange) -> Draft:
    """The round's content as a Draft (what the edit form starts from)."""
    c = change.content
    return Draft(
        node=CatalogueNode.objects.get(pk=c["node"]),
        title=c["title"],
        formed_on=date.fromisoformat(c["formed_on"]),
        publisher=c["publisher"],
        doc_number=c["doc_number"],
        topic=c["topic"],
        disclosure=c["disclosure"],
        non_disclosure_reason=c["non_disclosure_reason"],
        document=NormativeDocument.objects.filter(pk=c["document"]).first() if c["document"] else None,
        ledger_kind=c["ledger_kind"],
        body_html=c["body_html"],
        channels=list(c["channels"]),
    )


def screen_change(change: ItemChange) -> list[Hit]:
    words = SensitiveWord.objects.filter(body_id=change.item.body_id).values_list("word", flat=True)
    c = change.content
    return screen_fields({"标题": c["title"], "正文": html_to_text(c["body_html"])}, words)


def changes_waiting_for(user: User) -> list[ItemChange]:
    """The review inbox's changes: rounds at a step whose role the user holds in the item's body."""
    return list(waiting_changes(user))


# ------------------------------------------------------------------ helpers


def _lock_item(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).select_related("body", "node").get(pk=item.pk)


def _lock(change: ItemChange) -> tuple[ItemChange, Item]:
    change = (
        ItemChange.objects.select_for_update(of=("self",)).select_related("current_step").get(pk=change.pk)
    )
    item = _lock_item(change.item)
    change.item = item
    return change, item


def _lock_own_draft(change: ItemChange, actor: User) -> tuple[ItemChange, Item]:
    change, item = _lock(change)
    require(change.created_by_id == actor.pk, "只有发起变更的人可以修改变更内容")
    require(can_draft(actor, item.body), "只有本机关的经办人或管理员可以修改变更内容")
    if change.status != Status.DRAFT:
        raise DisclosureError(f"变更当前状态为“{Status(change.status).label}”，只有撰稿中的变更可以修改")
    return change, item


def _content_of(item: Item) -> dict[str, Any]:
    return {
        "node": item.node_id,
        "title": item.title,
        "formed_on": item.formed_on.isoformat(),
        "publisher": item.publisher,
        "doc_number": item.doc_number,
        "topic": item.topic,
        "disclosure": item.disclosure,
        "non_disclosure_reason": item.non_disclosure_reason,
        "ledger_kind": item.ledger_kind,
        "document": item.document_id,
        "body_html": item.body_html,
        "channels": sorted(item.channels.values_list("channel", flat=True)) if item.pk else [],
    }


def _probe(item: Item, change: ItemChange) -> Item:
    """An unsaved copy of the item carrying the round's content (for checks and snapshots)."""
    c = change.content
    probe = Item(
        pk=None,
        body=item.body,
        node=CatalogueNode.objects.get(pk=c["node"]),
        title=c["title"],
        formed_on=date.fromisoformat(c["formed_on"]),
        publisher=c["publisher"],
        doc_number=c["doc_number"],
        topic=c["topic"],
        disclosure=c["disclosure"],
        non_disclosure_reason=c["non_disclosure_reason"],
        ledger_kind=c["ledger_kind"],
        document_id=c["document"],
        body_html=c["body_html"],
        body_text=html_to_text(c["body_html"]),
        created_by_id=item.created_by_id,
    )
    return probe


def _new_change_version(change: ItemChange, actor: User) -> ItemVersion:
    item = change.item
    number = ItemVersion.objects.filter(item=item).count() + 1
    return ItemVersion.objects.create(
        item=item, number=number, content=change_snapshot(change), author=actor, change=change
    )


def _move(change: ItemChange, target: str, step: ReviewStep | None) -> str:
    before = change.status
    if target not in _NEXT[before]:
        raise TransitionError(f"变更当前状态为“{Status(before).label}”，不能转为“{Status(target).label}”")
    change.status = target
    change.current_step = step
    change.save(update_fields=["status", "current_step"])
    return before


def _advance(
    change: ItemChange,
    item: Item,
    actor: User,
    chain: list[ReviewStep],
    done: ReviewStep,
    kind: str,
    comment: str,
) -> ItemChange:
    later = [s for s in chain if s.position > done.position]
    before = change.status
    if later:
        _move(change, Status.IN_REVIEW, later[0])
    record(
        item,
        actor,
        kind,
        change=change,
        from_status=before,
        to_status=change.status,
        step=done,
        comment=comment.strip(),
    )
    if later:
        tell_step(item, later[0], author_id=change.created_by_id, what="变更")
    return change


def _passed(change: ItemChange) -> set[int]:
    """Positions passed in this round, read from its events: 退回 to step k undoes k and later."""
    passed: set[int] = set()
    events = change.events.filter(kind__in=[Kind.SUBMITTED, Kind.APPROVED, Kind.RETURNED]).select_related(
        "step"
    )
    for event in events.order_by("at", "pk"):
        position = event.step.position if event.step is not None else event.data.get("to_position")
        if position is None:
            continue
        if event.kind == Kind.RETURNED:
            passed = {p for p in passed if p < position}
        else:
            passed.add(position)
    return passed


def _check_publication(change: ItemChange, override_reason: str) -> dict[str, Any]:
    """Screening and 公开属性 of the round's content, when its publication is decided."""
    data: dict[str, Any] = {}
    hits = screen_change(change)
    if hits and not override_reason.strip():
        raise ScreeningRefused(
            f"发布前检查发现{len(hits)}处可能涉及个人信息或敏感词：{describe_hits(hits)}。"
            "请退回修改，或填写仍需发布的理由。"
        )
    if hits:
        data["screening"] = {"hits": [h.describe() for h in hits], "reason": override_reason.strip()}
    if change.content["disclosure"] != Disclosure.PROACTIVE:
        raise DisclosureError("变更后的公开属性不是主动公开：如需停止公开，请撤稿")
    return data


def _guard_lock(
    change: ItemChange,
    item: Item,
    actor: User | None,
    lock_reason: str,
    *,
    scheduled_for: datetime | None = None,
    done_years: Collection[int] = (),
) -> dict[str, Any] | None:
    """The year lock for publishing the round: the item's published record (dated its 发布日期) and,
    when the change makes the item a 规章/规范性文件 for the first time, the ledger entry it creates
    (dated the 成文日期). The leader's one ``lock_reason`` covers both; a report locked for both is
    recorded once. Years in ``done_years`` passed already (when the change was scheduled).

    Returns the record for the item's log (reason and the years locked), None when every year is open.
    """
    from gongkai.report_workspace.actions.lock import allowing, guard_change

    c = change.content
    when = f"定时（{timezone.localtime(scheduled_for):%Y-%m-%d %H:%M}）" if scheduled_for else ""
    entry = bool(c["ledger_kind"]) and not c["document"] and item.document_id is None
    dates = []
    if item.published_on is not None:
        also = "并登记台账" if entry else ""
        dates.append((item.published_on, f"{when}变更发布{also}：{item.title}（{item.index_number}）"))
    if entry:
        probe = _probe(item, change)
        dates.append((probe.formed_on, f"{when}{ledger_what(probe)}"))
    years, reasons = [], []
    with allowing(lock_reason):
        for on, what in dates:
            if on.year in done_years:
                continue
            report = guard_change(actor=actor, body=item.body, on=on, reason=lock_reason or None, what=what)
            if report is not None and on.year not in years:
                years.append(on.year)
                reasons.append(override_reason(report, lock_reason))
    if not years:
        return None
    return {"reason": "；".join(dict.fromkeys(reasons)), "years": sorted(years)}


def _schedule(
    change: ItemChange, item: Item, actor: User, now: datetime, at: datetime, data: dict[str, Any]
) -> ItemChange:
    change.scheduled_for = at
    change.save(update_fields=["scheduled_for"])
    before = _move(change, Status.SCHEDULED, None)
    record(
        item,
        actor,
        Kind.SCHEDULED,
        change=change,
        from_status=before,
        to_status=Status.SCHEDULED,
        comment=change.reason,
        data={**data, "scheduled_for": _iso(at)},
        at=now,
    )
    return change


def _publish_scheduled(change: ItemChange, item: Item, now: datetime) -> ItemChange:
    """At its time: what was decided when it was scheduled stands; a year locked since then needs a
    leader's grant (the runner is no leader)."""
    scheduled = change.events.filter(kind=Kind.SCHEDULED).order_by("-at", "-pk").first()
    decided = scheduled.data if scheduled is not None else {}
    data: dict[str, Any] = {"scheduled_for": _iso(change.scheduled_for)}
    if "screening" in decided:
        data["screening"] = decided["screening"]
    done = decided.get("year_locked") or {}
    locked = _guard_lock(change, item, None, "", done_years=done.get("years", ()))
    if done or locked:
        years = sorted({*done.get("years", ()), *(locked or {}).get("years", ())})
        reasons = [r["reason"] for r in (done, locked) if r]
        data["year_locked"] = {"reason": "；".join(reasons), "years": years}
    return _go_live(change, item, None, now, data)


def _go_live(
    change: ItemChange, item: Item, actor: User | None, now: datetime, data: dict[str, Any]
) -> ItemChange:
    """The round's content replaces the item's (the checks and the year lock were passed)."""
    draft = change_draft(change)
    apply_draft(item, draft)
    set_channels(item, draft.channels)
    going = change_attachments(change)
    keep = {a.pk for a in going}
    Attachment.all_objects.filter(item=item, live=True).exclude(pk__in=keep).update(
        live=False, removed_at=now
    )
    Attachment.all_objects.filter(pk__in=keep, live=False).update(live=True)
    published_on = timezone.localdate(now)
    t = timeliness(change.formed_on, published_on)
    item.changed_on = published_on
    item.last_change_reason = change.reason
    item.current_version = change.versions.order_by("-number").first() or item.current_version
    item.save()
    if item.ledger_kind and item.document_id is None:
        register_from_item(item, actor, decided=data.get("year_locked"))
    index_item(item)
    change.published_at, change.published_on = now, published_on
    change.is_late, change.working_days_to_publish = t.is_late, t.working_days
    change.save(update_fields=["published_at", "published_on", "is_late", "working_days_to_publish"])
    before = _move(change, Status.PUBLISHED, None)
    data.update({"working_days": t.working_days, "due": t.due.isoformat()})
    if t.is_late:
        data["late"] = (
            f"变更形成后第{t.working_days}个工作日发布，超过第二十六条规定的20个工作日（应于{t.due}前发布）"
        )
    record(
        item,
        actor,
        Kind.CHANGE_PUBLISHED,
        change=change,
        from_status=before,
        to_status=Status.PUBLISHED,
        comment=change.reason,
        data=data,
        at=now,
    )
    return change


def _iso(at: datetime | None) -> str:
    """A 定时发布时间 for the log, in local time."""
    return timezone.localtime(at).isoformat() if at is not None else ""


def _end(change: ItemChange, item: Item, actor: User | None, reason: str) -> None:
    data: dict[str, Any] = {}
    if change.status == Status.SCHEDULED:
        data["scheduled_for"] = _iso(change.scheduled_for)
        scheduled = change.events.filter(kind=Kind.SCHEDULED).order_by("-pk").first()
        if cancelled := cancel_scheduled_lock(scheduled, actor, f"定时发布的变更未发布即取消：{reason}"):
            data["lock_cancelled"] = cancelled
    before = _move(change, Status.WITHDRAWN, None)
    Attachment.all_objects.filter(item=item, removed_in=change, live=True).update(
        removed_in=None, removed_by=None
    )
    record(
        item,
        actor,
        Kind.CHANGE_CANCELLED,
        change=change,
        from_status=before,
        to_status=Status.WITHDRAWN,
        comment=reason,
        data=data,  # a scheduled round: the 定时发布 it cancels, and its records on locked reports
    )


__all__ = [
    "add_change_attachment",
    "approve_change_step",
    "cancel_change",
    "change_attachments",
    "change_draft",
    "change_snapshot",
    "changes_waiting_for",
    "end_open_change",
    "missing_change_steps",
    "open_change",
    "publish_due_changes",
    "remove_change_attachment",
    "return_change",
    "screen_change",
    "submit_change",
    "update_change",
]
