"""行政复议 and 行政诉讼 cases: opened and decided once, by the body's staff, each step on the record."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.report_format.layout import TABLE4_BLOCKS, TABLE4_FIELDS
from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.remedies import RemedyError, decide_remedy, open_remedy
from gongkai.requests.models import KIND_CHOICES, OUTCOME_CHOICES, EventKind, RemedyCase


@pytest.fixture
def answered(request_, clerk):
    return actions.reply(request_, actor=clerk, on=date(2025, 10, 9), outcomes="denied_process_info")


def remedy_events(request):
    return [
        (e.note, e.data["remedy"]["action"])
        for e in request.events.filter(kind=EventKind.NOTE)
        if "remedy" in e.data
    ]


def test_kinds_and_outcomes_are_the_table4_keys():
    assert [k for k, _ in KIND_CHOICES] == [b.key for b in TABLE4_BLOCKS]
    assert [k for k, _ in OUTCOME_CHOICES] == [f.key for f in TABLE4_FIELDS if f.key != "total"]
    assert dict(KIND_CHOICES)["litigation_direct"] == "行政诉讼·未经复议直接起诉"


def test_a_review_is_opened_pending_and_decided_with_events(answered, clerk):
    case = open_remedy(
        actor=clerk,
        request=answered,
        kind="review",
        filed_on=date(2025, 11, 3),
        organ="某某区人民政府",
        case_number="某复〔2025〕12号",
    )
    assert (case.outcome, case.decided_on, case.body_id) == ("pending", None, answered.body_id)
    decide_remedy(actor=clerk, case=case, outcome="corrected", decided_on=date(2025, 12, 20))
    case.refresh_from_db()
    assert (case.outcome, case.decided_on) == ("corrected", date(2025, 12, 20))
    assert remedy_events(answered) == [
        ("申请人提起行政复议（某某区人民政府，某复〔2025〕12号）", "opened"),
        ("行政复议审结：结果纠正", "decided"),
    ]


def test_a_case_is_decided_only_once_and_not_before_it_was_filed(answered, clerk):
    case = open_remedy(actor=clerk, request=answered, kind="litigation_direct", filed_on=date(2025, 11, 3))
    with pytest.raises(RemedyError, match="早于"):
        decide_remedy(actor=clerk, case=case, outcome="upheld", decided_on=date(2025, 11, 1))
    with pytest.raises(RemedyError, match="审结结果应为"):
        decide_remedy(actor=clerk, case=case, outcome="pending", decided_on=date(2025, 12, 1))
    decide_remedy(actor=clerk, case=case, outcome="upheld", decided_on=date(2025, 12, 1))
    with pytest.raises(RemedyError, match="已于2025-12-01审结"):
        decide_remedy(actor=clerk, case=case, outcome="other", decided_on=date(2025, 12, 2))


def test_only_litigation_after_review_follows_a_review_of_the_same_request(
    answered, clerk, applicant, street
):
    review = open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3))
    with pytest.raises(RemedyError, match="复议后起诉"):
        open_remedy(
            actor=clerk,
            request=answered,
            kind="litigation_direct",
            filed_on=date(2025, 12, 1),
            follows=review,
        )
    with pytest.raises(RemedyError, match="早于所经行政复议"):
        open_remedy(
            actor=clerk,
            request=answered,
            kind="litigation_after_review",
            filed_on=date(2025, 11, 1),
            follows=review,
        )
    other = actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel="in_person",
        arrived_on=date(2025, 10, 8),
        subject="另一项",
    ).request
    with pytest.raises(RemedyError, match="同一申请"):
        open_remedy(
            actor=clerk,
            request=other,
            kind="litigation_after_review",
            filed_on=date(2025, 12, 1),
            follows=review,
        )
    suit = open_remedy(
        actor=clerk,
        request=answered,
        kind="litigation_after_review",
        filed_on=date(2025, 12, 1),
        follows=review,
    )
    assert list(review.followed_by.all()) == [suit]


def test_unknown_kinds_and_impossible_dates_are_refused(answered, clerk):
    with pytest.raises(RemedyError, match="未知的案件类别"):
        open_remedy(actor=clerk, request=answered, kind="appeal", filed_on=date(2025, 11, 3))
    with pytest.raises(RemedyError, match="早于收到申请"):
        open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2025, 9, 1))
    with pytest.raises(RemedyError, match="晚于今天"):
        open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2999, 1, 1))
    assert not RemedyCase.objects.exists()


def test_staff_of_another_body_may_not_record_cases(answered, clerk, other_clerk):
    with pytest.raises(PermissionDenied):
        open_remedy(actor=other_clerk, request=answered, kind="review", filed_on=date(2025, 11, 3))
    case = open_remedy(actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3))
    with pytest.raises(PermissionDenied):
        decide_remedy(actor=other_clerk, case=case, outcome="upheld", decided_on=date(2025, 12, 1))
    assert remedy_events(answered) == [("申请人提起行政复议", "opened")]


def test_table4_of_a_published_year_is_locked(answered, clerk, street):
    from gongkai.report_workspace.actions.lock import YearLocked
    from gongkai.report_workspace.models import AnnualReport, Status

    AnnualReport.objects.create(
        body=street, year=2025, status=Status.PUBLISHED, data={}, published_on=date(2026, 1, 20)
    )
    with pytest.raises(YearLocked):
        open_remedy(
            actor=clerk, request=answered, kind="review", filed_on=date(2025, 11, 3), organ="区人民政府"
        )
    case = open_remedy(
        actor=clerk, request=answered, kind="review", filed_on=date(2026, 1, 5), organ="区人民政府"
    )
    assert (
        decide_remedy(actor=clerk, case=case, outcome="upheld", decided_on=date(2026, 3, 2)).outcome
        == "upheld"
    )
