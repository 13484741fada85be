"""`gongkai start --demo` gives every role an account with work waiting on its home page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gongkai.bodies.models import StaffMembership
from gongkai.report_imports.actions.demo import load_demo
from gongkai.requests.models import LetterSettings
from gongkai.supervision.models import SendBack


def _home(username: str) -> str:
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c.get(reverse("home")).content.decode()


def test_the_demo_has_every_role_and_something_on_each_home_page(db):
    accounts = load_demo()

    roles = {(a.username, a.role) for a in accounts}
    assert ("quji_jiandu", "监督人员") in roles
    for street in ("dongcheng", "xicheng"):
        assert {
            (street, "经办人"),
            (f"{street}_shenhe", "审核人"),
            (f"{street}_lingdao", "分管领导"),
        } <= roles
    assert all(a.password for a in accounts)  # printed once by `gongkai start`
    assert StaffMembership.objects.filter(role="supervisor", body__parent=None).count() == 1
    for settings in LetterSettings.objects.filter(body__parent__isnull=False):
        assert settings.review_organ == "某某区人民政府" and settings.court == "某某区人民法院"

    assert "5个工作日内到期的申请" in _home("dongcheng") and "待记录送达的文书" in _home("dongcheng")
    assert "上级退回、待重新报送的年度报告" in _home("xicheng")
    assert "待我审核的主动公开信息" in _home("dongcheng_shenhe")
    assert "待我审核的年度报告" in _home("dongcheng_shenhe")
    assert "待我签发的年度报告" in _home("xicheng_lingdao")
    assert "待我审核的主动公开信息" in _home("xicheng_lingdao")  # an item at 终审
    supervisor = _home("quji_jiandu")
    assert "逾期未发布" in supervisor and "已退回、待下级更正的年度报告" in supervisor
    assert "近30日已更正的退回" in supervisor


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo()
    sendbacks = SendBack.objects.count()

    again = load_demo()

    assert SendBack.objects.count() == sendbacks
    assert not any(a.password for a in again)  # existing accounts keep their passwords
