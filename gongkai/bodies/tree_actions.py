"""Changes to the body tree: add, rename, move, merge (撤并), dissolve (撤销). Each is atomic,
permission-checked and written to the history.

Who may do what (``actor=None`` is the system; a superuser may do everything):
- add a body under P, rename B: 管理员 of P / B or of a body above;
- move, merge or dissolve B: 管理员 of a body *above* B (a body does not move or end itself), and of the
  new parent or the body merged into.
An ended body is kept with its reports and history; only the tree of current bodies forgets it.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .access import require_admin
from .history import body_json, membership_json, record
from .models import Body, BodyChange, StaffMembership

_NAME_MAX, _SHORT_MAX, _CODE_MAX = 200, 100, 50


def _clean(name: str, short_name: str, code: str, *, exclude_pk: int | None = None) -> tuple[str, str, str]:
    name, short_name, code = name.strip(), short_name.strip(), code.strip()
    if not name:
        raise ValidationError("请填写机关名称")
    if len(name) > _NAME_MAX:
        raise ValidationError(f"机关名称不能超过{_NAME_MAX}个字（现有{len(name)}个）")
    if len(short_name) > _SHORT_MAX:
        raise ValidationError(f"简称不能超过{_SHORT_MAX}个字（现有{len(short_name)}个）")
    if len(code) > _CODE_MAX:
        raise ValidationError(f"机构代码不能超过{_CODE_MAX}个字符（现有{len(code)}个）")
    if code:
        holder = Body.objects.filter(code=code).exclude(pk=exclude_pk).first()
        if holder is not None:
            suffix = "" if holder.is_current else f"（{holder.status_label}）"
            raise ValidationError(f"机构代码“{code}”已由“{holder.name}”{suffix}使用")
    return name, short_name, code


def _require_current(body: Body, doing: str) -> None:
    if not body.is_current:
        raise ValidationError(f"“{body.name}”{body.status_label}，不能{doing}")


def _end_date(on: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise ValidationError(f"日期{on:%Y-%m-%d}晚于今天，请填写已经生效的日期")
    return on


def _lock(*bodies: Body) -> None:
    """Lock the bodies' rows (in pk order, so two merges cannot deadlock) and re-read them: a concurrent
    merge or move is then seen before the checks, not after."""
    list(
        Body.objects.select_for_update()
        .filter(pk__in=[b.pk for b in bodies])
        .order_by("pk")
        .values_list("pk")
    )
    for body in bodies:
        body.refresh_from_db()


def _is_below(candidate: Body, body: Body) -> bool:
    """Whether ``candidate`` is ``body`` itself or anywhere below it."""
    return candidate.pk == body.pk or body.descendants().filter(pk=candidate.pk).exists()


@transaction.atomic
def add_body(
    *,
    actor: AbstractUser | None,
    parent: Body | None,
    name: str,
    level: str,
    short_name: str = "",
    code: str = "",
    reason: str = "",
) -> Body:
    """A new body under ``parent`` (``None``: a new top of the tree, superuser only)."""
    require_admin(actor, parent)
    if parent is not None:
        _require_current(parent, "增加下级机关")
    if level not in Body.Level.values:
        raise ValidationError("请选择有效的层级")
    name, short_name, code = _clean(name, short_name, code)
    body = Body.objects.create(name=name, level=level, parent=parent, short_name=short_name, code=code)
    record(body=body, kind=BodyChange.Kind.ADD, actor=actor, after=body_json(body), reason=reason)
    return body


@transaction.atomic
def rename_body(
    *,
    actor: AbstractUser | None,
    body: Body,
    name: str,
    short_name: str,
    code: str,
    level: str | None = None,
    reason: str = "",
) -> Body:
    """New name, short name, code (and level). Reports already made keep the name they carry."""
    _lock(body)
    require_admin(actor, body)
    _require_current(body, "更名")
    name, short_name, code = _clean(name, short_name, code, exclude_pk=body.pk)
    level = level or body.level
    if level not in Body.Level.values:
        raise ValidationError("请选择有效的层级")
    if (name, short_name, code, level) == (body.name, body.short_name, body.code, body.level):
        raise ValidationError("名称、简称、机构代码和层级都没有改动")
    before = body_json(body)
    body.name, body.short_name, body.code, body.level = name, short_name, code, level
    body.save(update_fields=["name", "short_name", "code", "level", "updated_at"])
    record(
        body=body,
        kind=BodyChange.Kind.RENAME,
        actor=actor,
        before=before,
        after=body_json(body),
        reason=reason,
    )
    return body


def _effective_date(body: Body, new_parent: Body, on: datetime.date | None) -> datetime.date:
    """A move's 生效日期: today by default, never in the future, never before either body was entered
    in the tree, nor before the body's previous move took effect (so its moves stay in order)."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise ValidationError(f"生效日期{on:%Y-%m-%d}晚于今天，请填写已经生效的日期")
    for b in (body, new_parent):
        since = timezone.localdate(b.created_at)
        if on < since:
            raise ValidationError(
                f"生效日期{on:%Y-%m-%d}早于“{b.name}”在本系统中建立的日期（{since:%Y-%m-%d}），请填写建立之后的日期"
            )
    last = (
        BodyChange.objects.filter(body=body, kind=BodyChange.Kind.MOVE, effective_on__isnull=False)
        .order_by("-effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )
    if last is not None and on < last:
        raise ValidationError(
            f"生效日期{on:%Y-%m-%d}早于“{body.name}”上一次调整隶属的生效日期（{last:%Y-%m-%d}），"
            "请填写不早于该日期的日期"
        )
    return on


@transaction.atomic
def move_body(
    *,
    actor: AbstractUser | None,
    body: Body,
    new_parent: Body,
    on: datetime.date | None = None,
    reason: str = "",
) -> Body:
    """Put ``body`` (with everything below it) under ``new_parent``, effective ``on`` (生效日期, default
    today): the trees of years ending before that day still show the body under its old parent."""
    _lock(body, new_parent)
    require_admin(actor, body.parent)
    require_admin(actor, new_parent)
    _require_current(body, "调整隶属")
    _require_current(new_parent, "接收下级机关")
    if _is_below(new_parent, body):
        raise ValidationError(f"不能把“{body.name}”移到它自己或它的下级机关“{new_parent.name}”之下")
    if body.parent_id == new_parent.pk:
        raise ValidationError(f"“{body.name}”已经隶属于“{new_parent.name}”")
    on = _effective_date(body, new_parent, on)
    before = body_json(body)
    body.parent = new_parent
    body.save(update_fields=["parent", "updated_at"])
    record(
        body=body,
        kind=BodyChange.Kind.MOVE,
        actor=actor,
        before=before,
        after=body_json(body),
        reason=reason,
        related_body=new_parent,
        effective_on=on,
    )
    return body


@transaction.atomic
def merge_body(
    *,
    actor: AbstractUser | None,
    body: Body,
    into: Body,
    on: datetime.date | None = None,
    reason: str = "",
) -> Body:
    """撤并: ``body``'s current children and staff go to ``into``; ``body`` stays as a historical record
    (ended on ``on``, merged into ``into``) with its reports, requests and items still attached to it.

    A person who is already staff of ``into`` keeps the role held there.
    """
    _lock(body, into)
    require_admin(actor, body.parent)
    require_admin(actor, into)
    _require_current(body, "撤并")
    _require_current(into, "接收撤并")
    if into.pk == body.pk:
        raise ValidationError("不能把机关并入它自己")
    if _is_below(into, body):
        raise ValidationError(f"不能把“{body.name}”并入它的下级机关“{into.name}”")
    on = _end_date(on)
    before = body_json(body)
    children = list(body.children.filter(ended_on=None))
    for child in children:
        child.parent = into
        child.save(update_fields=["parent", "updated_at"])
    moved, kept = [], []
    held_at_target = dict(StaffMembership.objects.filter(body=into).values_list("user_id", "role"))
    for membership in body.memberships.select_related("user"):
        if membership.user_id in held_at_target:
            kept.append(membership_json(membership) | {"role_at_target": held_at_target[membership.user_id]})
            membership.delete()
        else:
            membership.body = into
            membership.save(update_fields=["body"])
            moved.append(membership_json(membership))
    body.ended_on, body.merged_into = on, into
    body.save(update_fields=["ended_on", "merged_into", "updated_at"])
    record(
        body=body,
        kind=BodyChange.Kind.MERGE,
        actor=actor,
        before=before,
        after=body_json(body)
        | {
            "merged_into": into.name,
            "children_moved": [c.name for c in children],
            "staff_moved": moved,
            "staff_already_at_target": kept,
        },
        reason=reason,
        related_body=into,
    )
    return body


@transaction.atomic
def dissolve_body(
    *, actor: AbstractUser | None, body: Body, on: datetime.date | None = None, reason: str = ""
) -> Body:
    """撤销: end a body that has no current children; its memberships end with it (listed in the history)."""
    _lock(body)
    require_admin(actor, body.parent)
    _require_current(body, "撤销")
    children = list(body.children.filter(ended_on=None).values_list("name", flat=True))
    if children:
        raise ValidationError(f"“{body.name}”还有下级机关（{'、'.join(children)}），请先调整隶属或撤并")
    on = _end_date(on)
    before = body_json(body)
    staff = [membership_json(m) for m in body.memberships.select_related("user")]
    body.memberships.all().delete()
    body.ended_on = on
    body.save(update_fields=["ended_on", "updated_at"])
    record(
        body=body,
        kind=BodyChange.Kind.DEACTIVATE,
        actor=actor,
        before=before | {"staff": staff},
        after=body_json(body),
        reason=reason,
    )
    return body
