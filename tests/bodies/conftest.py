"""The tree-management world, on top of tests/conftest.py's 某某区 with 只楚街道 and 西高皇街道:

- 南沟社区 under 只楚街道 (a body two levels below the district);
- 另一区人民政府, a neighbouring district with its own 管理员;
- a superuser who is member of nothing.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractUser, User

from gongkai.bodies.actions import members as actions
from gongkai.bodies.models import Body, StaffMembership
from tests.conftest import PASSWORD


@pytest.fixture
def community(street: Body) -> Body:
    return actions.create_body(
        actor=None,
        name="南沟社区居民委员会",
        short_name="南沟社区",
        level=Body.Level.OTHER,
        parent=street,
        code="C-001",
    )


@pytest.fixture
def neighbour(db) -> Body:
    return actions.create_body(
        actor=None, name="另一区人民政府", short_name="另一区", level=Body.Level.COUNTY
    )


@pytest.fixture
def neighbour_admin(neighbour: Body) -> AbstractUser:
    return actions.create_staff_user(
        actor=None,
        body=neighbour,
        username="neighbour_admin",
        password=PASSWORD,
        role=StaffMembership.Role.ADMIN,
    )


@pytest.fixture
def street_admin(street: Body) -> AbstractUser:
    """管理员 of 只楚街道 (manages the 街道 and what is below, not the district)."""
    return actions.create_staff_user(
        actor=None, body=street, username="zhichu_admin", password=PASSWORD, role=StaffMembership.Role.ADMIN
    )


@pytest.fixture
def superuser(db) -> AbstractUser:
    return User.objects.create_superuser("root", password=PASSWORD)
