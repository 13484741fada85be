"""Keep the search index and the page cache in step with publication.

The disclosure actions call ``index_item(item)`` after publishing and ``unindex_item(item)`` after
withdrawing, inside their transaction: the index row commits or rolls back with the item; the cache
version is bumped once the transaction has committed. ``gongkai reindex`` rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from gongkai.disclosure.models import Item
from gongkai.portal.access import is_public, public_items
from gongkai.portal.models import SearchDocument
from gongkai.portal.queries import cache
from gongkai.portal.rules.segment import characters, segmented


@dataclass(frozen=True)
class Segmented:
    """What one index row holds, computed without the database (so a worker pool can make it)."""

    item_id: int
    body_id: int
    node_id: int
    published_on: date
    title_seg: str
    text_seg: str
    chars: str

    def row(self) -> SearchDocument:
        return SearchDocument(
            item_id=self.item_id,
            body_id=self.body_id,
            node_id=self.node_id,
            published_on=self.published_on,
            title_seg=self.title_seg,
            text_seg=self.text_seg,
            chars=self.chars,
        )


def segment_item(
    item_id: int, body_id: int, node_id: int, published_on: date, title: str, text: str
) -> Segmented:
    return Segmented(
        item_id, body_id, node_id, published_on, segmented(title), segmented(text), characters(title, text)
    )


def index_item(item: Item) -> None:
    """Put a public item in the index (again); take anything else out of it."""
    if not is_public(item) or item.published_on is None:
        unindex_item(item)
        return
    doc = segment_item(item.pk, item.body_id, item.node_id, item.published_on, item.title, item.body_text)
    SearchDocument.objects.filter(item_id=item.pk).delete()
    doc.row().save(force_insert=True)
    cache.bump_on_commit(item.body_id)


def unindex_item(item: Item) -> None:
    SearchDocument.objects.filter(item_id=item.pk).delete()
    cache.bump_on_commit(item.body_id)


def write_rows(docs: Iterable[Segmented], batch_size: int = 2000) -> int:
    rows = [d.row() for d in docs]
    SearchDocument.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


@transaction.atomic
def reindex(body_id: int | None = None) -> int:
    """Rebuild the index (of one body, or of all) from the published items; returns the row count."""
    stale = (
        SearchDocument.objects.all() if body_id is None else SearchDocument.objects.filter(body_id=body_id)
    )
    stale.delete()
    if connection.vendor == "sqlite":  # the day bounds (migration 0006) refill tight as the rows go in
        with connection.cursor() as cursor:
            if body_id is None:
                cursor.execute("DELETE FROM portal_fts_days")
            else:
                cursor.execute("DELETE FROM portal_fts_days WHERE body_id = %s", [body_id])
    items = public_items(body_id).filter(published_on__isnull=False)
    fields = ("pk", "body_id", "node_id", "published_on", "title", "body_text")
    count = 0
    batch: list[Segmented] = []
    for values in items.values_list(*fields).iterator(chunk_size=2000):
        batch.append(segment_item(*values))
        if len(batch) >= 2000:
            count += write_rows(batch)
            batch = []
    count += write_rows(batch)
    bodies = [body_id] if body_id is not None else list(items.values_list("body_id", flat=True).distinct())
    for pk in bodies:
        cache.bump_on_commit(pk)
    return count
