"""A clerk's requests on the home page (待办): overdue and due soon, receipts to confirm, 补正 waiting,
letters to deliver; and for a 管理员, letter settings still missing (复议机关、人民法院)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.bodies.queries.worklist import administered
from gongkai.requests.models import Letter, LetterKind, LetterSettings, Request
from gongkai.requests.rules.states import CLOCK_RUNNING, Status
from gongkai.web.worklist import SHOWN, Entry, Line, Section
from gongkai.workdays.queries.calendar import current_calendar

Role = StaffMembership.Role
# Working days before its due date from which a case counts as due soon (the list marks it so too).
DUE_SOON_DAYS = 5


def _bodies(user: AuthUser, *roles: str) -> QuerySet[Body]:
    return Body.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def _requests_list(**params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("requests:list") + (f"?{query}" if query else "")


def _case_lines(cases: QuerySet[Request], note) -> tuple[Line, ...]:
    return tuple(
        Line(f"{r.number} {r.subject}", reverse("requests:detail", args=[r.pk]), note(r))
        for r in cases.select_related("body")[:SHOWN]
    )


def _due(r: Request) -> str:
    if not r.due_on:
        return ""
    regime = r.earlier_regime
    return f"答复期限 {r.due_on:%Y-%m-%d}" + (f"（{regime.label}）" if regime else "")


def requests_section(user: AuthUser, today: date | None = None) -> Section | None:
    """The clerk's (经办人's) cases that need a step; None for someone who is no clerk anywhere."""
    bodies = _bodies(user, Role.CLERK)
    if not bodies.exists():
        return None
    today = today or timezone.localdate()
    soon = current_calendar().add_working_days(today, DUE_SOON_DAYS).due
    mine = Request.objects.filter(body__in=bodies)
    running = mine.filter(status__in=CLOCK_RUNNING, received_on__isnull=False, due_on__isnull=False)
    overdue = running.filter(due_on__lt=today).order_by("due_on", "pk")
    due_soon = running.filter(due_on__gte=today, due_on__lte=soon).order_by("due_on", "pk")
    unconfirmed = mine.filter(status=Status.REGISTERED, received_on__isnull=True).order_by("arrived_on", "pk")
    correcting = mine.filter(status=Status.CORRECTING).order_by("updated_at", "pk")
    letters = (
        Letter.objects.filter(request__body__in=bodies, delivered_on__isnull=True)
        .exclude(kind=LetterKind.CONSULTATION)
        .select_related("request")
        .order_by("created_at", "pk")
    )
    return Section(
        "依申请公开",
        [
            Entry(
                "已超过答复期限的申请",
                overdue.count(),
                _requests_list(overdue="1"),
                _case_lines(overdue, _due),
                urgent=True,
            ),
            Entry(
                f"{DUE_SOON_DAYS}个工作日内到期的申请",
                due_soon.count(),
                _requests_list(),
                _case_lines(due_soon, _due),
            ),
            Entry(
                "待确认收到的申请（网上、信函等）",
                unconfirmed.count(),
                _requests_list(status=Status.REGISTERED),
                _case_lines(unconfirmed, lambda r: f"收件 {r.arrived_on:%Y-%m-%d}"),
            ),
            Entry(
                "补正中：等待申请人补正",
                correcting.count(),
                _requests_list(status=Status.CORRECTING),
                _case_lines(correcting, lambda r: ""),
            ),
            Entry(
                "待记录送达的文书",
                letters.count(),
                _requests_list(status=Status.REPLIED),
                tuple(
                    Line(
                        f"{letter.request.number} {letter.get_kind_display()}",
                        reverse("requests:detail", args=[letter.request_id]) + "#letters",
                        f"制作于 {timezone.localtime(letter.created_at):%Y-%m-%d}",
                    )
                    for letter in letters[:SHOWN]
                ),
            ),
        ],
    )


def letter_settings_missing(user: AuthUser) -> Entry | None:
    """For a 管理员: the bodies whose letters would name no 复议机关 or 人民法院 (a letter is refused)."""
    bodies = administered(user)
    if not bodies.exists():
        return None
    complete = LetterSettings.objects.exclude(review_organ="").exclude(court="").values("body_id")
    missing = list(bodies.exclude(pk__in=complete).order_by("name")[: SHOWN + 1])
    count = bodies.exclude(pk__in=complete).count()
    return Entry(
        "文书设置不完整（缺行政复议机关或人民法院）",
        count,
        reverse("requests:letter_templates"),
        tuple(
            Line(b.name, reverse("requests:letter_settings", args=[b.pk]), "答复书无法制作")
            for b in missing[:SHOWN]
        ),
        urgent=True,
    )
