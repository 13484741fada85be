"""Every typed text has a limit that says so in Chinese, naming the field; nothing is stored over it —
on the public form, on the staff pages, and in the actions for any other caller."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.models import Applicant, Channel, Request

APPLICATION = {
    "applicant_kind": "natural_person",
    "name": "王五",
    "id_type": "resident_id",
    "id_number": "110101199003070011",
    "email": "wangwu@example.cn",
    "subject": "只楚街道2025年财政预算",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _apply(client, street, **changes):
    return client.post(reverse("portal:apply", args=[street.pk]), {**APPLICATION, **changes})


def test_a_700000_character_description_is_refused_on_the_public_form(client, street):
    response = _apply(client, street, description="字" * 700_000)
    assert response.status_code == 400
    assert "“文号或其他特征描述”最多5000字，现在有700000字，请精简后再提交。" in response.content.decode()
    assert not Request.objects.exists()


def test_the_description_at_its_limit_is_taken(client, street):
    assert _apply(client, street, description="字" * 5000).status_code == 302
    assert len(Request.objects.get().description) == 5000


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 200), ("subject", 500), ("purpose", 300), ("address", 300), ("phone", 40)],
)
def test_every_text_of_the_public_form_has_its_limit(client, street, field, limit):
    labels = {
        "name": "姓名或单位名称",
        "subject": "所需政府信息的名称",
        "purpose": "用途",
        "address": "通信地址",
        "phone": "联系电话",
    }
    response = _apply(client, street, **{field: "1" * (limit + 1)})
    assert response.status_code == 400
    assert f"“{labels[field]}”最多{limit}字，现在有{limit + 1}字" in response.content.decode()


def test_the_list_of_items_is_limited_per_line_and_in_number(client, street):
    page = _apply(client, street, items="项" * 501).content.decode()
    assert "“所需信息清单第1项”最多500字，现在有501字，请精简后再提交。" in page
    page = _apply(client, street, items="\n".join(f"第{i}项" for i in range(51))).content.decode()
    assert "所需信息清单最多50项，现在有51项；更多的信息请分次申请。" in page
    assert not Request.objects.exists()


def test_the_action_refuses_it_for_any_other_caller(clerk, street):
    applicant = Applicant.objects.create(body=street, kind="natural_person", name="李四")
    with pytest.raises(RequestError, match=r"^“文号或其他特征描述”最多5000字，现在有700000字"):
        actions.register_request(
            actor=clerk,
            body=street,
            applicant=applicant,
            channel=Channel.IN_PERSON,
            arrived_on=timezone.localdate(),
            subject="只楚街道2025年财政预算",
            description="字" * 700_000,
        )
    assert not Request.objects.exists()


def test_a_staff_note_over_its_limit_is_refused_on_the_case_page(clerk_client, clerk, street):
    r = actions.register_request(
        actor=clerk,
        body=street,
        applicant=Applicant.objects.create(body=street, kind="natural_person", name="李四"),
        channel=Channel.IN_PERSON,
        arrived_on=timezone.localdate(),
        subject="只楚街道2025年财政预算",
    ).request
    actions.start_review(r, actor=clerk, on=timezone.localdate())
    url = reverse("requests:action", args=[r.pk, "correction"])
    today = timezone.localdate().isoformat()
    response = clerk_client.post(
        url, {"correction-on": today, "correction-what": "补" * 2001, "correction-deadline": today}
    )
    assert response.status_code == 400
    assert "“需要补正的事项（一次性告知）”最多2000字，现在有2001字" in response.content.decode()
    with pytest.raises(RequestError, match=r"^“说明”最多2000字"):
        actions.withdraw(r, actor=clerk, on=timezone.localdate(), reason="撤" * 2001)


def test_the_tracking_form_and_the_portal_search_name_their_limits(client, street):
    response = client.post(reverse("portal:track"), {"number": "1" * 41, "code": "A" * 21})
    page = response.content.decode()
    assert "“申请编号”最多40字，现在有41字" in page and "“查询码”最多20字，现在有21字" in page
    page = client.get("/gk/search/", {"q": "词" * 101}).content.decode()
    assert "“关键词”最多100字，现在有101字" in page
