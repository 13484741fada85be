"""Per-body configuration: the review chain, the 索引号 rule and the sensitive-word list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body, StaffMembership


class StepName(models.TextChoices):
    DRAFTING = "drafting", _("撰稿")
    CHECK = "check", _("核对")
    SECOND = "second", _("复审")
    SECRECY = "secrecy", _("保密审查")
    FINAL = "final", _("终审")


class ReviewStep(models.Model):
    """One step of a body's review chain. Position 1 is 撰稿: the drafter completes it by submitting."""

    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="review_steps"
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("环节"), max_length=20, choices=StepName.choices)
    role = models.CharField(_("所需角色"), max_length=20, choices=StaffMembership.Role.choices)
    is_secrecy_review = models.BooleanField(_("保密审查环节"), default=False)

    class Meta:
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")
        ordering = ("body", "position")
        constraints = (
            models.UniqueConstraint(fields=["body", "position"], name="review_step_position_unique"),
        )

    def __str__(self) -> str:
        return f"{self.position}. {self.get_name_display()}（{self.get_role_display()}）"


class IndexRule(models.Model):
    """How a body numbers what it publishes: ``{code}/{year}-{seq:05d}`` with its own code."""

    DEFAULT_PATTERN = "{code}/{year}-{seq:05d}"

    body = models.OneToOneField(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="index_rule"
    )
    code = models.CharField(
        _("索引号机构编码"), max_length=50, blank=True, help_text=_("留空时使用机关的机构代码")
    )
    pattern = models.CharField(
        _("索引号格式"),
        max_length=100,
        default=DEFAULT_PATTERN,
        help_text=_("可用 {code}（机构编码）、{year}（发布年份）、{seq}（当年流水号，如 {seq:05d}）"),
    )

    class Meta:
        verbose_name = _("索引号规则")
        verbose_name_plural = _("索引号规则")

    def __str__(self) -> str:
        return f"{self.body} · {self.pattern}"

    def clean(self) -> None:
        from gongkai.disclosure.rules.indexing import IndexRuleError, check_pattern

        try:
            check_pattern(self.pattern)
        except IndexRuleError as e:
            raise ValidationError({"pattern": e.message}) from None


class IndexCounter(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年份"))
    last = models.PositiveIntegerField(_("已用流水号"), default=0)

    class Meta:
        verbose_name = _("索引号流水")
        verbose_name_plural = _("索引号流水")
        constraints = (models.UniqueConstraint(fields=["body", "year"], name="index_counter_unique"),)


class SensitiveWord(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="sensitive_words"
    )
    word = models.CharField(_("敏感词"), max_length=100)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")
        ordering = ("body", "word")
        constraints = (models.UniqueConstraint(fields=["body", "word"], name="sensitive_word_unique"),)

    def __str__(self) -> str:
        return self.word
