"""One report from the import page, read in the background like a batch's file.

``queue_upload`` stores the upload (Django's storage, as batch files are) and records a one-file import
(``ImportBatch`` of kind SINGLE) owned by its uploader; a worker of the queue reads it in the sandbox
(``tasks.batches``: claim, lease, exactly once) and files it, fails it with why, or — when its title
names another body — holds it (待确认: the report as read kept on its row, the file in the storage)
until the uploader confirms (``confirm_upload``) or cancels (``cancel_upload``) — or, after
``GONGKAI_HELD_IMPORT_DAYS`` undecided, the daily ``expire_held`` cancels it. Everything lives on the
server: the uploader may leave the page and come back.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.access import is_staff_of_or_above
from gongkai.bodies.models import Body
from gongkai.report_format import Report
from gongkai.report_imports.actions.batches import staging_path, update_counts
from gongkai.report_imports.actions.imports import PASTED_NAME, import_report
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport
from gongkai.report_imports.queries.uploads import OPEN, S

__all__ = [
    "OPEN",
    "UploadGone",
    "cancel_upload",
    "confirm_upload",
    "expire_held",
    "finish_single",
    "queue_upload",
]

log = logging.getLogger(__name__)


class UploadGone(Exception):
    """The import was decided already (or its file is gone); ``message`` says so in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def queue_upload(*, actor: AuthUser, body: Body, data: bytes, filename: str, pasted: bool) -> ImportBatchFile:
    """Store the upload and record it as waiting for a worker; the caller enqueues it once committed
    (``tasks.batches.enqueue_batch``). Raises PermissionDenied for a body the actor does not work for."""
    if not is_staff_of_or_above(actor, body):
        raise PermissionDenied("您不是该机关或其上级机关的工作人员，不能为它导入报告")
    name = PASTED_NAME if pasted else PurePosixPath(filename).name or "report.txt"
    path = default_storage.save(staging_path("x.txt" if pasted else name), ContentFile(data))
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                kind=ImportBatch.Kind.SINGLE, body=body, created_by=actor, total_count=1
            )
            item = ImportBatchFile(batch=batch, name=name[:500], size=len(data), pasted=pasted)
            item.stored.name = path
            item.save()
    except BaseException:
        default_storage.delete(path)
        raise
    return item


def finish_single(batch: ImportBatch) -> None:
    """Mark a single import finished once its file is filed, failed or cancelled."""
    update_counts(batch)
    if batch.files.filter(status__in=OPEN).exists():
        return
    failed = batch.files.filter(status=S.FAILED).exists()
    ImportBatch.objects.filter(pk=batch.pk, finished_at=None).update(
        status=ImportBatch.Status.PARTIAL if failed else ImportBatch.Status.DONE, finished_at=timezone.now()
    )


def _require_uploader(actor: AuthUser, item: ImportBatchFile) -> None:
    if item.batch.created_by_id != actor.pk:
        raise PermissionDenied("只有上传这份报告的人可以决定是否导入")


class _Taken(Exception):
    """Another request decided the import while this one filed it: this one's report is undone."""


def confirm_upload(*, actor: AuthUser, item: ImportBatchFile) -> ImportedReport:
    """File a held report under the chosen body with its warnings kept (the importer confirmed it)."""
    _require_uploader(actor, item)
    if item.status != S.AWAITING or not item.held:
        raise UploadGone("这份报告已经处理过，请重新导入。")
    try:
        with item.stored.open("rb") as f:
            data = f.read()
    except (OSError, ValueError):
        raise UploadGone("找不到上传的文件，请重新导入。") from None
    imported = None
    try:
        with transaction.atomic():
            imported = import_report(
                actor=actor,
                body=item.batch.body,
                data=data,
                filename="" if item.pasted else item.name,
                pasted=item.pasted,
                report=Report.from_json(item.held["report"]),
                confirmed=True,
            )
            if not ImportBatchFile.objects.filter(pk=item.pk, status=S.AWAITING).update(
                status=S.IMPORTED, report=imported, held=None, stored="", message=""
            ):
                raise _Taken
    except _Taken:
        if imported is not None and imported.original:
            imported.original.delete(save=False)  # the transaction is undone; its file is not
        raise UploadGone("这份报告已经处理过，请重新导入。") from None
    item.stored.delete(save=False)  # the report keeps its own copy
    finish_single(item.batch)
    return imported


def cancel_upload(*, actor: AuthUser, item: ImportBatchFile) -> None:
    """Drop an import still waiting for a worker or for its uploader's decision: nothing is filed."""
    _require_uploader(actor, item)
    if not ImportBatchFile.objects.filter(pk=item.pk, status__in=(S.QUEUED, S.AWAITING)).update(
        status=S.CANCELLED, held=None, stored="", message="已取消，报告没有导入。"
    ):
        raise UploadGone("这份报告已经处理过，不能再取消。")
    if item.stored:
        item.stored.delete(save=False)
    finish_single(item.batch)


def expired_message(days: int) -> str:
    return f"超过 {days} 天未确认，已自动取消，报告没有导入。"


def held_until(item: ImportBatchFile) -> datetime | None:
    """When a held import is cancelled if its uploader has not decided (``expire_held``, hourly)."""
    if item.held_at is None:
        return None
    return item.held_at + timedelta(days=settings.GONGKAI_HELD_IMPORT_DAYS)


def expire_held(now: datetime | None = None) -> int:
    """Cancel the held imports nobody decided for ``GONGKAI_HELD_IMPORT_DAYS``: their stored files go, the
    row keeps why (its message) and the log says which; an import decided meanwhile is left as it is.
    How many were cancelled."""
    days = settings.GONGKAI_HELD_IMPORT_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = ImportBatchFile.objects.filter(status=S.AWAITING, held_at__lt=cutoff).select_related("batch")
    count = 0
    for item in expired:
        if not ImportBatchFile.objects.filter(pk=item.pk, status=S.AWAITING, held_at__lt=cutoff).update(
            status=S.CANCELLED, held=None, stored="", message=expired_message(days)
        ):
            continue  # its uploader decided just now
        if item.stored:
            item.stored.delete(save=False)
        finish_single(item.batch)
        log.warning(
            "单份导入 #%s（%s，上传人 #%s，机关 #%s）%s",
            item.pk,
            item.name,
            item.batch.created_by_id,
            item.batch.body_id,
            expired_message(days),
        )
        count += 1
    return count
