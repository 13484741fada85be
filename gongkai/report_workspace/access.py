"""The one permission-checked lookup for compiled reports: staff of the report's body only, else 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.bodies.access import User, bodies_for_user, has_role_anywhere
from gongkai.bodies.models import StaffMembership
from gongkai.report_workspace.models import AnnualReport

Role = StaffMembership.Role
# Those who compile (经办), review (审核) or sign (签发) a body's report, and its 管理员.
WORK_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.LEADER, Role.ADMIN})

NOT_COMPILING = "只有本机关的经办人、审核人、分管领导或管理员可以使用年报工作台；下级机关的年度报告请在「年报监督」中查看。"


def may_compile(user: User) -> bool:
    """True for a superuser and for staff who compile, review or sign some body's report (年报工作台)."""
    return has_role_anywhere(user, WORK_ROLES)


def reports_for_user(user: User) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(body__in=bodies_for_user(user)).select_related("body")


def get_annual_for_staff(user: User, pk: int) -> AnnualReport:
    try:
        return reports_for_user(user).get(pk=pk)
    except AnnualReport.DoesNotExist:
        raise Http404("没有找到这份年度报告") from None
