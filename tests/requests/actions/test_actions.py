"""The case workflow: every legal path, nothing else, each step recorded."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.cases import RequestError, TransitionError
from gongkai.requests.models import Channel, Event, EventKind, Request
from gongkai.requests.rules.states import Status


def kinds(request):
    return list(request.events.values_list("kind", flat=True))


def test_registration_numbers_per_body_and_year_and_starts_the_clock(request_, clerk, street, applicant):
    assert request_.number == "〔2025〕第1号"
    assert request_.received_on == date(2025, 9, 26)  # in person: the day handed in
    assert request_.due_on == date(2025, 10, 30)
    second = actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 29),
        subject="另一项信息",
    ).request
    assert second.number == "〔2025〕第2号"
    assert kinds(request_) == [EventKind.REGISTERED]
    assert request_.items.count() == 2


def test_an_online_request_waits_for_confirmation_before_the_clock_runs(clerk, street, applicant):
    r = actions.register_request(
        actor=None,
        body=street,
        applicant=applicant,
        channel=Channel.ONLINE,
        arrived_on=date(2025, 9, 26),
        subject="信息",
    ).request
    assert r.received_on is None and r.due_on is None
    r = actions.confirm_receipt(r, actor=clerk, on=date(2025, 9, 29))
    assert r.due_on == date(2025, 11, 3)  # 9-30, then 10-09 … (10-11 is a make-up Saturday)
    assert Event.objects.get(request=r, kind=EventKind.REGISTERED).actor_label == "申请人"


def test_the_tracking_code_is_checked_not_stored(registered):
    r = Request.objects.get(pk=registered.request.pk)
    assert registered.tracking_code not in r.tracking_hash
    assert r.check_tracking_code(registered.tracking_code)
    assert r.check_tracking_code(registered.tracking_code.lower())
    assert not r.check_tracking_code("AAAAAAAA")


def test_a_correction_notice_is_sent_once_and_restarts_the_clock(request_, clerk):
    actions.start_review(request_, actor=clerk, on=date(2025, 9, 29))
    r = actions.request_correction(
        request_, actor=clerk, on=date(2025, 9, 29), what="请明确小区名称", deadline=date(2025, 10, 24)
    )
    assert r.status == Status.CORRECTING and r.due_on is None
    with pytest.raises(RequestError, match="一次性"):
        actions.request_correction(
            r, actor=clerk, on=date(2025, 9, 30), what="再补", deadline=date(2025, 10, 24)
        )
    r = actions.receive_correction(r, actor=clerk, on=date(2025, 11, 3))
    assert r.status == Status.PROCESSING
    assert r.due_on == date(2025, 12, 1)


def test_a_late_correction_notice_is_recorded_as_late(request_, clerk):
    actions.start_review(request_, actor=clerk, on=date(2025, 9, 29))
    actions.request_correction(
        request_, actor=clerk, on=date(2025, 10, 14), what="补", deadline=date(2025, 10, 30)
    )
    event = Event.objects.get(request=request_, kind=EventKind.CORRECTION_REQUESTED)
    assert "2025-10-13" in event.data["late_notice"]


def test_lapse_of_correction_only_after_its_deadline(request_, clerk):
    actions.start_review(request_, actor=clerk, on=date(2025, 9, 29))
    actions.request_correction(
        request_, actor=clerk, on=date(2025, 9, 29), what="补", deadline=date(2025, 10, 24)
    )
    with pytest.raises(RequestError, match="期限届满前"):
        actions.lapse_correction(request_, actor=clerk, on=date(2025, 10, 24))
    r = actions.lapse_correction(request_, actor=clerk, on=date(2025, 10, 27))
    assert (r.status, r.outcome, r.concluded_on) == (
        Status.LAPSED_NO_CORRECTION,
        "other_no_correction",
        date(2025, 10, 27),
    )


def test_extension_is_capped_at_twenty_working_days_and_needs_approval(request_, clerk):
    actions.start_processing(
        actions.start_review(request_, actor=clerk, on=date(2025, 9, 29)), actor=clerk, on=date(2025, 9, 29)
    )
    with pytest.raises(RequestError, match="负责人"):
        actions.extend(
            request_, actor=clerk, on=date(2025, 10, 28), days=10, reason="需协调", approved_by=" "
        )
    r = actions.extend(
        request_, actor=clerk, on=date(2025, 10, 28), days=15, reason="需协调", approved_by="李主任"
    )
    assert r.status == Status.EXTENDED
    with pytest.raises(RequestError, match="最长不得超过20个工作日"):
        actions.extend(r, actor=clerk, on=date(2025, 10, 29), days=6, reason="再延", approved_by="李主任")


def test_consultation_pauses_and_resumes(request_, clerk):
    r = actions.start_processing(
        actions.start_review(request_, actor=clerk, on=date(2025, 9, 29)), actor=clerk, on=date(2025, 9, 29)
    )
    r = actions.start_consultation(r, actor=clerk, on=date(2025, 10, 9), third_party="某某物业公司")
    assert r.status == Status.CONSULTING and r.due_on is None
    r = actions.end_consultation(r, actor=clerk, on=date(2025, 10, 16), opinion="不同意公开")
    # 10-09 → 10-16 excludes 10-10, 11 (make-up Saturday), 13, 14, 15, 16 = 6 working days.
    assert r.status == Status.PROCESSING and r.due_on == date(2025, 11, 7)


def test_items_handled_differently_count_once_as_partial(request_, clerk):
    first, second = request_.items.order_by("position")
    r = actions.reply(
        request_,
        actor=clerk,
        on=date(2025, 10, 20),
        outcomes={first.pk: "granted", second.pk: "denied_third_party"},
    )
    assert (r.status, r.outcome, r.concluded_on) == (Status.REPLIED, "partial", date(2025, 10, 20))


def test_a_reply_on_the_spot_from_registration(request_, clerk):
    r = actions.reply(request_, actor=clerk, on=date(2025, 9, 26), outcomes="granted")
    assert r.status == Status.REPLIED


def test_impossible_transitions_are_refused_in_chinese(request_, clerk):
    r = actions.reply(request_, actor=clerk, on=date(2025, 10, 9), outcomes="unable_not_held")
    with pytest.raises(TransitionError, match=r"已答复.*不能转为.*审查中"):
        actions.start_review(r, actor=clerk, on=date(2025, 10, 10))
    r = actions.deliver(r, actor=clerk, on=date(2025, 10, 10), method="邮寄")
    r = actions.archive(r, actor=clerk, on=date(2025, 10, 11))
    with pytest.raises(TransitionError, match="已办结归档"):
        actions.withdraw(r, actor=clerk, on=date(2025, 10, 12))


def test_withdrawal_counts_as_other(request_, clerk):
    r = actions.withdraw(request_, actor=clerk, on=date(2025, 10, 9), reason="申请人电话撤回")
    assert (r.outcome, r.status) == ("other_other", Status.WITHDRAWN)


def test_dates_cannot_run_backwards_or_into_the_future(request_, clerk):
    r = actions.start_review(request_, actor=clerk, on=date(2025, 10, 9))
    with pytest.raises(RequestError, match="早于上一办理环节"):
        actions.start_processing(r, actor=clerk, on=date(2025, 10, 1))
    with pytest.raises(RequestError, match="晚于今天"):
        actions.start_processing(r, actor=clerk, on=date(2099, 1, 1))


def test_staff_of_another_body_cannot_act(request_, other_clerk):
    with pytest.raises(PermissionDenied):
        actions.start_review(request_, actor=other_clerk, on=date(2025, 9, 29))
    assert Request.objects.get(pk=request_.pk).status == Status.REGISTERED
    assert kinds(request_) == [EventKind.REGISTERED]


def test_a_failed_action_leaves_nothing_half_saved(request_, clerk):
    first, second = request_.items.order_by("position")
    with pytest.raises(RequestError):
        actions.reply(
            request_, actor=clerk, on=date(2025, 10, 9), outcomes={first.pk: "granted", second.pk: "nonsense"}
        )
    assert not request_.items.exclude(outcome="").exists()
    assert Request.objects.get(pk=request_.pk).status == Status.REGISTERED


def test_every_event_records_who_when_and_the_state_change(request_, clerk):
    actions.start_review(request_, actor=clerk, on=date(2025, 9, 29))
    e = Event.objects.get(request=request_, kind=EventKind.REVIEW_STARTED)
    assert (e.actor, e.from_status, e.to_status, e.on) == (
        clerk,
        Status.REGISTERED,
        Status.REVIEWING,
        date(2025, 9, 29),
    )
    with pytest.raises(ValueError, match="只能追加"):
        e.note = "改"
        e.save()


def test_a_calendar_change_moves_open_deadlines_and_says_so(request_, clerk, django_user_model):
    from gongkai.workdays.actions import calendar as calendar_actions

    assert request_.due_on == date(2025, 10, 30)
    root = django_user_model.objects.create_superuser("root", password="x")
    calendar_actions.set_day(
        actor=root,
        on=date(2025, 10, 29),
        is_workday=False,
        name="地方放假",
        source="某市政府通知",
        reason="台风",
    )
    r = Request.objects.get(pk=request_.pk)
    assert r.due_on == date(2025, 10, 31)
    event = Event.objects.get(request=r, kind=EventKind.DEADLINE_RECOMPUTED)
    assert event.data["before"] == "2025-10-30" and "工作日历变更（2025年）" in event.note


def test_a_step_dated_in_a_published_year_is_refused(request_, clerk, street):
    from gongkai.report_workspace.actions.lock import YearLocked
    from gongkai.report_workspace.models import AnnualReport
    from gongkai.report_workspace.models import Status as ReportStatus

    AnnualReport.objects.create(
        body=street, year=2025, status=ReportStatus.PUBLISHED, data={}, published_on=date(2026, 1, 20)
    )
    with pytest.raises(YearLocked, match="2025年政府信息公开工作年度报告已于2026年1月20日发布"):
        actions.reply(request_, actor=clerk, on=date(2025, 10, 20), outcomes="granted")
    assert Request.objects.get(pk=request_.pk).status == Status.REGISTERED
    r = actions.reply(request_, actor=clerk, on=date(2026, 1, 5), outcomes="granted")  # a 2026 step is fine
    assert r.status == Status.REPLIED


def test_the_event_of_a_clerk_with_the_longest_username_fits_its_column(street, applicant):
    """The event keeps the username as it was (actor_label): its column takes every username a staff
    account may have (150 characters), or PostgreSQL refuses the step of such a clerk."""
    from django.contrib.auth import get_user_model

    from gongkai.bodies.actions import members as bodies
    from gongkai.bodies.models import StaffMembership

    longest = get_user_model()._meta.get_field("username").max_length
    clerk = bodies.create_staff_user(
        actor=None,
        body=street,
        username="c" * longest,
        password="x-7Hq!pLm2",
        role=StaffMembership.Role.CLERK,
    )
    r = actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject="信息",
    ).request
    event = Event.objects.get(request=r, kind=EventKind.REGISTERED)
    assert event.actor_label == "c" * longest
    event.full_clean()  # the column's length, checked here on every database
