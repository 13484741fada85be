"""Due-date reminders: from 1 January of year+1 until the report of the year is published.

``queries.deadlines.reminders`` is what the workspace shows (a banner) and the home page lists;
``send_year_reminders`` also puts it among the
notices of the body's staff (the 待办 badge) and e-mails those who have an e-mail address, once per
stage — 1 January, 15 January, 25 January, and once overdue — recorded in ``YearReminderMail`` so that
running it again (Celery beat every hour, the ``gongkai remind`` command) never sends the same stage
twice. A stage missed
because the job did not run is not sent late: only the current stage is; the overdue one only in the
month after the due date.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions.notices import notify, staff_with_roles
from gongkai.bodies.models import Body, NoticeKind, StaffMembership
from gongkai.report_workspace.models import YearReminderMail
from gongkai.report_workspace.queries.deadlines import Reminder, reminders

log = logging.getLogger(__name__)

# The overdue e-mail goes out within this many days after the due date; later in the year a first
# reminder mail would only be noise (the supervision pages list the late bodies).
OVERDUE_MAIL_DAYS = 31
MAIL_ROLES = (
    StaffMembership.Role.CLERK,
    StaffMembership.Role.REVIEWER,
    StaffMembership.Role.LEADER,
    StaffMembership.Role.ADMIN,
)


def mail_recipients(body: Body) -> list[str]:
    """The e-mail addresses of the body's active staff (经办人、审核人、分管领导、管理员), once each."""
    emails = (
        StaffMembership.objects.filter(body=body, role__in=MAIL_ROLES, user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return list(emails)


def send_year_reminders(today: date | None = None) -> int:
    """E-mail the due-date reminder of every body whose last year's report is unpublished, once per
    stage; returns how many reminders (body and stage) were sent."""
    today = today or timezone.localdate()
    bodies = list(Body.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today)).order_by("pk"))
    sent = 0
    for reminder in reminders(bodies, today):
        if reminder.days_left < -OVERDUE_MAIL_DAYS:
            continue
        stage = reminder.stage
        _notice(reminder, stage)
        if YearReminderMail.objects.filter(body=reminder.body, year=reminder.year, stage=stage).exists():
            continue
        emails = mail_recipients(reminder.body)
        if not emails:
            continue  # nobody to write to yet: tried again next run, once someone has an address
        try:
            with transaction.atomic():
                YearReminderMail.objects.create(
                    body=reminder.body, year=reminder.year, stage=stage, due=reminder.due, recipients=emails
                )
                transaction.on_commit(lambda r=reminder, to=emails: _mail(r, to))  # type: ignore[misc]
        except IntegrityError:  # another process sent it at the same moment
            continue
        sent += 1
    return sent


def _notice(reminder: Reminder, stage: str) -> None:
    """The same reminder in the app (the 待办 badge) for every member of staff of the body, address or
    not, once per stage (the notice's key); the e-mail goes the way above, once per body and stage."""
    notify(
        staff_with_roles(reminder.body, MAIL_ROLES),
        kind=NoticeKind.REPORT_DUE,
        text=f"{reminder.text}请在“年报工作台”中编制、核查并发布。",
        link=reverse("yearbook:list"),
        body=reminder.body,
        key=f"yearbook:{reminder.body.pk}:{reminder.year}:{stage}",
        mail=False,
    )


def _mail(reminder: Reminder, emails: list[str]) -> None:
    message = f"{reminder.text}\n请登录政务公开工作平台，在“年度报告”中编制、核查并发布。"
    for email in emails:
        try:
            send_mail(reminder.subject, message, settings.DEFAULT_FROM_EMAIL, [email])
        except OSError:  # the banner in the workspace stands; mail is best effort
            log.exception("年度报告提醒邮件发送失败：%s", email)


def send_all_reminders(today: date | None = None) -> int:
    """The reply-deadline reminders of the requests and the annual-report reminders, in one run."""
    from gongkai.requests.tasks.reminders import send_due_reminders

    return send_due_reminders(today) + send_year_reminders(today)
