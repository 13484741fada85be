"""What supervision keeps: the flat cell index the 汇总 is summed from, one summary row per indexed
body-year (what the area page reads, so it never parses a report), and the send-backs (退回)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body


class SourceKind(models.TextChoices):
    """Where a body-year's report lives: the yearbook (编制) or an import (导入)."""

    ANNUAL = "annual", _("编制")
    IMPORTED = "imported", _("导入")


class ReportCell(models.Model):
    """One numeric cell of the report that counts for a body-year; ``value`` is NULL where it is missing.

    Only the counting report of a body-year is indexed (``cells.refresh_cells`` keeps it so), which is
    why a sum is one ``values("path").annotate(Sum("value"))`` over a set of bodies and a year
    (``cells.sum_cells``; the 汇总 itself adds the same numbers from ``IndexedReport.values``, one row
    per body instead of 200: a province's 2,000,000 rows grouped took seconds).
    """

    source_kind = models.CharField(_("来源"), max_length=20, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField(_("报告编号"))
    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    path = models.CharField(_("单元格"), max_length=80)
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4, null=True)
    indexed_at = models.DateTimeField(_("索引时间"))

    class Meta:
        verbose_name = _("年报单元格")
        verbose_name_plural = _("年报单元格")
        indexes = (models.Index(fields=["year", "body"]),)
        constraints = (
            models.UniqueConstraint(
                fields=["body", "year", "path"], name="one_report_cell_per_body_year_path"
            ),
        )


class IndexedReport(models.Model):
    """The counting report of a body-year as indexed with its cells: which report, when, and what the
    area page and the 汇总 read of it — the headline figures and the gaps (缺表、缺数、错误) — so that a
    page of thousands of bodies reads one small row per body instead of parsing each report's JSON.

    ``gaps``: [{"code", "severity", "text", "cells": [path, ...]}], ``text`` without the body's name
    (prefixed when read, so a renamed body reads right).

    ``values`` holds the same numbers as the report's ``ReportCell`` rows as one vector — 8-byte
    integers in ten-thousandths, in the order of ``layout.ALL_CELLS`` (``layout`` names that order),
    a missing one as 0 with its index in ``missing`` — so the 汇总 of 10,000 bodies adds 10,000 short
    vectors instead of grouping two million rows.
    """

    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    source_kind = models.CharField(_("来源"), max_length=20, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField(_("报告编号"))
    indexed_at = models.DateTimeField(_("索引时间"))
    # JSON written as text: PostgreSQL's jsonb output alone cost ~70 ms for a province's 10,000
    # rows, and this index is only ever read whole by Python (cells.Indexed decodes on use).
    figures = models.TextField(_("主要数字（JSON）"), default="{}")
    gaps = models.TextField(_("缺失与错误（JSON）"), default="[]")
    layout = models.CharField(_("单元格顺序"), max_length=16)
    values = models.BinaryField(_("数值向量"))
    missing = models.TextField(_("缺失的单元格序号（JSON）"), default="[]")

    class Meta:
        verbose_name = _("已索引的年报")
        verbose_name_plural = _("已索引的年报")
        constraints = (
            models.UniqueConstraint(fields=["year", "body"], name="one_indexed_report_per_year_body"),
        )


class SendBack(models.Model):
    """A supervisor sends a body's report back (退回) with a comment.

    Open while no report of that body-year is newer than it: the body resolves it by importing or
    publishing a newer report (``sendbacks.resolved_at``) — nothing here is set by other apps.
    """

    body = models.ForeignKey(Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    source_kind = models.CharField(_("退回的报告来源"), max_length=20, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField(_("退回的报告编号"))
    comment = models.TextField(_("退回意见"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("退回人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("退回时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年报退回")
        verbose_name_plural = _("年报退回")
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["body", "year"]),)

    def __str__(self) -> str:
        return f"{self.body}{self.year}年度报告退回"
