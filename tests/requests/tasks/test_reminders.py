"""Reply-deadline reminders: the three windows, once each, to the body's 经办人 only.

The request of the fixture was handed in on Friday 2025-09-26; its reply is due Thursday 2025-10-30.
"""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Notification, StaffMembership
from gongkai.requests.actions import cases as actions
from gongkai.requests.models.notifications import ReminderKind
from gongkai.requests.tasks.reminders import classify, due_reminders, send_due_reminders

DUE = date(2025, 10, 30)


@pytest.fixture
def staff(clerk, street):
    clerk.email = "clerk@zhichu.example"
    clerk.save()
    leader = body_actions.create_staff_user(
        actor=None, body=street, username="zhichu_leader", password="x", role=StaffMembership.Role.LEADER
    )
    leader.email = "leader@zhichu.example"
    leader.save()
    return clerk, leader


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """send(day) → number sent, with the e-mails of the committed transaction delivered."""

    def run(day: date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_reminders(day)

    return run


def test_the_windows_by_working_days_left():
    assert classify(6, False) is None
    assert classify(5, False) == ReminderKind.DUE_SOON
    assert classify(2, False) == ReminderKind.DUE_SOON
    assert classify(1, False) == ReminderKind.DUE_TOMORROW
    assert classify(0, False) == ReminderKind.DUE_TOMORROW  # due today
    assert classify(0, True) == ReminderKind.OVERDUE


def test_reminders_fall_5_and_1_working_days_before_and_after_the_due_date(request_):
    assert request_.due_on == DUE
    assert due_reminders(date(2025, 10, 22)) == []  # six working days left
    (soon,) = due_reminders(date(2025, 10, 23))
    assert (soon.kind, soon.days_left) == (ReminderKind.DUE_SOON, 5)
    (tomorrow,) = due_reminders(date(2025, 10, 29))
    assert (tomorrow.kind, tomorrow.days_left) == (ReminderKind.DUE_TOMORROW, 1)
    (late,) = due_reminders(date(2025, 10, 31))
    assert late.kind == ReminderKind.OVERDUE


def test_working_days_skip_the_weekend(request_):
    # Saturday 25 October: Mon 27 … Thu 30 are four working days away.
    (r,) = due_reminders(date(2025, 10, 25))
    assert r.days_left == 4


def test_concluded_and_paused_requests_get_no_reminder(request_, clerk):
    actions.start_review(request_, actor=clerk, on=date(2025, 9, 29))
    actions.request_correction(
        request_, actor=clerk, on=date(2025, 9, 30), what="请写明项目名称", deadline=date(2025, 10, 20)
    )
    assert due_reminders(date(2025, 10, 29)) == []  # 补正中: the clock stands still
    actions.receive_correction(request_, actor=clerk, on=date(2025, 10, 9))
    actions.reply(request_, actor=clerk, on=date(2025, 10, 10), outcomes="granted")
    assert due_reminders(date(2025, 12, 1)) == []


def test_sending_notifies_and_mails_every_clerk_of_the_body_once(request_, staff, other_clerk, send):
    clerk, leader = staff
    assert send(date(2025, 10, 23)) == 1
    assert [m.to[0] for m in mail.outbox] == ["clerk@zhichu.example"]
    message = mail.outbox[0]
    assert message.subject == "【期限提醒】〔2025〕第1号申请还有5个工作日到期（2025年10月30日）"
    assert "2025年只楚街道老旧小区改造项目清单" in message.body
    assert "答复期限：2025年10月30日" in message.body
    assert "/requests/" in message.body  # where to act
    [notice] = Notification.objects.all()
    assert (notice.recipient, notice.kind, notice.link) == (clerk, "due_5", f"/requests/{request_.pk}/")
    # the same window the next day: nothing new
    assert send(date(2025, 10, 24)) == 0
    assert len(mail.outbox) == 1
    # the next windows each once
    assert send(date(2025, 10, 29)) == 1
    assert send(date(2025, 10, 31)) == 1
    assert send(date(2025, 11, 3)) == 0
    assert mail.outbox[-1].subject.startswith("【已超期】")
    assert Notification.objects.filter(recipient=clerk).count() == 3
    assert not Notification.objects.filter(recipient__in=[other_clerk, leader]).exists()


def test_a_new_due_date_gets_its_own_reminders(request_, clerk, staff, send):
    send(date(2025, 10, 23))
    actions.start_review(request_, actor=clerk, on=date(2025, 10, 23))
    actions.start_processing(request_, actor=clerk, on=date(2025, 10, 23))
    actions.extend(
        request_, actor=clerk, on=date(2025, 10, 24), days=10, reason="需调取档案", approved_by="王主任"
    )
    request_.refresh_from_db()
    assert request_.due_on > DUE
    assert send(date(2025, 10, 29)) == 0  # far from the new due date
    assert Notification.objects.filter(link=f"/requests/{request_.pk}/").count() == 1


def test_the_command_sends_for_the_given_day(request_, staff, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2025-10-31")
    assert "已发送1条答复期限提醒" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="格式不对"):
        call_command("remind", "--date", "31/10/2025")
