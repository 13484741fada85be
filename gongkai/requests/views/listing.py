"""The staff list of requests, most urgent first, with filters and search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.requests.access import NOT_HANDLING, may_handle_requests, requests_for_staff
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import Applicant, Channel, Request
from gongkai.requests.rules.identity import mask_name
from gongkai.requests.rules.states import CONCLUDED, Status
from gongkai.web.auth import AuthedRequest
from gongkai.workdays.rules.calendar import WorkCalendar

PAGE_SIZE = 100
_PAUSED = (Status.CORRECTING, Status.CONSULTING)


@dataclass(frozen=True)
class Urgency:
    """Where a request stands against its deadline: what the badge says and how it sorts."""

    rank: tuple[int, int]
    label: str
    css: str  # overdue | soon | ok | paused | done

    @property
    def overdue(self) -> bool:
        return self.css == "overdue"


def urgency(r: Request, today: date, calendar: WorkCalendar) -> Urgency:
    """Overdue (most days late first), then by working days left, then paused, then concluded."""
    if r.is_concluded:
        return Urgency((4, 0), "已办结", "done")
    if r.status == Status.CORRECTING:
        return Urgency((2, 0), "期限中止（补正中）", "paused")
    if r.status == Status.CONSULTING:
        return Urgency((2, 0), "期限中止（征求意见中）", "paused")
    if r.received_on is None:
        return Urgency((1, 0), "待确认收到申请", "soon")
    if r.due_on is None:
        return Urgency((2, 0), "期限中止", "paused")
    if today > r.due_on:
        late = calendar.working_days_between(r.due_on, today)
        return Urgency((0, -late), f"已逾期{late}个工作日", "overdue")
    left = calendar.working_days_between(today, r.due_on)
    return Urgency((1, left), f"剩余{left}个工作日", "soon" if left <= 5 else "ok")


def shown_name(applicant: Applicant, name: str = "") -> str:
    """A person's name masked in lists; an organisation's name is not personal data. ``name``: the
    name on the application when it is not the applicant record's."""
    name = name or applicant.name
    return mask_name(name) if applicant.kind == "natural_person" else name


def filtered(qs: QuerySet[Request], params: dict[str, str]) -> QuerySet[Request]:
    if (status := params.get("status")) in Status.values:
        qs = qs.filter(status=status)
    if (year := params.get("year", "")).isdigit():
        qs = qs.filter(year=int(year))
    if (channel := params.get("channel")) in Channel.values:
        qs = qs.filter(channel=channel)
    if q := params.get("q", "").strip():
        match = (
            Q(subject__icontains=q)
            | Q(applicant__name__icontains=q)
            | Q(applicant_name__icontains=q)
            | Q(items__description__icontains=q)
        )
        if number := _number(q):
            match |= Q(year=number[0], seq=number[1])
        qs = qs.filter(match).distinct()
    return qs


def _number(text: str) -> tuple[int, int] | None:
    m = re.search(r"(\d{4})\D+(\d+)", text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def by_urgency(qs: QuerySet[Request]) -> QuerySet[Request]:
    """The order of ``urgency`` in SQL, so that paging never hides an overdue case: open cases by
    due date (unconfirmed receipts first, the most overdue next), then paused ones, then concluded."""
    group = Case(
        When(status__in=CONCLUDED, then=Value(4)),
        When(status__in=_PAUSED, then=Value(2)),
        When(received_on__isnull=False, due_on__isnull=True, then=Value(2)),
        default=Value(1),
    )
    return qs.annotate(urgency_group=group).order_by(
        "urgency_group", F("due_on").asc(nulls_first=True), F("concluded_on").desc(nulls_last=True), "pk"
    )


@require_GET
@login_required
def request_list(request: AuthedRequest) -> HttpResponse:
    if not may_handle_requests(request.user):
        raise PermissionDenied(NOT_HANDLING)
    params = {k: request.GET.get(k, "") for k in ("status", "year", "channel", "q", "overdue")}
    qs = filtered(requests_for_staff(request.user), params).select_related("applicant", "body")
    today, calendar = timezone.localdate(), actions.calendar()
    if params["overdue"]:
        qs = qs.exclude(status__in=[*CONCLUDED, *_PAUSED]).filter(due_on__lt=today)
    page = Paginator(by_urgency(qs), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(r, urgency(r, today, calendar)) for r in page.object_list]
    years = requests_for_staff(request.user).values_list("year", flat=True).distinct().order_by("-year")
    context = {
        "rows": [(r, u, shown_name(r.applicant, r.submitted_name)) for r, u in rows],
        "params": params,
        "statuses": Status.choices,
        "channels": Channel.choices,
        "years": list(years),
        "page": page,
    }
    return render(request, "requests/request_list.html", context)
