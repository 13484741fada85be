"""Letters sent to applicants and third parties: per-body templates, remedy settings, issued files.

Imported at the end of ``models.py`` so Django finds the models in the ``requests`` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body
from gongkai.requests.rules.outcomes import OUTCOME_CHOICES

DEFAULT_REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内向{review_organ}申请行政复议，"
    "或者自收到本答复之日起六个月内向{court}提起行政诉讼。"
)


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("登记回执")
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求第三方意见书")
    FEE = "fee", _("收费通知书")
    REPLY = "reply", _("答复书")


class DeliveryMethod(models.TextChoices):
    DIRECT = "direct", _("直接送达")
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上")


class LetterSettings(models.Model):
    """What every reply letter of one body says about remedies and where to reach the office."""

    body = models.OneToOneField(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="letter_settings"
    )
    review_organ = models.CharField(_("行政复议机关"), max_length=200, blank=True)
    court = models.CharField(_("人民法院"), max_length=200, blank=True)
    remedy_text = models.TextField(_("救济途径告知"), default=DEFAULT_REMEDY)
    office_address = models.CharField(_("办公地址"), max_length=300, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书设置")
        verbose_name_plural = _("文书设置")

    def __str__(self) -> str:
        return f"{self.body} 文书设置"


class LetterTemplate(models.Model):
    """A body's own wording of one kind of letter (and, for reply letters, one outcome)."""

    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField(_("文书种类"), max_length=20, choices=LetterKind.choices)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ("body", "kind", "outcome")
        constraints = (
            models.UniqueConstraint(fields=["body", "kind", "outcome"], name="one_letter_template_per_kind"),
        )

    def __str__(self) -> str:
        return self.title


class Letter(models.Model):
    """One generated .docx letter of a request, and when and how it reached its addressee."""

    request = models.ForeignKey(
        "requests.Request", verbose_name=_("申请"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("文书种类"), max_length=20, choices=LetterKind.choices)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"))
    file = models.FileField(_("文件"), upload_to="letters/%Y/%m/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("制作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("制作时间"), auto_now_add=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_method = models.CharField(
        _("送达方式"), max_length=20, choices=DeliveryMethod.choices, blank=True
    )

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ("request", "created_at", "pk")

    def __str__(self) -> str:
        return f"{self.title}（{self.request.number}）"


__all__ = ["DeliveryMethod", "Letter", "LetterKind", "LetterSettings", "LetterTemplate"]
