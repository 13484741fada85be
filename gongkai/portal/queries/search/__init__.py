"""Search the published 主动公开 items: ``search(query, body=…, node=…, start=…, end=…, page=…)``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.utils.safestring import SafeString

from gongkai.bodies.models import Body
from gongkai.disclosure.models import CatalogueNode, Item
from gongkai.portal.access import PUBLIC_DISCLOSURE, PUBLIC_STATUS, subtree_ids
from gongkai.portal.queries.context import body_context
from gongkai.portal.queries.search.backends import Filters, ranked_ids
from gongkai.portal.queries.search.numbers import exact_ids
from gongkai.portal.queries.search.snippets import highlight, snippet
from gongkai.portal.rules.numbers import spellings
from gongkai.portal.rules.segment import highlight_terms, query_clauses

PAGE_SIZE = 10
MAX_PAGE = 100


@dataclass(frozen=True)
class SearchHit:
    item: Item
    title: SafeString
    snippet: SafeString
    doc_number: SafeString  # marked where the query is the 文号
    index_number: SafeString


@dataclass(frozen=True)
class SearchPage:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    more: bool = False  # more matches than the ranked window (backends.WINDOW)
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.page_size)))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search(
    query: str,
    *,
    body: Body | None = None,
    node: CatalogueNode | None = None,
    start: date | None = None,
    end: date | None = None,
    page: int = 1,
) -> SearchPage:
    """The ``page``-th page of published items matching every word of ``query``, best first; an
    item whose 文号 or 索引号 is the query comes before them all."""
    query = " ".join(query.split())[:100]
    page = min(max(1, page), MAX_PAGE)
    clauses = query_clauses(query)
    if not clauses:
        return SearchPage(query=query, page=page)
    filters = Filters(
        body_id=body.pk if body is not None else (node.body_id if node is not None else None),
        node_ids=subtree_ids(node) if node is not None else None,
        start=start,
        end=end,
    )
    exact = exact_ids(query, filters)
    ranked = ranked_ids(clauses, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE, first=exact)
    items = _hit_items(ranked.ids)
    terms = highlight_terms(clauses)
    numbers = spellings(query) if exact else []
    hits = [
        SearchHit(
            item=items[pk],
            title=highlight(items[pk].title, terms),
            snippet=snippet(items[pk].body_text, terms),
            doc_number=highlight(items[pk].doc_number, numbers),
            index_number=highlight(items[pk].index_number, numbers),
        )
        for pk in ranked.ids
        if pk in items
    ]
    return SearchPage(query=query, hits=hits, total=ranked.total, more=ranked.more, page=page)


# In the model's field order (``Model.from_db`` places values by it).
_HIT_FIELDS = ["id", "body_id", "node_id", "title", "doc_number", "body_text", "index_number", "published_on"]


def _hit_items(ids: list[int]) -> dict[int, Item]:
    """The public items ``ids`` with just what a hit shows; body and node from the kept contexts.

    The index holds published items only; the item table has the last word all the same. A plain
    query: the ORM's ``in_bulk`` with two joins cost more to build than to run."""
    if not ids:
        return {}
    sql = (
        f"SELECT {', '.join(_HIT_FIELDS)} FROM {Item._meta.db_table} "
        f"WHERE id IN ({', '.join(['%s'] * len(ids))}) AND status = %s AND disclosure = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, PUBLIC_STATUS, PUBLIC_DISCLOSURE])
        rows = cursor.fetchall()
    items = {}
    for row in rows:
        day = row[7] if isinstance(row[7], date) else date.fromisoformat(row[7])  # SQLite: text
        item = Item.from_db(connection.alias, _HIT_FIELDS, [*row[:7], day])
        kept = body_context(item.body_id)
        item.body = kept.body
        if (node := kept.nodes.get(item.node_id)) is not None:
            item.node = node
        items[item.pk] = item
    return items


__all__ = ["PAGE_SIZE", "SearchHit", "SearchPage", "search"]
