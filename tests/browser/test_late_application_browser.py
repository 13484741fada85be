"""After 2024 has ended, 只楚街道's 2024 report is signed and published (the page walk of that is in
test_yearbook_browser.py; here the chain's actions do it). A letter signed for on 2024-12-30 is
registered late by the clerk: it is never refused, and it raises a 更正 that the clerk's and the
leader's pages and the district supervisor's pages show. The portal's form still takes applications.
``page`` is asked for last (tests/browser/conftest.py)."""

import re

import pytest

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.models import AnnualReport
from tests.report_workspace.chain import publish_signed
from tests.report_workspace.conftest import leader, reviewer, world_2024  # noqa: F401  (fixtures)


@pytest.fixture
def published_2024(world_2024, street, clerk, reviewer, leader):  # noqa: F811
    annual = compile_report(actor=clerk, body=street, year=2024)
    return publish_signed(annual=annual, override_reason="测试：表二收费栏未填")


@pytest.fixture
def district_supervisor(district, password):
    return body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_supervisor",
        password=password,
        role=StaffMembership.Role.SUPERVISOR,
    )


def log_in(page, base: str, user, password: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def home_entry(page, label: str):  # type: ignore[no-untyped-def]
    return page.locator(".worklist-entries > li", has_text=label).first


def test_a_late_application_for_a_published_year_registers_and_raises_a_correction(
    transactional_db,
    live_server,
    street,
    clerk,
    leader,  # noqa: F811
    published_2024,
    district_supervisor,
    password,
    tmp_path,
    page,
):
    base = live_server.url
    assert published_2024.status == "published" and not published_2024.changed_after_publication

    # The clerk registers a letter signed for on 2024-12-30, found only now: registered, not refused.
    log_in(page, base, clerk, password)
    page.goto(f"{base}/requests/new/")
    page.get_by_label("申请方式").select_option(label="信函（需签收）")
    page.get_by_label("收件日期").fill("2024-12-30")
    page.get_by_label("姓名或单位名称").fill("赵六")
    page.get_by_label("证件号码（自然人）").fill("110101199003070011")
    page.get_by_label("通信地址").fill("某某区某某路2号")
    page.get_by_label("所需政府信息的名称").fill("只楚街道2024年拆迁补偿标准")
    page.get_by_role("button", name="登记").click()
    page.wait_for_load_state()
    assert page.locator(".form-error").count() == 0, page.locator(".form-error").first.inner_text()
    assert "〔2024〕第" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "late-registered.png"), full_page=True)

    # The clerk's home and the report's page say the published report needs a correction.
    page.goto(f"{base}/")
    entry = home_entry(page, "发布后有更正、需出更正版的年度报告")
    assert int(entry.locator("strong.count").inner_text()) == 1
    page.goto(f"{base}/yearbook/{published_2024.pk}/")
    assert "报告需要更正" in page.locator("#status").inner_text()
    banner = page.locator("#changed-after-publication").inner_text()
    assert "登记依申请公开申请" in banner and "2024-12-30" in banner
    page.screenshot(path=str(tmp_path / "clerk-report.png"), full_page=True)

    # The leader, who signs the corrected edition, sees it on the home page too.
    log_in(page, base, leader, password)
    entry = home_entry(page, "发布后有更正、需出更正版的年度报告")
    assert int(entry.locator("strong.count").inner_text()) == 1
    assert "只楚街道 2024年度报告" in entry.inner_text()

    # The district's supervisor: a 待办 entry, the supervision index's table and the report's banner.
    log_in(page, base, district_supervisor, password)
    entry = home_entry(page, "发布后有更正、需出更正版的下级年报")
    assert int(entry.locator("strong.count").inner_text()) == 1
    told = home_entry(page, "未读通知").inner_text()
    assert "2024年政府信息公开工作年度报告" in told and "登记依申请公开申请" in told
    page.screenshot(path=str(tmp_path / "supervisor-home.png"), full_page=True)
    page.goto(f"{base}/supervision/")
    row = page.locator("#corrections tr", has_text="只楚街道办事处")
    assert "2024年度" in row.inner_text() and "1项" in row.inner_text()
    row.get_by_role("link", name="2024年度").click()
    page.wait_for_load_state()
    assert "登记依申请公开申请" in page.locator("#changed-after-publication").inner_text()
    page.screenshot(path=str(tmp_path / "supervisor-report.png"), full_page=True)

    # The portal still takes applications for the body after its report is published.
    page.context.clear_cookies()
    page.goto(f"{base}/apply/{street.pk}/")
    page.get_by_label("姓名或单位名称").fill("王五")
    page.get_by_label("证件号码（自然人）").fill("110101198505120029")
    page.get_by_label("电子邮箱").fill("wangwu@example.cn")
    page.get_by_label("所需政府信息的名称").fill("只楚街道2024年度报告所列收费")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/apply/\d+/done/$"))
    assert re.fullmatch(r"〔\d{4}〕第\d+号", page.locator("#request-number").inner_text().strip())
    assert AnnualReport.objects.get(pk=published_2024.pk).changed_after_publication
