"""The staff accounts of a body: add (a new account or an existing one), change role, remove, deactivate
or re-activate an account, reset its password. Atomic, permission-checked, written to the history (never
a password: a generated password is returned once to be shown once).

Deactivating an account or resetting its password also ends its sessions and revokes its read-API token
(``accounts.end_access``, run by the account log's receivers for every such change); ``unlock_account``
lifts a login lockout.

Who: a superuser or an 管理员 of the body or a body above it. Touching an *account* (deactivate, reset
password) also needs the actor to administer every body the account works for, so a 街道 管理员 cannot
lock out a district's staff who also sit in the 街道.
"""

from __future__ import annotations

import secrets

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.bodies.access import can_administer, require_admin
from gongkai.bodies.actions import accounts
from gongkai.bodies.actions.history import membership_json, record
from gongkai.bodies.models import AccountEvent, Body, BodyChange, StaffMembership

# No look-alikes (0/O, 1/l/I): the password is read off a screen and typed in by someone else.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


def generate_password() -> str:
    """A random initial password (about 69 bits), letters and digits only."""
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def clean_role(role: str) -> StaffMembership.Role:
    if role not in StaffMembership.Role.values:
        raise ValidationError("请选择有效的角色（经办人、审核人、分管领导、监督人员或管理员）")
    return StaffMembership.Role(role)


def clean_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise ValidationError("请填写用户名")
    if len(username) > 150:
        raise ValidationError(f"用户名不能超过150个字符（现有{len(username)}个）")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise ValidationError(f"用户名“{username}”只能包含文字、数字和 @ . + - _ 这几个符号") from None
    return username


def _require_current(body: Body) -> None:
    if not body.is_current:
        raise ValidationError(f"“{body.name}”{body.status_label}，不能再增加人员")


@transaction.atomic
def add_new_account(
    *, actor: AuthUser | None, body: Body, username: str, role: str, reason: str = ""
) -> tuple[AuthUser, str]:
    """A new login working for ``body``; returns it with its generated initial password."""
    require_admin(actor, body)
    _require_current(body)
    role, username = clean_role(role), clean_username(username)
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"用户名“{username}”已被使用；如要让这个账号加入本机关，请用“加入已有账号”")
    password = generate_password()
    user = user_model.objects.create_user(username=username, password=password)
    membership = StaffMembership.objects.create(user=user, body=body, role=role)
    record(
        body=body,
        kind=BodyChange.Kind.STAFF_ADD,
        actor=actor,
        after=membership_json(membership) | {"new_account": True},
        reason=reason,
    )
    return user, password


@transaction.atomic
def attach_account(
    *, actor: AuthUser | None, body: Body, username: str, role: str, reason: str = ""
) -> StaffMembership:
    """An existing account joins ``body`` with ``role``."""
    require_admin(actor, body)
    _require_current(body)
    role, username = clean_role(role), clean_username(username)
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError(f"没有用户名为“{username}”的账号；如要新建账号，请用“新建账号”")
    if not user.is_active:
        raise ValidationError(f"账号“{username}”已停用，请先启用")
    held = StaffMembership.objects.filter(user=user, body=body).first()
    if held is not None:
        raise ValidationError(f"“{username}”已是本机关人员（{held.get_role_display()}），如需调整请修改角色")
    membership = StaffMembership.objects.create(user=user, body=body, role=role)
    record(
        body=body,
        kind=BodyChange.Kind.STAFF_ADD,
        actor=actor,
        after=membership_json(membership) | {"new_account": False},
        reason=reason,
    )
    return membership


@transaction.atomic
def change_role(
    *, actor: AuthUser | None, membership: StaffMembership, role: str, reason: str = ""
) -> StaffMembership:
    require_admin(actor, membership.body)
    role = clean_role(role)
    if membership.role == role:
        raise ValidationError(f"“{membership.user.get_username()}”的角色已经是{role.label}")
    before = membership_json(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        body=membership.body,
        kind=BodyChange.Kind.STAFF_ROLE,
        actor=actor,
        before=before,
        after=membership_json(membership),
        reason=reason,
    )
    return membership


@transaction.atomic
def remove_membership(*, actor: AuthUser | None, membership: StaffMembership, reason: str = "") -> None:
    """The person no longer works for the body; the account itself stays."""
    require_admin(actor, membership.body)
    before = membership_json(membership)
    body = membership.body
    membership.delete()
    record(body=body, kind=BodyChange.Kind.STAFF_REMOVE, actor=actor, before=before, reason=reason)


def _require_account_admin(actor: AuthUser | None, body: Body, user: AuthUser) -> None:
    require_admin(actor, body)
    bodies = list(Body.objects.filter(memberships__user=user).select_related("parent"))
    if body not in bodies:
        raise ValidationError(f"账号“{user.get_username()}”不是“{body.name}”的人员")
    if actor is not None and user.is_superuser and not actor.is_superuser:
        raise PermissionDenied("只有超级管理员可以管理超级管理员账号")
    outside = [b.name for b in bodies if not can_administer(actor, b)]
    if outside:
        raise PermissionDenied(
            f"账号“{user.get_username()}”还在您不管理的机关任职（{'、'.join(outside)}），请联系其上级管理员"
        )


@transaction.atomic
def set_account_active(
    *, actor: AuthUser | None, body: Body, user: AuthUser, active: bool, reason: str = ""
) -> AuthUser:
    """停用 / 启用 a login (its memberships stay, so re-enabling restores the same access)."""
    _require_account_admin(actor, body, user)
    if actor is not None and user.pk == actor.pk and not active:
        raise ValidationError("不能停用自己的账号")
    if user.is_active == active:
        raise ValidationError(f"账号“{user.get_username()}”已经是{'启用' if active else '停用'}状态")
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        body=body,
        kind=BodyChange.Kind.ACCOUNT_ACTIVATE if active else BodyChange.Kind.ACCOUNT_DEACTIVATE,
        actor=actor,
        before={"username": user.get_username(), "is_active": not active},
        after={"username": user.get_username(), "is_active": active},
        reason=reason,
    )
    return user


@transaction.atomic
def reset_password(*, actor: AuthUser | None, body: Body, user: AuthUser, reason: str = "") -> str:
    """A new generated password, returned once; the history says only that it was reset."""
    _require_account_admin(actor, body, user)
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        body=body,
        kind=BodyChange.Kind.PASSWORD_RESET,
        actor=actor,
        after={"username": user.get_username()},
        reason=reason,
    )
    return password


@transaction.atomic
def unlock_account(*, actor: AuthUser | None, body: Body, user: AuthUser) -> int:
    """解除锁定: forget the account's failed logins (django-axes), so it can log in again at once. The
    addresses the failures came from stay throttled until their cool-off ends (see docs/security.md)."""
    _require_account_admin(actor, body, user)
    cleared = axes_reset(username=user.get_username())
    accounts.record(AccountEvent.Kind.UNLOCKED, user=user, actor=actor, detail={"body": body.name})
    return cleared
