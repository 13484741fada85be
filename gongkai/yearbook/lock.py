"""Once a year's report is published, the records behind it are locked.

Other apps call ``guard_change`` in their actions before changing a case, an item or a register
entry dated in a published year: it refuses (``YearLocked``, a Chinese message) unless a 分管领导
gives a reason, in which case the change is recorded on the report and the report is flagged
"发布后数据有变动" so that a corrected report can be issued.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.bodies.models import Body, StaffMembership

from .models import AnnualReport, ReportEvent, Status

User = AbstractBaseUser | AnonymousUser


class YearLocked(PermissionDenied):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_year_locked(body: Body, year: int) -> bool:
    """True once the body's report for ``year`` is published."""
    return AnnualReport.objects.filter(body=body, year=year, status=Status.PUBLISHED).exists()


def is_leader(user: User | None, body: Body) -> bool:
    from gongkai.disclosure.access import role_in

    return user is not None and role_in(user, body) == StaffMembership.Role.LEADER


@transaction.atomic
def guard_change(
    *, actor: User | None, body: Body, on: date, reason: str | None = None
) -> AnnualReport | None:
    """Call before changing a record of ``body`` dated ``on``.

    Returns None when the year is open. When it is locked: raises ``YearLocked`` unless ``actor`` is
    the body's 分管领导 and gives a reason; then records the change on the published report, flags it
    changed after publication, and returns it.
    """
    report = (
        AnnualReport.objects.select_for_update()
        .filter(body=body, year=on.year, status=Status.PUBLISHED)
        .first()
    )
    if report is None:
        return None
    if not (reason or "").strip():
        raise YearLocked(
            f"{body.name}{on.year}年政府信息公开工作年度报告已于{report.published_on:%Y年%-m月%-d日}发布，"
            f"该年度的数据已锁定，不能修改。确需修改的，请由分管领导填写理由后办理。"
        )
    if not is_leader(actor, body):
        raise YearLocked(f"{on.year}年度的数据已锁定，只有分管领导可以填写理由后修改。")
    report.changed_after_publication = True
    report.save(update_fields=["changed_after_publication", "updated_at"])
    ReportEvent.objects.create(
        report=report,
        kind="changed_after_publication",
        actor=actor,  # type: ignore[misc]
        note=reason.strip(),  # type: ignore[union-attr]
        data={"on": on.isoformat()},
    )
    return report
