"""A file prepared in the background: who asked, what, its state, the file, and when it expires."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Where the files go in the default storage: ``prepared/<id>/<claim token><suffix>`` (tasks/produce.py);
# the folder of a file is deleted with it, whatever a dead worker left there.
FOLDER = "prepared"


class PreparedFile(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="prepared_files",
        help_text=_("为空：公开文件（如已发布年报的 PDF），只经其所属页面提供"),
    )
    kind = models.CharField(_("种类"), max_length=64)
    params = models.JSONField(_("参数"), default=dict)
    title = models.CharField(_("名称"), max_length=300)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("失败原因"), blank=True)
    file = models.FileField(_("文件"), max_length=255, blank=True)
    filename = models.CharField(_("下载文件名"), max_length=255, blank=True)
    content_type = models.CharField(_("文件类型"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    queued_at = models.DateTimeField(_("送入队列时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"))
    # The worker producing it: a token of its own, renewed while it works (its lease), and how many
    # times a worker took it (one that keeps dying on it stops after MAX_ATTEMPTS).
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("后台生成的文件")
        verbose_name_plural = _("后台生成的文件")
        ordering = ("-created_at", "-pk")
        indexes = (
            models.Index(fields=["owner", "-created_at"], name="prepared_owner_recent"),
            models.Index(fields=["state", "claimed_at"], name="prepared_state_claim"),
            models.Index(fields=["kind", "state"], name="prepared_kind_state"),
            models.Index(fields=["expires_at"], name="prepared_expiry"),
        )

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
