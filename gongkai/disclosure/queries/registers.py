"""Table 2 of the annual report and the item counts of section 二, read from the registers by SQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from gongkai.bodies.models import Body
from gongkai.disclosure.models import CatalogueNode, DecisionCount, FeeIncome, Item, NormativeDocument
from gongkai.report_format.layout import TABLE2_ITEMS, Cell

TEN_THOUSAND = Decimal(10000)
FOUR_PLACES = Decimal("0.0001")


def table2(body: Body, year: int) -> dict[Cell, int | Decimal]:
    """Every cell of table 2 for the body and year.

    issued = issued in the year; repealed = repealed in the year; in_force = issued by 31 December and
    neither repealed nor expired by then. Decisions are the sum of the months; fees are 万元, 4 places.
    """
    end = date(year, 12, 31)
    cells: dict[Cell, int | Decimal] = {}
    docs = NormativeDocument.objects.filter(body=body)
    in_force = Q(issued_on__lte=end) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))
    in_force &= Q(expires_on__isnull=True) | Q(expires_on__gte=end)
    for kind in NormativeDocument.Kind.values:
        of_kind = Q(kind=kind)
        counts = docs.aggregate(
            issued=Count("pk", filter=of_kind & Q(issued_on__year=year)),
            repealed=Count("pk", filter=of_kind & Q(repealed_on__year=year)),
            in_force=Count("pk", filter=of_kind & in_force),
        )
        for column, value in counts.items():
            cells[Cell("table2", kind, column)] = value
    decisions = dict(
        DecisionCount.objects.filter(body=body, year=year)
        .values_list("kind")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for kind in DecisionCount.Kind.values:
        cells[Cell("table2", kind, "decisions")] = int(decisions.get(kind) or 0)
    yuan = FeeIncome.objects.filter(body=body, year=year).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    cells[Cell("table2", "fees", "amount")] = (Decimal(yuan) / TEN_THOUSAND).quantize(FOUR_PLACES)
    expected = {Cell("table2", i.key, f.key) for i in TABLE2_ITEMS for f in i.fields}
    assert set(cells) == expected, "table 2 cells out of step with gongkai.report_format.layout"
    return cells


def item_counts(body: Body, year: int) -> dict[str, Any]:
    """Items published in the year (later 撤稿 included: they were disclosed), per node and per channel."""
    published = Item.objects.filter(body=body, published_on__year=year)
    # Grouped by node id on the covering index, then named: no join over the year's items.
    counts = dict(published.values_list("node_id").annotate(n=Count("pk")).order_by())
    names = CatalogueNode.objects.filter(pk__in=counts).values_list("pk", "code", "name")
    by_node = {(code, name): counts[pk] for pk, code, name in sorted(names, key=lambda r: r[1])}
    # Driven from the year's items (index body, published_on) through the (item, channel) index,
    # not from every channel row of every year.
    by_channel = dict(
        published.filter(channels__isnull=False)
        .values_list("channels__channel")
        .annotate(n=Count("pk"))
        .order_by("channels__channel")
    )
    return {"by_node": by_node, "by_channel": by_channel, "total": sum(by_node.values())}
