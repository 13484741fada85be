"""A body (机关) in the administrative tree, and a person's role in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
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

    def descendants(self) -> models.QuerySet[Body]:
        """Every body below this one, at any depth (one query per level)."""
        found: list[int] = []
        level = [self.pk]
        while level:
            level = list(Body.objects.filter(parent_id__in=level).values_list("pk", flat=True))
            found.extend(level)
        return Body.objects.filter(pk__in=found)


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
