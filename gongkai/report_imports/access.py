"""The one permission-checked lookup for imported reports."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.bodies.access import User, bodies_for_user
from gongkai.report_imports.models import ImportedReport


def reports_for_user(user: User) -> QuerySet[ImportedReport]:
    return ImportedReport.objects.filter(body__in=bodies_for_user(user)).select_related("body")


def get_report_for_staff(user: User, pk: int) -> ImportedReport:
    """The report if it belongs to one of the user's bodies, else 404."""
    try:
        return reports_for_user(user).get(pk=pk)
    except ImportedReport.DoesNotExist:
        raise Http404("没有找到这份报告") from None
