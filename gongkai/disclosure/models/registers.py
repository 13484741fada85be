"""The registers behind table 2 of the annual report: documents, monthly decisions, fee income."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body

_MONTH = [MinValueValidator(1), MaxValueValidator(12)]


class NormativeDocument(models.Model):
    """规章 or 行政规范性文件 in the ledger. In force on a day: issued by then and not repealed or expired."""

    class Kind(models.TextChoices):
        REGULATION = "regulations", _("规章")
        NORMATIVE = "normative_documents", _("行政规范性文件")

    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("文件名称"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issued_on = models.DateField(_("印发日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("规章和规范性文件")
        verbose_name_plural = _("规章和规范性文件")
        ordering = ("body", "-issued_on", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(repealed_on__isnull=True)
                | models.Q(repealed_on__gte=models.F("issued_on")),
                name="document_repealed_after_issued",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def status_on(self, day: date) -> str:
        """有效, 失效 or 废止 on that day (未生效 before it was issued)."""
        if day < self.issued_on:
            return "未印发"
        if self.repealed_on and self.repealed_on <= day:
            return "废止"
        if self.expires_on and self.expires_on < day:
            return "失效"
        return "有效"


class DecisionCount(models.Model):
    """行政许可/处罚/强制 decisions made in one month."""

    class Kind(models.TextChoices):
        LICENSING = "licensing", _("行政许可")
        PUNISHMENT = "punishment", _("行政处罚")
        COERCION = "coercion", _("行政强制")

    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="decision_counts"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=_MONTH)
    count = models.PositiveIntegerField(_("处理决定数量"))

    class Meta:
        verbose_name = _("处理决定月度数量")
        verbose_name_plural = _("处理决定月度数量")
        ordering = ("body", "year", "month", "kind")
        constraints = (
            models.UniqueConstraint(fields=["body", "kind", "year", "month"], name="decision_count_unique"),
        )

    def __str__(self) -> str:
        return f"{self.body} {self.year}年{self.month}月 {self.get_kind_display()} {self.count}"


class FeeIncome(models.Model):
    """行政事业性收费 collected in one month, in yuan."""

    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="fee_incomes"
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=_MONTH)
    amount = models.DecimalField(_("收费金额（元）"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("行政事业性收费月度金额")
        verbose_name_plural = _("行政事业性收费月度金额")
        ordering = ("body", "year", "month")
        constraints = (models.UniqueConstraint(fields=["body", "year", "month"], name="fee_income_unique"),)

    def __str__(self) -> str:
        return f"{self.body} {self.year}年{self.month}月 {self.amount}元"


class RegisterEvent(models.Model):
    """Append-only: every change to a body's registers (a document registered or repealed, a month entered)."""

    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("事项"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    data = models.JSONField(_("内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("台账变更记录")
        verbose_name_plural = _("台账变更记录")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.body} · {self.kind}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("台账变更记录只能追加，不能修改")
        super().save(*args, **kwargs)
