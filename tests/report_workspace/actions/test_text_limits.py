"""The reasons and comments of the approval chain, the year lock's reasons and the narrative sections are
typed straight into the workspace page (no form): the actions bound them as every other typed text is
(gongkai/web/limits.py), with the one wording, and refuse before anything is saved."""

from datetime import date

import pytest

from gongkai.report_format.layout import Cell
from gongkai.report_workspace.actions.lock import YearLocked, allowing, grant_change, guard_change
from gongkai.report_workspace.actions.reports import (
    YearbookError,
    compile_report,
    edit_sections,
    enter_cells,
    record_work_entry,
    send_back_report,
    submit_report,
)
from gongkai.report_workspace.models import LockOverride, ReportEvent, ReportVersion, WorkEntry
from gongkai.report_workspace.rules.publishing import Approval
from gongkai.web.limits import NOTE_MAX, REASON_MAX, SECTION_MAX
from tests.report_workspace.chain import Role, member, publish_signed


def test_a_comment_or_a_reason_over_its_limit_is_refused_and_nothing_is_saved(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    events = ReportEvent.objects.count()

    with pytest.raises(YearbookError, match=f"最多{REASON_MAX}字，现在有{REASON_MAX + 1}字"):
        submit_report(actor=clerk, annual=annual, comment="很" * (REASON_MAX + 1))

    annual.refresh_from_db()
    assert annual.approval == Approval.DRAFTING and ReportEvent.objects.count() == events
    annual = submit_report(actor=clerk, annual=annual, comment="很" * REASON_MAX)  # at the limit: taken
    with pytest.raises(YearbookError, match="退回理由"):
        send_back_report(actor=member(street, Role.REVIEWER), annual=annual, reason="错" * (REASON_MAX + 1))


def test_a_work_entry_title_longer_than_its_column_is_refused(clerk, street):
    """300 characters is the column's length: PostgreSQL would refuse a longer title with an error."""
    with pytest.raises(YearbookError, match="“名称”最多300字"):
        record_work_entry(
            actor=clerk, body=street, kind=WorkEntry.Kind.TRAINING, on=date(2024, 6, 1), title="培" * 301
        )
    assert not WorkEntry.objects.exists()


# ---- the year lock's reasons, the narrative sections and the version's note


@pytest.fixture
def published(world_2024, clerk, street):
    return publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )


def test_a_grant_with_a_reason_over_its_limit_is_refused_and_nothing_is_recorded(published, leader):
    events = ReportEvent.objects.count()
    with pytest.raises(YearLocked, match=f"“变更理由”最多{REASON_MAX}字，现在有{REASON_MAX + 1}字"):
        grant_change(actor=leader, annual=published, reason="因" * (REASON_MAX + 1))
    assert not LockOverride.objects.exists() and ReportEvent.objects.count() == events
    grant_change(actor=leader, annual=published, reason="因" * REASON_MAX)  # at the limit: taken
    assert LockOverride.objects.get().reason == "因" * REASON_MAX


def test_a_correction_reason_over_its_limit_is_refused_before_anything_is_recorded(published, clerk, street):
    too_long = allowing("因" * (REASON_MAX + 1), "依申请公开：作出答复")
    with pytest.raises(YearLocked, match=f"“更正理由”最多{REASON_MAX}字"), too_long:
        guard_change(actor=clerk, body=street, on=date(2024, 12, 28), staff_may_correct=True)
    published.refresh_from_db()
    assert not LockOverride.objects.exists() and not published.changed_after_publication


def test_a_narrative_section_over_its_limit_is_refused_naming_it_and_no_section_is_kept(
    world_2024, clerk, street
):
    annual = compile_report(actor=clerk, body=street, year=2024)
    version, before = annual.version, annual.report().narrative.sections
    long = "问" * (SECTION_MAX + 1)
    with pytest.raises(
        YearbookError, match=f"“五、存在的主要问题及改进情况”最多{SECTION_MAX}字，现在有{SECTION_MAX + 1}字"
    ):
        edit_sections(actor=clerk, annual=annual, sections={"overview": "新的总体情况", "problems": long})
    annual.refresh_from_db()
    assert annual.version == version and annual.report().narrative.sections == before
    annual = edit_sections(actor=clerk, annual=annual, sections={"problems": "问" * SECTION_MAX})
    assert annual.report().narrative.sections["problems"] == "问" * SECTION_MAX


def test_a_versions_note_is_kept_whole(world_2024, clerk, street):
    """It was cut to 300 characters; a typed note may have NOTE_MAX."""
    annual = compile_report(actor=clerk, body=street, year=2024)
    note = "据" * NOTE_MAX
    annual = enter_cells(
        actor=clerk, annual=annual, values={Cell("table3", "new", "natural_person"): 9}, note=note
    )
    assert ReportVersion.objects.get(report=annual, number=annual.version).note == note
    versions = ReportVersion.objects.filter(report=annual).count()
    with pytest.raises(YearbookError, match=f"“说明”最多{NOTE_MAX}字"):
        enter_cells(
            actor=clerk, annual=annual, values={Cell("table3", "new", "natural_person"): 8}, note=note + "据"
        )
    assert ReportVersion.objects.filter(report=annual).count() == versions
    annual.refresh_from_db()
    assert annual.report().values[Cell("table3", "new", "natural_person")] == 9
