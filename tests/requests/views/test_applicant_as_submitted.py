"""What the applicant wrote is kept on the request and shown to staff: the 文号/特征描述 and every
other field of /apply/, and a name that differs from the record its ID number matched (warned on the
case page, in the list and in the inbox; the record is not rewritten)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.bodies.models import Notification
from gongkai.requests.models import Applicant, Request


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def application(**overrides):
    data = {
        "applicant_kind": "natural_person",
        "name": "王五",
        "id_type": "resident_id",
        "id_number": "110101199003070011",
        "phone": "13812345678",
        "email": "wangwu@example.cn",
        "address": "某某区某某路8号",
        "postcode": "100010",
        "subject": "只楚街道2025年财政预算",
        "items": "一般公共预算\n政府性基金预算",
        "description": "某街发〔2025〕3号，2025年3月印发",
        "purpose": "了解本街道财政",
        "form": "电子数据",
        "delivery": "电子邮件",
    }
    data.update(overrides)
    return data


def test_every_field_the_applicant_submitted_is_on_the_case_page(client, clerk, street):
    client.post(reverse("portal:apply", args=[street.pk]), application())
    r = Request.objects.get()
    client.force_login(clerk)
    page = client.get(reverse("requests:detail", args=[r.pk])).content.decode()
    assert '<dd id="description">某街发〔2025〕3号，2025年3月印发</dd>' in page
    for shown in (
        "只楚街道2025年财政预算",
        "一般公共预算",
        "政府性基金预算",
        "了解本街道财政",
        "电子数据",
        "电子邮件",
        "wangwu@example.cn",
        "某某区某某路8号",
        "100010",
        "王五",
    ):
        assert shown in page, shown
    assert r.applicant_name == "王五"
    assert r.applicant_contact == {
        "phone": "13812345678",
        "email": "wangwu@example.cn",
        "address": "某某区某某路8号",
        "postcode": "100010",
    }
    assert "name-mismatch" not in page


def test_a_reused_id_number_under_another_name_is_kept_as_written_and_warned(client, clerk, street):
    Applicant.objects.create(
        body=street,
        kind="natural_person",
        name="张三",
        id_type="resident_id",
        id_number="110101199003070011",
        phone="13912345678",
    )
    response = client.post(reverse("portal:apply", args=[street.pk]), application(name="李四"))
    assert response.status_code == 302
    r = Request.objects.get()
    # the request keeps what the applicant wrote; the record is neither renamed nor given the new contact
    assert r.applicant.name == "张三" and r.applicant.phone == "13912345678" and r.applicant.email == ""
    assert r.applicant_name == "李四" and r.applicant_contact["email"] == "wangwu@example.cn"
    assert r.name_mismatch and r.events.get(kind="registered").data["name_mismatch"] is True

    client.force_login(clerk)
    page = client.get(reverse("requests:detail", args=[r.pk])).content.decode()
    assert (
        "申请书上的姓名或名称“李*”与该证件号码已登记的申请人“张*”不一致。申请按申请书所填登记，请核对申请人身份。"
    ) in page
    assert "<dd>李四</dd>" in page  # 申请书所填, under 显示完整信息
    listing = client.get(reverse("requests:list")).content.decode()
    assert "李*" in listing and "姓名不一致" in listing
    [note] = Notification.objects.filter(recipient=clerk, kind="applicant_mismatch")
    assert note.link == reverse("requests:detail", args=[r.pk]) and note.body == r.body
    assert note.text == (
        f"申请{r.number}：申请书上的姓名或名称“李*”与该证件号码已登记的申请人“张*”不一致。"
        "申请已按申请书所填登记，请核对申请人身份。"
    )
    notices = client.get(reverse("bodies:notices")).content.decode()
    assert "申请人信息不一致" in notices and "申请已按申请书所填登记" in notices


def test_the_same_name_refreshes_the_record_and_warns_nobody(client, clerk, street):
    Applicant.objects.create(
        body=street, kind="natural_person", name="王五", id_type="resident_id", id_number="110101199003070011"
    )
    client.post(reverse("portal:apply", args=[street.pk]), application())
    r = Request.objects.get()
    assert not r.name_mismatch and r.applicant.email == "wangwu@example.cn"
    assert not Notification.objects.filter(kind="applicant_mismatch").exists()
