"""撤回: the 分管领导 withdraws a published report with a reason; the portal stops listing it, the year
lock lifts, and the corrected report is published as the second edition (更正版), the withdrawn one's
record kept."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.report_workspace.actions.lock import (
    allowing,
    changes_after_publication,
    guard_change,
    is_year_locked,
)
from gongkai.report_workspace.actions.reports import (
    YearbookError,
    compile_report,
    edit_sections,
    withdraw_report,
)
from gongkai.report_workspace.models import Publication, ReportEvent, Status
from gongkai.report_workspace.queries.series import published_reports
from tests.report_workspace.chain import publish_signed

TITLE = "只楚街道办事处2024年政府信息公开工作年度报告"


@pytest.fixture
def published(world_2024, clerk, street, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_signed(
            actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
        )


def _withdraw(annual, leader, capture, reason="表三数据有误，需更正"):
    with capture(execute=True):
        return withdraw_report(actor=leader, annual=annual, reason=reason)


def test_the_first_publication_is_edition_one(published):
    assert published.edition == 1 and not published.is_correction
    [p] = Publication.objects.filter(report=published)
    assert (p.edition, p.version, p.published_on, p.withdrawn_at) == (
        1,
        published.version,
        date(2025, 1, 20),
        None,
    )


def test_only_the_leader_withdraws_and_with_a_reason(published, clerk, leader):
    with pytest.raises(PermissionDenied, match="只有分管领导"):
        withdraw_report(actor=clerk, annual=published, reason="有误")
    with pytest.raises(YearbookError, match="撤回理由"):
        withdraw_report(actor=leader, annual=published, reason="  ")
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_a_draft_is_not_withdrawn(world_2024, clerk, leader, street):
    draft = compile_report(actor=clerk, body=street, year=2024)
    with pytest.raises(YearbookError, match="尚未发布"):
        withdraw_report(actor=leader, annual=draft, reason="x")


def test_withdrawing_lifts_the_lock_and_keeps_the_record(
    published, leader, street, client, django_capture_on_commit_callbacks
):
    listing = f"/gk/{street.pk}/ndbg/"
    assert TITLE in client.get(listing).content.decode()
    annual = _withdraw(published, leader, django_capture_on_commit_callbacks)
    assert annual.status == Status.WITHDRAWN and annual.edition == 1
    assert not is_year_locked(street, 2024)
    assert guard_change(actor=None, body=street, on=date(2024, 6, 1)) is None
    assert list(published_reports(street)) == []
    assert TITLE not in client.get(listing).content.decode()
    assert client.get(f"/yearbook/published/{annual.pk}/html/").status_code == 404
    [p] = Publication.objects.filter(report=annual)
    assert (
        p.withdrawn_by == leader
        and p.withdraw_reason == "表三数据有误，需更正"
        and p.withdrawn_at is not None
    )
    event = ReportEvent.objects.get(report=annual, kind="withdrawn")
    assert event.note == "表三数据有误，需更正" and event.data == {"edition": 1, "version": annual.version}


def test_the_corrected_report_is_the_second_edition_on_the_portal(
    published, clerk, leader, street, client, django_capture_on_commit_callbacks
):
    annual = _withdraw(published, leader, django_capture_on_commit_callbacks)
    annual = compile_report(actor=clerk, body=street, year=2024)  # a withdrawn report is editable again
    annual = edit_sections(actor=clerk, annual=annual, sections={"preamble": "更正后的引言。"})
    assert annual.status == Status.WITHDRAWN
    with django_capture_on_commit_callbacks(execute=True):
        annual = publish_signed(actor=clerk, annual=annual, on=date(2025, 2, 3))
    assert (annual.status, annual.edition, annual.is_correction) == (Status.PUBLISHED, 2, True)
    assert annual.published_on == date(2025, 2, 3) and is_year_locked(street, 2024)
    first, second = Publication.objects.filter(report=annual).order_by("edition")
    assert first.withdrawn_at is not None and first.published_on == date(2025, 1, 20)
    assert second.edition == 2 and second.withdrawn_at is None and second.version == annual.version
    page = client.get(f"/gk/{street.pk}/ndbg/").content.decode()
    assert page.count(TITLE) == 1 and "（更正版）" in page and "2025年2月3日发布" in page
    assert ReportEvent.objects.filter(report=annual, kind="published").last().data["edition"] == 2


def test_changes_to_the_withdrawn_edition_are_not_shown_on_the_correction(
    published, clerk, leader, street, django_capture_on_commit_callbacks
):
    with allowing("补登", "旧的变更"):
        guard_change(actor=leader, body=street, on=date(2024, 5, 1))
    published.refresh_from_db()
    assert published.changed_after_publication and len(changes_after_publication(published)) == 1
    annual = _withdraw(published, leader, django_capture_on_commit_callbacks)
    assert len(changes_after_publication(annual)) == 1  # still listed while being corrected
    annual = publish_signed(actor=clerk, annual=annual, on=date(2025, 2, 3))
    assert changes_after_publication(annual) == [] and not annual.changed_after_publication


def test_the_withdraw_form_is_the_leaders(published, clerk, leader, client):
    client.force_login(clerk)
    page = client.get(f"/yearbook/{published.pk}/").content.decode()
    assert f'action="/yearbook/{published.pk}/withdraw/"' not in page
    response = client.post(f"/yearbook/{published.pk}/withdraw/", {"reason": "有误"}, follow=True)
    assert "只有分管领导可以撤回" in response.content.decode()
    client.force_login(leader)
    page = client.get(f"/yearbook/{published.pk}/").content.decode()
    assert f'action="/yearbook/{published.pk}/withdraw/"' in page
    response = client.post(f"/yearbook/{published.pk}/withdraw/", {"reason": "数据有误"}, follow=True)
    page = response.content.decode()
    assert "报告已撤回" in page and "发布更正版" in page and "已撤回：" in page
    published.refresh_from_db()
    assert published.status == Status.WITHDRAWN
