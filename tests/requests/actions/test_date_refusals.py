"""Every date of a request's handling is refused when the law cannot have it — in the actions (so any
caller gets it) and in the forms (so the page says it before anything is tried), with the same message."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.requests.actions import cases as actions
from gongkai.requests.actions import remedies
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.actions.remedies import RemedyError
from gongkai.requests.documents import letters
from gongkai.requests.models import Applicant, Channel, Request

OLD = date(1900, 1, 1)
BEFORE_THE_LAW = "1900年1月1日早于《政府信息公开条例》施行之日（2008年5月1日），请核对。"


def _tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _register(clerk, street, **changes):
    fields = {
        "actor": clerk,
        "body": street,
        "applicant": Applicant.objects.create(body=street, kind="natural_person", name="李四"),
        "channel": Channel.IN_PERSON,
        "arrived_on": date(2025, 9, 26),
        "subject": "2025年只楚街道老旧小区改造项目清单",
    }
    return actions.register_request(**{**fields, **changes}).request


def test_an_arrival_in_1900_is_refused_and_nothing_is_stored(clerk, street):
    with pytest.raises(RequestError) as e:
        _register(clerk, street, arrived_on=OLD)
    assert e.value.message == "收件日期" + BEFORE_THE_LAW
    assert not Request.objects.exists()


def test_the_first_day_of_the_law_is_accepted(clerk, street):
    assert _register(clerk, street, arrived_on=date(2008, 5, 1)).received_on == date(2008, 5, 1)


def test_an_arrival_tomorrow_is_refused(clerk, street):
    with pytest.raises(RequestError, match=f"^收件日期{_cn(_tomorrow())}晚于今天，请核对。$"):
        _register(clerk, street, arrived_on=_tomorrow())


def test_a_confirmation_date_in_the_future_is_refused(clerk, street):
    today = timezone.localdate()
    with pytest.raises(RequestError, match=f"^确认收到申请之日{_cn(_tomorrow())}晚于今天"):
        _register(clerk, street, channel=Channel.EMAIL, arrived_on=today, received_on=_tomorrow())
    r = _register(clerk, street, channel=Channel.EMAIL, arrived_on=today)
    with pytest.raises(RequestError, match=f"^确认收到申请之日{_cn(_tomorrow())}晚于今天"):
        actions.confirm_receipt(r, actor=clerk, on=_tomorrow())


def test_a_reply_dated_1900_is_refused(request_, clerk):
    with pytest.raises(RequestError) as e:
        actions.reply(request_, actor=clerk, on=OLD, outcomes="granted")
    assert e.value.message == "作出答复日期" + BEFORE_THE_LAW


def test_a_correction_deadline_may_be_ahead_but_not_years_ahead(request_, clerk):
    today = timezone.localdate()
    actions.start_review(request_, actor=clerk, on=today)
    far = date(today.year + 6, 1, 1)
    with pytest.raises(RequestError, match=f"^补正期限{_cn(far)}在5年以后，请核对。$"):
        actions.request_correction(request_, actor=clerk, on=today, what="请写明年份", deadline=far)
    done = actions.request_correction(
        request_, actor=clerk, on=today, what="请写明年份", deadline=today + timedelta(days=15)
    )
    assert done.status == "correcting"


def test_a_remedy_filed_in_1900_is_refused(request_, clerk):
    actions.reply(request_, actor=clerk, on=timezone.localdate(), outcomes="granted")
    with pytest.raises(RemedyError) as e:
        remedies.open_remedy(actor=clerk, request=request_, kind="review", filed_on=OLD)
    assert str(e.value) == "申请复议或起诉日期" + BEFORE_THE_LAW


def test_a_delivery_in_1900_is_refused(request_, clerk, letter_settings):
    letter = letters.generate_letter(request_, actor=clerk, kind="receipt")
    with pytest.raises(letters.LetterError) as e:
        letters.record_delivery(letter, actor=clerk, on=OLD, method="direct")
    assert str(e.value) == "送达日期" + BEFORE_THE_LAW


def test_the_intake_form_says_it(clerk_client, street):
    data = {
        "channel": Channel.IN_PERSON,
        "arrived_on": "1900-01-01",
        "applicant_kind": "natural_person",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": "110101199003070011",
        "phone": "13912345678",
        "subject": "2025年只楚街道老旧小区改造项目清单",
        "body": street.pk,
    }
    response = clerk_client.post(reverse("requests:new"), data)
    assert response.status_code == 400
    assert "收件日期" + BEFORE_THE_LAW in response.content.decode()
    assert not Request.objects.exists()


def test_the_case_page_form_says_it(clerk_client, request_):
    url = reverse("requests:action", args=[request_.pk, "review"])
    response = clerk_client.post(url, {"review-on": "1900-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "日期" + BEFORE_THE_LAW in page
    request_.refresh_from_db()
    assert request_.status == "registered" and not request_.events.filter(kind="review_started").exists()
