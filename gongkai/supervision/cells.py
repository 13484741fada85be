"""The flat cell index behind the 汇总, kept fresh lazily: no hooks in the apps that hold the reports.

``refresh_cells`` is called before every sum; it re-indexes a body-year when its counting report is
another one than the indexed one, or changed after it was indexed, and drops the cells of a body-year
that has no report any more.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from gongkai.annual.layout import ALL_CELLS
from gongkai.bodies.models import Body

from .models import ReportCell
from .sources import Source, sources_for


def index_report_cells(source: Source, *, body_id: int, year: int) -> int:
    """Replace the cells of this body-year by the cells of ``source``; returns how many were written.

    Every cell of the format gets a row, a missing one with NULL: the sum skips it, the index still
    says this report was indexed, and the missing ones can be counted by SQL.
    """
    report = source.as_report()
    now = timezone.now()
    rows = [
        ReportCell(
            source_kind=source.kind,
            source_id=source.id,
            body_id=body_id,
            year=year,
            path=cell.path,
            value=report.values.get(cell),
            indexed_at=now,
        )
        for cell in ALL_CELLS
    ]
    with transaction.atomic():
        ReportCell.objects.filter(body_id=body_id, year=year).delete()
        ReportCell.objects.bulk_create(rows)
    return len(rows)


def refresh_cells(bodies: list[Body], year: int) -> dict[int, Source | None]:
    """Bring the index of these bodies' ``year`` up to date; returns each body's counting report."""
    sources = sources_for(bodies, year)
    indexed = {
        row["body_id"]: row
        for row in ReportCell.objects.filter(body_id__in=list(sources), year=year)
        .values("body_id", "source_kind", "source_id")
        .annotate(at=Max("indexed_at"))
    }
    gone = [pk for pk, source in sources.items() if source is None and pk in indexed]
    if gone:
        ReportCell.objects.filter(body_id__in=gone, year=year).delete()
    for pk, source in sources.items():
        if source is None:
            continue
        have = indexed.get(pk)
        fresh = (
            have is not None
            and (have["source_kind"], have["source_id"]) == (source.kind, source.id)
            and have["at"] >= source.changed_at
        )
        if not fresh:
            index_report_cells(source, body_id=pk, year=year)
    return sources


def sum_cells(body_ids: list[int], year: int) -> dict[str, tuple[Decimal | None, int]]:
    """Per cell path: the sum over these bodies (None when every one is missing) and how many miss it.

    One query: ``values("path").annotate(Sum("value"))``.
    """
    rows = (
        ReportCell.objects.filter(body_id__in=body_ids, year=year)
        .values("path")
        .annotate(total=Sum("value"), missing=Count("pk", filter=Q(value__isnull=True)))
    )
    return {r["path"]: (r["total"], r["missing"]) for r in rows}
