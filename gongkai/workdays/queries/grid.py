"""What the calendar page shows: a year as twelve month grids, the state of each year, the special days."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.rules.calendar import PACKAGE_YEARS, Day, WorkCalendar
from gongkai.workdays.rules.dates import WEEKDAYS, cn_date
from gongkai.workdays.rules.labels import SOURCE_LABELS

KIND_LABELS = {
    "workday": "工作日",
    "weekend": "周末",
    "holiday": "节假日",
    "makeup": "调休上班",
}


@dataclass(frozen=True)
class Cell:
    day: Day

    @property
    def on(self) -> date:
        return self.day.on

    @property
    def kind(self) -> str:
        if self.day.is_workday:
            return "makeup" if self.day.is_makeup_workday else "workday"
        return "weekend" if self.day.name == "周末" else "holiday"

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.on.weekday()]

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.day.source]

    @property
    def title(self) -> str:
        """The tooltip: 2026年2月15日（周日）春节 · 休息 · 国务院安排."""
        kind = "上班" if self.day.is_workday else "休息"
        return f"{cn_date(self.on, with_weekday=True)}{self.day.name} · {kind} · {self.source_label}"


@dataclass(frozen=True)
class Month:
    number: int
    weeks: list[list[Cell | None]]  # Monday first; None pads the first and last week


@dataclass(frozen=True)
class SpecialDay:
    cell: Cell
    entry: CalendarDay | None  # what an administrator entered for the date, if anything


@dataclass(frozen=True)
class YearState:
    year: int
    label: str
    provisional: bool
    record: CalendarYear | None


def year_grid(calendar: WorkCalendar, year: int) -> list[Month]:
    months = []
    for number in range(1, 13):
        weeks = [
            [Cell(calendar.day(on)) if on.month == number else None for on in week]
            for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, number)
        ]
        months.append(Month(number, weeks))
    return months


def special_days(calendar: WorkCalendar, year: int) -> list[SpecialDay]:
    """Holidays, make-up workdays and every date an administrator entered, in date order."""
    entries = {d.on: d for d in CalendarDay.objects.filter(on__year=year).select_related("entered_by")}
    found = []
    on = date(year, 1, 1)
    while on.year == year:
        cell = Cell(calendar.day(on))
        if cell.kind in ("holiday", "makeup") or on in entries:
            found.append(SpecialDay(cell, entries.get(on)))
        on += timedelta(days=1)
    return found


def year_states(calendar: WorkCalendar, years: Iterable[int]) -> list[YearState]:
    wanted = sorted(set(years))
    records = {r.year: r for r in CalendarYear.objects.filter(year__in=wanted).select_related("published_by")}
    states = []
    for year in wanted:
        record = records.get(year)
        if record is not None and record.published:
            label = f"已公布（管理员录入：{record.notice}）"
        elif year in PACKAGE_YEARS:
            label = "已公布（国务院安排，软件自带）"
        else:
            label = "尚未公布，按周末和法定节假日估算"
        states.append(YearState(year, label, not calendar.knows(year), record))
    return states


def reminder(calendar: WorkCalendar, today: date) -> str:
    """From October on, until next year's arrangement is entered (ogi-rules §7.4.2)."""
    if not calendar.knows(today.year):
        return f"{today.year}年的放假安排尚未录入，本年的期限目前按估算计算。请管理员尽快录入国务院办公厅的通知。"
    if today.month >= 10 and not calendar.knows(today.year + 1):
        return (
            f"{today.year + 1}年的放假安排尚未录入。国务院办公厅的通知通常在第四季度发布，"
            f"发布后请管理员及时录入；在此之前跨入{today.year + 1}年的期限按估算计算。"
        )
    return ""
