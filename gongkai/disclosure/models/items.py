"""A piece of proactively disclosed information (信息条目), its versions, attachments, channels and events.

The working copy of the content lives on ``Item`` (queryable; ``body_text`` is the plain text a later
full-text search indexes); every saved state of it is an immutable ``ItemVersion`` snapshot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.models.catalogue import CatalogueNode
from gongkai.disclosure.models.registers import NormativeDocument
from gongkai.disclosure.models.review import ReviewStep
from gongkai.disclosure.rules.states import Status


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Validity(models.TextChoices):
    """有效性 of a 规章/规范性文件: read from its entry in the document ledger, never stored on the item."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


_LEDGER_STATUS = {"有效": Validity.VALID, "失效": Validity.EXPIRED, "废止": Validity.REPEALED}


class Channel(models.TextChoices):
    WEBSITE = "website", _("网站")
    WECHAT = "wechat", _("微信公众号")
    VIDEO = "video", _("视频号")
    NOTICE_BOARD = "notice_board", _("公告栏")
    SCREEN = "screen", _("电子屏")
    OTHER = "other", _("其他")


class Item(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="disclosure_items"
    )
    node = models.ForeignKey(
        CatalogueNode, verbose_name=_("目录栏目"), on_delete=models.PROTECT, related_name="items"
    )
    title = models.CharField(_("标题"), max_length=300)
    publisher = models.CharField(_("发布机构"), max_length=200)
    formed_on = models.DateField(_("成文日期"))
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    topic = models.CharField(_("主题分类"), max_length=100, blank=True)
    disclosure = models.CharField(
        _("公开属性"), max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    non_disclosure_reason = models.TextField(_("不主动公开理由"), blank=True)
    # A 规章/行政规范性文件 is linked to its entry in the document ledger (picked, or created on
    # publication from ``ledger_kind``); its 有效性 comes from there.
    ledger_kind = models.CharField(
        _("台账类别"), max_length=30, choices=NormativeDocument.Kind.choices, blank=True
    )
    document = models.ForeignKey(
        NormativeDocument,
        verbose_name=_("台账文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    body_html = models.TextField(_("正文"), blank=True)
    body_text = models.TextField(_("正文纯文本"), blank=True, editable=False)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    current_step = models.ForeignKey(
        ReviewStep,
        verbose_name=_("当前审核环节"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_version = models.ForeignKey(
        "ItemVersion",
        verbose_name=_("当前版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    index_number = models.CharField(_("索引号"), max_length=100, blank=True)
    scheduled_for = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    # 第二十六条: published later than 20 working days after it was formed.
    is_late = models.BooleanField(_("超过20个工作日发布"), default=False)
    working_days_to_publish = models.PositiveIntegerField(_("成文至发布工作日数"), null=True, blank=True)
    # Set when a 变更 replaced the published content (「更新于」 on the portal).
    changed_on = models.DateField(_("变更发布日期"), null=True, blank=True)
    last_change_reason = models.TextField(_("最近一次变更理由"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("撰稿人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        ordering = ("-published_on", "-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["index_number"], condition=~Q(index_number=""), name="item_index_number_unique"
            ),
        )
        indexes = (
            models.Index(fields=["body", "status"]),
            # Covers the year's counts by catalogue node for the annual report (index-only scan).
            models.Index(fields=["body", "published_on", "node"], name="item_body_published_node"),
            # The portal's search finds an item by its 文号 typed exactly (portal.queries.search.numbers).
            # Partial: most items have none, and an index of mostly '' looks useless to SQLite's planner.
            models.Index(fields=["doc_number"], name="item_doc_number", condition=~Q(doc_number="")),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def validity(self) -> str:
        """有效/失效/废止 (a Validity value) from the ledger entry today; "" when not linked."""
        if self.document is None:
            return ""
        return _LEDGER_STATUS.get(self.document.status_on(timezone.localdate()), "")

    def get_validity_display(self) -> str:
        return str(Validity(self.validity).label) if self.validity else ""

    @property
    def open_change(self) -> ItemChange | None:
        """The 变更 round under way (撰稿 or 审核中), if any."""
        return self.changes.filter(status__in=CHANGE_OPEN).order_by("-pk").first()

    @property
    def channel_values(self) -> list[str]:
        return [c.channel for c in self.channels.all()]

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) for c in sorted(self.channel_values, key=_CHANNEL_ORDER.index)]


_CHANNEL_ORDER = list(Channel.values)


class ItemChannel(models.Model):
    """A channel the item went out on (网站, 微信公众号 …); one row each so that counts are SQL."""

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("发布渠道"), max_length=20, choices=Channel.choices)

    class Meta:
        verbose_name = _("发布渠道")
        verbose_name_plural = _("发布渠道")
        constraints = (models.UniqueConstraint(fields=["item", "channel"], name="item_channel_unique"),)

    def __str__(self) -> str:
        return self.get_channel_display()


class ItemVersion(models.Model):
    """The full content of an item as saved once; never changed afterwards."""

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    content = models.JSONField(_("内容快照"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    change = models.ForeignKey(
        "ItemChange",
        verbose_name=_("变更"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="versions",
    )
    created_at = models.DateTimeField(_("保存时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信息版本")
        verbose_name_plural = _("信息版本")
        ordering = ("item", "number")
        constraints = (models.UniqueConstraint(fields=["item", "number"], name="item_version_unique"),)

    def __str__(self) -> str:
        return f"{self.item} · 第{self.number}版"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("信息版本只能新增，不能修改")
        super().save(*args, **kwargs)


# A round under way: being written, in review, or approved and waiting for its 定时发布 time.
CHANGE_OPEN = (Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED)


class ItemChange(models.Model):
    """A 变更 round of a published item.

    The edits (``content``, the same keys as a version snapshot plus the ids the action needs) go
    through the whole review chain while the published content on the item stays live; when the last
    step approves, the content replaces the item's, at once or at ``scheduled_for`` (待发布, published
    by the ``publish_due`` runner). Statuses: 草稿 → 审核中 → (待发布 →) 已发布, or 已撤稿 (放弃, 撤稿).
    """

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="changes")
    reason = models.TextField(_("变更理由"))
    formed_on = models.DateField(_("变更形成日期"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    current_step = models.ForeignKey(
        ReviewStep,
        verbose_name=_("当前审核环节"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.JSONField(_("变更内容"), default=dict)
    scheduled_for = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    # 第二十六条: the changed information is published within 20 working days of the change being formed.
    is_late = models.BooleanField(_("超过20个工作日发布"), default=False)
    working_days_to_publish = models.PositiveIntegerField(_("形成至发布工作日数"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息变更")
        verbose_name_plural = _("信息变更")
        ordering = ("item", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["item"], condition=Q(status__in=CHANGE_OPEN), name="one_open_change_per_item"
            ),
        )

    def __str__(self) -> str:
        return f"{self.item} · 变更（{self.get_status_display()}）"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"disclosure/{instance.item.body_id}/{instance.item_id}/{instance.sha256[:16]}.{instance.kind}"


class LiveAttachments(models.Manager["Attachment"]):
    """Only the attachments in force: what ``item.attachments`` (and so the portal) shows."""

    def get_queryset(self) -> models.QuerySet[Attachment]:
        return super().get_queryset().filter(live=True)


class Attachment(models.Model):
    """A file of an item. ``live``: part of the item's content now (a draft's files, or what is published).

    In a 变更 round an added file waits with ``live=False, added_in=<change>`` and a removed one is
    marked ``removed_in=<change>``; both take effect when the change is published. A removed file is
    never deleted: the row and file stay for the record (versions name it), hidden.
    """

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (docx)"
        XLSX = "xlsx", "Excel (xlsx)"
        PNG = "png", "PNG"
        JPEG = "jpg", "JPEG"
        GIF = "gif", "GIF"

    item = models.ForeignKey(
        Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    live = models.BooleanField(_("在用"), default=True)
    added_in = models.ForeignKey(
        ItemChange,
        verbose_name=_("变更中新增"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_in = models.ForeignKey(
        ItemChange,
        verbose_name=_("变更中删除"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("删除时间"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("删除人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveAttachments()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ("item", "pk")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.name


class ItemEvent(models.Model):
    """Append-only: who did what to an item, when, from which state to which, at which step, why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建")
        EDITED = "edited", _("修改")
        ATTACHED = "attached", _("上传附件")
        SUBMITTED = "submitted", _("提交审核")
        APPROVED = "approved", _("审核通过")
        RETURNED = "returned", _("退回")
        SCHEDULED = "scheduled", _("定时发布")
        # The publish_due runner could not publish a 待发布 item or 变更 at its time (it stays 待发布).
        SCHEDULE_REFUSED = "schedule_refused", _("定时发布未完成")
        PUBLISHED = "published", _("发布")
        WITHDRAWN = "withdrawn", _("撤稿")
        DETACHED = "detached", _("删除附件")
        CHANGE_OPENED = "change_opened", _("发起变更")
        CHANGE_PUBLISHED = "change_published", _("变更发布")
        CHANGE_CANCELLED = "change_cancelled", _("放弃变更")
        LEDGER_LINKED = "ledger_linked", _("关联台账")

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="events")
    change = models.ForeignKey(
        ItemChange,
        verbose_name=_("变更"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    at = models.DateTimeField(_("时间"))
    from_status = models.CharField(_("原状态"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Status.choices, blank=True)
    step = models.ForeignKey(
        ReviewStep,
        verbose_name=_("审核环节"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The step as it was when the event happened: the chain may be edited later (its steps replaced,
    # ``step`` then null), and the history must still say which step and role acted.
    step_label = models.CharField(_("审核环节"), max_length=50, blank=True)
    step_role = models.CharField(
        _("环节办理角色"), max_length=20, choices=StaffMembership.Role.choices, blank=True
    )
    step_position = models.PositiveSmallIntegerField(_("环节顺序"), null=True, blank=True)
    comment = models.TextField(_("意见"), blank=True)
    data = models.JSONField(_("附加信息"), default=dict, blank=True)

    class Meta:
        verbose_name = _("信息办理记录")
        verbose_name_plural = _("信息办理记录")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.item} · {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("办理记录只能追加，不能修改")
        super().save(*args, **kwargs)
