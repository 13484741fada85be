"""The annual report's chain tells whoever must act next: submitted → the 审核人, reviewed → the
分管领导, sent back → whoever submitted it, with the reason."""

from gongkai.bodies.models import Notification
from gongkai.report_workspace.actions.reports import (
    compile_report,
    review_report,
    send_back_report,
    submit_report,
)


def _kinds(user):
    mine = Notification.objects.filter(recipient=user, kind__startswith="report_")
    return list(mine.order_by("pk").values_list("kind", flat=True))


def test_each_step_tells_the_next_person(world_2024, clerk, reviewer, leader, street):
    annual = submit_report(actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024))
    assert _kinds(reviewer) == ["report_to_review"] and _kinds(leader) == [] and _kinds(clerk) == []
    notice = Notification.objects.get(recipient=reviewer, kind="report_to_review")
    assert notice.link == f"/yearbook/{annual.pk}/"
    assert (
        notice.text == f"只楚街道办事处2024年政府信息公开工作年度报告已由{clerk.username}提交，等待您审核。"
    )

    review_report(actor=reviewer, annual=annual)
    assert _kinds(leader) == ["report_to_sign"]

    send_back_report(actor=leader, annual=annual, reason="表三第二行与台账不符")
    assert _kinds(clerk) == ["report_sent_back"]
    assert (
        "退回理由：表三第二行与台账不符"
        in Notification.objects.get(recipient=clerk, kind="report_sent_back").text
    )
    assert _kinds(reviewer) == ["report_to_review"]  # not told again
