"""The staff-account rules: validation, permission, history without passwords."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.bodies.actions import members as actions
from gongkai.bodies.actions import staff as staff_actions
from gongkai.bodies.models import BodyChange, StaffMembership
from tests.conftest import PASSWORD


def history_text() -> str:
    return json.dumps(list(BodyChange.objects.values("before", "after", "reason")), ensure_ascii=False)


def test_a_new_account_gets_a_password_shown_once_and_never_stored(district_admin, street):
    user, password = staff_actions.add_new_account(
        actor=district_admin, body=street, username="zhichu_new", role="reviewer"
    )

    assert authenticate(username="zhichu_new", password=password) == user
    assert StaffMembership.objects.get(user=user).body == street
    assert StaffMembership.objects.get(user=user).role == "reviewer"
    change = BodyChange.objects.get(body=street, kind=BodyChange.Kind.STAFF_ADD, after__username="zhichu_new")
    assert change.after["role_label"] == "审核人" and change.after["new_account"] is True
    assert password not in history_text()
    assert User.objects.get(pk=user.pk).password != password  # hashed


def test_generated_passwords_are_twelve_unambiguous_characters():
    passwords = {staff_actions.generate_password() for _ in range(50)}

    assert len(passwords) == 50
    for p in passwords:
        assert len(p) == 12
        assert not set(p) & set("0O1lI")
        assert any(c.isdigit() for c in p) and any(c.isalpha() for c in p)


@pytest.mark.parametrize(
    ("username", "role", "message"),
    [
        ("", "clerk", "请填写用户名"),
        ("张 三!", "clerk", "用户名“张 三!”只能包含文字、数字和 @ . + - _ 这几个符号"),
        (
            "ZHICHU_CLERK",
            "clerk",
            "用户名“ZHICHU_CLERK”已被使用；如要让这个账号加入本机关，请用“加入已有账号”",
        ),
        ("newbie", "boss", "请选择有效的角色（经办人、审核人、分管领导、监督人员或管理员）"),
    ],
)
def test_bad_accounts_are_refused_with_a_message(district_admin, street, clerk, username, role, message):
    with pytest.raises(ValidationError) as e:
        staff_actions.add_new_account(actor=district_admin, body=street, username=username, role=role)
    assert e.value.messages == [message]
    assert User.objects.count() == 2  # district_admin and zhichu_clerk only


def test_a_clerk_may_not_add_accounts(clerk, street):
    with pytest.raises(PermissionDenied):
        staff_actions.add_new_account(actor=clerk, body=street, username="newbie", role="clerk")
    assert not User.objects.filter(username="newbie").exists()


def test_an_existing_account_joins_another_body(district_admin, other_street, clerk):
    m = staff_actions.attach_account(
        actor=district_admin, body=other_street, username="zhichu_clerk", role="leader"
    )

    assert (m.user, m.body, m.get_role_display()) == (clerk, other_street, "分管领导")
    assert (
        BodyChange.objects.get(body=other_street, kind=BodyChange.Kind.STAFF_ADD).after["new_account"]
        is False
    )


def test_attaching_refuses_unknown_inactive_and_present_accounts(district_admin, street, other_street, clerk):
    with pytest.raises(ValidationError) as e:
        staff_actions.attach_account(actor=district_admin, body=street, username="nobody", role="clerk")
    assert e.value.messages == ["没有用户名为“nobody”的账号；如要新建账号，请用“新建账号”"]
    with pytest.raises(ValidationError) as e:
        staff_actions.attach_account(
            actor=district_admin, body=street, username="zhichu_clerk", role="leader"
        )
    assert e.value.messages == ["“zhichu_clerk”已是本机关人员（经办人），如需调整请修改角色"]
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    with pytest.raises(ValidationError) as e:
        staff_actions.attach_account(
            actor=district_admin, body=other_street, username="zhichu_clerk", role="clerk"
        )
    assert e.value.messages == ["账号“zhichu_clerk”已停用，请先启用"]


def test_a_role_change_is_recorded_before_and_after(district_admin, street, clerk):
    m = StaffMembership.objects.get(user=clerk, body=street)

    staff_actions.change_role(actor=district_admin, membership=m, role="reviewer", reason="岗位调整")

    change = BodyChange.objects.get(kind=BodyChange.Kind.STAFF_ROLE)
    assert (change.before["role_label"], change.after["role_label"], change.reason) == (
        "经办人",
        "审核人",
        "岗位调整",
    )
    with pytest.raises(ValidationError) as e:
        staff_actions.change_role(actor=district_admin, membership=m, role="reviewer")
    assert e.value.messages == ["“zhichu_clerk”的角色已经是审核人"]


def test_removing_a_membership_keeps_the_account(district_admin, street, clerk):
    staff_actions.remove_membership(actor=district_admin, membership=StaffMembership.objects.get(user=clerk))

    assert not StaffMembership.objects.filter(user=clerk).exists()
    assert User.objects.get(pk=clerk.pk).is_active
    assert BodyChange.objects.get(kind=BodyChange.Kind.STAFF_REMOVE).before["username"] == "zhichu_clerk"


def test_deactivating_and_reactivating_an_account(district_admin, street, clerk):
    staff_actions.set_account_active(actor=district_admin, body=street, user=clerk, active=False)

    assert authenticate(username="zhichu_clerk", password=PASSWORD) is None
    staff_actions.set_account_active(actor=district_admin, body=street, user=clerk, active=True)
    assert authenticate(username="zhichu_clerk", password=PASSWORD) == clerk
    kinds = list(BodyChange.objects.filter(body=street).order_by("pk").values_list("kind", flat=True))
    assert kinds[-2:] == ["account_deactivate", "account_activate"]


def test_nobody_deactivates_their_own_account(district_admin, district):
    with pytest.raises(ValidationError) as e:
        staff_actions.set_account_active(
            actor=district_admin, body=district, user=district_admin, active=False
        )
    assert e.value.messages == ["不能停用自己的账号"]


def test_a_street_admin_may_not_touch_an_account_that_also_works_above(street_admin, street, district_admin):
    actions.add_member(actor=None, body=street, user=district_admin, role=StaffMembership.Role.LEADER)

    with pytest.raises(PermissionDenied) as e:
        staff_actions.reset_password(actor=street_admin, body=street, user=district_admin)
    assert str(e.value) == "账号“district_admin”还在您不管理的机关任职（某某区人民政府），请联系其上级管理员"
    assert authenticate(username="district_admin", password=PASSWORD) == district_admin


def test_only_a_superuser_manages_a_superuser_account(district_admin, superuser, street):
    actions.add_member(actor=None, body=street, user=superuser, role=StaffMembership.Role.ADMIN)

    with pytest.raises(PermissionDenied):
        staff_actions.set_account_active(actor=district_admin, body=street, user=superuser, active=False)


def test_a_reset_password_works_and_the_old_one_no_longer(district_admin, street, clerk):
    password = staff_actions.reset_password(actor=district_admin, body=street, user=clerk, reason="遗忘")

    assert authenticate(username="zhichu_clerk", password=PASSWORD) is None
    assert authenticate(username="zhichu_clerk", password=password) == clerk
    change = BodyChange.objects.get(kind=BodyChange.Kind.PASSWORD_RESET)
    assert change.after == {"username": "zhichu_clerk"}
    assert password not in history_text()


def test_a_neighbouring_admin_may_not_touch_the_districts_staff(neighbour_admin, street, clerk):
    with pytest.raises(PermissionDenied):
        staff_actions.reset_password(actor=neighbour_admin, body=street, user=clerk)
    with pytest.raises(PermissionDenied):
        staff_actions.change_role(
            actor=neighbour_admin, membership=StaffMembership.objects.get(user=clerk), role="admin"
        )
    assert StaffMembership.objects.get(user=clerk).role == "clerk"
