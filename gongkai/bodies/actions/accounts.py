"""The account log and the end of an account's access.

``record`` writes one ``AccountEvent``; the receivers below (connected in ``BodiesConfig.ready``) call it
for every login, failed login, lockout and logout, for every change of a password, of ``is_active``,
``is_staff`` or ``is_superuser``, of a user's groups or permissions, of a group's permissions and of a
staff membership or role — whichever page, command or shell made the change. ``end_access`` closes an
account's sessions and deletes its API token; it runs when an account is deactivated or its password is
reset by someone else.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.models import User as AuthUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from gongkai.bodies.models import AccountEvent, StaffMembership
from gongkai.web.clients import client_ip, current_request
from gongkai.web.middleware import LOGIN_AT, SEEN_AT

Kind = AccountEvent.Kind
_BEFORE = "_gongkai_account_before"
_WATCHED = ("password", "is_active", "is_staff", "is_superuser")


def _request_actor(request: HttpRequest | None) -> AuthUser | None:
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(
    kind: str,
    *,
    user: AuthUser | None = None,
    username: str = "",
    request: HttpRequest | None = None,
    actor: AuthUser | None = None,
    detail: dict[str, Any] | None = None,
) -> AccountEvent:
    """One line of the account log. ``request`` defaults to the request being served (none in a command)."""
    request = request if request is not None else current_request.get()
    actor = actor if actor is not None else _request_actor(request)
    return AccountEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=username or (user.get_username() if user is not None else ""),
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        ip=client_ip(request),
        detail=detail or {},
    )


def end_sessions(user: AuthUser) -> int:
    """Delete every stored session signed in as ``user``; how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def end_access(user: AuthUser, *, reason: str, sessions_too: bool = True) -> None:
    """The account's sessions end and its read-API token is revoked (a new one has to be asked for).
    ``sessions_too=False`` when the owner changed their own password: Django's session hash already
    ends their other sessions and keeps the one they changed it in."""
    sessions = end_sessions(user) if sessions_too else 0
    tokens, _ = Token.objects.filter(user=user).delete()
    record(Kind.ACCESS_ENDED, user=user, detail={"reason": reason, "sessions": sessions, "tokens": tokens})


# ---------------------------------------------------------------- logins


def on_logged_in(sender, request: HttpRequest, user: AuthUser, **kwargs) -> None:
    record(Kind.LOGIN, user=user, request=request, actor=user)
    session = getattr(request, "session", None)
    if session is not None:  # the session's life counts from this login (web/middleware.py)
        session[LOGIN_AT] = session[SEEN_AT] = time.time()


def on_logged_out(sender, request: HttpRequest, user: AuthUser | None, **kwargs) -> None:
    if user is not None:
        record(Kind.LOGOUT, user=user, request=request, actor=user)


def on_login_failed(
    sender, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs
) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    record(Kind.LOGIN_FAILED, user=user, username=username, request=request, actor=None)


def on_locked_out(sender, request: HttpRequest | None = None, username: str | None = None, **kwargs) -> None:
    name = (username or "")[:150]
    user = get_user_model().objects.filter(username=name).first()
    record(Kind.LOCKED_OUT, user=user, username=name, request=request, actor=None)


# ---------------------------------------------------------------- passwords and permissions


def on_user_pre_save(sender, instance: AuthUser, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        setattr(instance, _BEFORE, None)
        return
    before = sender.objects.filter(pk=instance.pk).values(*_WATCHED).first()
    setattr(instance, _BEFORE, before)


def on_user_post_save(sender, instance: AuthUser, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, _BEFORE, None)
    if created or before is None:
        granted = {f: True for f in ("is_staff", "is_superuser") if getattr(instance, f)}
        if granted:
            record(Kind.PERMISSION, user=instance, detail={"created": True, **granted})
        return
    changed = {
        f: {"before": before[f], "after": getattr(instance, f)}
        for f in ("is_active", "is_staff", "is_superuser")
        if before[f] != getattr(instance, f)
    }
    if changed:
        record(Kind.PERMISSION, user=instance, detail=changed)
    # A new hash of the same password (Django upgrading the hasher at a login) sets no raw password.
    rehashed = getattr(instance, "_password", None) is None and instance.has_usable_password()
    if before["password"] != instance.password and not rehashed:
        actor = _request_actor(current_request.get())
        own = actor is not None and actor.pk == instance.pk
        record(Kind.PASSWORD_CHANGE if own else Kind.PASSWORD_RESET, user=instance)
        if own:
            end_access(instance, reason="password_change", sessions_too=False)
        else:
            end_access(instance, reason="password_reset")
    if "is_active" in changed and not instance.is_active:
        end_access(instance, reason="deactivated")


def _names(model, pks) -> list[str]:
    if not pks:
        return []
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    if model is get_user_model():
        return sorted(get_user_model().objects.filter(pk__in=pks).values_list("username", flat=True))
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in model.objects.filter(pk__in=pks))


def on_user_m2m_changed(sender, instance, action: str, reverse: bool, model, pk_set, **kwargs) -> None:
    """A user's groups or permissions (from either side), or a group's permissions."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    field = "groups" if sender is get_user_model().groups.through else "permissions"
    if action == "pre_clear":
        pk_set = set() if reverse else set(getattr(instance, field).values_list("pk", flat=True))
    change = {"field": field, "action": action.split("_")[1], "what": _names(model, pk_set)}
    if isinstance(instance, get_user_model()):
        record(Kind.PERMISSION, user=instance, detail=change)
    elif isinstance(instance, Group) and model is get_user_model():  # group.user_set.add(...)
        for user in get_user_model().objects.filter(pk__in=pk_set or ()):
            record(Kind.PERMISSION, user=user, detail={**change, "what": [instance.name]})
    elif isinstance(instance, Group):  # group.permissions: everyone in the group gains or loses them
        record(Kind.PERMISSION, username=f"group:{instance.name}", detail=change)
    else:  # a permission's user_set or group_set
        record(Kind.PERMISSION, username=f"permission:{instance}", detail=change)


def on_membership_saved(
    sender, instance: StaffMembership, created: bool, raw: bool = False, **kwargs
) -> None:
    if raw:
        return
    record(
        Kind.PERMISSION,
        user=instance.user,
        detail={
            "membership": "added" if created else "changed",
            "body": instance.body.name,
            "role": instance.role,
        },
    )


def on_membership_deleted(sender, instance: StaffMembership, **kwargs) -> None:
    record(
        Kind.PERMISSION,
        user=instance.user,
        detail={"membership": "removed", "body": instance.body.name, "role": instance.role},
    )


def purge(days: int, *, now: datetime.datetime | None = None) -> int:
    """Delete the log lines older than ``days`` (never fewer than 183); how many."""
    if days < 183:
        raise ValueError("the account log is kept at least 183 days")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = AccountEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
