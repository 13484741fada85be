"""Items that are 规章/行政规范性文件 and their entries in the document ledger (one source of 有效性)."""

from __future__ import annotations

from django.db import transaction

from ..access import can_keep_registers
from ..models import Item, ItemEvent, NormativeDocument, RegisterEvent
from .common import User, actor_label, require
from .errors import DisclosureError
from .log import record


def register_from_item(item: Item, actor: User | None) -> NormativeDocument:
    """On publication: enter the item in the ledger under its ``ledger_kind`` (印发日期 = 成文日期) and link it.

    Adding a document dated in a year whose annual report is published would change that report's
    table 2: refused by the year lock like any register entry.
    """
    from gongkai.yearbook.lock import guard_change

    guard_change(actor=actor, body=item.body, on=item.formed_on)
    document = NormativeDocument.objects.create(
        body=item.body,
        kind=item.ledger_kind,
        title=item.title,
        doc_number=item.doc_number,
        issued_on=item.formed_on,
        created_by=actor,
    )
    RegisterEvent.objects.create(
        body=item.body,
        kind="document_registered",
        actor=actor,
        actor_label=actor_label(actor),
        data={"id": document.pk, "title": document.title, "item": item.pk},
    )
    _link(item, document, actor, created=True)
    return document


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


def _link(item: Item, document: NormativeDocument, actor: User | None, *, created: bool) -> None:
    before = item.document_id
    item.document = document
    item.ledger_kind = document.kind
    item.save(update_fields=["document", "ledger_kind", "updated_at"])
    record(
        item,
        actor,
        ItemEvent.Kind.LEDGER_LINKED,
        data={"document": document.pk, "title": str(document), "created": created, "before": before},
    )
