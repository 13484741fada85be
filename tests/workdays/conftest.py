"""Calendar actors and helpers on top of the shared world in tests/conftest.py.

某某区人民政府 has no 上级机关, so its 管理员 (``district_admin``) may change the calendar; the
管理员 of 只楚街道 (``street_admin``) and the 经办人 (``clerk``) may not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.workdays.actions import calendar as actions
from gongkai.workdays.actions import hooks
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.rules.notice import parse_notice
from tests.workdays.notices import NOTICE_2027, NOTICE_NUMBER_2027


@pytest.fixture
def street_admin(street: Body, password: str) -> AbstractUser:
    """管理员 of 只楚街道 — a body below the district."""
    return body_actions.create_staff_user(
        actor=None, body=street, username="zhichu_admin", password=password, role=StaffMembership.Role.ADMIN
    )


@pytest.fixture
def calendar_admin_client(client: Client, district_admin: AbstractUser) -> Client:
    client.force_login(district_admin)
    return client


@pytest.fixture
def hook_calls() -> Iterator[list[tuple[AbstractUser | None, tuple[int, ...]]]]:
    """Every call of the calendar-change hook while the test runs."""
    calls: list[tuple[AbstractUser | None, tuple[int, ...]]] = []

    def record(actor, years):  # type: ignore[no-untyped-def]
        calls.append((actor, years))

    hooks.on_calendar_change(record)
    yield calls
    hooks.remove_calendar_hook(record)


def publish_2027(actor: AbstractUser | None) -> CalendarYear:
    """Publish the (invented) 2027 notice of tests/workdays/notices.py."""
    return actions.publish_year(
        actor=actor, year=2027, notice=NOTICE_NUMBER_2027, days=parse_notice(NOTICE_2027, 2027).days
    )
