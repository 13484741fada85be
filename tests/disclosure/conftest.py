"""The disclosure world: 只楚街道 with its clerk (drafter), a reviewer, a leader and an administrator,
a default catalogue, and helpers that take an item through the review chain."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.actions import review
from gongkai.disclosure.actions.items import Draft, create_item
from gongkai.disclosure.models import CatalogueNode, Item
from tests.conftest import PASSWORD

Role = StaffMembership.Role


def _staff(body: Body, username: str, role: str) -> AbstractUser:
    return body_actions.create_staff_user(
        actor=None, body=body, username=username, password=PASSWORD, role=role
    )


@pytest.fixture(autouse=True)
def _fresh_portal_cache() -> None:
    """Portal pages are cached by URL; item ids repeat between tests."""
    cache.clear()


@pytest.fixture
def reviewer(street: Body) -> AbstractUser:
    """审核人 of 只楚街道: 核对, 复审 and 保密审查 in the default chain."""
    return _staff(street, "zhichu_reviewer", Role.REVIEWER)


@pytest.fixture
def leader(street: Body) -> AbstractUser:
    """分管领导 of 只楚街道: 终审."""
    return _staff(street, "zhichu_leader", Role.LEADER)


@pytest.fixture
def street_admin(street: Body) -> AbstractUser:
    return _staff(street, "zhichu_admin", Role.ADMIN)


@pytest.fixture
def node(street: Body) -> CatalogueNode:
    nodes = list(
        CatalogueNode.objects.filter(body=street).order_by("pk")
    )  # the default a new body starts with
    return next(n for n in nodes if n.name == "公示公告")


@pytest.fixture
def make_item(clerk: AbstractUser, street: Body, node: CatalogueNode):
    def make(**overrides) -> Item:
        fields = {
            "node": node,
            "title": "关于2025年度低保对象名单的公示",
            "formed_on": date(2025, 9, 26),
            "body_html": "<p>经审核，以下家庭符合低保条件。</p>",
        }
        fields.update(overrides)
        return create_item(actor=clerk, body=street, draft=Draft(**fields))

    return make


@pytest.fixture
def approve_all(clerk, reviewer, leader):
    """Submit the item and approve every step with the right person; returns it 已通过."""

    def run(item: Item) -> Item:
        item = review.submit_for_review(item, actor=clerk)
        while item.status == "in_review":
            actor = leader if item.current_step.role == Role.LEADER else reviewer
            item = review.approve_step(item, actor=actor)
        return item

    return run


BEIJING = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


@pytest.fixture
def published(make_item, approve_all, clerk):
    """An item formed 2025-09-26 and published 2025-10-10 (成文后第5个工作日)."""

    def run(**overrides) -> Item:  # type: ignore[no-untyped-def]
        item = approve_all(make_item(**overrides))
        return review.publish(item, actor=clerk, now=datetime(2025, 10, 10, 10, tzinfo=BEIJING))

    return run
