"""The public items whose 文号 or 索引号 is the query, typed exactly (any bracket around the year)."""

from __future__ import annotations

from django.db.models import Q

from gongkai.portal.access import public_items
from gongkai.portal.queries.search.backends import Filters
from gongkai.portal.rules.numbers import may_be_number, spellings

MOST = 20  # a 索引号 is unique; a 文号 may stand on a few items (a document and its 解读)


def exact_ids(query: str, filters: Filters) -> list[int]:
    """Newest first, within the filters; [] at once for a query that cannot be a number."""
    if not may_be_number(query):
        return []
    items = public_items().filter(
        Q(index_number=query) | Q(doc_number__in=spellings(query)), published_on__isnull=False
    )
    if filters.body_id is not None:
        items = items.filter(body_id=filters.body_id)
    if filters.node_ids is not None:
        items = items.filter(node_id__in=filters.node_ids)
    if filters.start is not None:
        items = items.filter(published_on__gte=filters.start)
    if filters.end is not None:
        items = items.filter(published_on__lte=filters.end)
    return list(items.order_by("-pk").values_list("pk", flat=True)[:MOST])
