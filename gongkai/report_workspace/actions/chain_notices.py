"""Who is told when an annual report moves along the body's chain (经办 → 审核 → 分管领导签发) or is
sent back, by the body's own 审核人/分管领导 or by a supervising body."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.urls import reverse

from gongkai.bodies.actions.notices import clerks_of, notify, staff_with_roles
from gongkai.bodies.models import Body, NoticeKind, StaffMembership
from gongkai.report_workspace.models import AnnualReport
from gongkai.report_workspace.rules.publishing import Approval

Role = StaffMembership.Role


def _title(annual: AnnualReport) -> str:
    return f"{annual.body.name}{annual.year}年政府信息公开工作年度报告"


def tell_chain(annual: AnnualReport, actor: AuthUser, approval: str, note: str) -> None:
    """Submitted: the 审核人 are told; reviewed: the 分管领导; sent back: who submitted it."""
    link = reverse("yearbook:detail", args=[annual.pk])
    by = actor.get_username()
    if approval == Approval.SUBMITTED:
        users = [u for u in staff_with_roles(annual.body, [Role.REVIEWER]) if u.pk != actor.pk]
        kind, text = NoticeKind.REPORT_TO_REVIEW, f"{_title(annual)}已由{by}提交，等待您审核。"
    elif approval == Approval.REVIEWED:
        users = staff_with_roles(annual.body, [Role.LEADER])
        kind, text = NoticeKind.REPORT_TO_SIGN, f"{_title(annual)}已由{by}审核通过，等待您签发。"
    else:
        submitted = annual.events.filter(kind="submitted").order_by("-at", "-pk").first()
        users = [submitted.actor] if submitted is not None and submitted.actor else clerks_of(annual.body)
        kind, text = NoticeKind.REPORT_SENT_BACK, f"{_title(annual)}被{by}退回。\n退回理由：{note[:500]}"
    notify(users, kind=kind, text=text, link=link, body=annual.body)


def tell_supervision_send_back(body: Body, year: int, comment: str, by: AuthUser) -> None:
    """A supervising body sent the report back: the body's 经办人 (to correct it) and 分管领导 are told."""
    annual = AnnualReport.objects.filter(body=body, year=year).only("pk").first()
    link = reverse("yearbook:detail", args=[annual.pk]) if annual is not None else reverse("yearbook:list")
    users = clerks_of(body) + staff_with_roles(body, [Role.LEADER])
    notify(
        users,
        kind=NoticeKind.REPORT_SENT_BACK,
        text=f"{body.name}{year}年政府信息公开工作年度报告被上级机关（{by.get_username()}）退回。\n退回意见：{comment[:500]}",
        link=link,
        body=body,
    )
