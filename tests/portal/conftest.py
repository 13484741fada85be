"""The portal world: 只楚街道's disclosure set-up (from tests/disclosure) and helpers that publish."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.disclosure.actions import review
from gongkai.disclosure.models import Item
from gongkai.portal.queries import cache, context
from tests.disclosure.conftest import approve_all, leader, make_item, node, reviewer, street_admin

__all__ = ["approve_all", "leader", "make_item", "node", "reviewer", "street_admin"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()
    context.forget()


@pytest.fixture
def publish(make_item, approve_all, clerk):
    """Write an item, take it through every review step and publish it; returns it 已发布."""

    def run(title: str, text: str, **fields) -> Item:  # type: ignore[no-untyped-def]
        fields.setdefault("formed_on", date(2025, 9, 1))
        item = approve_all(make_item(title=title, body_html=f"<p>{text}</p>", **fields))
        return review.publish(item, actor=clerk, override_reason="测试数据")

    return run


RENOVATION = (
    "关于2025年老旧小区改造项目的公示",
    "根据区住房城乡建设委工作安排，2025年只楚街道拟对光明里、幸福里两个老旧小区实施改造。"
    "老旧小区改造内容包括外墙保温、屋面防水、加装电梯和雨污分流，改造期间请居民配合。",
)
BUDGET = (
    "只楚街道办事处2025年部门预算公开",
    "按照财政预算公开的要求，现将只楚街道办事处2025年部门预算公开如下：一般公共预算收入3200万元，"
    "支出3200万元；“三公”经费预算28万元，比上年减少2万元。",
)
HIRING = (
    "只楚街道2025年公开招聘社区工作者招聘公告",
    "为加强社区工作者队伍建设，只楚街道面向社会公开招聘社区工作者15名。报名时间为10月8日至10月15日，"
    "报名条件、考试方式详见附件。",
)
MENTION = (
    "只楚街道2025年第三季度工作动态",
    "第三季度，街道完成了环境整治和安全生产检查；光明里老旧小区的外墙保温工程已进场施工。",
)


@pytest.fixture
def library(publish):
    """Four published items: 老旧小区改造, 部门预算, 招聘公告 and a work report mentioning 老旧小区 once."""
    return {
        "renovation": publish(*RENOVATION),
        "budget": publish(*BUDGET),
        "hiring": publish(*HIRING),
        "mention": publish(*MENTION),
    }
