"""A request received before 2019-05-15 is handled under the 2007 条例, through every action and list.

Hand-computed on the 2019 calendar: received Wed 2019-04-10, 15 working days → Tue 2019-04-30
(Sunday 04-28 worked, 调休); the 2019 rule would have said Thu 2019-05-09.
"""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.models import Channel, EventKind, Request
from gongkai.requests.models.notifications import ReminderKind
from gongkai.requests.queries.worklist import requests_section
from gongkai.requests.tasks.reminders import due_reminders
from tests.requests.views.test_staff import intake


def _register(clerk, street, applicant, on):
    return actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=on,
        subject="某项目批复",
    ).request


@pytest.fixture
def old(clerk, street, applicant):
    return _register(clerk, street, applicant, date(2019, 4, 10))


def test_a_back_dated_2019_04_10_request_is_due_after_fifteen_working_days(old):
    assert old.due_on == date(2019, 4, 30)
    assert "适用2007年《条例》" in old.due_explanation
    assert old.earlier_regime is not None and old.earlier_regime.key == "2007"


def test_a_request_received_on_2019_05_15_is_due_after_twenty(clerk, street, applicant):
    r = _register(clerk, street, applicant, date(2019, 5, 15))
    assert r.due_on == date(2019, 6, 13)
    assert "适用2019年修订的《条例》" in r.due_explanation and r.earlier_regime is None


def test_the_2007_extension_is_capped_at_fifteen_working_days(old, clerk):
    r = actions.start_review(old, actor=clerk, on=date(2019, 4, 11))
    r = actions.start_processing(r, actor=clerk, on=date(2019, 4, 11))
    with pytest.raises(RequestError, match="最长不得超过15个工作日（适用2007年《条例》"):
        actions.extend(r, actor=clerk, on=date(2019, 4, 25), days=16, reason="需协调", approved_by="李主任")
    assert not r.events.filter(kind=EventKind.EXTENDED).exists()
    r = actions.extend(r, actor=clerk, on=date(2019, 4, 25), days=15, reason="需协调", approved_by="李主任")
    assert r.due_on == date(2019, 5, 23)


def test_a_2007_correction_notice_is_never_flagged_late(old, clerk):
    # Three weeks after receipt: under the revision it would be past the 7 working days (第三十条).
    r = actions.request_correction(
        actions.start_review(old, actor=clerk, on=date(2019, 4, 11)),
        actor=clerk,
        on=date(2019, 5, 6),
        what="请写明项目名称",
        deadline=date(2019, 5, 20),
    )
    data = r.events.get(kind=EventKind.CORRECTION_REQUESTED).data
    assert "late_notice" not in data


def test_reminders_use_the_2007_period(old):
    (today,) = due_reminders(date(2019, 4, 30))
    assert today.kind == ReminderKind.DUE_TOMORROW and today.days_left == 0
    # Mon 05-06: overdue under the 2007 text (it would still have three days under the 2019 one).
    (late,) = due_reminders(date(2019, 5, 6))
    assert late.kind == ReminderKind.OVERDUE
    assert "适用2007年《条例》" in late.message


def test_the_clerks_overdue_list_uses_the_2007_period(old, clerk):
    section = requests_section(clerk, today=date(2019, 5, 6))
    assert section is not None
    overdue = next(e for e in section.entries if e.label == "已超过答复期限的申请")
    assert overdue.count == 1
    assert "答复期限 2019-04-30（适用2007年《条例》）" in overdue.lines[0].note


def test_the_case_page_and_the_list_show_the_regime(old, clerk_client):
    page = clerk_client.get(reverse("requests:detail", args=[old.pk])).content.decode()
    assert "适用2007年《条例》（国务院令第492号）：答复期限15个工作日" in page
    listing = clerk_client.get(reverse("requests:list")).content.decode()
    assert "适用2007年《条例》" in listing


def test_intake_accepts_a_back_dated_2019_04_10_application(clerk_client, street):
    response = clerk_client.post(reverse("requests:new"), intake(body=street.pk, arrived_on="2019-04-10"))
    assert response.status_code == 302
    r = Request.objects.get(body=street, arrived_on=date(2019, 4, 10))
    assert (r.received_on, r.due_on) == (date(2019, 4, 10), date(2019, 4, 30))


def test_the_extension_form_of_a_2007_case_offers_and_allows_fifteen_days(old, clerk, clerk_client):
    r = actions.start_review(old, actor=clerk, on=date(2019, 4, 11))
    r = actions.start_processing(r, actor=clerk, on=date(2019, 4, 11))
    url = reverse("requests:action", args=[r.pk, "extend"])
    data = {"extend-on": "2019-04-25", "extend-reason": "需协调", "extend-approved_by": "李主任"}
    response = clerk_client.post(url, {**data, "extend-days": "16"})
    assert response.status_code == 400
    assert "延长答复期限最长不得超过15个工作日（适用2007年《条例》）" in response.content.decode()
    assert not r.events.filter(kind=EventKind.EXTENDED).exists()
    assert clerk_client.post(url, {**data, "extend-days": "15"}).status_code == 302
    r.refresh_from_db()
    assert r.due_on == date(2019, 5, 23)


def test_an_ordinary_letter_confirmed_on_2019_05_15_falls_under_the_revision(clerk, street, applicant):
    """The text follows the legal receipt date (the confirmation, 第三十一条), not the day the letter came."""
    r = actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.LETTER,
        arrived_on=date(2019, 5, 14),
        subject="某项目批复",
    ).request
    assert r.due_on is None and r.regime is None
    r = actions.confirm_receipt(r, actor=clerk, on=date(2019, 5, 15))
    assert r.due_on == date(2019, 6, 13) and r.regime is not None and r.regime.key == "2019"
