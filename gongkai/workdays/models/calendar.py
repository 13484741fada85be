"""The platform's own holiday calendar: years an administrator published, single days, and the change log.

Rows here override the ``chinesecalendar`` package (see ``calendar.py``). They change only through
``actions.py``, which writes a ``CalendarChange`` for every change; the service reads the latest
change to know when its cached calendar is stale.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year's arrangement as the 国务院办公厅 notice gave it, once an administrator entered it."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    published = models.BooleanField(_("已公布"), default=False)
    notice = models.CharField(
        _("通知文号或标题"),
        max_length=200,
        blank=True,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"),
    )
    source_url = models.URLField(_("原文链接"), max_length=500, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("录入时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")
        ordering = ("-year",)

    def __str__(self) -> str:
        state = "已公布" if self.published else "未公布"
        return f"{self.year}年（{state}）"


class CalendarDay(models.Model):
    """One date an administrator fixed: a rest day, a make-up workday, or a local extra rest day."""

    on = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("名称"), max_length=50, help_text=_("例如：春节、调休上班、地方放假"))
    region_note = models.CharField(_("适用地区说明"), max_length=200, blank=True)
    source = models.CharField(_("依据文件"), max_length=300, blank=True)
    published_with = models.ForeignKey(
        CalendarYear,
        verbose_name=_("所属年度安排"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="days",
        help_text=_("随年度放假安排一并录入的日期，撤销该年度安排时一并删除"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("节假日设定")
        verbose_name_plural = _("节假日设定")
        ordering = ("on",)

    def __str__(self) -> str:
        kind = "上班" if self.is_workday else "休息"
        return f"{self.on:%Y-%m-%d} {self.name}（{kind}）"


class CalendarChange(models.Model):
    """Append-only: who changed which day or year of the calendar, when, from what to what, and why."""

    class Kind(models.TextChoices):
        DAY_SET = "day_set", _("设定日期")
        DAY_CLEARED = "day_cleared", _("取消日期设定")
        YEAR_PUBLISHED = "year_published", _("公布年度安排")
        YEAR_UNPUBLISHED = "year_unpublished", _("撤销年度安排")

    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("为空表示系统操作"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年份"))
    on = models.DateField(_("日期"), null=True, blank=True)
    before = models.CharField(_("修改前"), max_length=300)
    after = models.CharField(_("修改后"), max_length=300)
    reason = models.TextField(_("理由或依据"), blank=True)
    # Random, so that an id SQLite hands out again after a rollback never passes for the version
    # the service cached before (queries/calendar.py keys its cache on id and stamp).
    stamp = models.UUIDField(_("版本标记"), default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("日历修改记录")
        verbose_name_plural = _("日历修改记录")
        ordering = ("-pk",)

    def __str__(self) -> str:
        what = f"{self.on:%Y-%m-%d}" if self.on else f"{self.year}年"
        return f"{what}：{self.before} → {self.after}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("日历修改记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("日历修改记录只能追加，不能删除")
