"""Opening and deciding the 行政复议 and 行政诉讼 cases behind table 4 (the cases: ``models.remedies``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.requests.access import can_handle
from gongkai.requests.models import (
    DECIDED_KEYS,
    KIND_KEYS,
    LITIGATION_AFTER_REVIEW,
    OUTCOME_CHOICES,
    REVIEW,
    Event,
    EventKind,
    RemedyCase,
    Request,
)
from gongkai.workdays.rules.dates import date_refusal


class RemedyError(ValueError):
    """A remedy case the rules refuse (unknown kind, decision before filing …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


User = AuthUser


@transaction.atomic
def open_remedy(
    *,
    actor: User,
    request: Request,
    kind: str,
    filed_on: date,
    organ: str = "",
    case_number: str = "",
    follows: RemedyCase | None = None,
    note: str = "",
) -> RemedyCase:
    """Record that the applicant applied for review or sued over this request."""
    _require(actor, request.body)
    if kind not in KIND_KEYS:
        raise RemedyError(f"未知的案件类别：{kind}")
    _check_date(filed_on, "申请复议或起诉日期")
    _guard_published_year(actor, request.body, filed_on)
    if filed_on < request.arrived_on:
        raise RemedyError(f"申请或起诉日期 {filed_on} 早于收到申请的日期 {request.arrived_on}，请核对")
    if follows is not None:
        if kind != LITIGATION_AFTER_REVIEW:
            raise RemedyError("只有“复议后起诉”的案件才能关联所经的行政复议")
        if follows.kind != REVIEW or follows.request_id != request.pk:
            raise RemedyError("关联的案件应是同一申请的行政复议案件")
        if filed_on < follows.filed_on:
            raise RemedyError("起诉日期不能早于所经行政复议的申请日期")
    case = RemedyCase.objects.create(
        request=request,
        body_id=request.body_id,
        kind=kind,
        organ=organ.strip(),
        case_number=case_number.strip(),
        filed_on=filed_on,
        follows=follows,
        note=note,
        created_by=actor,
    )
    label = case.get_kind_display()
    where = "，".join(s for s in (case.organ, case.case_number) if s)
    _record(
        request,
        actor,
        filed_on,
        f"申请人提起{label}" + (f"（{where}）" if where else ""),
        {"action": "opened", "case": case.pk, "kind": kind, "case_number": case.case_number},
    )
    return case


@transaction.atomic
def decide_remedy(*, actor: User, case: RemedyCase, outcome: str, decided_on: date) -> RemedyCase:
    """Record the decision or judgment: 结果维持, 结果纠正 or 其他结果 (once)."""
    case = RemedyCase.objects.select_for_update().select_related("request", "body").get(pk=case.pk)
    _require(actor, case.body)
    if outcome not in DECIDED_KEYS:
        raise RemedyError(
            f"审结结果应为{'、'.join(str(dict(OUTCOME_CHOICES)[k]) for k in sorted(DECIDED_KEYS))}之一"
        )
    if case.decided_on is not None:
        raise RemedyError(f"该案件已于{case.decided_on}审结")
    _check_date(decided_on, "审结日期")
    if decided_on < case.filed_on:
        raise RemedyError(f"审结日期 {decided_on} 早于申请或起诉日期 {case.filed_on}")
    if decided_on.year == case.filed_on.year:  # a later decision leaves the filing year's table 4 as it was
        _guard_published_year(actor, case.body, decided_on)
    case.outcome = outcome
    case.decided_on = decided_on
    case.save(update_fields=["outcome", "decided_on"])
    _record(
        case.request,
        actor,
        decided_on,
        f"{case.get_kind_display()}审结：{case.get_outcome_display()}",
        {"action": "decided", "case": case.pk, "kind": case.kind, "outcome": outcome},
    )
    return case


def _require(actor: User, body: Body) -> None:
    if not can_handle(actor, body):
        raise PermissionDenied("您不是该机关的工作人员，不能登记其行政复议、行政诉讼案件")


def _check_date(on: date, label: str) -> None:
    refusal = date_refusal(on, label, timezone.localdate())
    if refusal:
        raise RemedyError(refusal)


def _record(request: Request, actor: User, on: date, note: str, remedy: dict[str, Any]) -> Event:
    return Event.objects.create(
        request=request,
        kind=EventKind.NOTE,
        on=on,
        actor=actor,
        actor_label=actor.get_username(),
        note=note,
        data={"remedy": remedy},
    )


def _guard_published_year(actor: User, body: Body, on: date) -> None:
    """Table 4 of a published year stays as published (YearLocked, in Chinese) unless the member of
    staff gives a 更正理由; then recorded as a 更正 of the published report."""
    from gongkai.report_workspace.actions.lock import guard_change

    guard_change(actor=actor, body=body, on=on, staff_may_correct=True)
