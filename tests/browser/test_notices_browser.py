"""An applicant applies online with an e-mail address; the clerk logs in, sees the 待办 badge in the
navigation, opens the notice and goes on to the case. The applicant's confirmation went by e-mail."""

import re

from django.core import mail


def test_the_clerk_is_told_of_an_online_application(
    transactional_db, live_server, street, clerk, password, tmp_path, page
):
    page.goto(f"{live_server.url}/apply/{street.pk}/")
    page.get_by_label("姓名或单位名称").fill("王五")
    page.get_by_label("证件号码（自然人）").fill("110101199003070011")
    page.get_by_label("电子邮箱").fill("wangwu@example.cn")
    page.get_by_label("所需政府信息的名称").fill("只楚街道2025年财政预算")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/apply/\d+/done/$"))
    number = page.locator("#request-number").inner_text().strip()
    code = page.locator("#tracking-code").inner_text().strip()
    assert "确认邮件已发送至 wangwu@example.cn" in page.locator("main").inner_text()
    [confirmation] = [m for m in mail.outbox if m.to == ["wangwu@example.cn"]]
    assert number in confirmation.body and code not in confirmation.body

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    badge = page.locator("nav .notices-link .count-badge")
    assert badge.inner_text().strip() == "1"
    page.screenshot(path=str(tmp_path / "badge.png"))

    page.locator("nav .notices-link").click()
    page.wait_for_url(re.compile(r"/bodies/notices/$"))
    row = page.locator("table.notices tr.unread")
    assert row.count() == 1
    assert "新的网上申请" in row.inner_text() and number in row.inner_text()
    page.screenshot(path=str(tmp_path / "notices.png"), full_page=True)

    row.get_by_role("button", name="查看并标为已读").click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))
    assert number in page.locator("h1").inner_text()
    assert page.locator("nav .notices-link .count-badge").count() == 0
