import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from gongkai.bodies.access import bodies_for_user, get_body_for_staff, is_staff_of


def test_a_clerk_works_for_their_own_street_only(clerk, street, other_street, district):
    assert list(bodies_for_user(clerk)) == [street]
    assert is_staff_of(clerk, street)
    assert not is_staff_of(clerk, other_street)
    assert not is_staff_of(clerk, district)


def test_a_superuser_works_for_every_body(db, street, other_street, district):
    boss = User.objects.create_superuser("boss", password="x")

    assert set(bodies_for_user(boss)) == {district, street, other_street}


def test_a_visitor_works_for_no_body(street):
    assert not bodies_for_user(AnonymousUser()).exists()


def test_a_deactivated_clerk_works_for_no_body(clerk):
    clerk.is_active = False
    clerk.save()

    assert not bodies_for_user(clerk).exists()


def test_get_body_for_staff_returns_own_body(clerk, street):
    assert get_body_for_staff(clerk, street.pk) == street


def test_get_body_for_staff_is_404_for_another_body(clerk, other_street):
    with pytest.raises(Http404):
        get_body_for_staff(clerk, other_street.pk)
