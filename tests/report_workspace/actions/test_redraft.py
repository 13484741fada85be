"""Re-drafting sections 一, 五 and 六 from the current facts: only when confirmed, over the clerk's text,
the text before kept in the previous version."""

from datetime import date

import pytest

from gongkai.report_format.model import Report
from gongkai.report_workspace.actions.reports import (
    YearbookError,
    compile_report,
    edit_sections,
    record_work_entry,
    redraft_sections,
)
from gongkai.report_workspace.models import ReportEvent, ReportVersion
from tests.report_workspace.chain import publish_signed

# world_2024: trainings 2 (20 + 15 人次); one more of 30 人次 is recorded after the compile.
BEFORE = "本年度组织政务公开业务培训2次，累计培训35人次。"
AFTER = "本年度组织政务公开业务培训3次，累计培训65人次。"


@pytest.fixture
def edited(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    assert BEFORE in annual.report().narrative.sections["overview"]
    annual = edit_sections(
        actor=clerk,
        annual=annual,
        sections={
            "preamble": "本机关自拟的引言。",
            "overview": "经办人改写的概述。",
            "problems": "改写的问题。",
        },
    )
    record_work_entry(
        actor=clerk, body=street, kind="training", on=date(2024, 11, 20), title="年底培训", participants=30
    )
    return annual


def test_redrafting_writes_one_five_and_six_from_the_current_facts(edited, clerk):
    before_version = edited.version
    annual = redraft_sections(actor=clerk, annual=edited, confirmed=True)
    sections = annual.report().narrative.sections
    assert AFTER in sections["overview"] and "经办人改写的概述" not in sections["overview"]
    assert sections["problems"] != "改写的问题。" and "存在的主要问题" in sections["problems"]
    assert "信息处理费" in sections["other_matters"]
    assert sections["preamble"] == "本机关自拟的引言。"  # not one of 一/五/六
    assert annual.facts["trainings"] == 3 and annual.facts["training_participants"] == 65
    assert annual.version == before_version + 1
    kept = Report.from_json(ReportVersion.objects.get(report=annual, number=before_version).data)
    assert kept.narrative.sections["overview"] == "经办人改写的概述。"
    event = ReportEvent.objects.get(report=annual, kind="redrafted")
    assert event.data == {"sections": ["overview", "problems"], "replaced_version": before_version}


def test_redrafting_needs_the_confirmation(edited, clerk):
    with pytest.raises(YearbookError, match="勾选确认"):
        redraft_sections(actor=clerk, annual=edited, confirmed=False)
    edited.refresh_from_db()
    assert edited.report().narrative.sections["overview"] == "经办人改写的概述。"
    assert not ReportEvent.objects.filter(report=edited, kind="redrafted").exists()


def test_a_published_report_is_not_redrafted(world_2024, clerk, street):
    annual = publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )
    with pytest.raises(YearbookError, match="已发布并锁定"):
        redraft_sections(actor=clerk, annual=annual, confirmed=True)


def test_the_redraft_button_asks_for_confirmation_then_redrafts(edited, clerk_client):
    page = clerk_client.get(f"/yearbook/{edited.pk}/").content.decode()
    assert f'action="/yearbook/{edited.pk}/redraft/"' in page and 'name="confirm"' in page
    response = clerk_client.post(f"/yearbook/{edited.pk}/redraft/", follow=True)
    assert "勾选确认" in response.content.decode()
    edited.refresh_from_db()
    assert edited.report().narrative.sections["overview"] == "经办人改写的概述。"
    response = clerk_client.post(f"/yearbook/{edited.pk}/redraft/", {"confirm": "yes"}, follow=True)
    assert "已按当前统计事实重新起草" in response.content.decode()
    edited.refresh_from_db()
    assert AFTER in edited.report().narrative.sections["overview"]
