"""An online application is told: the body's 经办人 get a notice (and an e-mail), the applicant who gave
an address gets a confirmation e-mail with the number, the date and how to track — never the code."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.models import Notification
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import Applicant, Channel, Request


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


APPLICATION = {
    "applicant_kind": "natural_person",
    "name": "王五",
    "id_type": "resident_id",
    "id_number": "110101199003070011",
    "email": "wangwu@example.cn",
    "subject": "只楚街道2025年财政预算",
}


@pytest.fixture
def apply(client, street, django_capture_on_commit_callbacks):
    """apply(**changes) → (the page after submission, the request), with the committed e-mails sent."""

    def run(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("portal:apply", args=[street.pk]), {**APPLICATION, **changes})
        assert response.status_code == 302
        return client.get(response["Location"]).content.decode(), Request.objects.latest("pk")

    return run


def test_every_clerk_of_the_body_is_told_of_a_new_online_application(apply, clerk, other_clerk, street):
    clerk.email = "clerk@zhichu.example"
    clerk.save()
    _, r = apply()
    [notice] = Notification.objects.filter(kind="new_application")
    assert notice.recipient == clerk and notice.body == street
    assert notice.link == reverse("requests:detail", args=[r.pk])
    assert r.number in notice.text and "请核对后确认收到申请" in notice.text
    [staff_mail] = [m for m in mail.outbox if m.to == ["clerk@zhichu.example"]]
    assert staff_mail.subject.startswith(f"【新的网上申请】只楚街道办事处收到新的网上申请{r.number}")
    assert r.number in staff_mail.body
    assert notice.link in staff_mail.body
    assert not Notification.objects.filter(recipient=other_clerk).exists()


def test_a_request_registered_by_staff_tells_nobody(clerk, street):
    actions.register_request(
        actor=clerk,
        body=street,
        applicant=Applicant.objects.create(body=street, kind="natural_person", name="张三"),
        channel=Channel.ONLINE,
        arrived_on=timezone.localdate(),
        subject="只楚街道2025年财政预算",
    )
    assert not Notification.objects.exists()


def test_the_applicant_gets_a_confirmation_without_the_tracking_code(apply, clerk):
    page, r = apply()
    code = page.split('id="tracking-code">')[1].split("<")[0]
    [confirmation] = [m for m in mail.outbox if m.to == ["wangwu@example.cn"]]
    assert confirmation.subject == f"【申请已提交】只楚街道办事处政府信息公开申请{r.number}"
    text = confirmation.body
    assert f"申请编号：{r.number}" in text
    assert f"提交日期：{r.arrived_on.year}年{r.arrived_on.month}月{r.arrived_on.day}日" in text
    assert "http://testserver/track/" in text and "第三十一条" in text
    assert code not in text and "本邮件不含查询码" in text
    assert "确认邮件已发送至 wangwu@example.cn" in page


def test_no_address_no_confirmation(apply, clerk):
    page, _ = apply(email="", phone="13912345678")
    assert not [m for m in mail.outbox if m.subject.startswith("【申请已提交】")]
    assert "确认邮件" not in page
