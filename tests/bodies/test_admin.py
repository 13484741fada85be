"""The Django admin shows bodies and staff but changes neither: every change goes through the tree and
staff pages, which record it (BodyChange). A change posted to the admin is refused and leaves no trace."""

import pytest
from django.urls import reverse

from gongkai.bodies.models import Body, BodyChange, StaffMembership


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_the_body_page_is_read_only_and_points_to_the_tree_page(admin_client, street):
    page = admin_client.get(reverse("admin:bodies_body_change", args=[street.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    for field in ("name", "short_name", "level", "code", "parent", "ended_on", "merged_into"):
        assert f'name="{field}"' not in html, field
    assert f'href="{reverse("bodies:tree", args=[street.pk])}"' in html
    assert f'href="{reverse("bodies:history", args=[street.pk])}"' in html
    assert "只楚街道办事处" in html


def test_a_change_posted_to_the_admin_is_refused_and_the_body_is_unchanged(
    admin_client, district, street, other_street
):
    before = BodyChange.objects.count()

    response = admin_client.post(
        reverse("admin:bodies_body_change", args=[street.pk]),
        {"name": "改名街道", "short_name": "", "level": Body.Level.TOWNSHIP, "parent": other_street.pk},
    )

    assert response.status_code == 403
    street.refresh_from_db()
    assert (street.name, street.level, street.parent_id) == ("只楚街道办事处", "subdistrict", district.pk)
    assert BodyChange.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        lambda street: reverse("admin:bodies_body_add"),
        lambda street: reverse("admin:bodies_body_delete", args=[street.pk]),
        lambda street: reverse("admin:bodies_staffmembership_add"),
        lambda street: reverse("admin:bodies_bodychange_add"),
    ],
)
def test_no_body_or_membership_is_added_or_deleted_in_the_admin(admin_client, street, url):
    assert admin_client.post(url(street), {"name": "新机关", "level": "other"}).status_code == 403
    assert Body.objects.filter(name="新机关").count() == 0
    assert Body.objects.filter(pk=street.pk).exists()


def test_a_membership_is_not_changed_in_the_admin(admin_client, clerk, street):
    membership = StaffMembership.objects.get(user=clerk, body=street)

    response = admin_client.post(
        reverse("admin:bodies_staffmembership_change", args=[membership.pk]),
        {"user": clerk.pk, "body": street.pk, "role": StaffMembership.Role.ADMIN},
    )

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == StaffMembership.Role.CLERK
