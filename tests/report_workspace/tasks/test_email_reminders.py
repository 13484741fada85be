"""The due-date reminder by e-mail: from 1 January to the body's staff with an address, once per stage
(1, 15, 25 January, overdue), recorded so that nothing is sent twice. Django's locmem backend."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.bodies.models import Body, Notification
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.models import DueDateRule, YearReminderMail
from gongkai.report_workspace.tasks.reminders import send_year_reminders
from tests.report_workspace.chain import publish_signed


@pytest.fixture
def staff(clerk, leader, reviewer, supervisor):
    """clerk and leader have addresses; the reviewer has none; a 监督 role is not mailed."""
    for user, email in ((clerk, "clerk@zhichu.example"), (leader, "leader@zhichu.example")):
        user.email = email
        user.save()
    supervisor.email = "supervisor@zhichu.example"
    supervisor.save()
    return clerk, leader


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(day: date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send_year_reminders(day)

    return run


def _to() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_each_stage_is_mailed_once(staff, street, send):
    assert send(date(2024, 12, 31)) == 0  # the 2023 report is long overdue: no stale mail
    assert send(date(2025, 1, 1)) == 1
    assert _to() == ["clerk@zhichu.example", "leader@zhichu.example"]
    message = mail.outbox[0]
    assert message.subject == "【年度报告发布提醒】只楚街道办事处2024年政府信息公开工作年度报告"
    assert "只楚街道办事处2024年政府信息公开工作年度报告应于2025年1月31日前发布，还剩30天。" in message.body
    assert send(date(2025, 1, 1)) == 0 and send(date(2025, 1, 14)) == 0
    assert len(mail.outbox) == 2
    assert send(date(2025, 1, 15)) == 1 and "还剩16天" in mail.outbox[-1].body
    assert send(date(2025, 1, 25)) == 1 and send(date(2025, 1, 31)) == 0
    assert send(date(2025, 2, 1)) == 1
    assert mail.outbox[-1].subject.startswith("【年度报告已逾期】") and "已逾期1天" in mail.outbox[-1].body
    assert send(date(2025, 2, 20)) == 0
    assert len(mail.outbox) == 8
    rows = YearReminderMail.objects.filter(body=street, year=2024).order_by("sent_at", "pk")
    assert [r.stage for r in rows] == ["jan1", "jan15", "jan25", "overdue"]
    assert rows[0].recipients == ["clerk@zhichu.example", "leader@zhichu.example"]
    assert rows[0].due == date(2025, 1, 31)


def test_a_missed_stage_is_not_sent_late(staff, send):
    assert send(date(2025, 1, 26)) == 1
    assert list(YearReminderMail.objects.values_list("stage", flat=True)) == ["jan25"]


def test_the_levels_due_date_decides_when_it_is_overdue(staff, street, send):
    DueDateRule.objects.create(level=street.level, month=2, day=20, basis="市政务公开办通知")
    assert send(date(2025, 2, 1)) == 1 and "应于2025年2月20日前发布，还剩19天" in mail.outbox[0].body
    assert YearReminderMail.objects.get().stage == "jan25"
    assert send(date(2025, 2, 20)) == 0
    assert send(date(2025, 2, 21)) == 1 and "已逾期1天" in mail.outbox[-1].body
    assert send(date(2025, 3, 24)) == 0  # the overdue mail goes once, in the month after the due date


def test_a_published_report_stops_the_mails(world_2024, staff, clerk, street, send):
    publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 10)
    )
    assert send(date(2025, 1, 15)) == 0 and mail.outbox == []


def test_without_an_address_nothing_is_recorded_until_someone_has_one(clerk, street, send):
    assert send(date(2025, 1, 2)) == 0 and not YearReminderMail.objects.exists()
    clerk.email = "clerk@zhichu.example"
    clerk.save()
    assert send(date(2025, 1, 3)) == 1 and _to() == ["clerk@zhichu.example"]


def test_the_remind_command_sends_them(staff, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2025-01-02")
    out = capsys.readouterr().out
    assert "已发送0条答复期限提醒" in out and "已发送1条年度报告发布提醒" in out
    assert _to() == ["clerk@zhichu.example", "leader@zhichu.example"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2025-01-03")
    assert "已发送0条年度报告发布提醒" in capsys.readouterr().out and len(mail.outbox) == 2


def test_a_body_founded_after_the_year_is_not_reminded_of_it(staff, street, send):
    Body.objects.filter(pk=street.pk).update(founded_on=date(2025, 1, 10))

    assert send(date(2025, 1, 15)) == 0 and mail.outbox == []  # no 2024 report owed
    assert send(date(2026, 1, 1)) == 1  # the 2025 report is
    assert YearReminderMail.objects.get().year == 2025


def test_every_member_of_staff_gets_the_notice_once_per_stage_address_or_not(staff, reviewer, street, send):
    send(date(2025, 1, 2))
    send(date(2025, 1, 3))
    notices = Notification.objects.filter(kind="report_due", body=street)
    assert sorted(n.recipient.username for n in notices) == sorted(
        u.username for u in (*staff, reviewer)
    )  # the reviewer has no address; the supervisor is not the body's staff for this
    assert "应于2025年1月31日前发布" in notices[0].text
    send(date(2025, 1, 15))
    assert Notification.objects.filter(kind="report_due", recipient=reviewer).count() == 2
