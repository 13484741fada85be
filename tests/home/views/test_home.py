"""After login each role lands on its own work (待办), with counts and links to where it is done."""

from __future__ import annotations

import re
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.actions.items import Draft, create_item
from gongkai.disclosure.actions.review import submit_for_review
from gongkai.disclosure.models import CatalogueNode
from gongkai.report_workspace.actions.reports import compile_report, review_report, submit_report
from gongkai.requests.actions.demo import load_demo_requests
from gongkai.supervision.actions.supervision import send_back
from tests.conftest import PASSWORD

Role = StaffMembership.Role


def _staff(body, username, role):  # type: ignore[no-untyped-def]
    return body_actions.create_staff_user(
        actor=None, body=body, username=username, password=PASSWORD, role=role
    )


def _home(user) -> str:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    response = c.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _entry(page: str, label: str) -> str:
    """The text of the work-list entry with this label (its count and first cases)."""
    match = re.search(
        rf"<li[^>]*>\s*<a href=\"([^\"]+)\">{re.escape(label)}</a> <strong class=\"count\">(\d+)</strong>",
        page,
    )
    assert match, f"no entry “{label}” on the page"
    return f"{match.group(1)} {match.group(2)}"


def test_logging_in_lands_on_my_work_not_on_the_report_import(client, clerk):
    response = client.post(reverse("login"), {"username": "zhichu_clerk", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    page = client.get(response["Location"]).content.decode()
    assert "我的待办" in page and "只楚街道办事处 · 经办人" in page


def test_a_visitor_sees_the_introduction(client):
    page = client.get(reverse("home")).content.decode()

    assert "政府信息公开工作平台" in page and "我的待办" not in page


def test_the_clerk_sees_each_kind_of_case_waiting_with_its_count(clerk, street):
    load_demo_requests(street, clerk)  # due soon, 补正 waiting, answered, an online application
    page = _home(clerk)

    assert _entry(page, "5个工作日内到期的申请") == f"{reverse('requests:list')} 1"
    assert (
        _entry(page, "待确认收到的申请（网上、信函等）") == f"{reverse('requests:list')}?status=registered 1"
    )
    assert _entry(page, "补正中：等待申请人补正") == f"{reverse('requests:list')}?status=correcting 1"
    assert "辖区养老服务设施分布情况" in page  # the online application, linked to its case
    assert "待我审核" not in page  # a clerk reviews nothing
    assert reverse("requests:list") in page.split("常用功能")[1]


def test_a_supervisor_is_not_offered_the_pages_of_cases(district):
    supervisor = _staff(district, "district_supervisor", Role.SUPERVISOR)

    links = _home(supervisor).split("常用功能")[1]
    assert reverse("requests:list") not in links and reverse("supervision:index") in links


def test_an_overdue_case_comes_first_and_marked(clerk, street):
    load_demo_requests(street, clerk)
    from gongkai.requests.models import Request

    Request.objects.filter(body=street, status="processing").update(
        due_on=timezone.localdate() - timedelta(days=3)
    )
    page = _home(clerk)

    assert _entry(page, "已超过答复期限的申请") == f"{reverse('requests:list')}?overdue=1 1"
    assert page.index("已超过答复期限的申请") < page.index("待确认收到的申请")


def test_the_reviewer_and_the_leader_see_what_waits_for_their_step(clerk, street):
    reviewer, leader = (
        _staff(street, "zhichu_reviewer", Role.REVIEWER),
        _staff(street, "zhichu_leader", Role.LEADER),
    )
    node = CatalogueNode.objects.get(body=street, name="公示公告")
    draft = Draft(
        node=node, title="冬季道路维修公告", formed_on=timezone.localdate(), body_html="<p>公告</p>"
    )
    submit_for_review(create_item(actor=clerk, body=street, draft=draft), actor=clerk)
    year = timezone.localdate().year - 1
    annual = submit_report(actor=clerk, annual=compile_report(actor=clerk, body=street, year=year))

    page = _home(reviewer)
    assert _entry(page, "待我审核的主动公开信息") == f"{reverse('disclosure:inbox')} 1"
    assert "冬季道路维修公告" in page and "核对环节" in page
    assert _entry(page, "待我审核的年度报告") == f"{reverse('yearbook:list')} 1"
    assert reverse("yearbook:detail", args=[annual.pk]) in page
    assert "待我签发" not in _home(reviewer) and "待我签发" not in _home(leader)

    review_report(actor=reviewer, annual=annual)
    page = _home(leader)
    assert _entry(page, "待我签发的年度报告") == f"{reverse('yearbook:list')} 1"
    assert not re.search(r'<h2 id="section-\d+">依申请公开', page)  # the leader handles no cases here


def test_the_supervisor_sees_late_bodies_and_send_backs_and_the_clerk_sees_the_reason(
    district, street, other_street, clerk, seed
):
    from gongkai.report_imports.actions.imports import import_report

    supervisor = _staff(district, "district_supervisor", Role.SUPERVISOR)
    year = timezone.localdate().year - 1
    data = seed("000").replace(b"2023", str(year).encode())
    imported = import_report(actor=clerk, body=street, data=data, filename="000.txt")
    send_back(actor=supervisor, body=street, year=year, comment="表四缺失，请补充")

    page = _home(supervisor)
    assert _entry(page, f"逾期未发布{year}年度报告的下级机关").endswith(" 1")  # 西高皇 has none
    assert "西高皇街道办事处" in page
    assert _entry(page, "已退回、待下级更正的年度报告") == f"{reverse('supervision:index')} 1"

    page = _home(clerk)
    assert _entry(page, "上级退回、待重新报送的年度报告") == f"{reverse('supervision:tasks')} 1"
    assert "表四缺失，请补充" in page
    assert reverse("reports:detail", args=[imported.pk]) in page  # where the reason shows, to redo it


def test_the_administrator_sees_locked_accounts_and_missing_letter_settings(district_admin, clerk, street):
    AccessAttempt.objects.create(
        username="zhichu_clerk", ip_address="10.0.0.1", failures_since_start=settings.GONGKAI_LOGIN_FAILURES
    )
    page = _home(district_admin)

    assert _entry(page, "被锁定、无法登录的账号") == f"{reverse('bodies:manage')} 1"
    assert reverse("bodies:staff", args=[street.pk]) in page and "zhichu_clerk" in page
    assert _entry(page, "文书设置不完整（缺行政复议机关或人民法院）").endswith(" 2")  # 区 and 街道
    assert reverse("requests:letter_settings", args=[street.pk]) in page


def test_someone_with_nothing_waiting_is_told_so(other_clerk, other_street):
    other_street.founded_on = timezone.localdate().replace(month=1, day=1)  # owes no report for last year
    other_street.save()
    page = _home(other_clerk)

    assert "目前没有等待您处理的事项" in page
    assert "没有待办" in page and "被锁定" not in page  # an empty section says so, an empty entry is left out
