"""The permission-checked lookups for imported reports and for single imports still on the queue."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.bodies.access import User, bodies_for_user
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport


def reports_for_user(user: User) -> QuerySet[ImportedReport]:
    return ImportedReport.objects.filter(body__in=bodies_for_user(user)).select_related("body")


def get_report_for_staff(user: User, pk: int) -> ImportedReport:
    """The report if it belongs to one of the user's bodies, else 404."""
    try:
        return reports_for_user(user).get(pk=pk)
    except ImportedReport.DoesNotExist:
        raise Http404("没有找到这份报告") from None


def uploads_for_user(user: User) -> QuerySet[ImportBatchFile]:
    """Single imports (the import page's) the user uploaded, or that are for one of the user's bodies."""
    mine = Q(batch__created_by_id=user.pk) | Q(batch__body__in=bodies_for_user(user))
    return ImportBatchFile.objects.filter(mine, batch__kind=ImportBatch.Kind.SINGLE).select_related(
        "batch", "batch__body", "batch__created_by"
    )


def get_upload_for_user(user: User, pk: int) -> ImportBatchFile:
    """The single import ``pk`` (its batch's id) if the user may see it, else 404."""
    try:
        return uploads_for_user(user).get(batch_id=pk)
    except ImportBatchFile.DoesNotExist:
        raise Http404("没有找到这次导入") from None
