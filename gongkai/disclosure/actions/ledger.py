"""Items that are 规章/行政规范性文件 and their entries in the document ledger (one source of 有效性)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai.disclosure.access import can_keep_registers
from gongkai.disclosure.actions.common import User, actor_label, require
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.actions.log import record
from gongkai.disclosure.models import Item, ItemEvent, NormativeDocument, RegisterEvent
from gongkai.portal.access import PUBLIC_DISCLOSURE, PUBLIC_STATUS, is_public
from gongkai.portal.queries import cache as portal_cache

if TYPE_CHECKING:
    from gongkai.report_workspace.models import AnnualReport


def register_from_item(
    item: Item, actor: User | None, *, decided: dict[str, Any] | None = None
) -> NormativeDocument:
    """On publication: enter the item in the ledger under its ``ledger_kind`` (印发日期 = 成文日期) and link it.

    Adding a document dated in a year whose annual report is published would change that report's
    table 2: it passes the year lock like any register entry (``guard_ledger_entry``), unless the
    publication already passed the lock for that year (``decided``, the ``year_locked`` record made
    when it was scheduled, or for the change that creates the entry with the leader's reason). Either
    way the lock's reason is kept on the ledger's log and on the item's.
    """
    if decided and item.formed_on.year in decided.get("years", ()):
        year_locked: dict[str, Any] | None = decided
    else:
        year_locked = guard_ledger_entry(item, actor)
    document = NormativeDocument.objects.create(
        body=item.body,
        kind=item.ledger_kind,
        title=item.title,
        doc_number=item.doc_number,
        issued_on=item.formed_on,
        created_by=actor,
    )
    data: dict[str, Any] = {"id": document.pk, "title": document.title, "item": item.pk}
    if year_locked:
        data["year_locked"] = year_locked
    RegisterEvent.objects.create(
        body=item.body,
        kind="document_registered",
        actor=actor,
        actor_label=actor_label(actor),
        data=data,
    )
    _link(item, document, actor, created=True, year_locked=year_locked)
    return document


def guard_ledger_entry(item: Item, actor: User | None, reason: str = "") -> dict[str, Any] | None:
    """The year lock for the ledger entry the item's publication will create (dated its 成文日期).

    Returns None when that year is open; else the lock's record for the item's log (the reason given,
    or the one the 分管领导 gave when granting the change in advance). Raises ``YearLocked`` otherwise.
    """
    from gongkai.report_workspace.actions.lock import guard_change

    on = item.formed_on
    report = guard_change(actor=actor, body=item.body, on=on, reason=reason or None, what=ledger_what(item))
    if report is None:
        return None
    return {"reason": override_reason(report, reason), "years": [on.year]}


def ledger_what(item: Item) -> str:
    """How a ledger entry created by publishing ``item`` is named in the year lock's record."""
    number = f"（{item.doc_number}）" if item.doc_number else ""
    return f"随信息发布登记台账：{item.title}{number}"


def override_reason(report: AnnualReport, given: str = "") -> str:
    """The reason a locked-year change just went through with: ``given``, or the leader's grant used."""
    if given.strip():
        return given.strip()
    override = (
        report.lock_overrides.filter(
            edition=report.edition, changed_at__isnull=False, cancelled_at__isnull=True
        )
        .order_by("-changed_at", "-pk")
        .first()
    )
    return override.reason if override is not None else "分管领导已授权"


@transaction.atomic
def link_document(*, actor: User, item: Item, document: NormativeDocument) -> Item:
    """关联台账: point an item at an existing ledger entry of its body (e.g. one registered before)."""
    item = Item.objects.select_for_update(of=("self",)).select_related("body").get(pk=item.pk)
    require(can_keep_registers(actor, item.body), "只有本机关的经办人或管理员可以关联台账")
    if document.body_id != item.body_id:
        raise DisclosureError("所选台账文件不属于该机关")
    if item.document_id == document.pk:
        raise DisclosureError(f"这条信息已关联“{document}”")
    _link(item, document, actor, created=False)
    return item


def ledger_changed(document: NormativeDocument) -> None:
    """After a change of the ledger entry (废止 …): the portal pages of the published items linked to
    it show their 有效性 from the entry, so the body's cached pages go stale when the change commits."""
    linked = document.items.filter(status=PUBLIC_STATUS, disclosure=PUBLIC_DISCLOSURE)
    if linked.exists():
        portal_cache.bump_on_commit(document.body_id)


def _link(
    item: Item,
    document: NormativeDocument,
    actor: User | None,
    *,
    created: bool,
    year_locked: dict[str, Any] | None = None,
) -> None:
    before = item.document_id
    item.document = document
    item.ledger_kind = document.kind
    item.save(update_fields=["document", "ledger_kind", "updated_at"])
    data: dict[str, Any] = {
        "document": document.pk,
        "title": str(document),
        "created": created,
        "before": before,
    }
    if year_locked:
        data["year_locked"] = year_locked
    record(item, actor, ItemEvent.Kind.LEDGER_LINKED, data=data)
    if is_public(item):
        portal_cache.bump_on_commit(item.body_id)  # its page now shows the entry's 有效性
