"""A body (机关) in the administrative tree, and a person's role in it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Body(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        COUNTY = "county", _("区县")
        TOWNSHIP = "township", _("乡镇")
        SUBDISTRICT = "subdistrict", _("街道")
        DEPARTMENT = "department", _("部门")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=200)
    short_name = models.CharField(_("简称"), max_length=100, blank=True)
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("机构代码"), max_length=50, blank=True)
    founded_on = models.DateField(
        _("成立日期"), null=True, blank=True, help_text=_("空表示成立日期未知，按一直存在计")
    )
    ended_on = models.DateField(
        _("撤销/撤并日期"), null=True, blank=True, help_text=_("空表示现行机关；撤销或撤并后保留为历史记录")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ("name", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="body_code_unique_when_set"
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def status_label(self) -> str:
        if self.ended_on is None:
            return "现行"
        return "已撤并" if self.merged_into_id else "已撤销"

    def existed_in(self, year: int) -> bool:
        """Whether the body existed at the end of ``year`` (it answers for that year's report): founded
        by then (no 成立日期: always), and not ended (撤销/撤并) by then."""
        founded = self.founded_on is None or self.founded_on.year <= year
        return founded and (self.ended_on is None or self.ended_on.year > year)

    def name_on(self, day: datetime.date) -> str:
        """The body's name on ``day``: today's name with the renames effective after that day undone
        (one query; for many bodies use ``names_at``)."""
        return names_at([self], day)[self.pk].name

    def descendants(self) -> models.QuerySet[Body]:
        """Every body below this one, at any depth (see ``subtrees``)."""
        return subtrees([self.pk], include_roots=False)


def subtrees(pks: list[int], *, include_roots: bool = True) -> models.QuerySet[Body]:
    """The bodies below ``pks`` at any depth (and those bodies, with ``include_roots``): one recursive
    query (SQLite and PostgreSQL both have WITH RECURSIVE), lazy like any queryset."""
    table = connection.ops.quote_name(Body._meta.db_table)
    marks = ", ".join(["%s"] * len(pks))
    start = f"id IN ({marks})" if include_roots else f"parent_id IN ({marks})"
    below = RawSQL(
        f"WITH RECURSIVE below(id) AS (SELECT id FROM {table} WHERE {start} "
        f"UNION ALL SELECT child.id FROM {table} child JOIN below ON child.parent_id = below.id) "
        "SELECT id FROM below",
        tuple(pks),
    )
    return Body.objects.filter(pk__in=below)


class StaffMembership(models.Model):
    class Role(models.TextChoices):
        CLERK = "clerk", _("经办人")
        REVIEWER = "reviewer", _("审核人")
        LEADER = "leader", _("分管领导")
        SUPERVISOR = "supervisor", _("监督人员")
        ADMIN = "admin", _("管理员")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("机关人员")
        verbose_name_plural = _("机关人员")
        ordering = ("body__name", "user__username")
        constraints = (models.UniqueConstraint(fields=["user", "body"], name="one_membership_per_body"),)

    def __str__(self) -> str:
        return f"{self.user} · {self.body} · {self.get_role_display()}"


class BodyChange(models.Model):
    """One change to the body tree or to a body's staff: who, when, what it was before and after.

    Never holds a password. ``related_body`` is the other body of a move (the new parent) or a merge (the
    body merged into), so that body's history shows the change too. ``effective_on`` is the day a move
    or a change of name took effect (生效日期), which may be earlier than the day it was recorded: past
    years' trees undo the moves effective after their end (``tree.area_bodies``), past years' pages the
    renames (``names.names_at``). A rename that changes neither name nor short name has none.
    """

    class Kind(models.TextChoices):
        ADD = "add", _("新增机关")
        RENAME = "rename", _("更名")
        MOVE = "move", _("调整隶属")
        MERGE = "merge", _("撤并")
        DEACTIVATE = "deactivate", _("撤销")
        STAFF_ADD = "staff_add", _("增加人员")
        STAFF_ROLE = "staff_role", _("调整角色")
        STAFF_REMOVE = "staff_remove", _("移出人员")
        ACCOUNT_DEACTIVATE = "account_deactivate", _("停用账号")
        ACCOUNT_ACTIVATE = "account_activate", _("启用账号")
        PASSWORD_RESET = "password_reset", _("重置密码")

    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="changes")
    related_body = models.ForeignKey(
        Body,
        verbose_name=_("相关机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="related_changes",
    )
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人用户名"), max_length=150, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    before = models.JSONField(_("变更前"), default=dict, blank=True)
    after = models.JSONField(_("变更后"), default=dict, blank=True)
    reason = models.TextField(_("原因"), blank=True)
    effective_on = models.DateField(
        _("生效日期"), null=True, blank=True, help_text=_("调整隶属、更名的生效日期")
    )

    class Meta:
        verbose_name = _("机关变更记录")
        verbose_name_plural = _("机关变更记录")
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["kind", "effective_on"], name="bodychange_kind_effective"),)

    def __str__(self) -> str:
        return f"{self.body} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"


# ---- a body's name on a past day: today's name with the renames (更名) effective after that day undone.
#
# A rename is a ``BodyChange`` of kind RENAME whose ``before``/``after`` hold the names and whose
# ``effective_on`` is the day the new name took effect (生效日期); renames of one body are recorded in
# the order they took effect (``tree_actions.rename_body`` refuses a date before the previous one), so
# the name on a day is the ``before`` of the first rename effective after it.

# Up to this many bodies the query names them; beyond, it reads every rename effective after the day
# (renames are rare) rather than send thousands of ids.
_IDS_IN_QUERY = 500


class NameOn(NamedTuple):
    """A body's name and short name (简称) on a day."""

    name: str
    short_name: str

    @property
    def display_name(self) -> str:
        """As ``Body.display_name``: the short name if there is one."""
        return self.short_name or self.name


def end_of_year(year: int) -> datetime.date:
    """The day whose names a year's pages show (the tree of a year is the tree of that day too)."""
    return datetime.date(year, 12, 31)


def names_at(bodies: Iterable[Body], day: datetime.date) -> dict[int, NameOn]:
    """The name of each body on ``day``, by pk: one query for any number of bodies."""
    bodies = list(bodies)
    earlier = renamed_since(bodies, day)
    return {b.pk: earlier.get(b.pk) or NameOn(b.name, b.short_name) for b in bodies}


def renamed_since(bodies: Iterable[Body], day: datetime.date) -> dict[int, NameOn]:
    """The name on ``day`` of those of the bodies renamed after it, by pk (the others bear today's
    name on that day too): one query, and nothing built for the bodies never renamed since — a page of
    thousands of bodies asks this on every view."""
    now = {b.pk: b for b in bodies}
    if not now:
        return {}
    renames = BodyChange.objects.filter(kind=BodyChange.Kind.RENAME, effective_on__gt=day)
    if len(now) <= _IDS_IN_QUERY:
        renames = renames.filter(body_id__in=list(now))
    out: dict[int, NameOn] = {}
    for body_id, before in renames.order_by("effective_on", "pk").values_list("body_id", "before"):
        body = now.get(body_id)
        if body is None or body_id in out:
            continue
        before = before or {}
        out[body_id] = NameOn(before.get("name") or body.name, before.get("short_name", body.short_name))
    return out
