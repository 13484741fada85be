"""Importing the queued files of a batch (``actions.batches.create_batch`` queued them), one by one.

``run_batch`` may run anywhere: in a daemon thread of the web process (``start_batch_thread``), or from
cron / after a restart (``gongkai import_batches``). Each file is claimed with a conditional update
before it is read, and its report and its status are stored in one transaction, so two runners (or a
resumed one) never import a file twice.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.report_format import ReportReadError
from gongkai.report_imports.actions.batches import allowed_bodies, update_counts
from gongkai.report_imports.actions.imports import IdentityMismatch, import_report
from gongkai.report_imports.actions.reading import read_upload
from gongkai.report_imports.models.batches import ImportBatch, ImportBatchFile
from gongkai.report_imports.rules.identity import names_body

log = logging.getLogger(__name__)

# A file left 导入中 longer than this belonged to a process that died; it is queued again.
STALE_AFTER = timedelta(minutes=30)


def _fail(item: ImportBatchFile, message: str) -> None:
    """Mark the file failed with why, and drop its stored copy: the uploader still has the original."""
    ImportBatchFile.objects.filter(pk=item.pk).update(
        status=ImportBatchFile.Status.FAILED, message=message, stored=""
    )
    if item.stored:
        item.stored.delete(save=False)


def _target(named: str | None, top: Body, below: dict[str, Body]) -> Body | str:
    """The body a report goes to: the one its title names among the batch's body and the bodies
    below it (by full name, else the one name that fits); without a name, the batch's body. When
    none fits, or several do, why not (the file fails: it is imported one by one, confirmed)."""
    if not named:
        return top
    if named in below:
        return below[named]
    fits = [b for b in (top, *below.values()) if names_body(named, [b.name, b.short_name])]
    if len(fits) == 1:
        return fits[0]
    where = f"{top.name}及其下级机关" if below else top.name
    if fits:
        return f"报告标题中的机关“{named}”可以是{where}中的多个机关；请逐份导入，选择所属机关"
    return f"报告标题中的机关是“{named}”，不是{where}；如确属本机关，请逐份导入并确认"


def _import_one(batch: ImportBatch, item: ImportBatchFile, subordinates: dict[str, Body]) -> None:
    now = timezone.now()
    claimed = ImportBatchFile.objects.filter(pk=item.pk, status=ImportBatchFile.Status.QUEUED).update(
        status=ImportBatchFile.Status.IMPORTING, claimed_at=now
    )
    if not claimed:
        return  # another runner has it
    user = batch.created_by
    if user is None:
        return _fail(item, "上传人的账号已不存在，无法导入")
    if not allowed_bodies(user).filter(pk=batch.body_id).exists():
        return _fail(item, "上传人已不是该机关（或其上级机关）的工作人员，无法导入")
    try:
        with item.stored.open("rb") as f:
            data = f.read()
    except (OSError, ValueError):
        return _fail(item, "找不到上传的文件，请重新上传")
    try:
        report = read_upload(data, item.name)  # in a limited worker process, outside any transaction
        target = _target(report.body, batch.body, subordinates)
        if isinstance(target, str):
            return _fail(item, target)
        with transaction.atomic():
            imported = import_report(actor=user, body=target, data=data, filename=item.name, report=report)
            ImportBatchFile.objects.filter(pk=item.pk).update(
                status=ImportBatchFile.Status.IMPORTED, report=imported, message=""
            )
    except ReportReadError as e:
        return _fail(item, e.message)
    except IdentityMismatch as e:
        return _fail(item, "；".join(e.warnings))
    except PermissionDenied as e:
        return _fail(item, str(e))
    except Exception:
        log.exception("批量导入 #%s 的文件 %s 出错", batch.pk, item.name)
        return _fail(item, "导入时出现内部错误，请稍后重试或联系管理员")
    item.stored.delete(save=False)  # the report keeps its own copy of the original
    ImportBatchFile.objects.filter(pk=item.pk).update(stored="")


def run_batch(batch_id: int, *, stale_after: timedelta = STALE_AFTER) -> ImportBatch:
    """Import the batch's queued files (and those a dead runner left 导入中), then mark it finished."""
    batch = ImportBatch.objects.select_related("body", "created_by").get(pk=batch_id)
    S = ImportBatchFile.Status
    batch.files.filter(status=S.IMPORTING, claimed_at__lt=timezone.now() - stale_after).update(
        status=S.QUEUED, claimed_at=None
    )
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING, started_at=timezone.now()
    )
    ImportBatch.objects.filter(pk=batch.pk, started_at__isnull=True).update(started_at=timezone.now())
    subordinates = {b.name: b for b in batch.body.descendants()}
    for item in batch.files.filter(status=S.QUEUED).order_by("position", "pk"):
        _import_one(batch, item, subordinates)
        update_counts(batch)
    update_counts(batch)
    if not batch.files.filter(status__in=[S.QUEUED, S.IMPORTING]).exists():
        status = ImportBatch.Status.PARTIAL if batch.failed_count else ImportBatch.Status.DONE
        ImportBatch.objects.filter(pk=batch.pk).exclude(
            status__in=[ImportBatch.Status.DONE, ImportBatch.Status.PARTIAL]
        ).update(status=status, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch


def pending_batches() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(
        status__in=[ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING]
    ).order_by("pk")


def start_batch_thread(batch_id: int) -> threading.Thread:
    """Run the batch in a daemon thread of this process; it closes its database connection after."""

    def work() -> None:
        try:
            close_old_connections()
            run_batch(batch_id)
        except Exception:
            log.exception("批量导入 #%s 运行出错", batch_id)
        finally:
            connection.close()

    thread = threading.Thread(target=work, name=f"gongkai-batch-{batch_id}", daemon=True)
    thread.start()
    return thread
