"""第二十六条: proactively disclosed information is published within 20 working days of being formed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.workdays.queries.calendar import current_calendar

PUBLISH_WITHIN_WORKING_DAYS = 20


@dataclass(frozen=True)
class Timeliness:
    due: date  # the 20th working day after the item was formed
    working_days: int  # working days from formed_on (exclusive) to published_on (inclusive)
    is_late: bool


def timeliness(formed_on: date, published_on: date) -> Timeliness:
    calendar = current_calendar()
    due = calendar.add_working_days(formed_on, PUBLISH_WITHIN_WORKING_DAYS).due
    days = calendar.working_days_between(formed_on, published_on)
    return Timeliness(due=due, working_days=days, is_late=published_on > due)
