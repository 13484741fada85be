"""Whether a year's arrangement, as an administrator entered it, can be published.

A published year replaces every other source for that year: a day it does not list follows the
week. So the list must be complete — every statutory holiday of 《全国年节及纪念日放假办法》 must
be a rest day in it, which catches a holiday line left out of the paste.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import holidays as holidays_lib

from gongkai.workdays.rules.calendar import PACKAGE_YEARS
from gongkai.workdays.rules.dates import WEEKDAYS, cn_date
from gongkai.workdays.rules.errors import CalendarError
from gongkai.workdays.rules.notice import MAKEUP_NAME, NoticeDay

YEARS = range(2000, 2101)


def check_year(year: int) -> None:
    if year not in YEARS:
        raise CalendarError(f"年份应在{YEARS.start}年至{YEARS.stop - 1}年之间")


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[date, str]:
    """The days off the 放假办法 itself fixes (no 调休, no 补假), as the ``holidays`` package computes them."""
    found = holidays_lib.China(years=year, language="zh_CN")
    return {
        d: name.replace("农历除夕", "除夕")
        for d, name in found.items()
        if not any(word in name for word in ("调休", "补假", "observed", "Observed"))
    }


def checked_arrangement(
    year: int, days: Iterable[tuple[date, bool, str]], *, force: bool = False
) -> list[NoticeDay]:
    """The days, named and sorted, or a CalendarError listing everything wrong with them."""
    check_year(year)
    if year in PACKAGE_YEARS and not force:
        raise CalendarError(
            f"{year}年的放假安排已随软件提供（国务院办公厅通知已收录），无需录入。"
            "确需更正时，请勾选“覆盖软件自带的安排”后再公布"
        )
    errors: list[str] = []
    seen: dict[date, NoticeDay] = {}
    for on, is_workday, name in days:
        entry = NoticeDay(on, bool(is_workday), name.strip() or (MAKEUP_NAME if is_workday else "休息日"))
        if on.year != year:
            errors.append(f"{cn_date(on)}不属于{year}年")
        elif on in seen:
            errors.append(f"{cn_date(on)}录入了不止一次")
        elif entry.is_workday and on.weekday() < 5:
            errors.append(
                f"{cn_date(on)}是{WEEKDAYS[on.weekday()]}，本来就是工作日；调休上班日应当是周六或周日"
            )
        seen[on] = entry
    if not any(not d.is_workday for d in seen.values()):
        errors.append(f"没有录入{year}年的任何放假日期")
    else:
        for on, name in sorted(statutory_holidays(year).items()):
            kept = seen.get(on)
            if kept is None or kept.is_workday:
                errors.append(
                    f"{cn_date(on)}是法定节假日（{name}），安排中却没有放假。是否漏掉了这个节日的一行？"
                )
    if errors:
        raise CalendarError(*errors)
    return sorted(seen.values())
