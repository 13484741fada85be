"""An annual report as imported: where it came from, and its canonical JSON with the findings."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body
from gongkai.report_format import Report


def original_upload_path(instance: ImportedReport, filename: str) -> str:
    """Stored under a random name; the name the user gave is kept in ``filename``. Public because the
    migrations refer to it."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"reports/{instance.body_id}/{uuid.uuid4().hex}{suffix}"


class ImportedReport(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="imported_reports"
    )
    year = models.PositiveSmallIntegerField(_("报告年度"), null=True, blank=True)
    title = models.CharField(_("报告标题"), max_length=300, blank=True)
    body_name = models.CharField(_("报告中的机关名称"), max_length=200, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    original = models.FileField(_("原始文件"), upload_to=original_upload_path, blank=True)
    pasted_text = models.TextField(_("粘贴的文本"), blank=True)
    filename = models.CharField(_("文件名"), max_length=255)
    data = models.JSONField(_("规范化数据"))
    # Where the title names another body (or year) than the one it is filed under: why, in Chinese,
    # kept from the import on — it was filed so only after the importer confirmed it (imports.py).
    identity_warnings = models.JSONField(_("机关或年度不符"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("警告数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    # Shown on the public portal only from this moment: an import is being checked until then.
    on_portal_since = models.DateTimeField(_("门户公开时间"), null=True, blank=True)
    on_portal_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("门户公开操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("导入的年度报告")
        verbose_name_plural = _("导入的年度报告")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["body", "year"]),)

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        year = f"{self.year}年" if self.year else ""
        return f"{self.body_name or self.body.name}{year}政府信息公开工作年度报告"

    def report(self) -> Report:
        """The stored report with its findings, as the core's value type."""
        return Report.from_json(self.data)
