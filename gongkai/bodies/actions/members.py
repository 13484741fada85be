"""Every change to bodies and memberships goes through one of these functions.

``actor=None`` means the system itself (a management command such as ``gongkai start``); a person
must be a superuser or an 管理员 of the body or of a body above it.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.bodies.access import can_administer, require_admin
from gongkai.bodies.actions.history import membership_json, record
from gongkai.bodies.actions.tree import add_body
from gongkai.bodies.models import Body, BodyChange, StaffMembership

__all__ = ["add_member", "can_administer", "create_body", "create_staff_user", "ensure_first_admin"]


@transaction.atomic
def create_body(
    *,
    actor: AuthUser | None,
    name: str,
    level: Body.Level,
    parent: Body | None = None,
    short_name: str = "",
    code: str = "",
    founded_on: datetime.date | None = None,
) -> Body:
    return add_body(
        actor=actor,
        parent=parent,
        name=name,
        level=level,
        short_name=short_name,
        code=code,
        founded_on=founded_on,
    )


@transaction.atomic
def add_member(
    *, actor: AuthUser | None, body: Body, user: AuthUser, role: StaffMembership.Role
) -> StaffMembership:
    """Give the user this role in the body (replacing an earlier role there)."""
    require_admin(actor, body)
    before = StaffMembership.objects.filter(user=user, body=body).first()
    membership, created = StaffMembership.objects.update_or_create(
        user=user, body=body, defaults={"role": role}
    )
    record(
        body=body,
        kind=BodyChange.Kind.STAFF_ADD if created else BodyChange.Kind.STAFF_ROLE,
        actor=actor,
        before=membership_json(before) if before else {},
        after=membership_json(membership),
    )
    return membership


@transaction.atomic
def create_staff_user(
    *,
    actor: AuthUser | None,
    body: Body,
    username: str,
    password: str,
    role: StaffMembership.Role,
    superuser: bool = False,
) -> AuthUser:
    """A new login for a person working for ``body``."""
    require_admin(actor, body)
    if superuser and actor is not None and not actor.is_superuser:
        raise PermissionDenied("只有超级管理员可以创建超级管理员")
    user_model = get_user_model()
    if superuser:
        user = user_model.objects.create_superuser(username=username, password=password)
    else:
        user = user_model.objects.create_user(username=username, password=password)
    membership = StaffMembership.objects.create(user=user, body=body, role=role)
    record(
        body=body,
        kind=BodyChange.Kind.STAFF_ADD,
        actor=actor,
        after=membership_json(membership) | {"new_account": True},
    )
    return user


@transaction.atomic
def ensure_first_admin(*, username: str, password: str, root_name: str) -> AuthUser | None:
    """On a fresh installation: a superuser who is 管理员 of the root body (created if none).

    Returns the new user, or None when a superuser already exists or the name is taken.
    """
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return None
    if user_model.objects.filter(username=username).exists():
        return None
    root = Body.objects.filter(parent=None).order_by("pk").first() or create_body(
        actor=None, name=root_name, level=Body.Level.OTHER
    )
    return create_staff_user(
        actor=None,
        body=root,
        username=username,
        password=password,
        role=StaffMembership.Role.ADMIN,
        superuser=True,
    )
