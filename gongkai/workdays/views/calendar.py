"""The calendar pages: everyone logged in reads; only calendar administrators change (``access.py``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.web.auth import AuthedRequest
from gongkai.workdays.access import can_change_calendar, require_calendar_admin
from gongkai.workdays.actions import calendar as actions
from gongkai.workdays.forms.calendar import ClearDayForm, DayForm, DeadlineForm, PublishForm, UnpublishForm
from gongkai.workdays.models import CalendarChange, CalendarYear
from gongkai.workdays.queries.calendar import current_calendar
from gongkai.workdays.queries.grid import KIND_LABELS, reminder, special_days, year_grid, year_states
from gongkai.workdays.rules.arrangement import YEARS, checked_arrangement
from gongkai.workdays.rules.dates import WEEKDAYS, cn_date
from gongkai.workdays.rules.errors import CalendarError
from gongkai.workdays.rules.notice import ParsedNotice, parse_notice


@require_GET
@login_required
def calendar_page(request: AuthedRequest) -> HttpResponse:
    return _calendar_page(request, _year_from(request))


@require_POST
@login_required
def set_day(request: AuthedRequest) -> HttpResponse:
    require_calendar_admin(request.user)
    form = DayForm(request.POST)
    year = _year_from(request)
    if not form.is_valid():
        return _calendar_page(request, year, day_form=form, status=400)
    on = form.cleaned_data["on"]
    try:
        actions.set_day(
            actor=request.user,
            on=on,
            is_workday=form.is_workday,
            name=form.cleaned_data["name"],
            source=form.cleaned_data["source"],
            region_note=form.cleaned_data["region_note"],
            reason=form.cleaned_data["reason"],
        )
    except CalendarError as e:
        for message in e.messages:
            form.add_error(None, message)
        return _calendar_page(request, year, day_form=form, status=400)
    messages.success(request, f"已保存{cn_date(on)}的设定。")
    return _back_to(on.year)


@require_POST
@login_required
def clear_day(request: AuthedRequest) -> HttpResponse:
    require_calendar_admin(request.user)
    form = ClearDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "取消设定时请填写理由。")
        return _back_to(_year_from(request))
    on = form.cleaned_data["on"]
    try:
        actions.clear_day(actor=request.user, on=on, reason=form.cleaned_data["reason"])
    except CalendarError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已取消{cn_date(on)}的设定。")
    return _back_to(on.year)


@require_POST
@login_required
def publish(request: AuthedRequest) -> HttpResponse:
    """First a preview of the days read from the notice; the confirm button posts the same text again."""
    require_calendar_admin(request.user)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _preview(request, form, None, status=400)
    form = form.filled_in()
    data = form.cleaned_data
    parsed = parse_notice(data["text"], data["year"])
    if not parsed.errors:
        try:
            checked_arrangement(data["year"], parsed.days, force=data["force"])
        except CalendarError as e:
            parsed.errors += e.messages
    if parsed.errors or request.POST.get("step") != "confirm":
        return _preview(request, form, parsed, status=400 if parsed.errors else 200)
    try:
        actions.publish_year(
            actor=request.user,
            year=data["year"],
            notice=data["notice"],
            days=parsed.days,
            source_url=data["source_url"],
            force=data["force"],
        )
    except CalendarError as e:
        return _preview(request, form, parsed, errors=e.messages, status=400)
    messages.success(
        request, f"已公布{data['year']}年的放假安排（{data['notice']}），共录入{len(parsed.days)}天。"
    )
    return _back_to(data["year"])


@require_POST
@login_required
def unpublish(request: AuthedRequest, year: int) -> HttpResponse:
    require_calendar_admin(request.user)
    form = UnpublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "撤销时请填写理由。")
        return _back_to(year)
    try:
        actions.unpublish_year(actor=request.user, year=year, reason=form.cleaned_data["reason"])
    except CalendarError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已撤销{year}年的放假安排。")
    return _back_to(year)


@require_GET
@login_required
def deadline(request: AuthedRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    count = None
    if form.is_valid():
        count = current_calendar().add_working_days(form.cleaned_data["start"], form.cleaned_data["days"])
    context = {"form": form, "count": count, "due": cn_date(count.due, with_weekday=True) if count else ""}
    return render(request, "workdays/deadline.html", context, status=400 if form.errors else 200)


def _calendar_page(
    request: AuthedRequest, year: int, *, day_form: DayForm | None = None, status: int = 200
) -> HttpResponse:
    calendar = current_calendar()
    today = timezone.localdate()
    shown = {year - 1, year, year + 1, today.year, today.year + 1}
    shown |= set(CalendarYear.objects.filter(published=True).values_list("year", flat=True))
    record = CalendarYear.objects.filter(year=year, published=True).first()
    context: dict[str, Any] = {
        "year": year,
        "previous_year": year - 1 if year - 1 in YEARS else None,
        "next_year": year + 1 if year + 1 in YEARS else None,
        "months": year_grid(calendar, year),
        "weekdays": WEEKDAYS,
        "kind_labels": KIND_LABELS,
        "special_days": special_days(calendar, year),
        "states": year_states(calendar, shown),
        "provisional": not calendar.knows(year),
        "record": record,
        "reminder": reminder(calendar, today),
        "can_change": can_change_calendar(request.user),
        "day_form": day_form or DayForm(),
        "publish_form": PublishForm(),
        "changes": CalendarChange.objects.filter(year=year).select_related("actor")[:30],
    }
    return render(request, "workdays/calendar.html", context, status=status)


def _preview(
    request: AuthedRequest,
    form: PublishForm,
    parsed: ParsedNotice | None,
    *,
    errors: list[str] | None = None,
    status: int,
) -> HttpResponse:
    context = {"form": form, "parsed": parsed, "errors": errors or (parsed.errors if parsed else [])}
    return render(request, "workdays/publish_preview.html", context, status=status)


def _year_from(request: AuthedRequest) -> int:
    raw = (request.GET.get("year") or request.POST.get("year") or "").strip()
    if not raw:
        return timezone.localdate().year
    if not raw.isdigit() or int(raw) not in YEARS:
        raise Http404("年份超出范围")
    return int(raw)


def _back_to(year: int) -> HttpResponse:
    return redirect(f"{reverse('workdays:calendar')}?year={year}")
