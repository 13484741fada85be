"""Publishing: refused over an error unless the 分管领导 overrides with a reason; then the year is locked."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.report_format.layout import Cell
from gongkai.report_workspace.actions.lock import YearLocked, guard_change, is_year_locked
from gongkai.report_workspace.actions.reports import (
    YearbookError,
    compile_report,
    edit_sections,
    enter_cells,
    publish_report,
    review_report,
    submit_report,
)
from gongkai.report_workspace.models import DueDateRule, ReportEvent
from gongkai.report_workspace.queries.checking import due_date
from gongkai.report_workspace.queries.deadlines import reminders
from gongkai.report_workspace.queries.series import published_reports
from tests.report_workspace.chain import publish_signed

BROKEN = Cell("table3", "new", "natural_person")


@pytest.fixture
def broken(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    return enter_cells(actor=clerk, annual=annual, values={BROKEN: 9}, note="录错了")


def _reviewed(annual, clerk, reviewer):
    annual = submit_report(actor=clerk, annual=annual)
    return review_report(actor=reviewer, annual=annual)


def test_a_report_with_an_error_is_not_published(broken, clerk, reviewer, leader):
    assert broken.error_count > 0
    annual = _reviewed(broken, clerk, reviewer)
    with pytest.raises(YearbookError, match=r"尚有.*项错误"):
        publish_report(actor=leader, annual=annual, on=date(2025, 1, 20))


def test_a_clerk_cannot_sign_even_with_a_reason(broken, clerk, reviewer):
    annual = _reviewed(broken, clerk, reviewer)
    with pytest.raises(PermissionDenied) as refused:
        publish_report(actor=clerk, annual=annual, on=date(2025, 1, 20), override_reason="急需发布")
    assert str(refused.value) == (
        "只有本机关的分管领导可以签发并发布年度报告；经办人提交审核、审核人审核后，由分管领导签发。"
    )


def test_the_leader_overrides_with_a_recorded_reason(broken, clerk, reviewer, leader, street):
    annual = _reviewed(broken, clerk, reviewer)
    annual = publish_report(actor=leader, annual=annual, on=date(2025, 1, 20), override_reason="纸质台账待核")
    assert annual.status == "published" and annual.override_reason == "纸质台账待核"
    event = ReportEvent.objects.get(report=annual, kind="published")
    assert event.data["override"]["reason"] == "纸质台账待核"
    assert "T3_ROW_TOTAL" in event.data["override"]["codes"]
    assert list(published_reports(street)) == [annual]


def test_a_clean_report_is_published_and_the_year_locked(world_2024, clerk, street, leader):
    annual = compile_report(actor=clerk, body=street, year=2024)
    assert annual.error_count == 0
    annual = publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))
    assert annual.published_on == date(2025, 1, 20)
    assert is_year_locked(street, 2024) and not is_year_locked(street, 2025)
    with pytest.raises(YearbookError, match="已发布并锁定"):
        edit_sections(actor=clerk, annual=annual, sections={"overview": "改"})
    with pytest.raises(YearbookError, match="已发布并锁定"):
        compile_report(actor=clerk, body=street, year=2024)


def test_guard_change_refuses_then_records_a_leaders_change(world_2024, clerk, street, leader):
    annual = publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )
    assert guard_change(actor=clerk, body=street, on=date(2025, 3, 1)) is None
    with pytest.raises(YearLocked, match="已锁定"):
        guard_change(actor=clerk, body=street, on=date(2024, 3, 1))
    with pytest.raises(YearLocked, match="只有分管领导"):
        guard_change(actor=clerk, body=street, on=date(2024, 3, 1), reason="补录")
    changed = guard_change(actor=leader, body=street, on=date(2024, 3, 1), reason="法院判决后更正结果")
    assert changed.pk == annual.pk and changed.changed_after_publication
    assert (
        ReportEvent.objects.get(report=annual, kind="changed_after_publication").note == "法院判决后更正结果"
    )


def test_a_late_publication_is_a_warning_against_the_levels_due_date(world_2024, clerk, street):
    DueDateRule.objects.create(level=street.level, month=2, day=20, basis="市政务公开办通知")
    assert due_date(street, 2024) == date(2025, 2, 20)
    annual = publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 2, 25)
    )
    late = [f for f in annual.report().findings if f.code == "LATE"]
    assert late and late[0].values["days_late"] == 5


def test_reminders_run_from_1_january_until_published(world_2024, clerk, street):
    [r] = reminders([street], date(2025, 1, 2))
    assert r.text == "只楚街道办事处2024年政府信息公开工作年度报告应于2025年1月31日前发布，还剩29天。"
    assert "已逾期3天" in reminders([street], date(2025, 2, 3))[0].text
    publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )
    assert reminders([street], date(2025, 1, 21)) == []


def test_the_work_register_is_locked_too(world_2024, clerk, street):
    from gongkai.report_workspace.actions.reports import record_work_entry

    publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )
    with pytest.raises(YearLocked):
        record_work_entry(actor=clerk, body=street, kind="training", on=date(2024, 12, 1), title="补登培训")


def test_a_published_report_appears_on_the_public_portal(
    world_2024, clerk, street, client, django_capture_on_commit_callbacks
):
    annual = compile_report(actor=clerk, body=street, year=2024)
    listing = f"/gk/{street.pk}/ndbg/"
    assert "2024年政府信息公开工作年度报告" not in client.get(listing).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the portal's cached pages go stale
        publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))
    page = client.get(listing).content.decode()
    assert f"{street.name}2024年政府信息公开工作年度报告" in page
    assert f"/yearbook/published/{annual.pk}/pdf/" in page
    assert client.get(f"/yearbook/published/{annual.pk}/html/").status_code == 200
