"""Writing the history of bodies and staff (``BodyChange``): snapshots as JSON, never a password."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User as AuthUser

from gongkai.bodies.models import Body, BodyChange, StaffMembership


def body_json(body: Body) -> dict[str, Any]:
    """What a body is at this moment, as it goes into ``before``/``after``."""
    return {
        "name": body.name,
        "short_name": body.short_name,
        "level": body.level,
        "code": body.code,
        "parent_id": body.parent_id,
        "parent": body.parent.name if body.parent is not None else None,
        "founded_on": body.founded_on.isoformat() if body.founded_on else None,
        "ended_on": body.ended_on.isoformat() if body.ended_on else None,
        "merged_into_id": body.merged_into_id,
    }


def membership_json(membership: StaffMembership) -> dict[str, Any]:
    return {
        "username": membership.user.get_username(),
        "user_id": membership.user_id,
        "role": membership.role,
        "role_label": str(StaffMembership.Role(membership.role).label),
    }


def record(
    *,
    body: Body,
    kind: BodyChange.Kind,
    actor: AuthUser | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    related_body: Body | None = None,
    effective_on: datetime.date | None = None,
) -> BodyChange:
    """One history row; ``actor=None`` is the system (a management command, a fixture)."""
    return BodyChange.objects.create(
        body=body,
        kind=kind,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "系统",
        before=before or {},
        after=after or {},
        reason=reason.strip(),
        related_body=related_body,
        effective_on=effective_on,
    )


_LABELS = {
    "name": "名称",
    "short_name": "简称",
    "level": "层级",
    "code": "机构代码",
    "parent": "上级机关",
    "founded_on": "成立日期",
    "ended_on": "撤销/撤并日期",
    "merged_into": "并入机关",
    "children_moved": "转入并入机关的下级机关",
    "staff_moved": "转入并入机关的人员",
    "staff_already_at_target": "已在并入机关任职的人员（保留原角色）",
    "staff": "任职结束的人员",
    "username": "用户名",
    "role_label": "角色",
    "is_active": "账号状态",
}


def _text(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if key == "level":
        return str(Body.Level(value).label) if value in Body.Level.values else str(value)
    if key == "is_active":
        return "启用" if value else "停用"
    if isinstance(value, list):
        return "、".join(
            f"{v['username']}（{v['role_label']}）" if isinstance(v, dict) else str(v) for v in value
        )
    return str(value)


def change_rows(change: BodyChange) -> list[tuple[str, str, str]]:
    """(what, before, after) for the fields the change shows, in a fixed order; unchanged fields of an
    update are left out."""
    out = []
    for key, label in _LABELS.items():
        if key not in change.before and key not in change.after:
            continue
        before, after = _text(key, change.before.get(key)), _text(key, change.after.get(key))
        if change.before and change.after and before == after and key not in ("username",):
            continue  # an update: only what changed (and whose account it was)
        if (not change.before and after == "—") or (not change.after and before == "—"):
            continue  # a creation or a removal: only the fields that hold something
        out.append((label, before if change.before else "", after if change.after else ""))
    return out
