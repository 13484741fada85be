"""Staff pages: the list by urgency, intake, the case page and its action forms, applicant history."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.requests.actions import cases as actions
from gongkai.requests.forms.case import available_actions
from gongkai.requests.models import Applicant, Channel, EventKind, Request
from gongkai.requests.rules.states import TRANSITIONS, Status

VALID_ID = "110101199003070011"
VALID_CREDIT_CODE = "91350100M000100Y43"


def _register(actor, body, applicant, subject, arrived_on=date(2025, 9, 26)):
    return actions.register_request(
        actor=actor,
        body=body,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=arrived_on,
        subject=subject,
    ).request


def intake(**overrides):
    data = {
        "body": "",
        "channel": Channel.IN_PERSON,
        "arrived_on": timezone.localdate().isoformat(),
        "applicant_kind": "natural_person",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13912345678",
        "subject": "2025年只楚街道老旧小区改造项目清单",
        "items": "改造项目清单\n资金使用情况",
    }
    data.update(overrides)
    return data


def test_the_list_needs_a_login(client, db):
    response = client.get(reverse("requests:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_list_shows_overdue_requests_first_with_days_late(
    clerk_client, clerk, street, applicant, request_
):
    fresh = _register(clerk, street, applicant, "2025年垃圾分类工作方案", arrived_on=timezone.localdate())
    page = clerk_client.get(reverse("requests:list")).content.decode()
    assert "已逾期" in page  # 2025-09-26 + 20 working days is long past
    assert "剩余20个工作日" in page or "剩余" in page
    assert page.index(request_.number) < page.index(fresh.number)


def test_the_list_masks_a_persons_name(clerk_client, request_):
    page = clerk_client.get(reverse("requests:list")).content.decode()
    assert "张*" in page and "张三" not in page


def test_the_list_shows_only_the_users_bodies(other_clerk_client, request_):
    page = other_clerk_client.get(reverse("requests:list")).content.decode()
    assert request_.number not in page


def test_the_list_filters_and_searches(clerk_client, clerk, street, applicant, request_):
    other = _register(clerk, street, applicant, "道路维修合同", arrived_on=timezone.localdate())
    page = clerk_client.get(reverse("requests:list"), {"q": "道路维修"}).content.decode()
    assert other.number in page and request_.number not in page
    page = clerk_client.get(reverse("requests:list"), {"overdue": "1"}).content.decode()
    assert request_.number in page and other.number not in page


def test_a_clerk_registers_a_request_and_sees_the_code_once(clerk_client, street):
    response = clerk_client.post(reverse("requests:new"), intake(body=street.pk))
    r = Request.objects.get()
    assert response["Location"] == reverse("requests:registered", args=[r.pk])
    page = clerk_client.get(response["Location"]).content.decode()
    code = page.split('id="tracking-code">')[1].split("<")[0]
    assert r.check_tracking_code(code)
    assert [i.description for i in r.items.all()] == ["改造项目清单", "资金使用情况"]
    assert code not in clerk_client.get(response["Location"]).content.decode()


def test_intake_refuses_a_wrong_resident_id_check_digit(clerk_client, street):
    response = clerk_client.post(
        reverse("requests:new"), intake(body=street.pk, id_number=VALID_ID[:-1] + "2")
    )
    assert response.status_code == 400
    assert "校验" in response.content.decode()
    assert not Request.objects.exists()


def test_an_organisation_needs_a_valid_credit_code(clerk_client, street):
    data = intake(body=street.pk, applicant_kind="commercial", name="某某公司", id_number="", credit_code="")
    response = clerk_client.post(reverse("requests:new"), data)
    assert response.status_code == 400 and "统一社会信用代码" in response.content.decode()
    data["credit_code"] = VALID_CREDIT_CODE
    assert clerk_client.post(reverse("requests:new"), data).status_code == 302
    assert Applicant.objects.get().credit_code == VALID_CREDIT_CODE


def test_intake_reuses_the_applicant_with_the_same_id_number(clerk_client, street, applicant, request_):
    clerk_client.post(reverse("requests:new"), intake(body=street.pk, name="张三", id_number=VALID_ID))
    assert Applicant.objects.count() == 1
    assert Request.objects.filter(applicant=applicant).count() == 2


def test_new_contact_details_refresh_the_applicant_and_the_record_names_the_fields_only(
    clerk_client, street, applicant, request_
):
    clerk_client.post(
        reverse("requests:new"), intake(body=street.pk, name="张三", id_number=VALID_ID, phone="13800001111")
    )
    applicant.refresh_from_db()
    assert applicant.phone == "13800001111"
    newest = Request.objects.exclude(pk=request_.pk).get()
    registered = newest.events.get(kind=EventKind.REGISTERED)
    assert registered.data["applicant_updated"] == ["phone"]
    assert "13800001111" not in str(registered.data)


def test_after_intake_likely_duplicates_of_the_same_applicant_are_linked(clerk_client, street, request_):
    response = clerk_client.post(reverse("requests:new"), intake(body=street.pk, name="张三"))
    page = clerk_client.get(response["Location"]).content.decode()
    assert reverse("requests:detail", args=[request_.pk]) in page
    assert "同一申请人" in page


def test_a_confirmed_channel_without_a_confirmation_date_waits_for_confirmation(clerk_client, street):
    clerk_client.post(reverse("requests:new"), intake(body=street.pk, channel=Channel.EMAIL))
    r = Request.objects.get()
    assert r.received_on is None
    assert available_actions(r)[0].name == "confirm"


def test_the_case_page_masks_in_the_header_and_explains_the_deadline(clerk_client, request_):
    page = clerk_client.get(reverse("requests:detail", args=[request_.pk])).content.decode()
    assert "1101**********0011" in page and "139****5678" in page
    assert request_.due_explanation.split("；")[0] in page
    assert "显示完整信息" in page


def test_another_bodys_clerk_gets_404_on_the_case_page(other_clerk_client, request_):
    assert other_clerk_client.get(reverse("requests:detail", args=[request_.pk])).status_code == 404


@pytest.mark.parametrize("status", list(Status))
def test_only_actions_the_transitions_allow_are_offered(status, request_):
    request_.status = status
    for action in available_actions(request_):
        if action.name != "confirm":
            assert action.target in TRANSITIONS[status]


def test_the_case_page_offers_review_but_not_reply_to_a_fresh_in_person_request(clerk_client, request_):
    page = clerk_client.get(reverse("requests:detail", args=[request_.pk])).content.decode()
    assert reverse("requests:action", args=[request_.pk, "review"]) in page
    assert reverse("requests:action", args=[request_.pk, "deliver"]) not in page


def test_posting_an_action_calls_it_and_records_the_event(clerk_client, request_):
    today = timezone.localdate().isoformat()
    url = reverse("requests:action", args=[request_.pk, "review"])
    response = clerk_client.post(url, {"review-on": today})
    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.status == Status.REVIEWING
    assert request_.events.filter(kind=EventKind.REVIEW_STARTED).exists()


def test_an_impossible_action_is_refused_with_a_chinese_message(clerk_client, request_):
    url = reverse("requests:action", args=[request_.pk, "deliver"])
    response = clerk_client.post(
        url, {"deliver-on": timezone.localdate().isoformat(), "deliver-method": "post"}, follow=True
    )
    assert "不能进行该操作" in response.content.decode()
    request_.refresh_from_db()
    assert request_.status == Status.REGISTERED


def test_a_rule_the_action_refuses_is_shown_not_raised(clerk_client, clerk, request_):
    actions.start_review(request_, actor=clerk, on=timezone.localdate())
    url = reverse("requests:action", args=[request_.pk, "correction"])
    today = timezone.localdate().isoformat()
    response = clerk_client.post(
        url, {"correction-on": today, "correction-what": "请写明年份", "correction-deadline": today}
    )
    assert response.status_code == 400
    assert "补正期限应晚于告知日期" in response.content.decode()


def test_a_reply_takes_an_outcome_per_item(clerk_client, clerk, request_):
    today = timezone.localdate()
    actions.start_review(request_, actor=clerk, on=today)
    actions.start_processing(request_, actor=clerk, on=today)
    first, second = request_.items.all()
    data = {
        "reply-on": today.isoformat(),
        f"reply-outcome_{first.pk}": "granted",
        f"reply-outcome_{second.pk}": "unable_not_held",
        f"reply-reason_{second.pk}": "经检索，本机关未制作该信息",
    }
    response = clerk_client.post(reverse("requests:action", args=[request_.pk, "reply"]), data)
    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.status == Status.REPLIED and request_.outcome == "granted"
    second.refresh_from_db()
    assert second.reason == "经检索，本机关未制作该信息"


def test_the_reply_form_groups_outcomes_as_in_table_3(clerk_client, clerk, request_):
    actions.start_review(request_, actor=clerk, on=timezone.localdate())
    page = clerk_client.get(reverse("requests:detail", args=[request_.pk])).content.decode()
    assert '<optgroup label="不予公开">' in page and '<optgroup label="不予处理">' in page


def test_the_applicant_history_lists_every_request_of_the_applicant(
    clerk_client, clerk, street, applicant, request_
):
    other = _register(clerk, street, applicant, "道路维修合同", arrived_on=timezone.localdate())
    page = clerk_client.get(reverse("requests:history", args=[request_.pk])).content.decode()
    assert request_.number in page and other.number in page


def test_an_overdue_case_of_an_old_year_is_first_even_beyond_the_first_page(
    clerk_client, clerk, street, applicant
):
    from gongkai.requests.actions import cases as request_actions
    from gongkai.requests.models import Channel
    from gongkai.requests.views.listing import PAGE_SIZE

    old = request_actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2024, 3, 1),
        subject="早年未办结的申请",
    ).request
    for day in range(PAGE_SIZE + 5):  # a page and more of newer, concluded requests
        r = request_actions.register_request(
            actor=clerk,
            body=street,
            applicant=applicant,
            channel=Channel.IN_PERSON,
            arrived_on=date(2025, 1, 2) + timedelta(days=day % 200),
            subject=f"已办结 {day}",
        ).request
        request_actions.withdraw(r, actor=clerk, on=r.arrived_on)
    page = clerk_client.get("/requests/").content.decode()
    assert old.number in page  # an overdue case is never pushed off the first page by newer ones
    assert page.index("已逾期") < page.index("已办结")
    assert "第 1 / 2 页" in page


def test_an_online_request_that_repeats_an_earlier_one_is_flagged_on_its_case_page(
    clerk_client, clerk, street, applicant
):
    from gongkai.requests.actions import cases as request_actions
    from gongkai.requests.models import Channel

    earlier = request_actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 1),
        subject="2025年只楚街道老旧小区改造项目清单",
    ).request
    again = request_actions.register_request(
        actor=None,
        body=street,
        applicant=applicant,
        channel=Channel.ONLINE,
        arrived_on=date(2025, 10, 9),
        subject="请公开２０２５年 只楚街道 老旧小区改造项目清单",  # re-sent with spaces and full-width digits
    ).request
    page = clerk_client.get(f"/requests/{again.pk}/").content.decode()
    assert "可能重复的申请" in page and earlier.number in page and "同一申请人" in page
