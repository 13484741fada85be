"""The compiled annual report of a body and year, its versions and events, and the small registers
behind section 六 (trainings, 人大代表建议/政协提案) and the due dates per level."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body
from gongkai.report_format import Report
from gongkai.report_workspace.rules.publishing import APPROVAL_LABELS


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class SourceKind(models.TextChoices):
    COMPUTED = "computed", _("系统统计")
    ENTERED = "entered", _("手工录入")
    IMPORTED = "imported", _("从报告导入")
    AREA = "area", _("区域汇总")


class AnnualReport(models.Model):
    """One body's report for one year. ``data`` is the canonical JSON of a ``Report``; ``sources``
    maps every cell path to where its number came from ({kind, by, at, note})."""

    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField(_("报告数据"))
    sources = models.JSONField(_("数据来源"), default=dict)
    facts = models.JSONField(_("统计事实"), default=dict)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("警告数"), default=0)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    override_reason = models.TextField(_("带错误发布的理由"), blank=True)
    # Set when a record of the published year was made or changed after publication (a 更正): the
    # published report no longer matches the records and needs a corrected edition.
    changed_after_publication = models.BooleanField(_("发布后数据有变动"), default=False)
    # The body's approval chain of the draft: 经办 submits, 审核人 reviews, 分管领导 signs and publishes.
    approval = models.CharField(
        _("审批环节"), max_length=20, choices=list(APPROVAL_LABELS.items()), default="", blank=True
    )
    # The tables hold the area's numbers (this body's records plus its subordinates' reports): the
    # supervision 汇总 then leaves this report out, so that nothing is counted twice.
    area_summary = models.BooleanField(_("区域汇总报告"), default=False)
    version = models.PositiveIntegerField(_("版本"), default=0)
    edition = models.PositiveIntegerField(
        _("发布版次"), default=0, help_text=_("已发布的次数：1 为原版，2 起为撤回后重新发布的更正版")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度报告（编制）")
        verbose_name_plural = _("年度报告（编制）")
        ordering = ("-year", "body__name")
        constraints = (
            models.UniqueConstraint(fields=["body", "year"], name="one_annual_report_per_body_year"),
        )

    def __str__(self) -> str:
        return f"{self.body.name}{self.year}年政府信息公开工作年度报告"

    def report(self) -> Report:
        return Report.from_json(self.data)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """A draft, or a withdrawn report being corrected."""
        return self.status != Status.PUBLISHED

    @property
    def is_correction(self) -> bool:
        """Published again after a withdrawal: the portal calls it 更正版."""
        return self.edition > 1


class ReportVersion(models.Model):
    """Every saved state of a report, kept: what it said, who saved it and why."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    data = models.JSONField(_("报告数据"))
    sources = models.JSONField(_("数据来源"), default=dict)
    # The saved text's note in full: a typed note (NOTE_MAX) or an import's file name and warnings.
    note = models.TextField(_("说明"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保存人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("保存时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度报告版本")
        verbose_name_plural = _("年度报告版本")
        ordering = ("report", "-number")
        constraints = (
            models.UniqueConstraint(fields=["report", "number"], name="one_report_version_number"),
        )


# What each ReportEvent.kind is called on the pages (a kind not listed shows as 其他操作, never raw).
EVENT_LABELS = {
    "compiled": "从记录统计生成",
    "edited": "修改正文",
    "redrafted": "重新起草正文",
    "cells_entered": "手工录入数值",
    "cells_imported": "从报告导入数值",
    "area_summed": "汇总下级机关报告",
    "submitted": "提交审核",
    "reviewed": "审核通过",
    "sent_back": "退回",
    "approval_reset": "审批中修改，退回编制中",
    "published": "签发发布",
    "withdrawn": "撤回",
    "changed_after_publication": "发布后更正",
    "change_granted": "准予更正",
    "change_cancelled": "撤销更正",
}


class ReportEvent(models.Model):
    """Append-only log: compiled, edited, cells entered, published, override, changed after publication."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("详情"), default=dict)

    class Meta:
        verbose_name = _("年度报告记录")
        verbose_name_plural = _("年度报告记录")
        ordering = ("report", "at", "pk")

    @property
    def kind_label(self) -> str:
        return EVENT_LABELS.get(self.kind, "其他操作")

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("年度报告记录只能追加，不能修改")
        super().save(*args, **kwargs)


class WorkEntry(models.Model):
    """Facts of section 一/六 that no other register holds, entered by staff."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("政务公开业务培训")
        NPC = "npc", _("人大代表建议")
        CPPCC = "cppcc", _("政协提案")

    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("日期"), help_text=_("培训日期，或建议、提案办结日期"))
    title = models.CharField(_("名称"), max_length=300)
    participants = models.PositiveIntegerField(_("参训人次"), default=0)
    disclosed = models.BooleanField(_("办理结果已公开"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("培训与建议提案登记")
        verbose_name_plural = _("培训与建议提案登记")
        ordering = ("body", "-on", "pk")
        indexes = (models.Index(fields=["body", "kind", "on"]),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"


class DueDateRule(models.Model):
    """The publication deadline for one body level (乡镇/街道 by local notice): month and day of year+1."""

    level = models.CharField(_("层级"), max_length=20, choices=Body.Level.choices, unique=True)
    month = models.PositiveSmallIntegerField(_("月"))
    day = models.PositiveSmallIntegerField(_("日"))
    basis = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("年度报告发布期限")
        verbose_name_plural = _("年度报告发布期限")

    def __str__(self) -> str:
        return f"{self.get_level_display()}：次年{self.month}月{self.day}日"


class Publication(models.Model):
    """One publication of a report (原版, then each 更正版) and, if it was withdrawn, who, when and why.
    Kept for ever: a withdrawn report's record stays when the corrected one replaces it."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="publications")
    edition = models.PositiveIntegerField(_("发布版次"))
    version = models.PositiveIntegerField(_("发布时的版本号"))
    published_on = models.DateField(_("发布日期"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdraw_reason = models.TextField(_("撤回理由"), blank=True)

    class Meta:
        verbose_name = _("年度报告发布记录")
        verbose_name_plural = _("年度报告发布记录")
        ordering = ("report", "edition")
        constraints = (
            models.UniqueConstraint(fields=["report", "edition"], name="one_publication_per_edition"),
        )


class LockOverride(models.Model):
    """A change to a record of a published year that a 分管领导 allowed with a reason.

    Either the leader makes the change at once (``allowed_by`` = ``changed_by``), or grants one change in
    advance from the report's page and the next change of that year by any staff member uses it
    (``changed_at`` stays empty until then)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="lock_overrides")
    edition = models.PositiveIntegerField(_("所变更的发布版次"))
    reason = models.TextField(_("变更理由"))
    allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    allowed_at = models.DateTimeField(_("批准时间"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("变更人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("变更时间"), null=True, blank=True)
    on = models.DateField(_("所变更记录的日期"), null=True, blank=True)
    what = models.CharField(_("变更内容"), max_length=300, blank=True)
    # A change decided ahead of its time (a 定时发布 in a locked year) that was called off before it
    # went out: kept for the record, no longer shown as a change of the published report.
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("取消人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.TextField(_("取消理由"), blank=True)

    class Meta:
        verbose_name = _("已发布年度的数据变更")
        verbose_name_plural = _("已发布年度的数据变更")
        ordering = ("report", "allowed_at", "pk")

    @property
    def is_open(self) -> bool:
        """Granted in advance and not used yet."""
        return self.changed_at is None


class YearReminderMail(models.Model):
    """A due-date reminder e-mail sent for a body's report of a year at one stage: never sent twice."""

    class Stage(models.TextChoices):
        JAN_1 = "jan1", _("1月1日提醒")
        JAN_15 = "jan15", _("1月15日提醒")
        JAN_25 = "jan25", _("1月25日提醒")
        OVERDUE = "overdue", _("逾期提醒")

    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices)
    due = models.DateField(_("发布期限"))
    recipients = models.JSONField(_("收件人"), default=list)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度报告提醒邮件")
        verbose_name_plural = _("年度报告提醒邮件")
        ordering = ("-sent_at",)
        constraints = (
            models.UniqueConstraint(fields=["body", "year", "stage"], name="one_year_reminder_per_stage"),
        )
