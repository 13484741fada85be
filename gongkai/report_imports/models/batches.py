"""A batch of report files uploaded at once, imported one by one in the background."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body


def batch_file_upload_path(instance: ImportBatchFile, filename: str) -> str:
    """Stored under a random name; the name the user gave is kept in ``name``. Public because the
    migrations refer to it."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"report_batches/{instance.batch_id}/{uuid.uuid4().hex}{suffix}"


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        BATCH = "batch", _("批量导入")
        # One report from the import page, read by the queue's workers like a batch's file; a report
        # whose title names another body waits for its uploader's decision (``held``).
        SINGLE = "single", _("单份导入")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        PARTIAL = "partial", _("部分失败")

    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices, default=Kind.BATCH)
    body = models.ForeignKey(Body, verbose_name=_("所选机关"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_count = models.PositiveIntegerField(_("待导入文件数"), default=0)
    imported_count = models.PositiveIntegerField(_("已导入"), default=0)
    failed_count = models.PositiveIntegerField(_("失败"), default=0)
    skipped_count = models.PositiveIntegerField(_("已跳过"), default=0)

    class Meta:
        verbose_name = _("批量导入")
        verbose_name_plural = _("批量导入")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"批量导入 #{self.pk}（{self.body.name}）"

    @property
    def done_count(self) -> int:
        return self.imported_count + self.failed_count

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.PARTIAL)

    @property
    def percent(self) -> int:
        return 100 if not self.total_count else int(100 * self.done_count / self.total_count)


class ImportBatchFile(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        IMPORTING = "importing", _("读取中")
        IMPORTED = "imported", _("已导入")
        FAILED = "failed", _("失败")
        SKIPPED = "skipped", _("已跳过")
        # A single import whose title names another body: read, not filed until its uploader decides.
        AWAITING = "awaiting", _("待确认")
        CANCELLED = "cancelled", _("已取消")

    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("批次"), on_delete=models.CASCADE, related_name="files"
    )
    position = models.PositiveIntegerField(_("序号"), default=0)
    name = models.CharField(_("文件名"), max_length=500)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    stored = models.FileField(_("待导入文件"), upload_to=batch_file_upload_path, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    message = models.TextField(_("说明"), blank=True)
    report = models.ForeignKey(
        "reports.ImportedReport",
        verbose_name=_("导入的报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the worker reading the file claimed it, renewed while it reads (its lease): a file left
    # 读取中 longer than GONGKAI_QUEUE_LEASE_SECONDS after this belonged to a dead worker.
    claimed_at = models.DateTimeField(_("开始导入时间"), null=True, blank=True)
    # The claim's own mark: only the worker holding it may store the file's result.
    claim_token = models.CharField(_("导入凭据"), max_length=32, blank=True)
    # When the file's task was last sent to the queue.
    queued_at = models.DateTimeField(_("排队时间"), null=True, blank=True)
    # When sending its task last failed (the broker did not answer); cleared once a send succeeds. The
    # pages say the queue cannot be reached, and requeue_abandoned sends it again.
    enqueue_failed_at = models.DateTimeField(_("送入队列失败时间"), null=True, blank=True)
    # Pasted text (a single import): stored as a file, read as text, kept on the report as text.
    pasted = models.BooleanField(_("粘贴的文本"), default=False)
    # A single import 待确认: the report as read (canonical JSON) and why it may be another body's.
    held = models.JSONField(_("待确认的报告"), null=True, blank=True)
    # When it was held: after GONGKAI_HELD_IMPORT_DAYS undecided it is cancelled (actions.uploads).
    held_at = models.DateTimeField(_("待确认起始时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("批量导入的文件")
        verbose_name_plural = _("批量导入的文件")
        ordering = ("batch", "position", "pk")
        indexes = (models.Index(fields=["batch", "status"]),)

    def __str__(self) -> str:
        return self.name
