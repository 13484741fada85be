"""The leader-with-reason path of the year lock: refused, or allowed by the 分管领导 and recorded as a
change to the published report, shown on its page and on the supervision page."""

from datetime import date

import pytest

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.actions import registers
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.models import DecisionCount
from gongkai.report_workspace.actions.lock import (
    YearLocked,
    allowing,
    cancel_overrides,
    changes_after_publication,
    grant_change,
    guard_change,
    recording,
)
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.models import LockOverride, ReportEvent
from gongkai.requests.models import RemedyCase, Request
from tests.conftest import PASSWORD
from tests.report_workspace.chain import publish_signed

BANNER = "本年度报告发布后，以下记录已变更"
COUNTS = {"licensing": 4, "punishment": 1, "coercion": 0}


@pytest.fixture
def published(world_2024, clerk, street):
    return publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )


@pytest.fixture
def open_request(world_2024, street):
    """Case D: received 2024-12-20, still open."""
    return Request.objects.get(body=street, received_on=date(2024, 12, 20))


def test_a_leaders_reason_given_around_the_action_is_recorded_with_what_changed(published, leader, street):
    with allowing("行政复议决定撤销原答复", "依申请公开D：作出答复"):
        report = guard_change(actor=leader, body=street, on=date(2024, 12, 28))
    assert report.pk == published.pk and report.changed_after_publication
    [change] = changes_after_publication(report)
    assert (change.reason, change.what, change.on) == (
        "行政复议决定撤销原答复",
        "依申请公开D：作出答复",
        date(2024, 12, 28),
    )
    assert change.allowed_by == leader and change.changed_by == leader and change.changed_at is not None
    event = ReportEvent.objects.get(report=published, kind="changed_after_publication")
    assert event.data["what"] == "依申请公开D：作出答复" and event.data["override"] == change.pk


def test_a_clerks_reason_is_refused(published, clerk, street):
    with pytest.raises(YearLocked, match="只有分管领导") as refused, allowing("我想改"):
        guard_change(actor=clerk, body=street, on=date(2024, 12, 28))
    assert not LockOverride.objects.exists()
    assert (refused.value.year, refused.value.report_pk) == (2024, published.pk)


def test_a_change_called_off_before_it_went_out_leaves_the_reports_changes(
    published, leader, clerk, street, client
):
    with recording() as found, allowing("名单有误", "定时（2025-02-01 09:00）变更发布：名单"):
        guard_change(actor=leader, body=street, on=date(2024, 3, 1))
        guard_change(actor=leader, body=street, on=date(2024, 4, 1))  # one change, recorded once
    with allowing("法院判决后更正结果", "依申请公开B：作出答复"):
        guard_change(actor=leader, body=street, on=date(2024, 3, 20))
    assert [o.what for o in found] == ["定时（2025-02-01 09:00）变更发布：名单"]

    (cancelled,) = cancel_overrides([found[0].pk], actor=clerk, reason="变更已放弃")

    assert (cancelled.cancelled_by, cancelled.cancel_reason) == (clerk, "变更已放弃")
    assert [c.what for c in changes_after_publication(published)] == ["依申请公开B：作出答复"]
    published.refresh_from_db()
    assert published.changed_after_publication  # the other change stands
    event = ReportEvent.objects.get(report=published, kind="change_cancelled")
    assert (event.note, event.data["override"], event.data["by"]) == (
        "变更已放弃",
        found[0].pk,
        "zhichu_clerk",
    )
    assert cancel_overrides([found[0].pk], actor=clerk, reason="再取消") == []  # once

    other = LockOverride.objects.get(what="依申请公开B：作出答复")
    cancel_overrides([other.pk], actor=None, reason="取消")
    published.refresh_from_db()
    assert not published.changed_after_publication
    page = _login(client, leader).get(f"/yearbook/{published.pk}/").content.decode()
    assert BANNER not in page
    assert "发布后数据有变动" not in page and "needs-correction" not in page
    assert (
        "撤销更正" in page and "change_cancelled" not in page
    )  # the log keeps what was called off, in Chinese


def test_one_change_guarding_several_dates_is_recorded_once(published, leader, street):
    with allowing("更正", "一次变更"):
        guard_change(actor=leader, body=street, on=date(2024, 3, 1))
        guard_change(actor=leader, body=street, on=date(2024, 4, 1))
    assert LockOverride.objects.count() == 1
    # outside the block the next change needs its own reason again
    with pytest.raises(YearLocked, match="已锁定"):
        guard_change(actor=leader, body=street, on=date(2024, 4, 1))


def test_an_open_year_records_nothing(published, leader, street):
    with allowing("无需理由"):
        assert guard_change(actor=leader, body=street, on=date(2025, 3, 1)) is None
    assert not LockOverride.objects.exists()


def test_a_grant_lets_the_next_register_change_of_a_clerk_through_once(published, leader, clerk, street):
    with pytest.raises(YearLocked, match="已锁定"):
        registers.set_decision_counts(actor=clerk, body=street, year=2024, month=5, counts=COUNTS)
    grant = grant_change(actor=leader, annual=published, reason="台账漏登5月许可")
    assert grant.is_open and changes_after_publication(published) == []
    registers.set_decision_counts(actor=clerk, body=street, year=2024, month=5, counts=COUNTS)
    assert DecisionCount.objects.get(body=street, year=2024, month=5, kind="licensing").count == 4
    grant.refresh_from_db()
    assert not grant.is_open and grant.changed_by == clerk and grant.on == date(2024, 5, 1)
    assert grant.allowed_by == leader and grant.reason == "台账漏登5月许可"
    with pytest.raises(YearLocked, match="已锁定"):  # used up
        registers.set_decision_counts(actor=clerk, body=street, year=2024, month=6, counts=COUNTS)


def test_a_refused_change_does_not_use_the_grant(published, leader, clerk, street):
    grant = grant_change(actor=leader, annual=published, reason="补登文件")
    with pytest.raises(DisclosureError, match="文件名称"):
        registers.register_document(
            actor=clerk, body=street, kind="normative_documents", title=" ", issued_on=date(2024, 8, 1)
        )
    grant.refresh_from_db()
    assert grant.is_open


def test_only_a_leader_grants_and_only_for_a_published_year(published, clerk, leader, world_2024, street):
    with pytest.raises(YearLocked, match="只有分管领导"):
        grant_change(actor=clerk, annual=published, reason="x")
    with pytest.raises(YearLocked, match="请填写变更理由"):
        grant_change(actor=leader, annual=published, reason="  ")
    draft_2023 = compile_report(actor=clerk, body=street, year=2023)
    with pytest.raises(YearLocked, match="未发布"):
        grant_change(actor=leader, annual=draft_2023, reason="x")


# ---------------------------------------------------------------- views


def _login(client, user):
    client.force_login(user)
    return client


def test_the_case_page_refuses_a_step_without_a_reason_and_takes_the_clerks_correction(
    published, open_request, clerk, client
):
    """A reply or any step of an open case dated in the published year: refused without a reason,
    with a message that says how to make a 更正; the clerk's 更正理由 lets it through, recorded."""
    url = f"/requests/{open_request.pk}/actions/review/"
    response = _login(client, clerk).post(url, {"review-on": "2024-12-23"})
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "只楚街道办事处2024年政府信息公开工作年度报告已于2025年1月20日发布，"
        "2024年12月23日属于该年度，该年度的数据已锁定，不能直接记录或修改。"
        "如需在该年度补记或修改，请在「更正理由」栏填写理由后再次提交，作为对已发布报告的更正"
    ) in page
    assert 'name="review-lock_override_reason"' in page and "更正理由" in page

    response = client.post(url, {"review-on": "2024-12-23", "review-lock_override_reason": "补录审查日期"})
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.events.filter(on=date(2024, 12, 23)).exists()
    [change] = changes_after_publication(published)
    assert change.what == f"依申请公开{open_request.number}：开始审查" and change.reason == "补录审查日期"
    assert change.changed_by == clerk and change.allowed_by == clerk
    published.refresh_from_db()
    assert published.changed_after_publication


def test_the_remedy_form_takes_the_leaders_reason(published, open_request, leader, clerk, client):
    url = f"/requests/{open_request.pk}/remedies/new/"
    data = {"remedy-kind": "review", "remedy-filed_on": "2024-12-25", "remedy-organ": "区政府"}
    response = _login(client, clerk).post(url, data)
    assert response.status_code == 400 and "已锁定" in response.content.decode()
    assert not RemedyCase.objects.filter(request=open_request).exists()
    response = _login(client, leader).post(url, data)
    assert 'name="remedy-lock_override_reason"' in response.content.decode()
    response = client.post(url, {**data, "remedy-lock_override_reason": "补登复议案件"})
    assert response.status_code == 302
    assert RemedyCase.objects.filter(request=open_request, filed_on=date(2024, 12, 25)).exists()
    assert changes_after_publication(published)[0].reason == "补登复议案件"


def test_the_registers_page_shows_the_refusal_instead_of_a_403_then_uses_a_grant(
    published, clerk, leader, street, client
):
    url = f"/disclosure/bodies/{street.pk}/registers/month/"
    data = {"year": "2024", "month": "5", **{k: str(v) for k, v in COUNTS.items()}}
    response = _login(client, clerk).post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == f"/disclosure/bodies/{street.pk}/registers/?year=2024"
    assert "该年度的数据已锁定" in response.content.decode()
    assert not DecisionCount.objects.filter(body=street, year=2024, month=5).exists()

    assert (
        _login(client, leader).post(f"/yearbook/{published.pk}/grant/", {"reason": "漏登"}).status_code == 302
    )
    _login(client, clerk).post(url, data)
    assert DecisionCount.objects.get(body=street, year=2024, month=5, kind="licensing").count == 4
    [change] = changes_after_publication(published)
    assert change.what == "主动公开台账：处理决定数量" and change.changed_by == clerk


def test_the_workspace_and_the_supervision_page_show_the_changes(published, leader, street, district, client):
    with allowing("法院判决后更正结果", "依申请公开B：作出答复"):
        guard_change(actor=leader, body=street, on=date(2024, 3, 20))
    page = _login(client, leader).get(f"/yearbook/{published.pk}/").content.decode()
    assert BANNER in page and "依申请公开B：作出答复" in page and "法院判决后更正结果" in page
    assert "撤回并编制更正版" in page
    assert "已发布的报告需要更正" in page and 'id="needs-correction"' in page
    supervisor = body_actions.create_staff_user(
        actor=None,
        body=district,
        username="qu_jiandu",
        password=PASSWORD,
        role=StaffMembership.Role.SUPERVISOR,
    )
    page = (
        _login(client, supervisor).get(f"/supervision/{district.pk}/2024/body/{street.pk}/").content.decode()
    )
    assert BANNER in page and "法院判决后更正结果" in page


def test_no_banner_without_changes(published, leader, client):
    page = _login(client, leader).get(f"/yearbook/{published.pk}/").content.decode()
    assert BANNER not in page


def test_registering_a_request_received_in_the_locked_year(published, clerk, street, client):
    """Receiving an application is a fact: registered at once, recorded as a 更正 of the report."""
    data = {
        "body": str(street.pk),
        "channel": "in_person",
        "arrived_on": "2024-12-30",
        "received_on": "2024-12-30",
        "applicant_kind": "natural_person",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": "110101199003070011",
        "phone": "13912345678",
        "subject": "漏登的申请",
        "items": "某项信息",
    }
    before = Request.objects.count()
    response = _login(client, clerk).post("/requests/new/", data)
    assert response.status_code == 302 and Request.objects.count() == before + 1
    [change] = changes_after_publication(published)
    assert (change.what, change.reason, change.on) == (
        "登记依申请公开申请",
        "申请人的申请（当面提交，收件日期2024-12-30）在该年度报告发布后登记",
        date(2024, 12, 30),
    )
    assert change.changed_by == clerk and change.allowed_by is None
