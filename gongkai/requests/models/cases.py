"""Applicants, requests, the items a request asks for, and the append-only event log of each case.

Deadlines are never typed in: ``due_on`` is a cache of what ``deadlines.compute`` derives from the
request's events and the working-day calendar, refreshed by every action.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body
from gongkai.report_format.layout import TABLE3_APPLICANT_COLUMNS
from gongkai.requests.rules.outcomes import OUTCOME_CHOICES, outcome_label
from gongkai.requests.rules.regimes import Regime, regime_for
from gongkai.requests.rules.states import CONCLUDED, Status

APPLICANT_KIND_CHOICES = [
    (c.key, c.label if c.key != "other_org" else "其他组织") for c in TABLE3_APPLICANT_COLUMNS
]


class Channel(models.TextChoices):
    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    LETTER_SIGNED = "letter_signed", _("信函（需签收）")
    LETTER = "letter", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


# 第三十一条: channels whose receipt date is the day both sides confirm, not the day it arrived.
CONFIRMED_CHANNELS = frozenset({Channel.ONLINE, Channel.LETTER, Channel.FAX, Channel.EMAIL})


class Applicant(models.Model):
    """A person or organisation as named on requests to one body (their data stays with that body)."""

    body = models.ForeignKey(
        Body, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="applicants"
    )
    kind = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_KIND_CHOICES)
    name = models.CharField(_("姓名或名称"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=30, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=60, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请人")
        verbose_name_plural = _("申请人")
        indexes = (models.Index(fields=["body", "id_number"]), models.Index(fields=["body", "credit_code"]))

    def __str__(self) -> str:
        return self.name


class Request(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="requests"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    seq = models.PositiveIntegerField(_("序号"))
    applicant = models.ForeignKey(
        Applicant, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="requests"
    )
    # Denormalised from the applicant so table 3 is one GROUP BY without a join.
    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_KIND_CHOICES)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    arrived_on = models.DateField(_("收件日期"))
    received_on = models.DateField(
        _("收到申请之日"), null=True, blank=True, help_text=_("按条例第三十一条确定")
    )
    # Who applied, as this application states it (the applicant record is shared by every request with
    # the same ID number or credit code and may carry another name): kept as submitted.
    applicant_name = models.CharField(_("申请书上的姓名或名称"), max_length=200, blank=True)
    applicant_contact = models.JSONField(_("申请书上的联系方式"), default=dict, blank=True)
    subject = models.CharField(_("所需信息名称"), max_length=500)
    description = models.TextField(_("所需信息的文号或特征描述"), blank=True)
    purpose = models.CharField(_("用途"), max_length=300, blank=True)
    form = models.CharField(_("获取信息的形式"), max_length=50, blank=True)
    delivery = models.CharField(_("获取信息的方式"), max_length=50, blank=True)
    status = models.CharField(_("状态"), max_length=30, choices=Status.choices, default=Status.REGISTERED)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限为估算"), default=False)
    due_explanation = models.TextField(_("期限计算说明"), blank=True)
    tracking_hash = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ("-year", "-seq")
        constraints = (models.UniqueConstraint(fields=["body", "year", "seq"], name="request_number_unique"),)
        indexes = (
            models.Index(fields=["body", "received_on"]),
            models.Index(fields=["body", "concluded_on"]),
            models.Index(fields=["body", "status", "due_on"]),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.subject[:30]}"

    @property
    def submitted_name(self) -> str:
        """The name on this application (the applicant record's for a request registered before it was kept)."""
        return self.applicant_name or self.applicant.name

    @property
    def name_mismatch(self) -> bool:
        """The application names someone else than the applicant record its ID number matched."""
        return bool(self.applicant_name) and self.applicant_name.strip() != self.applicant.name.strip()

    @property
    def number(self) -> str:
        return f"〔{self.year}〕第{self.seq}号"

    @property
    def is_concluded(self) -> bool:
        return self.status in CONCLUDED

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.outcome) if self.outcome else ""

    @property
    def regime(self) -> Regime | None:
        """The text of the 条例 its deadlines follow (by the receipt date); None until that is known."""
        return regime_for(self.received_on) if self.received_on else None

    @property
    def earlier_regime(self) -> Regime | None:
        """The regime when it is not the current text (a request received before 2019-05-15)."""
        regime = self.regime
        return regime if regime is not None and not regime.is_current else None

    def set_tracking_code(self, code: str) -> None:
        self.tracking_hash = _digest(code)

    def check_tracking_code(self, code: str) -> bool:
        return bool(self.tracking_hash) and hmac.compare_digest(
            self.tracking_hash, _digest(code.strip().upper())
        )


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


class RequestItem(models.Model):
    """One piece of information asked for; items may be handled differently (第三十七条)."""

    request = models.ForeignKey(
        Request, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    description = models.CharField(_("所需信息"), max_length=500)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("申请事项")
        verbose_name_plural = _("申请事项")
        ordering = ("request", "position")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("登记")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("确认收到申请")
    REVIEW_STARTED = "review_started", _("开始审查")
    CORRECTION_REQUESTED = "correction_requested", _("发出补正告知")
    CORRECTION_RECEIVED = "correction_received", _("收到补正材料")
    CORRECTION_LAPSED = "correction_lapsed", _("逾期未补正")
    PROCESSING_STARTED = "processing_started", _("转入办理")
    CONSULTATION_STARTED = "consultation_started", _("征求第三方意见")
    CONSULTATION_ENDED = "consultation_ended", _("第三方意见征求结束")
    EXTENDED = "extended", _("延期答复")
    FEE_NOTIFIED = "fee_notified", _("发出收费通知")
    FEE_PAID = "fee_paid", _("缴纳费用")
    FEE_LAPSED = "fee_lapsed", _("逾期未缴费")
    REPLIED = "replied", _("作出答复")
    DELIVERED = "delivered", _("送达")
    ARCHIVED = "archived", _("归档")
    WITHDRAWN = "withdrawn", _("申请人撤回")
    EDITED = "edited", _("修改登记信息")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("期限重新计算")
    NOTE = "note", _("备注")


class Event(models.Model):
    """Append-only: who did what to a request, when, with which legal date, from which state to which."""

    # PROTECT: a request with a history cannot be deleted, from any page, the admin or the shell.
    request = models.ForeignKey(
        Request, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    on = models.DateField(_("日期"), help_text=_("该事项的法定日期，如收到补正之日"))
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    from_status = models.CharField(_("原状态"), max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=30, choices=Status.choices, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ("request", "at", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("办理记录只能追加，不能修改")
        super().save(*args, **kwargs)


class RequestCounter(models.Model):
    """The last number given per body and year (〔2024〕第N号), locked while a request is registered."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["body", "year"], name="one_counter_per_body_year"),)


class FeeNotice(models.Model):
    """收费通知 (国办函〔2020〕109号): one method per request, paid within 20 working days of receipt."""

    class Method(models.TextChoices):
        PER_PIECE = "per_piece", _("按件计收")
        PER_VOLUME = "per_volume", _("按量计收")

    request = models.ForeignKey(
        Request, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField(_("计收方式"), max_length=20, choices=Method.choices)
    quantity = models.PositiveIntegerField(_("件数或页数"))
    amount = models.PositiveIntegerField(_("金额（元）"))
    description = models.TextField(_("收费说明"))
    notice_on = models.DateField(_("通知日期"))
    notice_received_on = models.DateField(_("申请人收到通知日期"), null=True, blank=True)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    waiver_reason = models.CharField(_("减免理由"), max_length=300, blank=True)
    lapsed_on = models.DateField(_("逾期日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")
        ordering = ("request", "notice_on")
