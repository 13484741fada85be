"""Fee notices on a case: one method per request, 按件 counted per applicant and natural month."""

from datetime import date

import pytest

from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.models import Channel
from gongkai.requests.rules.states import Status


def processing(request, clerk):
    r = actions.start_review(request, actor=clerk, on=date(2025, 9, 29))
    return actions.start_processing(r, actor=clerk, on=date(2025, 9, 29))


def test_by_volume_2219_pages_cost_83460_yuan_and_wait_for_payment(request_, clerk):
    r = processing(request_, clerk)
    notice = actions.notify_fee(
        r,
        actor=clerk,
        on=date(2025, 10, 9),
        method="per_volume",
        quantity=2219,
        notice_received_on=date(2025, 10, 10),
    )
    assert notice.amount == 83460 and "83460元" in notice.description
    r.refresh_from_db()
    assert r.status == Status.AWAITING_FEE
    r = actions.record_payment(r, actor=clerk, on=date(2025, 10, 20))
    assert r.status == Status.PROCESSING


def test_the_eleventh_request_of_a_month_costs_100_yuan(request_, clerk, street, applicant):
    for day in range(1, 11):  # ten more in September 2025 (the fixture's is the 26th)
        actions.register_request(
            actor=clerk,
            body=street,
            applicant=applicant,
            channel=Channel.IN_PERSON,
            arrived_on=date(2025, 9, day),
            subject=f"第{day}项",
        )
    r = processing(request_, clerk)
    notice = actions.notify_fee(r, actor=clerk, on=date(2025, 10, 9), method="per_piece", quantity=1)
    assert notice.amount == 100
    assert "此前已提出政府信息公开申请10件" in notice.description


def test_within_the_free_range_no_notice_is_sent(request_, clerk):
    r = processing(request_, clerk)
    with pytest.raises(RequestError, match="未超过免费范围"):
        actions.notify_fee(r, actor=clerk, on=date(2025, 10, 9), method="per_volume", quantity=30)


def test_one_notice_per_request(request_, clerk):
    r = processing(request_, clerk)
    actions.notify_fee(r, actor=clerk, on=date(2025, 10, 9), method="per_volume", quantity=100)
    with pytest.raises(RequestError, match="只能选择一种计收方式"):
        actions.notify_fee(r, actor=clerk, on=date(2025, 10, 9), method="per_piece", quantity=1)


def test_unpaid_after_twenty_working_days_is_deemed_abandoned(request_, clerk):
    r = processing(request_, clerk)
    actions.notify_fee(
        r,
        actor=clerk,
        on=date(2025, 9, 29),
        method="per_volume",
        quantity=100,
        notice_received_on=date(2025, 9, 26),
    )
    with pytest.raises(RequestError, match="2025-10-30"):  # 9-26 + 20 working days
        actions.lapse_fee(r, actor=clerk, on=date(2025, 10, 30))
    r = actions.lapse_fee(r, actor=clerk, on=date(2025, 10, 31))
    assert (r.status, r.outcome) == (Status.LAPSED_UNPAID, "other_unpaid_fee")


def test_a_waiver_keeps_the_reason_and_charges_nothing(request_, clerk):
    r = processing(request_, clerk)
    notice = actions.notify_fee(
        r,
        actor=clerk,
        on=date(2025, 10, 9),
        method="per_volume",
        quantity=300,
        waiver_reason="申请人为低保对象",
    )
    assert notice.amount == 0 and notice.waiver_reason == "申请人为低保对象"
    r.refresh_from_db()
    assert r.status == Status.PROCESSING


def test_a_waiver_reason_over_its_column_is_refused_and_no_notice_is_sent(request_, clerk):
    r = processing(request_, clerk)
    with pytest.raises(RequestError, match="“减免理由”最多300字，现在有301字"):
        actions.notify_fee(
            r, actor=clerk, on=date(2025, 10, 9), method="per_volume", quantity=300, waiver_reason="低" * 301
        )
    assert not r.fee_notices.exists() and r.events.count() == 3  # registered, review, processing
