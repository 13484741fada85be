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
import enum

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.bodies.access import require_admin
from gongkai.bodies.actions.history import body_json, membership_json, record
from gongkai.bodies.actions.hooks import body_added, body_changed
from gongkai.bodies.models import Body, BodyChange, StaffMembership

_NAME_MAX, _SHORT_MAX, _CODE_MAX = 200, 100, 50

# The first day of the first year of annual reports under the 条例 (in force 1 May 2008): a move or a
# rename of a body without a 成立日期 is dated no earlier.
FIRST_REPORT_DAY = datetime.date(2008, 1, 1)
# No body of the tree was founded before the People's Republic: an earlier 成立日期 is a slip of the keys.
EARLIEST_FOUNDING = datetime.date(1949, 10, 1)


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # ``rename_body(founded_on=KEEP)``: the 成立日期 stays as it is


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
        holder = Body.objects.filter(code=code).exclude(pk=exclude_pk).first()  # type: ignore[misc]  # None: no one
        if holder is not None:
            suffix = "" if holder.is_current else f"（{holder.status_label}）"
            raise ValidationError(f"机构代码“{code}”已由“{holder.name}”{suffix}使用")
    return name, short_name, code


def _require_current(body: Body, doing: str) -> None:
    if not body.is_current:
        raise ValidationError(f"“{body.name}”{body.status_label}，不能{doing}")


def _end_date(on: datetime.date | None, what: str, *founded: Body) -> datetime.date:
    """The day a body ends (``what``: 撤并日期 or 撤销日期): today by default, never in the future, never
    before the 成立日期 of ``founded`` (the body, and the body it is merged into)."""
    today = timezone.localdate()
    if on is None:
        on = today
    if on > today:
        raise ValidationError(f"日期{on:%Y-%m-%d}晚于今天，请填写已经生效的日期")
    for b in founded:
        if b.founded_on is not None and on < b.founded_on:
            raise ValidationError(
                f"{what}{on:%Y-%m-%d}早于“{b.name}”的成立日期（{b.founded_on:%Y-%m-%d}），请填写成立以后的日期"
            )
    return on


def _founding_date(on: datetime.date | None) -> datetime.date | None:
    """A 成立日期 as entered: optional, not in the future, not before 1 October 1949."""
    if on is None:
        return None
    if on > timezone.localdate():
        raise ValidationError(f"成立日期{on:%Y-%m-%d}晚于今天，请填写已经成立的日期")
    if on < EARLIEST_FOUNDING:
        raise ValidationError(
            f"成立日期{on:%Y-%m-%d}早于{EARLIEST_FOUNDING:%Y-%m-%d}，请核对后填写（不知道的可以不填）"
        )
    return on


def _check_founding_against_history(body: Body, founded: datetime.date) -> None:
    """A 成立日期 may not come after a dated change already recorded: the body's own moves and renames,
    and the moves of other bodies into it."""
    first = (
        BodyChange.objects.filter(effective_on__isnull=False, effective_on__lt=founded)
        .filter(
            Q(body=body, kind__in=[BodyChange.Kind.MOVE, BodyChange.Kind.RENAME])
            | Q(related_body=body, kind=BodyChange.Kind.MOVE)
        )
        .order_by("effective_on", "pk")
        .values_list("effective_on", "kind", "body_id", "body__name")
        .first()
    )
    if first is None:
        return
    on, kind, body_id, other = first
    if body_id != body.pk:
        what = f"“{other}”调整到本机关之下"
    else:
        what = "本机关" + ("调整隶属" if kind == BodyChange.Kind.MOVE else "更名")
    raise ValidationError(
        f"成立日期{founded:%Y-%m-%d}晚于{what}的生效日期（{on:%Y-%m-%d}）：“{body.name}”成立以前不会有"
        "这项变更，请核对成立日期或该变更的生效日期"
    )


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
    actor: AuthUser | None,
    parent: Body | None,
    name: str,
    level: str,
    short_name: str = "",
    code: str = "",
    founded_on: datetime.date | None = None,
    reason: str = "",
) -> Body:
    """A new body under ``parent`` (``None``: a new top of the tree, superuser only). ``founded_on``
    (成立日期, optional): the pages of years ending before it do not list the body."""
    require_admin(actor, parent)
    if parent is not None:
        _require_current(parent, "增加下级机关")
    if level not in Body.Level.values:
        raise ValidationError("请选择有效的层级")
    name, short_name, code = _clean(name, short_name, code)
    founded_on = _founding_date(founded_on)
    body = Body.objects.create(
        name=name, level=level, parent=parent, short_name=short_name, code=code, founded_on=founded_on
    )
    record(body=body, kind=BodyChange.Kind.ADD, actor=actor, after=body_json(body), reason=reason)
    body_added(actor, body)  # the other apps' defaults for a new body (bodies.actions.hooks)
    return body


@transaction.atomic
def rename_body(
    *,
    actor: AuthUser | None,
    body: Body,
    name: str,
    short_name: str,
    code: str,
    level: str | None = None,
    founded_on: datetime.date | _Keep | None = KEEP,
    on: datetime.date | None = None,
    reason: str = "",
) -> Body:
    """New name, short name, code, level and 成立日期 (``founded_on``; ``KEEP``: unchanged, ``None``:
    unknown). A new name or short name takes effect ``on`` (生效日期, default today; bounded as a move's):
    the pages of years ending before that day show the old name. Reports keep the name they carry."""
    _lock(body)
    require_admin(actor, body)
    _require_current(body, "更名")
    name, short_name, code = _clean(name, short_name, code, exclude_pk=body.pk)
    level = level or body.level
    if level not in Body.Level.values:
        raise ValidationError("请选择有效的层级")
    founded = body.founded_on if founded_on is KEEP else _founding_date(founded_on)
    now = (body.name, body.short_name, body.code, body.level, body.founded_on)
    if (name, short_name, code, level, founded) == now:
        raise ValidationError("名称、简称、机构代码、层级和成立日期都没有改动")
    if founded is not None and founded != body.founded_on:
        _check_founding_against_history(body, founded)
    renamed = (name, short_name) != (body.name, body.short_name)
    effective = _effective_date(body, on, kind=BodyChange.Kind.RENAME, founded=founded) if renamed else None
    before = body_json(body)
    body.name, body.short_name, body.code, body.level = name, short_name, code, level
    body.founded_on = founded
    body.save(update_fields=["name", "short_name", "code", "level", "founded_on", "updated_at"])
    record(
        body=body,
        kind=BodyChange.Kind.RENAME,
        actor=actor,
        before=before,
        after=body_json(body),
        reason=reason,
        effective_on=effective,
    )
    body_changed(body.pk)  # the portal shows the new name (bodies.actions.hooks)
    return body


def _effective_date(
    body: Body,
    on: datetime.date | None,
    *,
    kind: BodyChange.Kind,
    founded: datetime.date | None,
    new_parent: Body | None = None,
) -> datetime.date:
    """The 生效日期 of a move or a rename (``kind``): today by default; never in the future; never before
    the body's 成立日期 ``founded`` — without one, never before 2008-01-01, the first year of annual
    reports —, nor before the 成立日期 of the new parent of a move, nor before the body's previous change
    of the same kind took effect (so they stay in order)."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise ValidationError(f"生效日期{on:%Y-%m-%d}晚于今天，请填写已经生效的日期")
    if founded is not None:
        if on < founded:
            raise ValidationError(
                f"生效日期{on:%Y-%m-%d}早于“{body.name}”的成立日期（{founded:%Y-%m-%d}），请填写成立以后的日期"
            )
    elif on < FIRST_REPORT_DAY:
        raise ValidationError(
            f"生效日期{on:%Y-%m-%d}早于{FIRST_REPORT_DAY:%Y-%m-%d}（政府信息公开工作年度报告的第一个年度）："
            f"“{body.name}”没有填写成立日期，生效日期不能早于该日；更早的变更，请先填写成立日期"
        )
    if new_parent is not None and new_parent.founded_on is not None and on < new_parent.founded_on:
        raise ValidationError(
            f"生效日期{on:%Y-%m-%d}早于新的上级机关“{new_parent.name}”的成立日期"
            f"（{new_parent.founded_on:%Y-%m-%d}），请填写该机关成立以后的日期"
        )
    last = (
        BodyChange.objects.filter(body=body, kind=kind, effective_on__isnull=False)
        .order_by("-effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )
    if last is not None and on < last:
        what = "调整隶属" if kind == BodyChange.Kind.MOVE else "更名"
        raise ValidationError(
            f"生效日期{on:%Y-%m-%d}早于“{body.name}”上一次{what}的生效日期（{last:%Y-%m-%d}），"
            "请填写不早于该日期的日期"
        )
    return on


@transaction.atomic
def move_body(
    *,
    actor: AuthUser | None,
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
    on = _effective_date(body, on, kind=BodyChange.Kind.MOVE, founded=body.founded_on, new_parent=new_parent)
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
    body_changed(body.pk)
    return body


@transaction.atomic
def merge_body(
    *,
    actor: AuthUser | None,
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
    on = _end_date(on, "撤并日期", body, into)
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
    body_changed(body.pk)
    body_changed(into.pk)
    return body


@transaction.atomic
def dissolve_body(
    *, actor: AuthUser | None, body: Body, on: datetime.date | None = None, reason: str = ""
) -> Body:
    """撤销: end a body that has no current children; its memberships end with it (listed in the history)."""
    _lock(body)
    require_admin(actor, body.parent)
    _require_current(body, "撤销")
    children = list(body.children.filter(ended_on=None).values_list("name", flat=True))
    if children:
        raise ValidationError(f"“{body.name}”还有下级机关（{'、'.join(children)}），请先调整隶属或撤并")
    on = _end_date(on, "撤销日期", body)
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
    body_changed(body.pk)
    return body
