"""Who sees which area: a body's members see it and the bodies below; nobody sees above or beside."""

import pytest
from django.urls import reverse

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from tests.conftest import PASSWORD
from tests.supervision.conftest import YEAR


def area(body):
    return reverse("supervision:area", args=[body.pk, YEAR])


def report(root, body):
    return reverse("supervision:report", args=[root.pk, YEAR, body.pk])


@pytest.fixture
def neighbour(db):
    """A supervisor of another district, beside ours."""
    other = body_actions.create_body(actor=None, name="另一区人民政府", level=Body.Level.COUNTY)
    return body_actions.create_staff_user(
        actor=None, body=other, username="neighbour", password=PASSWORD, role=StaffMembership.Role.SUPERVISOR
    )


@pytest.mark.parametrize(
    ("who", "page", "status"),
    [
        ("supervisor", "district", 200),
        ("supervisor", "zhichu", 200),
        ("supervisor", "xigaohuang", 200),
        ("clerk", "zhichu", 200),
        ("clerk", "district", 404),
        ("clerk", "xigaohuang", 404),
        ("other_clerk", "zhichu", 404),
        ("neighbour", "district", 404),
        ("neighbour", "zhichu", 404),
    ],
)
def test_the_area_page_matrix(client, world, request, who, page, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(area(getattr(world, page))).status_code == status


def test_a_visitor_is_sent_to_log_in(client, world):
    response = client.get(area(world.district))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_street_clerk_sees_only_their_own_street(client, world, clerk):
    client.force_login(clerk)

    rows = client.get(area(world.zhichu)).context["rows"]

    assert [r["row"].body for r in rows] == [world.zhichu]


@pytest.mark.parametrize(
    ("who", "root", "body", "status"),
    [
        ("supervisor", "district", "xigaohuang", 200),
        ("supervisor", "zhichu", "zhichu", 200),
        ("clerk", "zhichu", "xigaohuang", 404),
        ("clerk", "zhichu", "district", 404),
        ("supervisor", "zhichu", "xigaohuang", 404),  # beside the root of the page
        ("neighbour", "district", "zhichu", 404),
    ],
)
def test_the_read_only_report_page_matrix(client, world, request, who, root, body, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(report(getattr(world, root), getattr(world, body))).status_code == status


def test_the_export_follows_the_same_scope(client, world, clerk):
    client.force_login(clerk)

    assert client.get(reverse("supervision:export", args=[world.district.pk, YEAR])).status_code == 404
    assert client.get(reverse("supervision:export", args=[world.zhichu.pk, YEAR])).status_code == 200


def test_the_index_lists_only_the_users_own_bodies(client, world, clerk):
    client.force_login(clerk)

    response = client.get(reverse("supervision:index"))

    assert [b.pk for b in response.context["bodies"]] == [world.zhichu.pk]
    assert (
        reverse("supervision:area", args=[world.zhichu.pk, response.context["years"][0]])
        in response.content.decode()
    )
