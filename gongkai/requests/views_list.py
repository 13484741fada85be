"""The staff list of requests, most urgent first, with filters and search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.workdays.calendar import WorkCalendar

from . import actions
from .access import requests_for_staff
from .identity import mask_name
from .models import Applicant, Channel, Request
from .states import Status

LIST_LIMIT = 500


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


def shown_name(applicant: Applicant) -> str:
    """A person's name masked in lists; an organisation's name is not personal data."""
    return mask_name(applicant.name) if applicant.kind == "natural_person" else applicant.name


def filtered(qs: QuerySet[Request], params: dict[str, str]) -> QuerySet[Request]:
    if (status := params.get("status")) in Status.values:
        qs = qs.filter(status=status)
    if (year := params.get("year", "")).isdigit():
        qs = qs.filter(year=int(year))
    if (channel := params.get("channel")) in Channel.values:
        qs = qs.filter(channel=channel)
    if q := params.get("q", "").strip():
        match = Q(subject__icontains=q) | Q(applicant__name__icontains=q) | Q(items__description__icontains=q)
        if number := _number(q):
            match |= Q(year=number[0], seq=number[1])
        qs = qs.filter(match).distinct()
    return qs


def _number(text: str) -> tuple[int, int] | None:
    m = re.search(r"(\d{4})\D+(\d+)", text)
    return (int(m.group(1)), int(m.group(2))) if m else None


@require_GET
@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("status", "year", "channel", "q", "overdue")}
    qs = filtered(requests_for_staff(request.user), params).select_related("applicant", "body")
    today, calendar = timezone.localdate(), actions.calendar()
    rows = [(r, urgency(r, today, calendar)) for r in qs[:LIST_LIMIT]]
    if params["overdue"]:
        rows = [(r, u) for r, u in rows if u.overdue]
    rows.sort(key=lambda pair: (pair[1].rank, pair[0].received_on or pair[0].arrived_on, pair[0].pk))
    years = requests_for_staff(request.user).values_list("year", flat=True).distinct().order_by("-year")
    context = {
        "rows": [(r, u, shown_name(r.applicant)) for r, u in rows],
        "params": params,
        "statuses": Status.choices,
        "channels": Channel.choices,
        "years": list(years),
        "truncated": qs.count() > LIST_LIMIT,
    }
    return render(request, "requests/request_list.html", context)
