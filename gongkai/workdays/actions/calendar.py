"""Every change to the holiday calendar goes through one of these functions.

Each checks the permission (``access.py``), runs in one transaction, writes a ``CalendarChange``
for each year and day it touches (before → after, as the calendar in force described them), and
last calls ``hooks.calendar_changed(actor, years)`` so that deadlines computed on the old calendar
can be recomputed. ``actor=None`` is the system itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from gongkai.workdays.access import require_calendar_admin
from gongkai.workdays.actions import hooks
from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear
from gongkai.workdays.queries.calendar import build_calendar, current_calendar
from gongkai.workdays.rules.arrangement import check_year, checked_arrangement
from gongkai.workdays.rules.calendar import PACKAGE_YEARS
from gongkai.workdays.rules.dates import cn_date
from gongkai.workdays.rules.errors import CalendarError
from gongkai.workdays.rules.labels import describe_day

__all__ = ["CalendarError", "clear_day", "publish_year", "set_day", "unpublish_year"]

Actor = AuthUser | None


@transaction.atomic
def set_day(
    *,
    actor: Actor,
    on: date,
    is_workday: bool,
    name: str,
    source: str,
    reason: str,
    region_note: str = "",
) -> CalendarDay:
    """Fix one date: a local extra rest day (地方放假), or a correction of a single day."""
    require_calendar_admin(actor)
    check_year(on.year)
    name, reason = name.strip(), reason.strip()
    errors = []
    if not name:
        errors.append("请填写这一天的名称，例如“春节”“调休上班”“地方放假”")
    if not reason:
        errors.append("请填写修改理由")
    if errors:
        raise CalendarError(*errors)

    before = describe_day(current_calendar().day(on))
    day, _ = CalendarDay.objects.update_or_create(
        on=on,
        defaults={
            "is_workday": is_workday,
            "name": name,
            "source": source.strip(),
            "region_note": region_note.strip(),
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    after = describe_day(build_calendar().day(on))
    _log(actor, CalendarChange.Kind.DAY_SET, on.year, before, after, reason, on=on)
    hooks.calendar_changed(actor, (on.year,))
    return day


@transaction.atomic
def clear_day(*, actor: Actor, on: date, reason: str) -> None:
    """Remove what an administrator fixed for one date; the year's arrangement or the package decides again."""
    require_calendar_admin(actor)
    if not reason.strip():
        raise CalendarError("请填写修改理由")
    day = CalendarDay.objects.select_for_update().filter(on=on).first()
    if day is None:
        raise CalendarError(f"{cn_date(on)}没有管理员录入的设定")
    before = describe_day(current_calendar().day(on))
    day.delete()
    after = describe_day(build_calendar().day(on))
    _log(actor, CalendarChange.Kind.DAY_CLEARED, on.year, before, after, reason.strip(), on=on)
    hooks.calendar_changed(actor, (on.year,))


@transaction.atomic
def publish_year(
    *,
    actor: Actor,
    year: int,
    notice: str,
    days: Iterable[tuple[date, bool, str]],
    source_url: str = "",
    force: bool = False,
) -> CalendarYear:
    """Enter a year's whole arrangement from the 国务院办公厅 notice: every rest day and make-up workday.

    From then on the year is final (not provisional); a date the arrangement does not list follows
    the week. Publishing a year again replaces its earlier arrangement. A year the package already
    carries needs ``force`` (to correct it).
    """
    require_calendar_admin(actor)
    entries = checked_arrangement(year, days, force=force)
    notice = notice.strip()
    if not notice:
        raise CalendarError("请填写国务院办公厅通知的文号或标题，例如：国办发明电〔2026〕X号")

    calendar = current_calendar()
    record = CalendarYear.objects.select_for_update().filter(year=year).first()
    year_before = _year_state(record, year)
    earlier = {d.on: d for d in record.days.all()} if record is not None else {}
    listed = {entry.on for entry in entries}
    touched = sorted(listed | earlier.keys())
    before = {on: describe_day(calendar.day(on)) for on in touched}

    now = timezone.now()
    record = record or CalendarYear(year=year)
    record.published = True
    record.notice = notice
    record.source_url = source_url.strip()
    record.published_by = actor
    record.published_at = now
    record.save()
    for on, old in earlier.items():
        if on not in listed:
            old.delete()
    for entry in entries:
        CalendarDay.objects.update_or_create(
            on=entry.on,
            defaults={
                "is_workday": entry.is_workday,
                "name": entry.name,
                "source": notice,
                "region_note": "",
                "published_with": record,
                "entered_by": actor,
                "entered_at": now,
            },
        )

    after = build_calendar()
    _log(
        actor,
        CalendarChange.Kind.YEAR_PUBLISHED,
        year,
        year_before,
        f"已公布：{notice}",
        _basis(notice, source_url),
    )
    for on in touched:
        kind = CalendarChange.Kind.DAY_SET if on in listed else CalendarChange.Kind.DAY_CLEARED
        _log(actor, kind, year, before[on], describe_day(after.day(on)), notice, on=on)
    hooks.calendar_changed(actor, (year,))
    return record


@transaction.atomic
def unpublish_year(*, actor: Actor, year: int, reason: str) -> CalendarYear:
    """Withdraw a year's arrangement: its days are removed, the package or the estimate decides again."""
    require_calendar_admin(actor)
    if not reason.strip():
        raise CalendarError("请填写撤销理由")
    record = CalendarYear.objects.select_for_update().filter(year=year, published=True).first()
    if record is None:
        raise CalendarError(f"{year}年的放假安排没有由管理员公布，无需撤销")

    calendar = current_calendar()
    days = list(record.days.order_by("on"))
    before = {d.on: describe_day(calendar.day(d.on)) for d in days}
    year_before = _year_state(record, year)
    for d in days:
        d.delete()
    record.published = False
    record.save(update_fields=["published"])

    after = build_calendar()
    _log(
        actor,
        CalendarChange.Kind.YEAR_UNPUBLISHED,
        year,
        year_before,
        _year_state(record, year),
        reason.strip(),
    )
    for on, text in before.items():
        _log(
            actor,
            CalendarChange.Kind.DAY_CLEARED,
            year,
            text,
            describe_day(after.day(on)),
            reason.strip(),
            on=on,
        )
    hooks.calendar_changed(actor, (year,))
    return record


def _year_state(record: CalendarYear | None, year: int) -> str:
    if record is not None and record.published:
        return f"已公布：{record.notice}"
    if year in PACKAGE_YEARS:
        return "软件自带的国务院安排"
    return "尚未公布，按估算"


def _basis(notice: str, source_url: str) -> str:
    return f"{notice}（{source_url.strip()}）" if source_url.strip() else notice


def _log(
    actor: Actor,
    kind: CalendarChange.Kind,
    year: int,
    before: str,
    after: str,
    reason: str,
    *,
    on: date | None = None,
) -> None:
    CalendarChange.objects.create(
        actor=actor, kind=kind, year=year, on=on, before=before, after=after, reason=reason
    )
