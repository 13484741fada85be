"""Tables 3 and 4 of the annual report, counted from the case records by SQL aggregation.

Table 3 (ogi-rules §5.3 R6), for the body (or bodies) and year ``Y``; a request counts only once its
legal receipt date (``received_on``) is known, and in the column of its ``applicant_kind``:

- ``new``: received in ``Y``;
- ``carried_over``: received before 1 January of ``Y`` and not concluded before it;
- the outcome rows: concluded in ``Y``, in the row of its ``outcome``; ``total`` is their sum;
- ``carried_forward``: received by 31 December of ``Y`` and not concluded by then.

Every request counted at all belongs to one set — received by 31 December and not concluded before
1 January — and is split once by receipt (``new`` | ``carried_over``) and once by conclusion (an
outcome row | ``carried_forward``); so 一 + 二 = 三(七) + 四 holds per column by construction, and
``carried_forward`` of ``Y`` is ``carried_over`` of ``Y + 1``. Table 4 follows the policy stated in
``remedies``. Each table is one query, whatever the number of requests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet

from gongkai.bodies.models import Body
from gongkai.report_format.layout import (
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMNS,
    TABLE3_OUTCOME_ROWS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
    Cell,
)
from gongkai.report_format.model import Report
from gongkai.requests.models import PENDING, RemedyCase, Request

Tables = dict[Cell, int]

_T3 = "table3"
_T4 = "table4"
_OUTCOME_KEYS = frozenset(r.key for r in TABLE3_OUTCOME_ROWS)
# The count columns of the table-3 query: the rows split by receipt date and by conclusion.
_RECEIPT_ROWS = ("new", "carried_over")
_CONCLUDED = "concluded"
_OPEN = "carried_forward"
_DECIDED_FIELDS = tuple(f.key for f in TABLE4_FIELDS if f.key not in ("total", PENDING))


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _table3_rows(requests: QuerySet[Request], year: int, *group: str) -> QuerySet:
    """One row per (``group``…, applicant kind, outcome) with the four counts of the year."""
    first, last = _year_bounds(year)
    counted = requests.filter(received_on__lte=last).exclude(concluded_on__lt=first)
    return (
        counted.order_by()
        .values(*group, "applicant_kind", "outcome")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=first)),
            carried_over=Count("pk", filter=Q(received_on__lt=first)),
            concluded=Count("pk", filter=Q(concluded_on__lte=last)),
            carried_forward=Count("pk", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=last)),
        )
    )


def _table4_rows(cases: QuerySet[RemedyCase], year: int, *group: str) -> QuerySet:
    """One row per (``group``…, kind) with the result columns as decided by 31 December."""
    first, last = _year_bounds(year)
    decided = {key: Count("pk", filter=Q(outcome=key, decided_on__lte=last)) for key in _DECIDED_FIELDS}
    pending = Count(
        "pk", filter=~Q(outcome__in=_DECIDED_FIELDS) | Q(decided_on__isnull=True) | Q(decided_on__gt=last)
    )
    return (
        cases.filter(filed_on__gte=first, filed_on__lte=last)
        .order_by()
        .values(*group, "kind")
        .annotate(**decided, **{PENDING: pending})
    )


def empty_table3() -> Tables:
    return {Cell(_T3, r.key, c.key): 0 for r in TABLE3_ROWS for c in TABLE3_COLUMNS}


def empty_table4() -> Tables:
    return {Cell(_T4, b.key, f.key): 0 for b in TABLE4_BLOCKS for f in TABLE4_FIELDS}


def _add_table3_row(cells: Tables, row: dict) -> None:
    """Add one aggregated row to the applicant-column cells (totals are derived afterwards)."""
    column = row["applicant_kind"]
    for key in _RECEIPT_ROWS:
        cells[Cell(_T3, key, column)] += row[key]
    cells[Cell(_T3, _OPEN, column)] += row[_OPEN]
    if row[_CONCLUDED]:
        # A concluded request without a known outcome would break the balance, and check() says so.
        outcome = row["outcome"]
        if outcome in _OUTCOME_KEYS:
            cells[Cell(_T3, outcome, column)] += row[_CONCLUDED]


def _add_table4_row(cells: Tables, row: dict) -> None:
    for key in (*_DECIDED_FIELDS, PENDING):
        cells[Cell(_T4, row["kind"], key)] += row[key]


def _table3_totals(cells: Tables) -> Tables:
    """The ``total`` row (sum of the outcome rows) and the ``total`` column (sum of the applicants)."""
    for c in TABLE3_APPLICANT_COLUMNS:
        cells[Cell(_T3, "total", c.key)] = sum(cells[Cell(_T3, r.key, c.key)] for r in TABLE3_OUTCOME_ROWS)
    for r in TABLE3_ROWS:
        cells[Cell(_T3, r.key, "total")] = sum(
            cells[Cell(_T3, r.key, c.key)] for c in TABLE3_APPLICANT_COLUMNS
        )
    return cells


def _table4_totals(cells: Tables) -> Tables:
    for b in TABLE4_BLOCKS:
        cells[Cell(_T4, b.key, "total")] = sum(
            cells[Cell(_T4, b.key, f.key)] for f in TABLE4_FIELDS if f.key != "total"
        )
    return cells


def table3(body_ids: Iterable[int], year: int) -> Tables:
    """Every cell of table 3 for these bodies together in ``year`` (one query)."""
    cells = empty_table3()
    for row in _table3_rows(Request.objects.filter(body_id__in=list(body_ids)), year):
        _add_table3_row(cells, row)
    return _table3_totals(cells)


def table4(body_ids: Iterable[int], year: int) -> Tables:
    """Every cell of table 4 for these bodies together in ``year`` (one query)."""
    cells = empty_table4()
    for row in _table4_rows(RemedyCase.objects.filter(body_id__in=list(body_ids)), year):
        _add_table4_row(cells, row)
    return _table4_totals(cells)


def body_ids_for(body: Body, *, include_descendants: bool = False) -> list[int]:
    ids = [body.pk]
    if include_descendants:
        ids.extend(body.descendants().values_list("pk", flat=True))
    return ids


def compile_tables(body: Body, year: int, *, include_descendants: bool = False) -> Report:
    """A report holding tables 3 and 4 as counted from the cases, ready for ``check()``.

    Table 2 and the narrative are not kept in the case records; they stay absent (``None``),
    so ``check()`` reports them as MISSING warnings rather than as zeros.
    """
    ids = body_ids_for(body, include_descendants=include_descendants)
    values: dict[Cell, int] = {**table3(ids, year), **table4(ids, year)}
    source = {"compiled_from": "requests", "include_descendants": include_descendants}
    return Report(body=body.name, year=year, values=dict(values), source=source)


def tables_for_all_bodies(year: int, bodies: QuerySet[Body] | None = None) -> dict[int, Tables]:
    """Tables 3 and 4 of every body (or of ``bodies``) for ``year``, in three queries in all.

    Each body's own cases only; bodies without any case get all-zero tables.
    """
    scope = Body.objects.all() if bodies is None else bodies
    ids = list(scope.values_list("pk", flat=True))
    result = {pk: {**empty_table3(), **empty_table4()} for pk in ids}
    requests = Request.objects.all() if bodies is None else Request.objects.filter(body_id__in=ids)
    for row in _table3_rows(requests, year, "body_id"):
        _add_table3_row(result[row["body_id"]], row)
    cases = RemedyCase.objects.all() if bodies is None else RemedyCase.objects.filter(body_id__in=ids)
    for row in _table4_rows(cases, year, "body_id"):
        _add_table4_row(result[row["body_id"]], row)
    for cells in result.values():
        _table3_totals(cells)
        _table4_totals(cells)
    return result
