"""The record that a deadline reminder went out once (the notices themselves are bodies.Notification)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.requests.models.cases import Request


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_5", _("距答复期限5个工作日")
    DUE_TOMORROW = "due_1", _("距答复期限1个工作日")
    OVERDUE = "overdue", _("已超过答复期限")
    APPLICANT_MISMATCH = "applicant_mismatch", _("申请人信息不一致")


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
