"""Who may see and handle requests: only the staff of the body handling them.

Applicants' personal data never leaves that body: a supervising body sees statistics, not cases,
and a platform superuser is not let in by the flag alone (they must be a member of the body).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet
from django.http import Http404

from gongkai.bodies.models import Body, StaffMembership
from gongkai.requests.models import Request

HANDLING_ROLES = frozenset(
    {
        StaffMembership.Role.CLERK,
        StaffMembership.Role.REVIEWER,
        StaffMembership.Role.LEADER,
        StaffMembership.Role.ADMIN,
    }
)

User = AuthUser | AnonymousUser


def handling_bodies(user: User) -> QuerySet[Body]:
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    return Body.objects.filter(memberships__user=user, memberships__role__in=HANDLING_ROLES).distinct()


# Why the list of requests is refused to staff who handle none (a 监督人员 sees statistics, not cases).
NOT_HANDLING = "只有受理机关的经办人、审核人、分管领导或管理员可以办理依申请公开申请；监督人员请在「年报监督」中查看统计。"


def may_handle_requests(user: User) -> bool:
    """True for staff who handle the requests of at least one body (the 依申请公开 pages)."""
    return handling_bodies(user).exists()


def can_handle(user: User, body: Body) -> bool:
    return handling_bodies(user).filter(pk=body.pk).exists()


def requests_for_staff(user: User) -> QuerySet:

    return Request.objects.filter(body__in=handling_bodies(user))


def get_request_for_staff(user: User, pk: int):
    """The request if the user handles requests of its body, else 404 (no existence leak)."""

    try:
        return requests_for_staff(user).select_related("applicant", "body").get(pk=pk)
    except Request.DoesNotExist:
        raise Http404("没有找到这件申请") from None
