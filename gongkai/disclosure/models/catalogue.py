"""主动公开基本目录: a tree of catalogue nodes per body, and the history of every change to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body


class Basis(models.TextChoices):
    """The 条例 article a node discloses under: the 15 categories of 第二十条, or 第二十一条.

    The keys ``art20_1`` … match the table-2 block keys of ``gongkai.report_format.layout``.
    """

    ART20_1 = "art20_1", _("第二十条第（一）项 行政法规、规章和规范性文件")
    ART20_2 = "art20_2", _("第二十条第（二）项 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")
    ART20_3 = "art20_3", _("第二十条第（三）项 国民经济和社会发展规划、专项规划、区域规划及相关政策")
    ART20_4 = "art20_4", _("第二十条第（四）项 国民经济和社会发展统计信息")
    ART20_5 = "art20_5", _("第二十条第（五）项 行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果")
    ART20_6 = (
        "art20_6",
        _("第二十条第（六）项 行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定"),
    )
    ART20_7 = "art20_7", _("第二十条第（七）项 财政预算、决算信息")
    ART20_8 = "art20_8", _("第二十条第（八）项 行政事业性收费项目及其依据、标准")
    ART20_9 = "art20_9", _("第二十条第（九）项 政府集中采购项目的目录、标准及实施情况")
    ART20_10 = "art20_10", _("第二十条第（十）项 重大建设项目的批准和实施情况")
    ART20_11 = (
        "art20_11",
        _("第二十条第（十一）项 扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    )
    ART20_12 = "art20_12", _("第二十条第（十二）项 突发公共事件的应急预案、预警信息及应对情况")
    ART20_13 = (
        "art20_13",
        _("第二十条第（十三）项 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    )
    ART20_14 = "art20_14", _("第二十条第（十四）项 公务员招考的职位、名额、报考条件等事项以及录用结果")
    ART20_15 = (
        "art20_15",
        _("第二十条第（十五）项 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
    )
    ART21 = "art21", _("第二十一条 设区的市级、县级人民政府及其部门和乡（镇）人民政府的主动公开内容")


class Frequency(models.TextChoices):
    """更新时限: how soon the body promises to publish under this node."""

    REALTIME = "realtime", _("实时")
    REGULAR = "regular", _("常态")
    ON_CHANGE = "on_change", _("形成或变更之日起20个工作日内")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    HALF_YEARLY = "half_yearly", _("每半年")
    YEARLY = "yearly", _("每年")


class CatalogueNode(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.CASCADE, related_name="catalogue_nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级栏目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("栏目名称"), max_length=100)
    code = models.CharField(_("栏目编码"), max_length=30)
    responsible_unit = models.CharField(_("责任分工"), max_length=200, blank=True)
    frequency = models.CharField(
        _("更新时限"), max_length=20, choices=Frequency.choices, default=Frequency.ON_CHANGE
    )
    basis = models.CharField(_("公开依据"), max_length=20, choices=Basis.choices)
    position = models.PositiveIntegerField(_("排序"), default=0)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("目录栏目")
        verbose_name_plural = _("目录栏目")
        ordering = ("body", "position", "pk")
        constraints = (
            models.UniqueConstraint(fields=["body", "code"], name="catalogue_code_unique_per_body"),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class CatalogueEvent(models.Model):
    """One change to a node (added, renamed, moved, edited, retired), kept for ever."""

    class Kind(models.TextChoices):
        ADDED = "added", _("新增")
        RENAMED = "renamed", _("更名")
        MOVED = "moved", _("移动")
        EDITED = "edited", _("修改")
        RETIRED = "retired", _("停用")

    node = models.ForeignKey(
        CatalogueNode, verbose_name=_("栏目"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("变更类型"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    before = models.JSONField(_("变更前"), default=dict, blank=True)
    after = models.JSONField(_("变更后"), default=dict, blank=True)

    class Meta:
        verbose_name = _("目录变更记录")
        verbose_name_plural = _("目录变更记录")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.node} · {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("目录变更记录只能追加，不能修改")
        super().save(*args, **kwargs)
