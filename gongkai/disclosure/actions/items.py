"""Drafting: create an item, edit one's own draft, attach files. Every save is a new ItemVersion."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.disclosure.access import can_draft
from gongkai.disclosure.actions.common import User, require
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.actions.log import record
from gongkai.disclosure.models import (
    Attachment,
    CatalogueNode,
    Channel,
    Disclosure,
    Item,
    ItemChannel,
    ItemEvent,
    ItemVersion,
    NormativeDocument,
    Validity,
)
from gongkai.disclosure.rules.filetypes import FileTypeError, check_attachment
from gongkai.disclosure.rules.richtext import clean_html, html_to_text
from gongkai.disclosure.rules.states import EDITABLE, Status

Kind = ItemEvent.Kind


@dataclass
class Draft:
    """What a drafter fills in; the action checks it and writes it to the item."""

    node: CatalogueNode
    title: str
    formed_on: date
    publisher: str = ""
    doc_number: str = ""
    topic: str = ""
    disclosure: str = Disclosure.PROACTIVE
    non_disclosure_reason: str = ""
    # A 规章/行政规范性文件: its ledger entry (picked), or the ledger kind to register it under on
    # publication. ``validity`` is accepted only as "valid" (= register as a 行政规范性文件 in force):
    # an item's 有效性 is the ledger's, never typed in.
    document: NormativeDocument | None = None
    ledger_kind: str = ""
    validity: str = ""
    body_html: str = ""
    channels: list[str] = field(default_factory=lambda: [Channel.WEBSITE.value])


@transaction.atomic
def create_item(*, actor: User, body: Body, draft: Draft) -> Item:
    require(can_draft(actor, body), "只有本机关的经办人或管理员可以撰写公开信息")
    item = Item(body=body, created_by=actor, status=Status.DRAFT)
    apply_draft(item, draft)
    item.save()
    set_channels(item, draft.channels)
    _new_version(item, actor)
    record(item, actor, Kind.CREATED, to_status=Status.DRAFT, data={"version": 1})
    return item


@transaction.atomic
def update_item(*, actor: User, item: Item, draft: Draft) -> Item:
    """Change one's own draft; nothing is saved when nothing changed."""
    item = _lock_own_draft(item, actor)
    before = snapshot(item)
    apply_draft(item, draft)
    item.save()
    set_channels(item, draft.channels)
    if snapshot(item) == before:
        return item
    version = _new_version(item, actor)
    record(item, actor, Kind.EDITED, data={"version": version.number})
    return item


@transaction.atomic
def add_attachment(*, actor: User, item: Item, name: str, data: bytes) -> Attachment:
    item = _lock_own_draft(item, actor)
    attachment = store_attachment(item, actor, name, data)
    version = _new_version(item, actor)
    record(item, actor, Kind.ATTACHED, data={"name": attachment.name, "version": version.number})
    return attachment


@transaction.atomic
def remove_attachment(*, actor: User, attachment: Attachment) -> Attachment:
    """删除附件 from one's own draft: hidden at once, kept for the record (file and row stay)."""
    item = _lock_own_draft(attachment.item, actor)
    attachment = Attachment.all_objects.select_for_update().get(pk=attachment.pk, item=item)
    if not attachment.live:
        raise DisclosureError(f"附件“{attachment.name}”已删除")
    attachment.live = False
    attachment.removed_at = timezone.now()
    attachment.removed_by = actor
    attachment.save(update_fields=["live", "removed_at", "removed_by"])
    version = _new_version(item, actor)
    record(
        item,
        actor,
        Kind.DETACHED,
        data={"name": attachment.name, "sha256": attachment.sha256, "version": version.number},
    )
    return attachment


def store_attachment(item: Item, actor: User, name: str, data: bytes, **fields: Any) -> Attachment:
    """Check the file by its content and save it as an attachment of the item (no event)."""
    try:
        kind = check_attachment(data, name)
    except FileTypeError as e:
        raise DisclosureError(e.message) from None
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        item=item,
        name=name[:255] or f"附件.{kind}",
        kind=kind,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
        **fields,
    )
    attachment.file.save(f"{digest[:16]}.{kind}", ContentFile(data), save=False)
    attachment.save()
    return attachment


def snapshot(
    item: Item, *, channels: Iterable[str] | None = None, attachments: Iterable[Attachment] | None = None
) -> dict[str, Any]:
    """The full content of the item, as a version keeps it (channels/attachments: a 变更's, if given)."""
    if channels is None:
        channels = item.channels.values_list("channel", flat=True)
    if attachments is None:
        attachments = item.attachments.order_by("pk")
    return {
        "title": item.title,
        "node": item.node.name,
        "node_code": item.node.code,
        "publisher": item.publisher,
        "formed_on": item.formed_on.isoformat(),
        "doc_number": item.doc_number,
        "topic": item.topic,
        "disclosure": item.disclosure,
        "non_disclosure_reason": item.non_disclosure_reason,
        "ledger": _ledger_label(item),
        "channels": sorted(channels),
        "attachments": [
            {"name": a.name, "kind": a.kind, "size": a.size, "sha256": a.sha256} for a in attachments
        ],
        "body_html": item.body_html,
        "body_text": item.body_text,
    }


# ------------------------------------------------------------------ helpers


def _ledger_label(item: Item) -> str:
    if item.document_id is not None:
        return f"台账：{item.document}"
    if item.ledger_kind:
        return f"发布时登记为{NormativeDocument.Kind(item.ledger_kind).label}"
    return ""


def _lock_own_draft(item: Item, actor: User) -> Item:
    item = Item.objects.select_for_update().select_related("body", "node").get(pk=item.pk)
    require(item.created_by_id == actor.pk, "只有撰稿人本人可以修改这条信息")
    require(can_draft(actor, item.body), "只有本机关的经办人或管理员可以撰写公开信息")
    if item.status not in EDITABLE:
        raise DisclosureError(f"信息当前状态为“{Status(item.status).label}”，只有草稿可以修改")
    return item


def apply_draft(item: Item, draft: Draft) -> None:
    """Check the draft's fields and copy them onto the item, without saving it; DisclosureError when a
    field is refused. Used for drafts here and for the content of a change round (changes.py)."""
    title = draft.title.strip()
    if not title:
        raise DisclosureError("请填写标题")
    if draft.node.body_id != item.body_id:
        raise DisclosureError("所选栏目不属于该机关")
    if draft.node.retired_at is not None:
        raise DisclosureError(f"栏目“{draft.node.name}”已停用，请选择其他栏目")
    if draft.formed_on > timezone.localdate():
        raise DisclosureError(f"成文日期{draft.formed_on}晚于今天，请核对")
    if draft.disclosure not in Disclosure.values:
        raise DisclosureError("请选择公开属性")
    if draft.disclosure != Disclosure.PROACTIVE and not draft.non_disclosure_reason.strip():
        raise DisclosureError(f"公开属性为“{Disclosure(draft.disclosure).label}”时，请填写理由")
    ledger_kind = _check_ledger(item, draft)
    _check_channels(draft.channels)
    item.node = draft.node
    item.title = title
    item.formed_on = draft.formed_on
    item.publisher = draft.publisher.strip() or item.body.name
    item.doc_number = draft.doc_number.strip()
    item.topic = draft.topic.strip()
    item.disclosure = draft.disclosure
    item.non_disclosure_reason = (
        draft.non_disclosure_reason.strip() if draft.disclosure != Disclosure.PROACTIVE else ""
    )
    item.ledger_kind = ledger_kind
    item.document = draft.document
    item.body_html = clean_html(draft.body_html)
    item.body_text = html_to_text(item.body_html)


def _check_ledger(item: Item, draft: Draft) -> str:
    """The ledger kind the item files under (the linked entry's kind wins); refuses a typed-in 有效性."""
    if draft.validity and draft.validity not in Validity.values:
        raise DisclosureError("有效性只能是有效、失效或废止")
    if draft.validity and draft.validity != Validity.VALID:
        raise DisclosureError(
            f"有效性以规章和规范性文件台账为准：文件{Validity(draft.validity).label}请在台账中登记，不在信息中填写"
        )
    if draft.ledger_kind and draft.ledger_kind not in NormativeDocument.Kind.values:
        raise DisclosureError("台账类别只能是规章或行政规范性文件")
    if draft.document is not None:
        if draft.document.body_id != item.body_id:
            raise DisclosureError("所选台账文件不属于该机关")
        return draft.document.kind
    if draft.validity and not draft.ledger_kind:
        return NormativeDocument.Kind.NORMATIVE
    return draft.ledger_kind


def _check_channels(channels: Iterable[str]) -> None:
    unknown = set(channels) - set(Channel.values)
    if unknown:
        raise DisclosureError(f"未知的发布渠道：{'、'.join(sorted(unknown))}")


def set_channels(item: Item, channels: Iterable[str]) -> None:
    """Make the item's publication channels exactly ``channels`` (the item must be saved)."""
    wanted = set(channels)
    item.channels.exclude(channel__in=wanted).delete()
    have = set(item.channels.values_list("channel", flat=True))
    ItemChannel.objects.bulk_create([ItemChannel(item=item, channel=c) for c in sorted(wanted - have)])


def _new_version(item: Item, actor: User | None) -> ItemVersion:
    number = item.versions.count() + 1
    version = ItemVersion.objects.create(item=item, number=number, content=snapshot(item), author=actor)
    item.current_version = version
    item.save(update_fields=["current_version", "updated_at"])
    return version
