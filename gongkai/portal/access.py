"""What the public may see: published 主动公开 items of a body, and nothing else, ever.

Every portal page, the 目录, the search and the attachment download read through these functions.
"""

from __future__ import annotations

import functools

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import Col
from django.http import Http404

from gongkai.disclosure.models import Attachment, CatalogueNode, Disclosure, Item
from gongkai.disclosure.rules.states import Status

PUBLIC_STATUS = Status.PUBLISHED.value
PUBLIC_DISCLOSURE = Disclosure.PROACTIVE.value


def is_public(item: Item) -> bool:
    return item.status == PUBLIC_STATUS and item.disclosure == PUBLIC_DISCLOSURE


def public_items(body_id: int | None = None) -> QuerySet[Item]:
    items = Item.objects.filter(status=PUBLIC_STATUS, disclosure=PUBLIC_DISCLOSURE)
    if body_id is not None:
        items = items.filter(body_id=body_id)
    return items.select_related("body", "node").order_by("-published_on", "-published_at", "-pk")


@functools.cache
def _item_plan(vendor: str) -> tuple[str, list[str], list[tuple[int, list, Col]]]:
    """SQL, attribute names and value converters for one public item, worked out once per database."""
    fields = Item._meta.concrete_fields
    table = Item._meta.db_table
    files = Attachment._meta.db_table
    sql = (
        f"SELECT {', '.join(connection.ops.quote_name(str(f.column)) for f in fields)}, "
        f"EXISTS (SELECT 1 FROM {files} a WHERE a.item_id = {table}.id AND a.live) FROM {table} "
        "WHERE id = %s AND body_id = %s AND status = %s AND disclosure = %s"
    )
    converters = []
    for k, f in enumerate(fields):
        col = f.get_col(table)
        found = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
        if found:
            converters.append((k, found, col))
    return sql, [f.attname for f in fields], converters


def get_public_item(body_id: int, pk: int) -> Item:
    """The public item ``pk`` of the body, or ``Http404``; ``has_files`` tells whether it has files.
    One plain query: building the ORM's query cost more than running it, on the portal's busiest
    page (so did asking for the files of every item: most have none)."""
    sql, names, converters = _item_plan(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, body_id, PUBLIC_STATUS, PUBLIC_DISCLOSURE])
        row = cursor.fetchone()
    if row is None:
        raise Http404("没有找到这条公开信息")
    *values, has_files = row
    for k, found, col in converters:
        for convert in found:
            values[k] = convert(values[k], col, connection)
    item = Item.from_db(connection.alias, names, values)
    item.has_files = bool(has_files)  # type: ignore[attr-defined]  # annotated here, read by pages
    return item


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
