"""The published reports of a supervisor's area whose year had records made or changed after
publication (更正): each needs a corrected edition. Shown on the supervision index."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from gongkai.report_workspace.models import AnnualReport, Status


def reports_needing_correction(body_ids: set[int]) -> QuerySet[AnnualReport]:
    """Newest 更正 first; each with ``corrections`` (how many) and ``last_correction`` (when)."""
    return (
        AnnualReport.objects.filter(
            body_id__in=body_ids, status=Status.PUBLISHED, changed_after_publication=True
        )
        .select_related("body")
        .annotate(
            corrections=Count(
                "lock_overrides",
                filter=Q(lock_overrides__changed_at__isnull=False, lock_overrides__cancelled_at__isnull=True),
            ),
            last_correction=Max("lock_overrides__changed_at"),
        )
        .order_by("-last_correction", "body__name")
    )
