"""The applicants' portal: apply without an account, track with number and code, throttled."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.requests.actions import cases as actions
from gongkai.requests.documents import letters
from gongkai.requests.models import Applicant, Channel, Request


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def application(**overrides):
    data = {
        "applicant_kind": "natural_person",
        "name": "王五",
        "id_type": "resident_id",
        "id_number": "110101199003070011",
        "email": "wangwu@example.cn",
        "subject": "只楚街道2025年财政预算",
    }
    data.update(overrides)
    return data


def test_an_applicant_applies_online_and_sees_number_and_code_once(client, street):
    response = client.post(reverse("portal:apply", args=[street.pk]), application())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    r = Request.objects.get()
    assert r.channel == Channel.ONLINE and r.created_by is None
    assert r.received_on is None  # 第三十一条: the day both sides confirm
    assert r.number in page and "双方确认之日" in page
    code = page.split('id="tracking-code">')[1].split("<")[0]
    assert r.check_tracking_code(code)
    assert code not in client.get(response["Location"], follow=True).content.decode()


def test_the_portal_form_has_a_label_for_every_field(client, street):
    page = client.get(reverse("portal:apply", args=[street.pk])).content.decode()
    for field in ("name", "id_number", "credit_code", "phone", "subject"):
        assert f'<label for="id_{field}">' in page


def test_an_application_without_any_contact_is_refused(client, street):
    response = client.post(reverse("portal:apply", args=[street.pk]), application(email=""))
    assert response.status_code == 400
    assert "至少填写一种联系方式" in response.content.decode()


def _registered(street, applicant):
    return actions.register_request(
        actor=None,
        body=street,
        applicant=applicant,
        channel=Channel.ONLINE,
        arrived_on=timezone.localdate(),
        subject="只楚街道2025年财政预算",
    )


def test_tracking_with_number_and_code_shows_the_status(client, street, applicant):
    registered = _registered(street, applicant)
    response = client.post(
        reverse("portal:track"),
        {"number": registered.request.number, "code": registered.tracking_code.lower()},
    )
    page = client.get(response["Location"]).content.decode()
    assert "已登记" in page and "尚待机关确认" in page
    assert "张三" not in page and "110101" not in page


def test_a_wrong_code_is_refused_and_the_status_page_stays_closed(client, street, applicant):
    r = _registered(street, applicant).request
    response = client.post(reverse("portal:track"), {"number": r.number, "code": "WRONG123"})
    assert response.status_code == 400 and "查询码不正确" in response.content.decode()
    assert client.get(reverse("portal:status", args=[r.pk])).status_code == 404


def test_after_ten_wrong_codes_the_client_waits_an_hour(client, street, applicant):
    registered = _registered(street, applicant)
    number = registered.request.number
    for _ in range(10):
        client.post(reverse("portal:track"), {"number": number, "code": "WRONG123"})
    response = client.post(reverse("portal:track"), {"number": number, "code": registered.tracking_code})
    assert response.status_code == 429
    assert "失败次数过多" in response.content.decode()


def test_a_strangers_wrong_codes_do_not_lock_the_applicant_out(client, street, other_street, applicant):
    """Issue #17: the lockout was per request number (shared by every body): anyone's ten wrong codes
    locked the real applicant out, in two bodies at once, in process memory."""
    mine = _registered(street, applicant)
    neighbour = Applicant.objects.create(
        body=other_street, kind="natural_person", name="李四", email="ls@example.cn"
    )
    theirs = _registered(other_street, neighbour)
    assert mine.request.number == theirs.request.number  # the same number in two bodies
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(15):
        stranger.post(reverse("portal:track"), {"number": mine.request.number, "code": "WRONG123"})

    applicant_client = Client(REMOTE_ADDR="198.51.100.10")
    for registered in (mine, theirs):
        response = applicant_client.post(
            reverse("portal:track"), {"number": registered.request.number, "code": registered.tracking_code}
        )
        assert response.status_code == 302
    # The stranger is the one who waits, for every number.
    response = stranger.post(
        reverse("portal:track"), {"number": theirs.request.number, "code": theirs.tracking_code}
    )
    assert response.status_code == 429


def test_the_31st_application_in_a_burst_gets_429(street, settings):
    settings.GONGKAI_APPLY_RATE = "30/h"
    burst = Client(REMOTE_ADDR="203.0.113.77")
    for i in range(30):
        response = burst.post(reverse("portal:apply", args=[street.pk]), application(subject=f"第{i}份申请"))
        assert response.status_code == 302, i
    response = burst.post(reverse("portal:apply", args=[street.pk]), application(subject="第31份申请"))

    assert response.status_code == 429
    assert "提交申请过于频繁" in response.content.decode()
    assert Request.objects.count() == 30
    # Another client is not affected.
    other = Client(REMOTE_ADDR="198.51.100.11")
    assert other.post(reverse("portal:apply", args=[street.pk]), application()).status_code == 302


def test_the_status_page_offers_only_delivered_letters(client, clerk, street, applicant, letter_settings):
    registered = _registered(street, applicant)
    r = registered.request
    today = timezone.localdate()
    actions.confirm_receipt(r, actor=clerk, on=today)
    receipt = letters.generate_letter(r, actor=clerk, kind="receipt")
    client.post(reverse("portal:track"), {"number": r.number, "code": registered.tracking_code})
    url = reverse("portal:letter", args=[r.pk, receipt.pk])
    assert url not in client.get(reverse("portal:status", args=[r.pk])).content.decode()
    assert client.get(url).status_code == 404
    letters.record_delivery(receipt, actor=clerk, on=today, method="email")
    assert url in client.get(reverse("portal:status", args=[r.pk])).content.decode()
    assert client.get(url).status_code == 200
