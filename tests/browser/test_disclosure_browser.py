"""An item goes from a drafter through every review step to the public portal, in a real browser;
an item sent back by a reviewer never reaches it.
"""

import re

from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.actions.defaults import REVIEW_CHAIN
from tests.portal.conftest import _fresh_cache, leader, node, reviewer

__all__ = ["_fresh_cache", "leader", "node", "reviewer"]


def log_in(page, base: str, user, password: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def write_and_submit(page, base: str, body_pk: int, node, title: str, text: str) -> str:  # type: ignore[no-untyped-def]
    """As the drafter: write the item, submit it; returns the item's staff URL."""
    page.goto(f"{base}/disclosure/bodies/{body_pk}/items/new/")
    page.get_by_label("目录栏目").select_option(label=str(node))
    page.get_by_label("标题").fill(title)
    page.get_by_label("成文日期").fill("2025-09-01")
    page.get_by_label("正文（HTML）").fill(f"<p>{text}</p>")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/disclosure/items/\d+/$"))
    url = page.url
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_load_state()
    return url


def test_an_item_reviewed_at_every_step_is_published_and_found_and_a_returned_one_is_not(
    transactional_db, live_server, street, clerk, reviewer, leader, node, password, page
):
    base = live_server.url
    people = {StaffMembership.Role.REVIEWER: reviewer, StaffMembership.Role.LEADER: leader}
    title = "关于2025年老旧小区改造项目的公示"

    log_in(page, base, clerk, password)
    item_url = write_and_submit(page, base, street.pk, node, title, "光明里、幸福里两个老旧小区实施改造。")
    returned_url = write_and_submit(
        page, base, street.pk, node, "关于老旧小区加装电梯的通知（待修改）", "老旧小区加装电梯。"
    )

    for step in REVIEW_CHAIN[1:]:
        log_in(page, base, people[step.role], password)
        page.goto(item_url)
        page.get_by_role("button", name=re.compile("通过$")).click()
        page.wait_for_load_state()
        assert "已审核通过" in page.content()

    log_in(page, base, reviewer, password)
    page.goto(returned_url)
    page.get_by_label("退回到").select_option(label="撰稿")
    page.get_by_label("退回意见").fill("请补充改造范围")
    page.get_by_role("button", name="退回").click()
    page.wait_for_load_state()
    assert "已退回" in page.content()

    log_in(page, base, clerk, password)
    page.goto(item_url)
    page.get_by_role("button", name="发布").click()
    page.wait_for_load_state()
    assert "已发布" in page.content()

    page.context.clear_cookies()
    page.goto(f"{base}/gk/{street.pk}/")
    page.get_by_role("link", name=node.name).first.click()
    assert page.get_by_role("link", name=title).count() == 1
    assert page.get_by_text("加装电梯").count() == 0

    page.get_by_label("站内检索").fill("老旧小区")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url(re.compile(r"/gk/\d+/search/\?q="))
    assert "找到 1 条结果" in page.content()
    assert page.locator("ol.results mark").first.inner_text() == "老旧小区"
    page.get_by_role("link", name=re.compile("老旧小区改造项目")).click()
    assert page.locator("table.meta").get_by_text("索引号").count() == 1
    assert page.get_by_role("heading", name=title).count() == 1
