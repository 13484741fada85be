"""Working days (工作日) on the State Council's holiday arrangement, and counting them (pure Python).

Sources, in order of authority:
1. days an administrator entered (the 国务院办公厅 notice of a year the package does not know yet,
   or a local extra rest day) — ``overrides``;
2. the ``chinesecalendar`` package, which carries each published arrangement with its weekend
   make-up workdays (调休上班) — years ``PACKAGE_YEARS``;
3. for a year neither knows: weekends plus the statutory holidays estimated by the ``holidays``
   package. Such a count is *provisional* and says so; it never raises and never passes silently
   for final (ogi-rules §7.4). Estimated breaks are shorter than real ones, so a provisional due
   date errs early, never late.

Counting (ogi-rules §7.2): the start day is not counted; the deadline is the n-th working day after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar
import holidays as holidays_lib
from chinese_calendar import constants

PACKAGE_YEARS = range(min(constants.holidays).year, max(constants.holidays).year + 1)

_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class Day:
    """What the calendar says of one date, and on whose authority."""

    on: date
    is_workday: bool
    name: str  # 春节, 周末, 调休上班, 工作日 …
    source: str  # "admin", "package", "estimate"

    @property
    def is_makeup_workday(self) -> bool:
        return self.is_workday and self.on.weekday() >= 5


@dataclass(frozen=True)
class Count:
    """The result of counting n working days after ``start``, with everything it crossed."""

    start: date
    days: int
    due: date
    skipped: tuple[Day, ...]  # non-working days passed over
    makeup: tuple[Day, ...]  # weekend days counted because they are 调休上班
    provisional_years: tuple[int, ...] = field(default=())

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def explain(self) -> str:
        """How it was counted, in the words a clerk uses."""
        text = f"自{_cn(self.start)}次日起算第{self.days}个工作日为{_cn(self.due)}"
        holidays = [d for d in self.skipped if d.name != "周末"]
        weekends = [d for d in self.skipped if d.name == "周末"]
        parts = []
        for name, group in _group_by_name(holidays):
            parts.append(f"{name}{_span(group)}")
        if weekends:
            parts.append(f"周末{len(weekends)}天")
        if parts:
            text += "；跳过非工作日：" + "、".join(parts)
        if self.makeup:
            text += "；调休上班日计入：" + "、".join(
                f"{_cn(d.on)}（{_WEEKDAY[d.on.weekday()]}）" for d in self.makeup
            )
        if self.provisional:
            years = "、".join(f"{y}年" for y in self.provisional_years)
            text += f"。注意：{years}的放假安排尚未公布，暂按周末和法定节假日估算，公布后将自动重算"
        return text + "。"


class WorkCalendar:
    """is_workday and add_working_days over the three sources above."""

    def __init__(
        self,
        overrides: Mapping[date, tuple[bool, str]] | None = None,
        published_years: Iterable[int] = (),
        *,
        makeup_counts: bool = True,
    ) -> None:
        self.overrides = dict(overrides or {})
        self.published_years = frozenset(published_years)
        # ogi-rules §7.1: counting 调休 weekend days as working days is the universal practice, a setting.
        self.makeup_counts = makeup_counts

    def knows(self, year: int) -> bool:
        return year in PACKAGE_YEARS or year in self.published_years

    def day(self, on: date) -> Day:
        if on in self.overrides:
            is_workday, name = self.overrides[on]
            return Day(on, is_workday, name or ("工作日" if is_workday else "休息日"), "admin")
        if on.year in self.published_years:
            # A published year: the administrator entered every rest day and make-up workday
            # of the notice; every other day follows the week.
            weekend = on.weekday() >= 5
            return Day(on, not weekend, "周末" if weekend else "工作日", "admin")
        if on.year in PACKAGE_YEARS:
            return _package_day(on, self.makeup_counts)
        return _estimated_day(on)

    def is_workday(self, on: date) -> bool:
        return self.day(on).is_workday

    def add_working_days(self, start: date, n: int) -> Count:
        """The n-th working day after ``start`` (start itself not counted)."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        skipped: list[Day] = []
        makeup: list[Day] = []
        unknown: set[int] = set()
        current, counted = start, 0
        while counted < n:
            current += timedelta(days=1)
            d = self.day(current)
            if d.source == "estimate":
                unknown.add(current.year)
            if d.is_workday:
                counted += 1
                if d.is_makeup_workday:
                    makeup.append(d)
            else:
                skipped.append(d)
        return Count(start, n, current, tuple(skipped), tuple(makeup), tuple(sorted(unknown)))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end ≤ start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            if self.is_workday(current):
                count += 1
        return count


@lru_cache(maxsize=8192)
def _package_day(on: date, makeup_counts: bool) -> Day:
    is_holiday, name = chinese_calendar.get_holiday_detail(on)
    if on in constants.workdays:
        return Day(on, makeup_counts, "调休上班" if makeup_counts else "周末", "package")
    if is_holiday:
        return Day(on, False, _HOLIDAY_NAMES.get(name or "", "周末") if name else "周末", "package")
    return Day(on, True, "工作日", "package")


@lru_cache(maxsize=4096)
def _estimated_holidays(year: int) -> dict[date, str]:
    found = holidays_lib.China(years=year, language="zh_CN")
    # Only the statutory days themselves; "observed"/in-lieu days are guesses on top of a guess.
    return {d: n for d, n in found.items() if not any(w in n.lower() for w in ("调休", "补假", "observed"))}


def _estimated_day(on: date) -> Day:
    name = _estimated_holidays(on.year).get(on)
    if name:
        return Day(on, False, name.replace("农历除夕", "春节"), "estimate")
    if on.weekday() >= 5:
        return Day(on, False, "周末", "estimate")
    return Day(on, True, "工作日", "estimate")


_WEEKDAY = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _group_by_name(days: list[Day]) -> list[tuple[str, list[Day]]]:
    groups: list[tuple[str, list[Day]]] = []
    for d in days:
        if groups and groups[-1][0] == d.name and (d.on - groups[-1][1][-1].on).days <= 3:
            groups[-1][1].append(d)
        else:
            groups.append((d.name, [d]))
    return groups


def _span(days: list[Day]) -> str:
    first, last = days[0].on, days[-1].on
    if first == last:
        return f"{first.month}月{first.day}日"
    return f"{first.month}月{first.day}日至{last.month}月{last.day}日（{len(days)}天）"
