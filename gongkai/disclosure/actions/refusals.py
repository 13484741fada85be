"""A 定时发布 refused at its time: recorded on the item's history and shown to its staff until it goes out.

The ``publish_due`` runner (every few minutes) tries each due 待发布 item and 变更; one refused stays
待发布 and is tried again on the next run. What can refuse it there (``review.RUNNER_REFUSALS``):

- the year lock (``YearLocked``): a report published after the publication was scheduled now locks
  the year of the item's published record or of the ledger entry it creates. The runner is no leader:
  it goes through once the 分管领导 grants one change on that report's page (``grant_change``);
- the body's 索引号 rule or 机构编码 cannot number the item (``IndexNumberRefused``), for its
  administrator to fix;
- another rule on the change's content (a 栏目 retired since, …) or a state that no longer allows it.

Each refusal is recorded as a 定时发布未完成 event (the reason in ``comment``, what to do in ``data``)
in its own transaction, after the failed attempt was rolled back — once per reason: a run refused
for the reason last recorded since the item (or change) was scheduled adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.disclosure.access import items_for_user
from gongkai.disclosure.actions.common import User
from gongkai.disclosure.actions.errors import IndexNumberRefused
from gongkai.disclosure.actions.log import record
from gongkai.disclosure.models import Item, ItemChange, ItemEvent
from gongkai.disclosure.rules.states import Status

Kind = ItemEvent.Kind

# The refusals that count now: of a 待发布 item (its first publication), or of its 待发布 变更.
_PENDING = Q(change__isnull=True, item__status=Status.SCHEDULED) | Q(change__status=Status.SCHEDULED)


@dataclass(frozen=True)
class Refusal:
    """One refused attempt of a run; ``new`` when it was recorded now (a reason not recorded before)."""

    item: Item
    change: ItemChange | None
    reason: str
    event: ItemEvent
    new: bool


def record_refusal(
    item_pk: int, error: Exception, now: datetime, *, change_pk: int | None = None
) -> Refusal | None:
    """Record why the runner could not publish the item (or its change ``change_pk``) at ``now``.

    Call it after the failed attempt's transaction was rolled back. None when the item (change) is no
    longer 待发布, e.g. withdrawn meanwhile: there is nothing left to tell.
    """
    reason = str(getattr(error, "message", error))
    with transaction.atomic():
        item = Item.objects.select_for_update(of=("self",)).get(pk=item_pk)
        change = ItemChange.objects.get(pk=change_pk) if change_pk is not None else None
        waiting = change if change is not None else item
        if waiting.status != Status.SCHEDULED:
            return None
        last = last_refusal(item, change)
        if last is not None and last.comment == reason:
            return Refusal(item, change, reason, last, new=False)
        data = {**_advise(error, change is not None), "scheduled_for": _iso(waiting.scheduled_for)}
        event = record(
            item,
            None,
            Kind.SCHEDULE_REFUSED,
            change=change,
            to_status=Status.SCHEDULED,
            comment=reason,
            data=data,
            at=now,
        )
        return Refusal(item, change, reason, event, new=True)


def last_refusal(item: Item, change: ItemChange | None = None) -> ItemEvent | None:
    """The last refusal recorded since the item's (or the change's) 定时发布 was scheduled."""
    events = item.events.filter(change=change) if change is not None else item.events.filter(change=None)
    scheduled = events.filter(kind=Kind.SCHEDULED).order_by("-pk").values_list("pk", flat=True).first()
    if scheduled is None:
        return None
    return events.filter(kind=Kind.SCHEDULE_REFUSED, pk__gt=scheduled).order_by("-pk").first()


def pending_refusal(item: Item) -> ItemEvent | None:
    """The refusal to show on the item's page: its 待发布 publication or 待发布 变更 was refused at its
    last attempt (a later run that publishes it ends the 待发布, and with it the alert)."""
    if item.status == Status.SCHEDULED:
        return last_refusal(item)
    change = item.changes.filter(status=Status.SCHEDULED).first()
    return last_refusal(item, change) if change is not None else None


def with_refusals(items: QuerySet[Item]) -> QuerySet[Item]:
    """The items annotated ``refused_publication`` / ``refused_change``: their 待发布 publication or
    待发布 变更 has a refusal on record (each is scheduled once: 待发布 only ends by going out or 撤稿)."""
    refused = ItemEvent.objects.filter(item=OuterRef("pk"), kind=Kind.SCHEDULE_REFUSED)
    return items.annotate(
        refused_publication=Exists(refused.filter(change__isnull=True, item__status=Status.SCHEDULED)),
        refused_change=Exists(refused.filter(change__status=Status.SCHEDULED)),
    )


def refused_for(user: User) -> list[ItemEvent]:
    """For the inbox: the latest refusal of each 待发布 item or 变更 of the user's bodies, newest first."""
    events = (
        ItemEvent.objects.filter(_PENDING, kind=Kind.SCHEDULE_REFUSED, item__in=items_for_user(user))
        .select_related("item", "item__body", "change")
        .order_by("-pk")
    )
    latest: dict[tuple[int, int | None], ItemEvent] = {}
    for event in events:
        latest.setdefault((event.item_id, event.change_id), event)
    return list(latest.values())


def _advise(error: Exception, is_change: bool) -> dict[str, Any]:
    """What the staff can do about ``error``: the cause, the advice, and the report of a year lock."""
    from gongkai.report_workspace.actions.lock import YearLocked

    stop = (
        "放弃本次变更（即撤回定时发布），需要时重新发起变更"
        if is_change
        else "由分管领导或管理员撤稿（即撤回定时发布），需要时重新撰写"
    )
    if isinstance(error, YearLocked):
        year = f"{error.year}年度" if error.year else "该年度"
        return {
            "cause": "year_locked",
            "year": error.year,
            "report": error.report_pk,
            "advice": (
                f"{year}报告已发布，数据已锁定，系统不能自行发布。请分管领导在{year}报告页面“授权一次变更”"
                f"并填写变更理由，下一次定时发布时将自动使用该授权发布；如不再发布，请{stop}。"
            ),
        }
    if isinstance(error, IndexNumberRefused):
        return {
            "cause": "index_number",
            "advice": (
                "请本机关管理员在“审核流程、索引号、敏感词”设置中检查索引号规则和机构编码，"
                f"改正后下一次定时发布时将自动发布；如不再发布，请{stop}。"
            ),
        }
    return {
        "cause": "other",
        "advice": f"请按上述原因处理，处理后下一次定时发布时将自动发布；无法处理的，请{stop}，或联系本机关管理员。",
    }


def _iso(at: datetime | None) -> str:
    return timezone.localtime(at).isoformat() if at is not None else ""


__all__ = ["Refusal", "last_refusal", "pending_refusal", "record_refusal", "refused_for", "with_refusals"]
