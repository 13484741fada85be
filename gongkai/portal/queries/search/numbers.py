"""The public items whose 文号 or 索引号 is the query, typed exactly (any bracket around the year)."""

from __future__ import annotations

from gongkai.portal.access import public_items
from gongkai.portal.queries.search.backends import Filters
from gongkai.portal.rules.numbers import may_be_number, spellings

MOST = 20  # a 索引号 is unique; a 文号 may stand on a few items (a document and its 解读)


def exact_ids(query: str, filters: Filters) -> list[int]:
    """Newest first, within the filters; [] at once for a query that cannot be a number.

    Two lookups, not one with OR: each is one index seek (each index is partial and needs its condition
    written out for SQLite to use it), where an OR of the two read every item."""
    if not may_be_number(query):
        return []
    items = public_items().filter(published_on__isnull=False).order_by()
    if filters.body_id is not None:
        items = items.filter(body_id=filters.body_id)
    if filters.node_ids is not None:
        items = items.filter(node_id__in=filters.node_ids)
    if filters.start is not None:
        items = items.filter(published_on__gte=filters.start)
    if filters.end is not None:
        items = items.filter(published_on__lte=filters.end)
    by_index = items.filter(index_number=query).exclude(index_number="")
    by_doc_number = items.filter(doc_number__in=spellings(query)).exclude(doc_number="")
    found = {
        *by_index.values_list("pk", flat=True)[:MOST],
        *by_doc_number.values_list("pk", flat=True)[:MOST],
    }
    return sorted(found, reverse=True)[:MOST]
