"""Publish a compiled report the only way there is: 经办人 submits, 审核人 reviews, 分管领导 signs.

For tests whose subject is what happens after publication: the body's chain members are the ones
the test made (found by role) or, where it made none, new accounts of the body.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_workspace.actions.reports import publish_report, review_report, submit_report
from gongkai.report_workspace.models import AnnualReport
from tests.conftest import PASSWORD

Role = StaffMembership.Role


def member(body: Body, role: str) -> User:
    """The body's first member with ``role``, or a new one."""
    found = StaffMembership.objects.filter(body=body, role=role).select_related("user").order_by("pk").first()
    if found is not None:
        return found.user
    return body_actions.create_staff_user(
        actor=None, body=body, username=f"chain_{role}_{body.pk}", password=PASSWORD, role=role
    )


def publish_signed(
    *, annual: AnnualReport, on: date | None = None, override_reason: str = "", **_ignored: object
) -> AnnualReport:
    """Submit, review and sign ``annual``; ``actor=`` of the old one-click call is ignored."""
    body = annual.body
    annual = submit_report(actor=member(body, Role.CLERK), annual=annual)
    annual = review_report(actor=member(body, Role.REVIEWER), annual=annual)
    return publish_report(
        actor=member(body, Role.LEADER), annual=annual, on=on, override_reason=override_reason
    )
