"""A lock never stops an applicant: an application dated in a published year is registered (online
or in person), recorded as a 更正 of the published report, and the supervisors are told (e-mail, and
a status on the supervision area page)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Notification, StaffMembership
from gongkai.report_workspace.actions.lock import allowing, changes_after_publication
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.requests.actions import cases as actions
from gongkai.requests.documents import letters
from gongkai.requests.models import Request
from tests.conftest import PASSWORD
from tests.report_workspace.chain import publish_signed

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def area_supervisor(district):
    user = body_actions.create_staff_user(
        actor=None,
        body=district,
        username="qu_jiandu",
        password=PASSWORD,
        role=StaffMembership.Role.SUPERVISOR,
    )
    user.email = "jiandu@example.cn"
    user.save()
    return user


@pytest.fixture
def published_this_year(street):
    """The issue's case: the current year's report was published on 7 December in one click (before
    this fix), so the current year is locked."""
    cache.clear()
    today = timezone.localdate()
    return AnnualReport.objects.create(
        body=street,
        year=today.year,
        data={},
        status=Status.PUBLISHED,
        edition=1,
        published_on=today,
        published_at=datetime(today.year, today.month, today.day, 9, tzinfo=SHANGHAI),
    )


def test_an_online_application_to_a_locked_year_is_registered_and_raises_a_correction(
    published_this_year, area_supervisor, clerk, street, client, django_capture_on_commit_callbacks
):
    data = {
        "applicant_kind": "natural_person",
        "name": "王五",
        "id_type": "resident_id",
        "id_number": "110101199003070011",
        "email": "wangwu@example.cn",
        "subject": "只楚街道本年度财政预算",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:apply", args=[street.pk]), data)
    assert response.status_code == 302  # not a 403
    r = Request.objects.get(body=street)
    [change] = changes_after_publication(published_this_year)
    assert change.what == "登记依申请公开申请"
    assert change.reason.startswith("申请人的申请（网上") and change.changed_by is None
    published_this_year.refresh_from_db()
    assert published_this_year.changed_after_publication
    [message] = [m for m in mail.outbox if m.subject.startswith("【需更正】")]
    assert message.to == ["jiandu@example.cn"]
    [notice] = Notification.objects.filter(recipient=area_supervisor, kind="correction_raised")
    assert change.reason in notice.text and notice.link.startswith(f"/supervision/{street.pk}/")
    assert message.subject == f"【需更正】只楚街道办事处{published_this_year.year}年度报告发布后有记录变动"
    assert change.reason in message.body

    # the clerk then confirms receipt: a fact of the applicant's too, recorded, not refused
    actions.confirm_receipt(r, actor=clerk, on=timezone.localdate())
    r.refresh_from_db()
    assert r.received_on == timezone.localdate()
    assert len(changes_after_publication(published_this_year)) == 2

    # the supervisor sees the status on the area page
    client.force_login(area_supervisor)
    page = client.get(f"/supervision/{street.parent_id}/{published_this_year.year}/").content.decode()
    assert "（发布后有更正，需出更正版）" in page
    index = client.get("/supervision/").content.decode()
    assert "发布后有更正、需出更正版的年度报告" in index
    row = index.split('id="corrections"')[1]
    assert "只楚街道办事处" in row and f"{published_this_year.year}年度" in row and "2项" in row
    report_url = f"/supervision/{street.pk}/{published_this_year.year}/body/{street.pk}/"
    assert report_url in row and client.get(report_url).status_code == 200


def test_a_late_application_handed_in_person_for_a_published_year_is_registered(
    world_2024, clerk, street, area_supervisor, applicant_for_late, django_capture_on_commit_callbacks
):
    annual = publish_signed(annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20))
    with django_capture_on_commit_callbacks(execute=True):
        registered = actions.register_request(
            actor=clerk,
            body=street,
            applicant=applicant_for_late,
            channel="in_person",
            arrived_on=date(2024, 12, 31),
            subject="纸质登记簿漏录的申请",
        )
    assert registered.request.received_on == date(2024, 12, 31) and registered.request.year == 2024
    [change] = changes_after_publication(annual)
    assert change.reason == "申请人的申请（当面提交，收件日期2024-12-31）在该年度报告发布后登记"
    assert change.changed_by == clerk and change.on == date(2024, 12, 31)
    assert [m.to for m in mail.outbox] == [["jiandu@example.cn"]]


@pytest.fixture
def applicant_for_late(street):
    from gongkai.requests.models import Applicant

    return Applicant.objects.create(
        body=street, kind="natural_person", name="赵六", id_number="110101199003070022"
    )


def test_a_reply_and_its_delivery_in_a_locked_year_go_through_a_correction(
    published_this_year, letter_settings_of_street, clerk, street, applicant_for_late, client
):
    """The issue's case: replies to open cases were refused after the one-click publication."""
    today = timezone.localdate()
    r = actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant_for_late,
        channel="in_person",
        arrived_on=today,
        subject="本年度的某项信息",
    ).request
    client.force_login(clerk)
    url = f"/requests/{r.pk}/actions/review/"
    refused = client.post(url, {"review-on": today.isoformat()})
    assert refused.status_code == 400 and "请在「更正理由」栏填写理由后再次提交" in refused.content.decode()
    for name in ("review", "process"):
        response = client.post(
            f"/requests/{r.pk}/actions/{name}/",
            {f"{name}-on": today.isoformat(), f"{name}-lock_override_reason": "年度报告提前发布，补记办理"},
        )
        assert response.status_code == 302, name
    with allowing("年度报告提前发布，补记答复", "答复"):
        actions.reply(r, actor=clerk, on=today, outcomes="granted")
    letter = letters.generate_letter(r, actor=clerk, kind="reply")

    deliver = f"/requests/{r.pk}/letters/{letter.pk}/deliver/"
    data = {"delivery-on": today.isoformat(), "delivery-method": "direct"}
    response = client.post(deliver, data)
    assert response["Location"] == f"/requests/{r.pk}/?correct={letter.pk}#letter-{letter.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "请在「更正理由」栏填写理由后再次提交" in page
    assert 'name="delivery-lock_override_reason"' in page
    client.post(deliver, {**data, "delivery-lock_override_reason": "年度报告提前发布，补记送达"})
    letter.refresh_from_db()
    assert letter.delivered_on == today
    reasons = [c.reason for c in changes_after_publication(published_this_year)]
    assert "年度报告提前发布，补记送达" in reasons and "年度报告提前发布，补记答复" in reasons


@pytest.fixture
def letter_settings_of_street(street):
    from gongkai.requests.models import LetterSettings

    return LetterSettings.objects.create(
        body=street,
        review_organ="某某区人民政府",
        court="某某区人民法院",
        office_address="某路1号",
        office_phone="1",
    )
