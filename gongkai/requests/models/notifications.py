"""In-app notifications for staff, and the record that a deadline reminder went out once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.requests.models.cases import Request


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_5", _("距答复期限5个工作日")
    DUE_TOMORROW = "due_1", _("距答复期限1个工作日")
    OVERDUE = "overdue", _("已超过答复期限")
    APPLICANT_MISMATCH = "applicant_mismatch", _("申请人信息不一致")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    request = models.ForeignKey(
        Request,
        verbose_name=_("申请"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("类别"), max_length=20, choices=ReminderKind.choices)
    message = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["user", "read_at"]),)

    def __str__(self) -> str:
        return self.message[:40]


class SentReminder(models.Model):
    """A reminder of this kind for this request and due date has gone out: never send it twice."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["request", "kind", "due_on"], name="one_reminder_per_due_date"),
        )
