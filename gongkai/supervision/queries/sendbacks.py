"""When a send-back is resolved: computed, never stored — it is open while no report of that body-year
is newer than it, and resolved when the body imports a report or publishes its compiled one after it."""

from __future__ import annotations

from datetime import datetime

from django.db.models import DateTimeField, Min, OuterRef, QuerySet, Subquery

from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.models import SendBack


def with_resolution(sendbacks: QuerySet[SendBack]) -> QuerySet[SendBack]:
    """Annotate ``imported_after`` and ``published_after``: the first such report after the send-back."""
    imported = (
        ImportedReport.objects.filter(
            body=OuterRef("body"), year=OuterRef("year"), created_at__gt=OuterRef("at")
        )
        .values("body")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    published = AnnualReport.objects.filter(
        body=OuterRef("body"), year=OuterRef("year"), status=Status.PUBLISHED, published_at__gt=OuterRef("at")
    ).values("published_at")[:1]
    return sendbacks.annotate(
        imported_after=Subquery(imported, output_field=DateTimeField()),
        published_after=Subquery(published, output_field=DateTimeField()),
    ).select_related("body", "by")


def resolved_at(sendback: SendBack) -> datetime | None:
    """Needs ``with_resolution``: the moment a newer report came, or None while open."""
    times = [t for t in (sendback.imported_after, sendback.published_after) if t is not None]  # type: ignore[attr-defined]
    return min(times) if times else None
