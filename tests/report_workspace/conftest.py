"""The yearbook world: 只楚街道 in 2024 with cases, items, a fee, a review case and work entries, all
made through the apps' own actions, and its 2023 report imported from seed 000.

Hand count of 2024 (table 3, 自然人 unless said):
- A: received 2023-12-15, granted 2024-01-05 → carried_over 1, granted 1
- B: received 2024-03-01, granted 2024-03-20 (fee 2219 pages = 83460元 paid 2024-03-12; a review
  filed 2024-04-01, upheld 2024-06-01) → new 1, granted 1
- C: 商业企业, received 2024-05-06, partial 2024-05-20 → new 1 (商业企业), partial 1 (商业企业)
- D: received 2024-12-20, open → new 1, carried_forward 1
So new 2+1 = 3, carried_over 1, total 3, carried_forward 1; table 4 review upheld 1.
Items: 3 published in 2024 (2 in 公示公告 on 网站+微信公众号, 1 in 领导信息 on 网站); 1 in 2023.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AbstractUser

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.actions import review
from gongkai.disclosure.actions.items import Draft, create_item
from gongkai.disclosure.models import CatalogueNode
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_workspace.actions.reports import record_work_entry
from gongkai.requests.actions import cases as actions
from gongkai.requests.actions import remedies
from gongkai.requests.models import Applicant, Channel
from tests.conftest import PASSWORD

Role = StaffMembership.Role
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _staff(body: Body, username: str, role: str) -> AbstractUser:
    return body_actions.create_staff_user(
        actor=None, body=body, username=username, password=PASSWORD, role=role
    )


@pytest.fixture
def reviewer(street: Body) -> AbstractUser:
    return _staff(street, "zhichu_reviewer", Role.REVIEWER)


@pytest.fixture
def leader(street: Body) -> AbstractUser:
    return _staff(street, "zhichu_leader", Role.LEADER)


@pytest.fixture
def supervisor(street: Body) -> AbstractUser:
    return _staff(street, "zhichu_supervisor", Role.SUPERVISOR)


def _request(body, clerk, arrived_on, kind="natural_person"):
    applicant = Applicant.objects.create(body=body, kind=kind, name=f"申请人{arrived_on}")
    return actions.register_request(
        actor=clerk,
        body=body,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=arrived_on,
        subject="某项政府信息",
    ).request


def _publish_item(clerk, reviewer, leader, body, node, title, on, channels):
    item = create_item(
        actor=clerk,
        body=body,
        draft=Draft(node=node, title=title, formed_on=on, body_html="<p>正文。</p>", channels=channels),
    )
    item = review.submit_for_review(item, actor=clerk)
    while item.status == "in_review":
        actor = leader if item.current_step.role == Role.LEADER else reviewer
        item = review.approve_step(item, actor=actor)
    return review.publish(item, actor=clerk, now=datetime(on.year, on.month, on.day, 10, tzinfo=SHANGHAI))


@pytest.fixture
def world_2024(street, clerk, reviewer, leader, seed):
    """The 2024 records of 只楚街道 (see the module docstring) and its imported 2023 report."""
    a = _request(street, clerk, date(2023, 12, 15))
    actions.reply(a, actor=clerk, on=date(2024, 1, 5), outcomes="granted")
    b = _request(street, clerk, date(2024, 3, 1))
    b = actions.start_review(b, actor=clerk, on=date(2024, 3, 1))
    b = actions.start_processing(b, actor=clerk, on=date(2024, 3, 1))
    actions.notify_fee(
        b,
        actor=clerk,
        on=date(2024, 3, 5),
        method="per_volume",
        quantity=2219,
        notice_received_on=date(2024, 3, 6),
    )
    b = actions.record_payment(b, actor=clerk, on=date(2024, 3, 12))
    actions.reply(b, actor=clerk, on=date(2024, 3, 20), outcomes="granted")
    case = remedies.open_remedy(actor=clerk, request=b, kind="review", filed_on=date(2024, 4, 1))
    remedies.decide_remedy(actor=clerk, case=case, outcome="upheld", decided_on=date(2024, 6, 1))
    c = _request(street, clerk, date(2024, 5, 6), kind="commercial")
    actions.reply(c, actor=clerk, on=date(2024, 5, 20), outcomes="partial")
    _request(street, clerk, date(2024, 12, 20))

    nodes = list(
        CatalogueNode.objects.filter(body=street).order_by("pk")
    )  # the default a new body starts with
    notices = next(n for n in nodes if n.name == "公示公告")
    news = next(n for n in nodes if n.name == "领导信息")
    _publish_item(
        clerk, reviewer, leader, street, notices, "低保公示一", date(2024, 3, 4), ["website", "wechat"]
    )
    _publish_item(
        clerk, reviewer, leader, street, notices, "低保公示二", date(2024, 6, 3), ["website", "wechat"]
    )
    _publish_item(clerk, reviewer, leader, street, news, "工作动态一", date(2024, 9, 2), ["website"])
    _publish_item(clerk, reviewer, leader, street, news, "上年动态", date(2023, 9, 4), ["website"])

    record_work_entry(
        actor=clerk, body=street, kind="training", on=date(2024, 4, 10), title="条例培训", participants=20
    )
    record_work_entry(
        actor=clerk, body=street, kind="training", on=date(2024, 10, 9), title="保密审查培训", participants=15
    )
    record_work_entry(actor=clerk, body=street, kind="npc", on=date(2024, 7, 1), title="关于加装电梯的建议")

    import_report(actor=clerk, body=street, data=seed("000"), filename="2023.txt", confirmed=True)
    return {"news": news, "notices": notices}
