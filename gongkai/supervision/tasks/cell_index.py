"""The 汇总's cell index brought up to date ahead of visits (Celery beat, hourly; ``gongkai
index_reports`` by hand), so that no supervisor's first visit indexes an area inside the request."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.models import IndexedReport
from gongkai.supervision.queries.cells import refresh_cells

CHUNK = 500  # bodies indexed at once: their reports' JSON is what sits in memory


def report_years(body_ids: list[int] | None = None) -> list[int]:
    """The years that have a report that can count (same rule as ``sources.sources_for``), oldest first."""
    imported = ImportedReport.objects.filter(year__isnull=False)
    annual = AnnualReport.objects.filter(Q(status=Status.PUBLISHED) | ~Q(data={}))
    if body_ids is not None:
        imported, annual = imported.filter(body_id__in=body_ids), annual.filter(body_id__in=body_ids)
    years = set(imported.values_list("year", flat=True).distinct())
    years.update(annual.values_list("year", flat=True).distinct())
    return sorted(y for y in years if y is not None)


def index_year(body_ids: list[int], year: int, since: datetime) -> tuple[int, int]:
    """Refresh the index of these bodies' ``year`` a chunk at a time; returns (indexed now, already fresh).

    A body-year counts as indexed now when its index row was written at or after ``since``.
    """
    indexed = fresh = 0
    for start in range(0, len(body_ids), CHUNK):
        chunk = list(Body.objects.filter(pk__in=body_ids[start : start + CHUNK]).only("pk"))
        rows = refresh_cells(chunk, year)
        now = IndexedReport.objects.filter(body_id__in=list(rows), year=year, indexed_at__gte=since).count()
        indexed += now
        fresh += len(rows) - now
    return indexed, fresh


def index_all() -> tuple[int, int]:
    """Every body, every year that has a report: (body-years indexed now, already fresh)."""
    body_ids = list(Body.objects.order_by("pk").values_list("pk", flat=True))
    indexed = fresh = 0
    for year in report_years():
        now, was = index_year(body_ids, year, timezone.now())
        indexed, fresh = indexed + now, fresh + was
    return indexed, fresh
