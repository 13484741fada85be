"""The report's approval chain end to end through the pages: 经办人 submits, 审核人 reviews, only the
分管领导 signs on a confirmation page that shows what the publication locks; each step recorded."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.report_workspace.actions.reports import (
    YearbookError,
    compile_report,
    edit_sections,
    publish_report,
    review_report,
    send_back_report,
    submit_report,
)
from gongkai.report_workspace.models import ReportEvent, Status
from gongkai.requests.models import Request

NOT_ENDED = "2026年度尚未结束（统计期至2026年12月31日），不能发布2026年度报告；最早可于2027年1月1日发布。"


def _as(client, user):
    client.force_login(user)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_chain_from_submission_to_signature(world_2024, clerk, reviewer, leader, street, client):
    annual = compile_report(actor=clerk, body=street, year=2024)
    detail = f"/yearbook/{annual.pk}/"

    # the clerk cannot sign, not even from the confirmation page
    response = _as(client, clerk).post(f"/yearbook/{annual.pk}/publish/", {"confirm": "yes"}, follow=True)
    assert "只有本机关的分管领导可以签发并发布年度报告" in response.content.decode()
    # the clerk submits
    response = client.post(f"/yearbook/{annual.pk}/submit/", {"comment": "请审核"}, follow=True)
    assert "报告已提交审核" in response.content.decode()
    annual.refresh_from_db()
    assert annual.approval == "submitted"
    # the clerk cannot review
    response = client.post(f"/yearbook/{annual.pk}/review/", follow=True)
    assert "只有本机关的审核人可以审核年度报告" in response.content.decode()

    # the reviewer sends it back with a reason, the clerk submits again, the reviewer passes it on
    response = _as(client, reviewer).post(f"/yearbook/{annual.pk}/send-back/", {"reason": ""}, follow=True)
    assert "请填写退回理由" in response.content.decode()
    client.post(f"/yearbook/{annual.pk}/send-back/", {"reason": "第五部分需补充问题"})
    annual.refresh_from_db()
    assert annual.approval == ""
    _as(client, clerk).post(f"/yearbook/{annual.pk}/submit/")
    page = _as(client, reviewer).get(detail).content.decode()
    assert 'id="review-form"' in page
    client.post(f"/yearbook/{annual.pk}/review/", {"comment": "同意"})
    annual.refresh_from_db()
    assert annual.approval == "reviewed"

    # the leader sees what will be locked, then signs
    page = _as(client, leader).get(f"/yearbook/{annual.pk}/publish/").content.decode()
    assert "发布后，<strong>2024年度</strong>" in page
    frozen = Request.objects.filter(body=street, received_on__year=2024).count()
    assert f'<td>依申请公开申请（本年度收到）</td><td class="num">{frozen}</td>' in page
    assert 'id="publish-form"' in page
    response = client.post(f"/yearbook/{annual.pk}/publish/", {}, follow=True)
    assert "请勾选确认" in response.content.decode()
    response = client.post(
        f"/yearbook/{annual.pk}/publish/", {"confirm": "yes", "comment": "同意发布"}, follow=True
    )
    assert "报告已签发发布，2024年度的数据已锁定" in response.content.decode()
    annual.refresh_from_db()
    assert annual.status == Status.PUBLISHED and annual.published_on == timezone.localdate()

    steps = list(
        ReportEvent.objects.filter(
            report=annual, kind__in=["submitted", "reviewed", "sent_back", "published"]
        )
        .order_by("at", "pk")
        .values_list("kind", "actor__username", "note")
    )
    assert steps == [
        ("submitted", "zhichu_clerk", "请审核"),
        ("sent_back", "zhichu_reviewer", "第五部分需补充问题"),
        ("submitted", "zhichu_clerk", "提交审核"),
        ("reviewed", "zhichu_reviewer", "同意"),
        ("published", "zhichu_leader", "发布"),
    ]
    assert ReportEvent.objects.get(report=annual, kind="published").data["comment"] == "同意发布"
    page = client.get(detail).content.decode()
    assert "zhichu_leader" in page.split('id="publications"')[1]


def test_the_leader_cannot_sign_a_report_the_reviewer_has_not_reviewed(world_2024, clerk, leader, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    with pytest.raises(YearbookError) as refused:
        publish_report(actor=leader, annual=annual, on=date(2025, 1, 20))
    assert refused.value.message == (
        "报告尚未经审核人审核（当前：编制中），不能签发；请由经办人提交审核、审核人审核后再签发。"
    )


def test_an_edit_in_the_chain_brings_the_draft_back(world_2024, clerk, reviewer, street):
    annual = submit_report(actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024))
    annual = edit_sections(actor=clerk, annual=annual, sections={"overview": "改过的概述"})
    assert annual.approval == ""
    with pytest.raises(YearbookError, match="不在待审核环节"):
        review_report(actor=reviewer, annual=annual)


def test_only_the_leader_sends_back_a_reviewed_report(world_2024, clerk, reviewer, leader, street):
    annual = review_report(
        actor=reviewer,
        annual=submit_report(actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024)),
    )
    with pytest.raises(PermissionDenied, match="报告已审核，只有分管领导可以退回"):
        send_back_report(actor=reviewer, annual=annual, reason="再看看")
    assert send_back_report(actor=leader, annual=annual, reason="数据需再核").approval == ""


def test_the_year_cannot_be_published_before_it_has_ended(
    clerk, reviewer, leader, street, client, monkeypatch
):
    """The issue's day: 7 December 2026, the 2026 report."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 12, 7))
    annual = compile_report(actor=clerk, body=street, year=2026)
    with pytest.raises(YearbookError) as refused:
        submit_report(actor=clerk, annual=annual)
    assert refused.value.message == NOT_ENDED
    with pytest.raises(YearbookError) as refused:
        publish_report(actor=leader, annual=annual)
    assert refused.value.message == NOT_ENDED
    page = _as(client, leader).get(f"/yearbook/{annual.pk}/publish/").content.decode()
    assert NOT_ENDED in page and 'id="publish-form"' not in page
    response = client.post(f"/yearbook/{annual.pk}/publish/", {"confirm": "yes"}, follow=True)
    assert NOT_ENDED in response.content.decode()
    annual.refresh_from_db()
    assert annual.status == Status.DRAFT
    page = _as(client, clerk).get(f"/yearbook/{annual.pk}/").content.decode()
    assert NOT_ENDED in page and 'id="submit-form"' not in page


def test_on_1_january_the_year_can_go_through(clerk, reviewer, leader, street, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 12, 31))
    annual = compile_report(actor=clerk, body=street, year=2026)
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2027, 1, 1))
    annual = review_report(actor=reviewer, annual=submit_report(actor=clerk, annual=annual))
    annual = publish_report(actor=leader, annual=annual, override_reason="年初发布，部分数据待补")
    assert annual.status == Status.PUBLISHED and annual.published_on == date(2027, 1, 1)
