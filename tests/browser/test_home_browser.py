"""Every role of the demo logs in through the login form and lands on its own home page, which shows
its work (待办) with counts; a link there opens the page where the work is done. Screenshots go to
the test's tmp_path (GONGKAI_SCREENSHOTS=DIR keeps them)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.contrib.auth import get_user_model

from gongkai.report_imports.actions.demo import load_demo

# username → the entries its home page must show
EXPECTED = {
    "dongcheng": [
        "5个工作日内到期的申请",
        "待确认收到的申请（网上、信函等）",
        "补正中：等待申请人补正",
        "待记录送达的文书",
    ],
    "dongcheng_shenhe": ["待我审核的主动公开信息", "待我审核的年度报告"],
    "xicheng_lingdao": ["待我审核的主动公开信息", "待我签发的年度报告", "上级退回、待重新报送的年度报告"],
    "quji_jiandu": ["逾期未发布", "已退回、待下级更正的年度报告", "近30日已更正的退回"],
    "admin": ["文书设置不完整（缺行政复议机关或人民法院）"],
}
# username → the staff links its navigation must not show (its role may not use those pages)
HIDDEN = {
    "dongcheng": ["机关管理"],
    "dongcheng_shenhe": ["机关管理"],
    "xicheng_lingdao": ["机关管理"],
    "quji_jiandu": ["主动公开", "依申请公开", "年报工作台", "机关管理"],
    "admin": [],
}


def test_each_role_lands_on_its_own_work(transactional_db, live_server, password, tmp_path, page):
    load_demo()
    users = get_user_model().objects.filter(username__in=EXPECTED)
    for user in users:
        user.set_password(password)
        user.save()
    if not users.filter(username="admin").exists():
        from gongkai.bodies.actions.members import ensure_first_admin

        ensure_first_admin(username="admin", password=password, root_name="本机关")
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    for username, entries in EXPECTED.items():
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/")
        assert page.get_by_role("heading", name="我的待办", level=1).is_visible()
        page.screenshot(path=str(shots / f"home-{username}.png"), full_page=True)
        nav = page.get_by_role("navigation", name="主导航")
        assert nav.get_by_role("link", name="年报监督").is_visible()
        for label in HIDDEN[username]:
            assert nav.get_by_role("link", name=label, exact=True).count() == 0, (
                f"{username}: “{label}” shown"
            )
        if username == "admin":
            assert nav.get_by_role("link", name="机关管理", exact=True).is_visible()
        for label in entries:
            entry = page.locator(".worklist-entries > li", has_text=label).first
            assert entry.is_visible(), f"{username}: no “{label}”"
            assert int(entry.locator("strong.count").inner_text()) >= 1
        page.get_by_role("button", name=re.compile("^退出")).click()
        page.wait_for_load_state()

    # The 审核人 follows an entry to where the work is done: the item waiting at 核对.
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("dongcheng_shenhe")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="东城街道冬季道路维修施工公告", exact=True).click()
    page.wait_for_url(re.compile(r"/disclosure/items/\d+/$"))
    assert page.get_by_role("button", name="核对通过").is_visible()
    assert page.get_by_role("button", name="发布").count() == 0
