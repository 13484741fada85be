"""The one permission-checked lookup for compiled reports: staff of the report's body only, else 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.bodies.access import User, bodies_for_user
from gongkai.report_workspace.models import AnnualReport


def reports_for_user(user: User) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(body__in=bodies_for_user(user)).select_related("body")


def get_annual_for_staff(user: User, pk: int) -> AnnualReport:
    try:
        return reports_for_user(user).get(pk=pk)
    except AnnualReport.DoesNotExist:
        raise Http404("没有找到这份年度报告") from None
