"""Reply-deadline reminders: 5 working days before, 1 working day before, and overdue.

``due_reminders(today)`` is a pure reading of the open requests; ``send_due_reminders`` turns each
into a notice (bodies.Notification, e-mailed to those with an address) for the body's 经办人 (its
管理员 when it has none), once per request, kind and due date (``SentReminder``) — so it may run as
often as one likes: Celery beat runs it every hour (gongkai/queue/schedule.py), ``gongkai remind`` by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.bodies.actions.notices import clerks_of, notify
from gongkai.requests.actions.cases import case_link
from gongkai.requests.models import Request
from gongkai.requests.models.notifications import ReminderKind, SentReminder
from gongkai.requests.rules.states import CLOCK_RUNNING

log = logging.getLogger(__name__)

SOON_DAYS = 5
TOMORROW_DAYS = 1
# 5 working days never span more than this many calendar days (the longest holiday is 8 or 9 days).
_HORIZON = timedelta(days=31)


@dataclass(frozen=True)
class Reminder:
    request: Request
    kind: ReminderKind
    due_on: date
    days_left: int  # working days after today up to the due date; 0 when due today or overdue

    @property
    def subject(self) -> str:
        r = self.request
        if self.kind == ReminderKind.OVERDUE:
            return f"【已超期】{r.number}申请已超过答复期限（{self.due_on:%Y年%m月%d日}）"
        return f"【期限提醒】{r.number}申请{self.when}到期（{self.due_on:%Y年%m月%d日}）"

    @property
    def when(self) -> str:
        return "今天" if self.days_left == 0 else f"还有{self.days_left}个工作日"

    @property
    def message(self) -> str:
        r = self.request
        state = (
            "已超过答复期限，请尽快答复" if self.kind == ReminderKind.OVERDUE else f"距答复期限{self.when}"
        )
        estimate = "（期限含估算的节假日安排，以公布为准）" if r.due_provisional else ""
        regime = f"（{r.earlier_regime.label}）" if r.earlier_regime else ""
        return (
            f"{r.body.name}\n申请编号：{r.number}\n所需信息：{r.subject}\n"
            f"答复期限：{self.due_on:%Y年%m月%d日}{regime}{estimate}\n{state}。"
        )


def classify(days_left: int, overdue: bool) -> ReminderKind | None:
    """Which reminder is due: the most urgent window the request is in, or none."""
    if overdue:
        return ReminderKind.OVERDUE
    if days_left <= TOMORROW_DAYS:
        return ReminderKind.DUE_TOMORROW
    if days_left <= SOON_DAYS:
        return ReminderKind.DUE_SOON
    return None


def _calendar():
    from gongkai.workdays.queries.calendar import current_calendar

    return current_calendar()


def due_reminders(today: date) -> list[Reminder]:
    """Open requests whose reply clock runs and whose due date is at most 5 working days away or past.

    A request that went through the windows unseen (the job did not run) gets only the most urgent
    reminder, not the ones it missed.
    """
    cal = _calendar()
    open_ = (
        Request.objects.filter(status__in=[s.value for s in CLOCK_RUNNING], due_on__lte=today + _HORIZON)
        .exclude(received_on__isnull=True)
        .select_related("body")
        .order_by("due_on", "pk")
    )
    found = []
    for request in open_:
        due = request.due_on
        assert due is not None  # due_on__lte above
        overdue = today > due
        days_left = 0 if overdue else cal.working_days_between(today, due)
        kind = classify(days_left, overdue)
        if kind is not None:
            found.append(Reminder(request, kind, due, days_left))
    return found


def recipients(request: Request) -> list:
    """The case's 经办人: every active clerk of its body (its 管理员 when it has none)."""
    return clerks_of(request.body_id)


def send_due_reminders(today: date | None = None) -> int:
    """Notify (and e-mail) the clerks of every due reminder not sent before; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for reminder in due_reminders(today):
        try:
            with transaction.atomic():
                _, created = SentReminder.objects.get_or_create(
                    request=reminder.request, kind=reminder.kind, due_on=reminder.due_on
                )
                if not created:
                    continue
                r = reminder.request
                notify(
                    recipients(r),
                    kind=reminder.kind.value,
                    text=reminder.message,
                    link=case_link(r),
                    body=r.body,
                    key=f"request:{r.pk}:{reminder.kind.value}:{reminder.due_on.isoformat()}",
                    subject=reminder.subject,
                )
        except IntegrityError:  # another process sent it at the same moment
            continue
        sent += 1
    return sent
