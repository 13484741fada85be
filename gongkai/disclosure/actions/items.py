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

from ..access import can_draft
from ..filetypes import FileTypeError, check_attachment
from ..models import (
    Attachment,
    CatalogueNode,
    Channel,
    Disclosure,
    Item,
    ItemChannel,
    ItemEvent,
    ItemVersion,
    Validity,
)
from ..richtext import clean_html, html_to_text
from ..states import EDITABLE, Status
from .common import User, require
from .errors import DisclosureError
from .log import record

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
    validity: str = ""
    body_html: str = ""
    channels: list[str] = field(default_factory=lambda: [Channel.WEBSITE.value])


@transaction.atomic
def create_item(*, actor: User, body: Body, draft: Draft) -> Item:
    require(can_draft(actor, body), "只有本机关的经办人或管理员可以撰写公开信息")
    item = Item(body=body, created_by=actor, status=Status.DRAFT)
    _apply(item, draft)
    item.save()
    _set_channels(item, draft.channels)
    _new_version(item, actor)
    record(item, actor, Kind.CREATED, to_status=Status.DRAFT, data={"version": 1})
    return item


@transaction.atomic
def update_item(*, actor: User, item: Item, draft: Draft) -> Item:
    """Change one's own draft; nothing is saved when nothing changed."""
    item = _lock_own_draft(item, actor)
    before = snapshot(item)
    _apply(item, draft)
    item.save()
    _set_channels(item, draft.channels)
    if snapshot(item) == before:
        return item
    version = _new_version(item, actor)
    record(item, actor, Kind.EDITED, data={"version": version.number})
    return item


@transaction.atomic
def add_attachment(*, actor: User, item: Item, name: str, data: bytes) -> Attachment:
    item = _lock_own_draft(item, actor)
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
    )
    attachment.file.save(f"{digest[:16]}.{kind}", ContentFile(data), save=False)
    attachment.save()
    version = _new_version(item, actor)
    record(item, actor, Kind.ATTACHED, data={"name": attachment.name, "version": version.number})
    return attachment


def snapshot(item: Item) -> dict[str, Any]:
    """The full content of the item, as a version keeps it."""
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
        "validity": item.validity,
        "channels": sorted(item.channels.values_list("channel", flat=True)),
        "attachments": [
            {"name": a.name, "kind": a.kind, "size": a.size, "sha256": a.sha256}
            for a in item.attachments.order_by("pk")
        ],
        "body_html": item.body_html,
        "body_text": item.body_text,
    }


# ------------------------------------------------------------------ helpers


def _lock_own_draft(item: Item, actor: User) -> Item:
    item = Item.objects.select_for_update().select_related("body", "node").get(pk=item.pk)
    require(item.created_by_id == actor.pk, "只有撰稿人本人可以修改这条信息")
    require(can_draft(actor, item.body), "只有本机关的经办人或管理员可以撰写公开信息")
    if item.status not in EDITABLE:
        raise DisclosureError(f"信息当前状态为“{Status(item.status).label}”，只有草稿可以修改")
    return item


def _apply(item: Item, draft: Draft) -> None:
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
    if draft.validity and draft.validity not in Validity.values:
        raise DisclosureError("有效性只能是有效、失效或废止")
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
    item.validity = draft.validity
    item.body_html = clean_html(draft.body_html)
    item.body_text = html_to_text(item.body_html)


def _check_channels(channels: Iterable[str]) -> None:
    unknown = set(channels) - set(Channel.values)
    if unknown:
        raise DisclosureError(f"未知的发布渠道：{'、'.join(sorted(unknown))}")


def _set_channels(item: Item, channels: Iterable[str]) -> None:
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
