"""Notifications to staff (通知, 待办): one row per recipient, read once, e-mailed when sent.

Every app below the top can tell someone something (a new application, a deadline, an item or a report
waiting for them, a 更正 raised) through ``bodies.actions.notices``; the page and the nav badge read them
through ``bodies.queries.notices``. ``key`` makes a notice idempotent: a job that runs every hour sends
"overdue" once per case and threshold, never once per run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models.bodies import Body

TEXT_MAX = 4000


class NoticeKind(models.TextChoices):
    NEW_APPLICATION = "new_application", _("新的网上申请")
    DUE_SOON = "due_5", _("答复期限将至（5个工作日内）")
    DUE_TOMORROW = "due_1", _("答复期限将至（1个工作日内）")
    OVERDUE = "overdue", _("已超过答复期限")
    APPLICANT_MISMATCH = "applicant_mismatch", _("申请人信息不一致")
    ITEM_TO_REVIEW = "item_to_review", _("待我审核的信息")
    ITEM_RETURNED = "item_returned", _("信息被退回")
    REPORT_TO_REVIEW = "report_to_review", _("年度报告待审核")
    REPORT_TO_SIGN = "report_to_sign", _("年度报告待签发")
    REPORT_SENT_BACK = "report_sent_back", _("年度报告被退回")
    REPORT_DUE = "report_due", _("年度报告发布提醒")
    CORRECTION_RAISED = "correction_raised", _("已发布年度报告需更正")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("机关"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("通知涉及的机关：链接只对仍在该机关工作的人员显示"),
    )
    kind = models.CharField(_("类别"), max_length=30, choices=NoticeKind.choices)
    text = models.CharField(_("内容"), max_length=TEXT_MAX)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    key = models.CharField(_("去重键"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["recipient", "read_at"], name="notice_unread"),)
        constraints = (
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="one_notice_per_recipient_and_key"
            ),
        )

    def __str__(self) -> str:
        return self.text[:40]
