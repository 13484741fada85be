"""The calendar in force: the package's data under the days and years stored in the database.

``current_calendar()`` is what every deadline computation should use. Building it reads every
stored day, so the result is kept in this process and rebuilt only when the calendar changed. Every
change writes a ``CalendarChange`` row (``actions.py``), so the latest row — its id and stamp — is the
calendar's version: one cheap query per call tells whether the cached calendar is still good, in this
process or after another process (a second web worker, a management command) changed the calendar.
The row's random ``stamp`` is part of the key because SQLite may hand out a rolled-back id again.

Store ``calendar_version()`` (or ``versioned_calendar().version``) with a computed deadline to show
later which calendar it was computed on (ogi-rules §7.4.4).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.conf import settings

from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear
from gongkai.workdays.rules.calendar import WorkCalendar


@dataclass(frozen=True)
class VersionedCalendar:
    version: int  # id of the latest CalendarChange; 0 before any change
    calendar: WorkCalendar


_CacheKey = tuple[int, UUID | None, bool]

_lock = threading.Lock()
_cached: tuple[_CacheKey, VersionedCalendar] | None = None


def makeup_days_count() -> bool:
    """ogi-rules §7.1: weekend 调休上班 days count as working days unless the setting says otherwise."""
    return bool(getattr(settings, "GONGKAI_MAKEUP_WORKDAYS_COUNT", True))


def calendar_version() -> int:
    """The id of the latest calendar change (0 when the package data is used unchanged)."""
    return _latest_change()[0]


def versioned_calendar() -> VersionedCalendar:
    """The calendar in force and its version, rebuilt from the database only when it changed."""
    global _cached
    version, stamp = _latest_change()
    key: _CacheKey = (version, stamp, makeup_days_count())
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    built = VersionedCalendar(version, build_calendar())
    with _lock:
        _cached = (key, built)
    return built


def current_calendar() -> WorkCalendar:
    return versioned_calendar().calendar


def _latest_change() -> tuple[int, UUID | None]:
    latest = CalendarChange.objects.order_by("-pk").values_list("pk", "stamp").first()
    return latest if latest is not None else (0, None)


def build_calendar() -> WorkCalendar:
    """The calendar as the database has it now, without the cache (actions use it mid-transaction)."""
    makeup_counts = makeup_days_count()
    overrides: dict[date, tuple[bool, str]] = {}
    for on, is_workday, name in CalendarDay.objects.values_list("on", "is_workday", "name"):
        if is_workday and on.weekday() >= 5 and not makeup_counts:
            # the setting applies to make-up days an administrator entered as to the package's
            is_workday, name = False, "周末"
        overrides[on] = (is_workday, name)
    published = CalendarYear.objects.filter(published=True).values_list("year", flat=True)
    return WorkCalendar(overrides, published_years=list(published), makeup_counts=makeup_counts)
