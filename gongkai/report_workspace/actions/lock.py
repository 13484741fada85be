"""Once a year's report is published, the records behind it are locked.

Other apps call ``guard_change`` in their actions before changing a case, an item or a register
entry dated in a published year. It refuses (``YearLocked``, a Chinese message) unless a 分管领导
allows the change with a reason:

- at once: the leader makes the change and gives the reason, either as ``reason=`` or — so that the
  other apps' actions need no new parameter — through ``allowing(reason, what)`` around the action
  (the views do this with the form's 「变更理由」 field, see ``forms.lock``);
- in advance: ``grant_change`` on the report's page; the next change of that year by any staff
  member uses the grant (for the registers, which a leader does not keep).

Either way the change is recorded (``LockOverride``: who allowed it, who made it, when, why, what)
and the report is flagged "发布后数据有变动" so that it can be withdrawn and a corrected one issued.

A change decided ahead of its time (a 定时发布) passes the lock when it is decided; the caller keeps
the records it made (``recording``) and, if the change is called off before it goes out, cancels them
(``cancel_overrides``): the report no longer lists a change that never happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions.notices import notify, staff_with_roles
from gongkai.bodies.models import Body, NoticeKind, StaffMembership
from gongkai.report_workspace.models import AnnualReport, LockOverride, ReportEvent, Status
from gongkai.web.limits import REASON_MAX, length_refusal

User = AuthUser | AnonymousUser


def _account(user: User | None) -> AuthUser | None:
    """The account to record as having acted (None: the system, or nobody logged in)."""
    return user if user is not None and user.is_authenticated else None


class YearLocked(PermissionDenied):
    """Refused by the lock; ``year`` and ``report_pk`` name the published report that locks the record."""

    def __init__(self, message: str, *, year: int | None = None, report_pk: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.year = year
        self.report_pk = report_pk


@dataclass
class _Allowance:
    reason: str
    what: str
    used: dict[int, LockOverride] = field(default_factory=dict)  # report pk → its record in this change


_allowance: ContextVar[_Allowance | None] = ContextVar("gongkai_lock_allowance", default=None)
_recorded: ContextVar[list[LockOverride] | None] = ContextVar("gongkai_lock_recorded", default=None)


@contextmanager
def allowing(reason: str = "", what: str = "") -> Iterator[None]:
    """Within this block, a locked-year change is made with the leader's ``reason`` (if any) and
    recorded as ``what``; one change that calls ``guard_change`` several times is recorded once."""
    token = _allowance.set(_Allowance(reason.strip(), what.strip()[:300]))
    try:
        yield
    finally:
        _allowance.reset(token)


@contextmanager
def recording() -> Iterator[list[LockOverride]]:
    """Within this block, every record ``guard_change`` makes (or grant it uses) is appended to the
    list yielded, so that a change decided ahead of its time can cancel them if it is called off."""
    found: list[LockOverride] = []
    token = _recorded.set(found)
    try:
        yield found
    finally:
        _recorded.reset(token)


def is_year_locked(body: Body, year: int) -> bool:
    """True once the body's report for ``year`` is published."""
    return AnnualReport.objects.filter(body=body, year=year, status=Status.PUBLISHED).exists()


def is_leader(user: User | None, body: Body) -> bool:
    from gongkai.disclosure.access import role_in

    return user is not None and role_in(user, body) == StaffMembership.Role.LEADER


def _username(user: User | None) -> str:
    return user.get_username() if user is not None and user.is_authenticated else "系统"


def may_correct(user: User | None, body: Body) -> bool:
    """Staff who handle the body's records and may record a 更正 of a published year with a reason."""
    from gongkai.disclosure.access import role_in

    return user is not None and role_in(user, body) in CORRECTING_ROLES


CORRECTING_ROLES = frozenset(
    {
        StaffMembership.Role.CLERK,
        StaffMembership.Role.REVIEWER,
        StaffMembership.Role.LEADER,
        StaffMembership.Role.ADMIN,
    }
)

# How a refused member of staff makes a 更正 (the requests' forms offer the 「更正理由」 field).
HOW_TO_CORRECT = (
    "如需在该年度补记或修改，请在「更正理由」栏填写理由后再次提交，作为对已发布报告的更正："
    "系统将记录更正人、时间和理由，标记该报告需要更正，并通知上级监督机关。"
)


@transaction.atomic
def guard_change(
    *,
    actor: User | None,
    body: Body,
    on: date,
    reason: str | None = None,
    what: str = "",
    fact: str = "",
    staff_may_correct: bool = False,
) -> AnnualReport | None:
    """Call before changing a record of ``body`` dated ``on``.

    Returns None when the year is open. When it is locked:

    - ``fact`` (the applicant's act, e.g. an application received): never refused — receiving an
      application is a fact, not an edit of a closed year. Recorded as a 更正 with ``fact`` as reason.
    - otherwise raises ``YearLocked`` unless a reason is given (``reason`` or ``allowing``) by the
      body's 分管领导 — or by any of the body's handling staff when ``staff_may_correct`` (the steps of
      a request: a reply to an open case is the body's duty) — or a leader granted it in advance.

    A change let through is recorded (``LockOverride``), flags the published report as needing a
    correction, and the supervisors above the body are told by e-mail. Returns the report.
    """
    report = (
        AnnualReport.objects.select_for_update()
        .filter(body=body, year=on.year, status=Status.PUBLISHED)
        .first()
    )
    if report is None:
        return None
    ctx = _allowance.get()
    if ctx is not None and report.pk in ctx.used:
        return report
    reason = (reason or (ctx.reason if ctx else "")).strip()
    what = (what or (ctx.what if ctx else "") or f"{on:%Y年%-m月%-d日}的记录")[:300]
    now = timezone.now()
    if fact:
        override = LockOverride.objects.create(
            report=report,
            edition=report.edition,
            reason=reason or fact,
            allowed_by=None,
            changed_by=_account(actor),
            changed_at=now,
            on=on,
            what=what,
        )
    elif reason:
        _check_reason("更正理由" if staff_may_correct else "变更理由", reason, report)
        allowed = may_correct(actor, body) if staff_may_correct else is_leader(actor, body)
        if not allowed:
            raise YearLocked(
                f"{on.year}年度的数据已锁定，只有"
                + ("本机关工作人员" if staff_may_correct else "分管领导")
                + "可以填写更正理由后修改。",
                year=on.year,
                report_pk=report.pk,
            )
        override = LockOverride.objects.create(
            report=report,
            edition=report.edition,
            reason=reason,
            allowed_by=_account(actor),
            changed_by=_account(actor),
            changed_at=now,
            on=on,
            what=what,
        )
    else:
        granted = (
            LockOverride.objects.select_for_update()
            .filter(report=report, edition=report.edition, changed_at__isnull=True)
            .order_by("allowed_at", "pk")
            .first()
        )
        if granted is None:
            published = f"{body.name}{on.year}年政府信息公开工作年度报告已于{report.published_on:%Y年%-m月%-d日}发布，"
            raise YearLocked(
                published
                + (
                    f"{on:%Y年%-m月%-d日}属于该年度，该年度的数据已锁定，不能直接记录或修改。"
                    + HOW_TO_CORRECT
                    if staff_may_correct
                    else "该年度的数据已锁定，不能修改。确需修改的，请由分管领导填写变更理由后办理。"
                ),
                year=on.year,
                report_pk=report.pk,
            )
        override = granted
        override.changed_by = _account(actor)
        override.changed_at = now
        override.on = on
        override.what = what
        override.save(update_fields=["changed_by", "changed_at", "on", "what"])
    if ctx is not None:
        ctx.used[report.pk] = override
    if (found := _recorded.get()) is not None:
        found.append(override)
    report.changed_after_publication = True
    report.save(update_fields=["changed_after_publication", "updated_at"])
    ReportEvent.objects.create(
        report=report,
        kind="changed_after_publication",
        actor=_account(actor),
        note=override.reason,
        data={"on": on.isoformat(), "what": what, "override": override.pk, "by": _username(actor)},
    )
    _tell_supervisors(report, override, _username(actor) if actor is not None else "申请人")
    return report


def _check_reason(label: str, reason: str, report: AnnualReport) -> None:
    """A reason over REASON_MAX is refused whole (nothing recorded), with the one wording of limits.py."""
    refusal = length_refusal(label, reason, REASON_MAX)
    if refusal:
        raise YearLocked(refusal, year=report.year, report_pk=report.pk)


def supervisors_of(body: Body) -> list[AuthUser]:
    """The active 监督人员 of the body and of every body above it."""
    ids: list[int] = []
    current: Body | None = body
    while current is not None and len(ids) < 50:
        ids.append(current.pk)
        current = current.parent
    return list(
        AuthUser.objects.filter(
            memberships__body_id__in=ids, memberships__role=StaffMembership.Role.SUPERVISOR, is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def _tell_supervisors(report: AnnualReport, override: LockOverride, who: str) -> None:
    """A 更正 raised: the supervisors above (to see it) and the body's 分管领导 (to sign a 更正版) are
    notified, and e-mailed once the change is committed (the console backend unless SMTP is set)."""
    subject = f"【需更正】{report.body.name}{report.year}年度报告发布后有记录变动"
    text = (
        f"{report.body.name}{report.year}年政府信息公开工作年度报告已于{report.published_on:%Y年%-m月%-d日}发布。\n"
        f"发布后，该年度有以下记录被补记或修改，已发布的报告可能需要更正：\n\n"
        f"内容：{override.what}\n记录日期：{override.on:%Y-%m-%d}\n操作人：{who}\n理由：{override.reason}"
    )
    told = (
        (
            supervisors_of(report.body),
            reverse("supervision:report", args=[report.body_id, report.year, report.body_id]),
        ),
        (
            staff_with_roles(report.body, [StaffMembership.Role.LEADER]),
            reverse("yearbook:detail", args=[report.pk]),
        ),
    )
    for users, link in told:
        notify(
            users, kind=NoticeKind.CORRECTION_RAISED, text=text, link=link, body=report.body, subject=subject
        )


@transaction.atomic
def grant_change(*, actor: User, annual: AnnualReport, reason: str) -> LockOverride:
    """The 分管领导 allows one change of the published year in advance (used by the next change)."""
    annual = AnnualReport.objects.select_for_update().select_related("body").get(pk=annual.pk)
    if annual.status != Status.PUBLISHED:
        raise YearLocked("该年度报告未发布，数据没有锁定，无需授权变更")
    if not is_leader(actor, annual.body):
        raise YearLocked("只有分管领导可以授权变更已发布年度的数据")
    if not reason.strip():
        raise YearLocked("请填写变更理由")
    _check_reason("变更理由", reason.strip(), annual)
    override = LockOverride.objects.create(
        report=annual, edition=annual.edition, reason=reason.strip(), allowed_by=_account(actor)
    )
    ReportEvent.objects.create(
        report=annual,
        kind="change_granted",
        actor=_account(actor),
        note=reason.strip(),
        data={"override": override.pk},
    )
    return override


@transaction.atomic
def cancel_overrides(pks: list[int], *, actor: User | None, reason: str) -> list[LockOverride]:
    """A change that passed the lock ahead of its time (``recording``) was called off before it went out.

    Its records are kept, marked cancelled with ``reason``, and leave the report's list of changes; the
    report's 发布后数据有变动 flag is cleared when no other change of its edition remains. Returns the
    records cancelled now (one already cancelled is left as it is).
    """
    now = timezone.now()
    who = _account(actor)
    cancelled = []
    overrides = LockOverride.objects.select_for_update().filter(pk__in=pks, cancelled_at__isnull=True)
    for override in overrides.order_by("pk"):
        report = AnnualReport.objects.select_for_update().get(pk=override.report_id)
        override.cancelled_at, override.cancelled_by, override.cancel_reason = now, who, reason.strip()
        override.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
        ReportEvent.objects.create(
            report=report,
            kind="change_cancelled",
            actor=who,
            note=override.cancel_reason,
            data={"override": override.pk, "what": override.what, "by": _username(actor)},
        )
        if report.status == Status.PUBLISHED and override.edition == report.edition:
            report.changed_after_publication = bool(changes_after_publication(report))
            report.save(update_fields=["changed_after_publication", "updated_at"])
        override.report = report
        cancelled.append(override)
    return cancelled


def changes_after_publication(annual: AnnualReport) -> list[LockOverride]:
    """The changes made to the records of the report's current edition since it was published (a
    change called off before it went out is not one)."""
    return list(
        annual.lock_overrides.filter(
            edition=annual.edition, changed_at__isnull=False, cancelled_at__isnull=True
        )
        .select_related("allowed_by", "changed_by")
        .order_by("changed_at", "pk")
    )
