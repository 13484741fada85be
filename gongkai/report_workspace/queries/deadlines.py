"""Where each body stands against the publication deadline of its annual report (31 January): what the
workspace's banner, the home page (待办) and the reminders (tasks/reminders.py) all say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.bodies.models import Body
from gongkai.report_workspace.models import AnnualReport, Status, YearReminderMail
from gongkai.report_workspace.queries.checking import due_date

Stage = YearReminderMail.Stage
# (month, day) in January of year+1 from which each stage is due, latest first.
STAGE_STARTS: tuple[tuple[Stage, int], ...] = ((Stage.JAN_25, 25), (Stage.JAN_15, 15), (Stage.JAN_1, 1))


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

    @property
    def stage(self) -> Stage:
        """The reminder stage of today: overdue after the due date, else the latest January stage."""
        if self.days_left < 0:
            return Stage.OVERDUE
        day = self.due - timedelta(days=self.days_left)
        for stage, start in STAGE_STARTS:
            if day >= date(self.year + 1, 1, start):
                return stage
        return Stage.JAN_1

    @property
    def subject(self) -> str:
        tag = "【年度报告已逾期】" if self.days_left < 0 else "【年度报告发布提醒】"
        return f"{tag}{self.body.name}{self.year}年政府信息公开工作年度报告"


def reminders(bodies: list[Body], today: date) -> list[Reminder]:
    """A reminder per body whose report of last year is not yet published (shown from 1 January); a
    body founded after that year (成立日期) owes no report for it."""
    year = today.year - 1
    bodies = [b for b in bodies if b.founded_on is None or b.founded_on.year <= year]
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
