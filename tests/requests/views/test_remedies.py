"""The review-and-litigation block of the case page: open a case, record its decision, by the body's staff only."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.remedies import open_remedy
from gongkai.requests.models import Applicant, RemedyCase


@pytest.fixture
def answered(request_, clerk):
    return actions.reply(request_, actor=clerk, on=date(2025, 10, 9), outcomes="denied_process_info")


@pytest.fixture
def supervisor(district):
    return body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_supervisor",
        password="x" * 12,
        role=StaffMembership.Role.SUPERVISOR,
    )


def open_data(**overrides):
    data = {
        "remedy-kind": "review",
        "remedy-filed_on": "2025-11-03",
        "remedy-organ": "某某区人民政府",
        "remedy-case_number": "某复〔2025〕12号",
        "remedy-follows": "",
        "remedy-note": "",
    }
    data.update(overrides)
    return data


def test_the_case_page_shows_an_empty_remedies_block_with_the_form_to_open_one(clerk_client, answered):
    page = clerk_client.get(reverse("requests:detail", args=[answered.pk])).content.decode()
    assert 'id="remedies"' in page
    assert "该申请没有行政复议、行政诉讼案件" in page
    assert reverse("requests:remedy_open", args=[answered.pk]) in page
    assert "复议后起诉" in page  # the kinds are the blocks of table 4


def test_a_clerk_opens_a_review_and_the_case_page_lists_it(clerk_client, answered):
    response = clerk_client.post(reverse("requests:remedy_open", args=[answered.pk]), open_data())
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("requests:detail", args=[answered.pk]) + "#remedies")
    case = RemedyCase.objects.get(request=answered)
    assert (case.kind, case.organ, case.case_number, case.filed_on, case.outcome) == (
        "review",
        "某某区人民政府",
        "某复〔2025〕12号",
        date(2025, 11, 3),
        "pending",
    )
    page = clerk_client.get(reverse("requests:detail", args=[answered.pk])).content.decode()
    assert "某复〔2025〕12号" in page and "尚未审结" in page and "2025-11-03" in page
    assert "申请人提起行政复议（某某区人民政府，某复〔2025〕12号）" in page  # the event on the timeline
    assert reverse("requests:remedy_decide", args=[answered.pk, case.pk]) in page


def test_a_lawsuit_after_review_names_the_review_it_follows(clerk_client, clerk, answered):
    review = open_remedy(
        actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3), case_number="复12"
    )
    response = clerk_client.post(
        reverse("requests:remedy_open", args=[answered.pk]),
        open_data(
            **{
                "remedy-kind": "litigation_after_review",
                "remedy-filed_on": "2026-01-05",
                "remedy-organ": "某某区人民法院",
                "remedy-case_number": "（2026）行初1号",
                "remedy-follows": str(review.pk),
            }
        ),
    )
    assert response.status_code == 302
    lawsuit = RemedyCase.objects.get(kind="litigation_after_review")
    assert lawsuit.follows == review
    page = clerk_client.get(reverse("requests:detail", args=[answered.pk])).content.decode()
    assert "经复议：复12" in page


def test_only_reviews_of_this_request_can_be_followed(clerk_client, clerk, street, answered):
    other = actions.register_request(
        actor=clerk,
        body=street,
        applicant=Applicant.objects.create(body=street, kind="natural_person", name="李四"),
        channel="in_person",
        arrived_on=date(2025, 10, 8),
        subject="另一项",
    ).request
    elsewhere = open_remedy(actor=clerk, request=other, kind="review", filed_on=date(2025, 11, 3))
    response = clerk_client.post(
        reverse("requests:remedy_open", args=[answered.pk]),
        open_data(**{"remedy-kind": "litigation_after_review", "remedy-follows": str(elsewhere.pk)}),
    )
    assert response.status_code == 400
    assert not RemedyCase.objects.filter(request=answered).exists()


def test_the_action_refusal_is_shown_in_chinese(clerk_client, answered):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = clerk_client.post(
        reverse("requests:remedy_open", args=[answered.pk]),
        open_data(**{"remedy-filed_on": tomorrow.isoformat()}),
    )
    assert response.status_code == 400
    expected = f"申请复议或起诉日期{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日晚于今天，请核对。"
    assert expected in response.content.decode()
    response = clerk_client.post(
        reverse("requests:remedy_open", args=[answered.pk]),
        open_data(**{"remedy-kind": "litigation_direct", "remedy-filed_on": "2025-09-01"}),
    )
    assert response.status_code == 400
    assert "早于收到申请的日期" in response.content.decode()
    assert not RemedyCase.objects.exists()


def test_a_clerk_records_the_decision_once(clerk_client, clerk, answered):
    case = open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3))
    url = reverse("requests:remedy_decide", args=[answered.pk, case.pk])
    prefix = f"decide-{case.pk}"
    early = clerk_client.post(url, {f"{prefix}-outcome": "corrected", f"{prefix}-decided_on": "2025-11-01"})
    assert early.status_code == 400 and "早于申请或起诉日期" in early.content.decode()

    response = clerk_client.post(
        url, {f"{prefix}-outcome": "corrected", f"{prefix}-decided_on": "2025-12-20"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.outcome, case.decided_on) == ("corrected", date(2025, 12, 20))
    page = clerk_client.get(reverse("requests:detail", args=[answered.pk])).content.decode()
    assert "结果纠正" in page and "2025-12-20" in page and url not in page

    again = clerk_client.post(url, {f"{prefix}-outcome": "upheld", f"{prefix}-decided_on": "2025-12-21"})
    assert again.status_code == 400 and "该案件已于2025-12-20审结" in again.content.decode()


def test_pending_is_not_a_decision_one_can_record(clerk_client, clerk, answered):
    case = open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3))
    prefix = f"decide-{case.pk}"
    response = clerk_client.post(
        reverse("requests:remedy_decide", args=[answered.pk, case.pk]),
        {f"{prefix}-outcome": "pending", f"{prefix}-decided_on": "2025-12-20"},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.decided_on is None


def test_staff_of_another_body_and_supervisors_get_404(client, clerk, other_clerk, supervisor, answered):
    case = open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3))
    for user in (other_clerk, supervisor):
        client.force_login(user)
        assert client.get(reverse("requests:detail", args=[answered.pk])).status_code == 404
        assert (
            client.post(reverse("requests:remedy_open", args=[answered.pk]), open_data()).status_code == 404
        )
        decide = client.post(
            reverse("requests:remedy_decide", args=[answered.pk, case.pk]),
            {f"decide-{case.pk}-outcome": "upheld", f"decide-{case.pk}-decided_on": "2025-12-01"},
        )
        assert decide.status_code == 404
    assert RemedyCase.objects.count() == 1
    case.refresh_from_db()
    assert case.decided_on is None


def test_a_case_of_another_request_is_not_found_under_this_one(clerk_client, clerk, street, answered):
    other = actions.register_request(
        actor=clerk,
        body=street,
        applicant=Applicant.objects.create(body=street, kind="natural_person", name="李四"),
        channel="in_person",
        arrived_on=date(2025, 10, 8),
        subject="另一项",
    ).request
    case = open_remedy(actor=clerk, request=other, kind="review", filed_on=date(2025, 11, 3))
    assert clerk_client.get(reverse("requests:remedy_decide", args=[answered.pk, case.pk])).status_code == 404


def test_the_forms_need_a_login(client, answered):
    response = client.post(reverse("requests:remedy_open", args=[answered.pk]), open_data())
    assert response.status_code == 302 and "/login/" in response["Location"]
