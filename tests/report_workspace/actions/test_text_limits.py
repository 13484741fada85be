"""The reasons and comments of the approval chain are typed straight into the workspace page (no form):
the actions bound them as every other typed text is (gongkai/web/limits.py), with the one wording."""

from datetime import date

import pytest

from gongkai.report_workspace.actions.reports import (
    YearbookError,
    compile_report,
    record_work_entry,
    send_back_report,
    submit_report,
)
from gongkai.report_workspace.models import ReportEvent, WorkEntry
from gongkai.report_workspace.rules.publishing import Approval
from gongkai.web.limits import REASON_MAX
from tests.report_workspace.chain import Role, member


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
