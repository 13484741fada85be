"""A supervisor's work on the home page (待办): the reports below that are late or carry errors and were
not sent back, send-backs still open or corrected lately, published reports that need a corrected
edition; and for the staff of a body, the reports their supervisor sent back (退回) and not yet redone."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_imports.queries.notices import ReportNotice
from gongkai.report_workspace.queries.checking import due_date
from gongkai.supervision.models import SendBack, SourceKind
from gongkai.supervision.queries.body_years import state_of
from gongkai.supervision.queries.corrections import reports_needing_correction
from gongkai.supervision.queries.sendbacks import with_resolution
from gongkai.supervision.queries.sources import State, sources_for
from gongkai.web.worklist import SHOWN, Entry, Line, Section

Role = StaffMembership.Role
# A send-back corrected within this many days is still listed, so the supervisor sees it closed.
RECENTLY_CORRECTED_DAYS = 30
_OPEN = Q(imported_after__isnull=True, published_after__isnull=True)


def open_sendbacks(body_ids: list[int]) -> QuerySet[SendBack]:
    """The send-backs of these bodies no newer report has answered yet, newest first."""
    return with_resolution(SendBack.objects.filter(body_id__in=body_ids)).filter(_OPEN)


def sent_back_to_me(user: AuthUser) -> Entry:
    """The staff side: reports of the user's own bodies sent back from above and not yet redone."""
    own = list(Body.objects.filter(memberships__user=user).values_list("pk", flat=True))
    waiting = open_sendbacks(own)
    return Entry(
        "上级退回、待重新报送的年度报告",
        waiting.count(),
        reverse("supervision:tasks"),
        tuple(
            Line(
                f"{s.body.display_name} {s.year}年度报告",
                _sent_report(s),
                f"退回意见：{s.comment}",
            )
            for s in waiting[:SHOWN]
        ),
        urgent=True,
    )


def supervision_section(user: AuthUser, today: date | None = None) -> Section | None:
    """Sent back to the user's bodies (anyone); the area's reports (监督人员 only)."""
    today = today or timezone.localdate()
    entries = [sent_back_to_me(user)]
    roots = list(
        Body.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR).order_by("name")
    )
    if not roots and not entries[0].count:
        return None
    if roots:
        entries.extend(_area_entries(roots, today))
    return Section("年报监督", entries)


def _area_entries(roots: list[Body], today: date) -> list[Entry]:
    year = today.year - 1  # the report of year N is due early in N+1
    below: list[Body] = []
    for root in roots:
        below.extend(b for b, depth in area_bodies(root, year=year) if depth > 0)
    ids = [b.pk for b in below]
    sources = sources_for(below, year)
    late, erring = [], []
    dues: dict[str, date] = {}
    sent_back = set(SendBack.objects.filter(body_id__in=ids, year=year).values_list("body_id", "source_id"))
    for body in below:
        if body.level not in dues:  # one rule per level: looked up once, not once per body
            dues[body.level] = due_date(body, year)
        due = dues[body.level]
        source = sources[body.pk]
        if state_of(source, due, today)[0] == State.OVERDUE:
            late.append((body, due))
        if (
            source is not None
            and source.is_published
            and source.error_count
            and (body.pk, source.id) not in sent_back
        ):
            erring.append((body, source.error_count))
    area = reverse("supervision:area", args=[roots[0].pk, year])
    pending = open_sendbacks(ids)
    since = timezone.now() - timedelta(days=RECENTLY_CORRECTED_DAYS)
    corrected = with_resolution(SendBack.objects.filter(body_id__in=ids)).filter(
        Q(imported_after__gte=since) | Q(published_after__gte=since)
    )
    corrections = reports_needing_correction(set(ids))
    return [
        Entry(
            f"逾期未发布{year}年度报告的下级机关",
            len(late),
            area + "?status=overdue",
            tuple(Line(b.name, area, f"应于 {due:%Y-%m-%d} 前发布") for b, due in late[:SHOWN]),
            urgent=True,
        ),
        Entry(
            f"已发布但有错误、尚未退回的下级{year}年度报告",
            len(erring),
            area,
            tuple(
                Line(b.name, reverse("supervision:report", args=[roots[0].pk, year, b.pk]), f"{n}项错误")
                for b, n in erring[:SHOWN]
            ),
        ),
        Entry(
            "已退回、待下级更正的年度报告",
            pending.count(),
            reverse("supervision:index"),
            tuple(
                Line(f"{s.body.display_name} {s.year}年度报告", _area(roots, s), f"退回意见：{s.comment}")
                for s in pending[:SHOWN]
            ),
        ),
        Entry(
            f"近{RECENTLY_CORRECTED_DAYS}日已更正的退回",
            corrected.count(),
            reverse("supervision:index"),
            tuple(
                Line(f"{s.body.display_name} {s.year}年度报告", _area(roots, s), "已重新报送")
                for s in corrected[:SHOWN]
            ),
        ),
        Entry(
            "发布后有更正、需出更正版的下级年报",
            corrections.count(),
            reverse("supervision:index"),
            tuple(
                Line(f"{a.body.display_name} {a.year}年度报告", reverse("supervision:index"))
                for a in corrections[:SHOWN]
            ),
        ),
    ]


def _sent_report(sendback: SendBack) -> str:
    """The body's own page of the report sent back, where the reason shows above it."""
    name = "yearbook:detail" if sendback.source_kind == SourceKind.ANNUAL else "reports:detail"
    return reverse(name, args=[sendback.source_id])


def _area(roots: list[Body], sendback: SendBack) -> str:
    """The area page of the send-back's year, where its row and the 退回记录 show its status."""
    return reverse("supervision:area", args=[roots[0].pk, sendback.year]) + "#sendbacks"


def sendback_notices(body: Body, year: int) -> list[ReportNotice]:
    """For the body's own report page: its open send-backs of that year, with their reasons."""
    return [
        ReportNotice(
            "上级已退回本年度报告，待更正",
            s.comment,
            f"{s.by or '上级机关'}，{timezone.localtime(s.at):%Y-%m-%d %H:%M}",
            reverse("supervision:tasks"),
        )
        for s in open_sendbacks([body.pk]).filter(year=year)
    ]
