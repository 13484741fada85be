"""The annual reports (年报工作台) waiting for a person, for the home page (待办): last year's report of
their own body while it is unpublished (from 1 January; urgent once the 31 January deadline has passed),
drafts to review (审核人), reviewed drafts to sign (分管领导), drafts sent back in the chain and published
reports that need a corrected edition (更正) for those who compile them."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User as AuthUser
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_workspace.models import AnnualReport, ReportEvent, Status
from gongkai.report_workspace.queries.deadlines import Reminder, reminders
from gongkai.report_workspace.rules.publishing import Approval
from gongkai.web.worklist import SHOWN, Entry, Line, Section

Role = StaffMembership.Role
CHAIN_KINDS = ("submitted", "reviewed", "sent_back", "published")
# Those who compile a body's report (经办) and answer for its corrections.
COMPILERS = (Role.CLERK, Role.ADMIN)


def _bodies(user: AuthUser, *roles: str) -> QuerySet[Body]:
    return Body.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def _lines(reports: QuerySet[AnnualReport], note=lambda a: "") -> tuple[Line, ...]:
    return tuple(
        Line(f"{a.body.display_name} {a.year}年度报告", reverse("yearbook:detail", args=[a.pk]), note(a))
        for a in reports.select_related("body")[:SHOWN]
    )


def sent_back_in_chain(bodies: QuerySet[Body]) -> QuerySet[AnnualReport]:
    """Drafts whose last step in the chain was a 退回 (by the 审核人 or the leader), with ``reason``."""
    last = ReportEvent.objects.filter(report=OuterRef("pk"), kind__in=CHAIN_KINDS).order_by("-at", "-pk")
    return (
        AnnualReport.objects.filter(body__in=bodies, status__in=(Status.DRAFT, Status.WITHDRAWN))
        .annotate(last_step=Subquery(last.values("kind")[:1]), reason=Subquery(last.values("note")[:1]))
        .filter(last_step="sent_back", approval=Approval.DRAFTING)
        .order_by("-updated_at")
    )


def deadline_entries(bodies: list[Body], today: date, url: str) -> tuple[Entry, Entry]:
    """Last year's reports of ``bodies`` not yet published on ``today``: those past the deadline
    (urgent), and those still within it (from 1 January, so every day of January shows them)."""
    due = reminders(bodies, today)

    def lines(chosen: list[Reminder]) -> tuple[Line, ...]:
        return tuple(Line(f"{r.body.display_name} {r.year}年度报告", url, r.text) for r in chosen[:SHOWN])

    overdue = [r for r in due if r.days_left < 0]
    pending = [r for r in due if r.days_left >= 0]
    return (
        Entry("本机关年度报告逾期未发布", len(overdue), url, lines(overdue), urgent=True),
        Entry("本机关年度报告待发布", len(pending), url, lines(pending)),
    )


def yearbook_section(user: AuthUser) -> Section | None:
    reviewer, leader = _bodies(user, Role.REVIEWER), _bodies(user, Role.LEADER)
    compiler = _bodies(user, *COMPILERS)
    if not (reviewer.exists() or leader.exists() or compiler.exists()):
        return None
    to_review = AnnualReport.objects.filter(body__in=reviewer, approval=Approval.SUBMITTED).order_by(
        "updated_at"
    )
    to_sign = AnnualReport.objects.filter(body__in=leader, approval=Approval.REVIEWED).order_by("updated_at")
    sent_back = sent_back_in_chain(compiler)
    corrections = AnnualReport.objects.filter(
        body__in=compiler | leader, status=Status.PUBLISHED, changed_after_publication=True
    ).order_by("-year")
    listing = reverse("yearbook:list")
    overdue, due_soon = deadline_entries(
        list((compiler | reviewer | leader).distinct().order_by("pk")), timezone.localdate(), listing
    )
    return Section(
        "年度报告",
        [
            overdue,
            due_soon,
            Entry("待我审核的年度报告", to_review.count(), listing, _lines(to_review)),
            Entry("待我签发的年度报告", to_sign.count(), listing, _lines(to_sign)),
            Entry(
                "审批中被退回、待修改的年度报告",
                sent_back.count(),
                listing,
                _lines(sent_back, lambda a: f"退回理由：{a.reason}"),
                urgent=True,
            ),
            Entry(
                "发布后有更正、需出更正版的年度报告",
                corrections.distinct().count(),
                listing,
                _lines(corrections.distinct(), lambda a: "发布后又有记录变动"),
            ),
        ],
    )
