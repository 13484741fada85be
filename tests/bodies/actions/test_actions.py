import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from gongkai.bodies.actions import members as actions
from gongkai.bodies.models import Body, StaffMembership


def test_a_district_admin_may_add_staff_to_a_street_below(district_admin, street):
    newcomer = User.objects.create_user("newcomer")

    membership = actions.add_member(
        actor=district_admin, body=street, user=newcomer, role=StaffMembership.Role.REVIEWER
    )

    assert membership.get_role_display() == "审核人"


def test_a_clerk_may_not_add_staff(clerk, street):
    newcomer = User.objects.create_user("newcomer")

    with pytest.raises(PermissionDenied):
        actions.add_member(actor=clerk, body=street, user=newcomer, role=StaffMembership.Role.CLERK)
    assert not StaffMembership.objects.filter(user=newcomer).exists()


def test_a_clerk_may_not_create_a_body(clerk, street):
    with pytest.raises(PermissionDenied):
        actions.create_body(actor=clerk, name="新社区", level=Body.Level.OTHER, parent=street)


def test_adding_a_member_again_changes_the_role(district_admin, clerk, street):
    actions.add_member(actor=district_admin, body=street, user=clerk, role=StaffMembership.Role.LEADER)

    assert StaffMembership.objects.get(user=clerk, body=street).role == StaffMembership.Role.LEADER


@pytest.mark.django_db
def test_the_first_admin_joins_the_root_body():
    root = actions.create_body(actor=None, name="某某区人民政府", level=Body.Level.COUNTY)

    admin = actions.ensure_first_admin(username="admin", password="s3cret-pass", root_name="本机关")

    assert admin is not None and admin.is_superuser
    assert admin.check_password("s3cret-pass")
    assert StaffMembership.objects.get(user=admin).body == root


@pytest.mark.django_db
def test_the_first_admin_gets_a_root_body_on_an_empty_installation():
    admin = actions.ensure_first_admin(username="admin", password="s3cret-pass", root_name="本机关")

    assert StaffMembership.objects.get(user=admin).body.name == "本机关"


@pytest.mark.django_db
def test_there_is_only_ever_one_first_admin():
    actions.ensure_first_admin(username="admin", password="s3cret-pass", root_name="本机关")

    assert actions.ensure_first_admin(username="admin2", password="other", root_name="本机关") is None
    assert User.objects.filter(is_superuser=True).count() == 1
