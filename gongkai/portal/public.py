"""What the public may see: published 主动公开 items of a body, and nothing else, ever.

Every portal page, the 目录, the search and the attachment download read through these functions.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.disclosure.models import Attachment, CatalogueNode, Disclosure, Item
from gongkai.disclosure.states import Status

PUBLIC_STATUS = Status.PUBLISHED.value
PUBLIC_DISCLOSURE = Disclosure.PROACTIVE.value


def is_public(item: Item) -> bool:
    return item.status == PUBLIC_STATUS and item.disclosure == PUBLIC_DISCLOSURE


def public_items(body_id: int | None = None) -> QuerySet[Item]:
    items = Item.objects.filter(status=PUBLIC_STATUS, disclosure=PUBLIC_DISCLOSURE)
    if body_id is not None:
        items = items.filter(body_id=body_id)
    return items.select_related("body", "node").order_by("-published_on", "-published_at", "-pk")


def get_public_item(body_id: int, pk: int) -> Item:
    try:
        return public_items(body_id).get(pk=pk)
    except Item.DoesNotExist:
        raise Http404("没有找到这条公开信息") from None


def get_public_attachment(pk: int) -> Attachment:
    try:
        return Attachment.objects.select_related("item").get(
            pk=pk, item__status=PUBLIC_STATUS, item__disclosure=PUBLIC_DISCLOSURE
        )
    except Attachment.DoesNotExist:
        raise Http404("没有找到这个附件") from None


def live_nodes(body_id: int) -> list[CatalogueNode]:
    """The body's catalogue nodes in use (retired ones are hidden), in tree order."""
    return list(
        CatalogueNode.objects.filter(body_id=body_id, retired_at__isnull=True).order_by("position", "pk")
    )


def subtree_ids(node: CatalogueNode) -> list[int]:
    """The node and every node below it (the body's nodes are few: one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in CatalogueNode.objects.filter(body_id=node.body_id).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = [], [node.pk]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, []))
    return found
