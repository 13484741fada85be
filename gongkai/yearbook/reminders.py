"""Due-date reminders: from 1 January of year+1 until the report of the year is published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.bodies.models import Body

from .checking import due_date
from .models import AnnualReport, Status


@dataclass(frozen=True)
class Reminder:
    body: Body
    year: int
    due: date
    days_left: int

    @property
    def text(self) -> str:
        head = f"{self.body.name}{self.year}年政府信息公开工作年度报告"
        if self.days_left < 0:
            return f"{head}应于{self.due:%Y年%-m月%-d日}前发布，已逾期{-self.days_left}天。"
        return f"{head}应于{self.due:%Y年%-m月%-d日}前发布，还剩{self.days_left}天。"


def reminders(bodies: list[Body], today: date) -> list[Reminder]:
    """A reminder per body whose report of last year is not yet published (shown from 1 January)."""
    year = today.year - 1
    published = set(
        AnnualReport.objects.filter(body__in=bodies, year=year, status=Status.PUBLISHED).values_list(
            "body_id", flat=True
        )
    )
    out = []
    for body in bodies:
        if body.pk in published:
            continue
        due = due_date(body, year)
        out.append(Reminder(body, year, due, (due - today).days))
    return out
