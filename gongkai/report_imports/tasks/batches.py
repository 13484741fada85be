"""Importing the queued files of a batch (``actions.batches.create_batch`` queued them): one Celery task
per file (``import_batch_file``), any number of workers on any number of machines.

A file is done exactly once in effect. A worker claims it with a conditional update that writes a
token of its own, renews the claim while the sandbox reads it (its lease), and stores the report only
if it still holds the claim, in the transaction that marks the file done. A file whose worker died
(its lease ran out) or whose message was lost with a worker goes back to the queue
(``requeue_abandoned``, run by beat every half lease); a second message for a file already claimed or
done does nothing. ``run_batch`` does the same work in the calling process (``gongkai import_batches``).

A single import from the import page (``actions.uploads``) is a one-file batch of kind SINGLE and goes
the same way; only its end differs: it is filed under the body its uploader chose, and a report whose
title names another body is held on its row (待确认) for the uploader to confirm or cancel.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta

from celery import current_app, shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.prepared.tasks.lease import renewing
from gongkai.report_format import ReportReadError
from gongkai.report_imports.actions.batches import allowed_bodies, update_counts
from gongkai.report_imports.actions.imports import IdentityMismatch, import_report
from gongkai.report_imports.actions.reading import read_upload
from gongkai.report_imports.actions.uploads import OPEN, finish_single
from gongkai.report_imports.models.batches import ImportBatch, ImportBatchFile
from gongkai.report_imports.rules.identity import names_body

log = logging.getLogger(__name__)
S = ImportBatchFile.Status
UNFINISHED = (ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING)


def lease() -> timedelta:
    return timedelta(seconds=settings.GONGKAI_QUEUE_LEASE_SECONDS)


class _LostClaim(Exception):
    """The file was given to another worker while this one read it: this one's result is dropped."""


def _mine(item: ImportBatchFile, token: str) -> QuerySet[ImportBatchFile]:
    return ImportBatchFile.objects.filter(pk=item.pk, status=S.IMPORTING, claim_token=token)


def _fail(item: ImportBatchFile, token: str, message: str) -> None:
    """Mark the file failed with why, and drop its stored copy: the uploader still has the original."""
    if _mine(item, token).update(status=S.FAILED, message=message, stored="", claim_token="") and item.stored:
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


def _claim(item: ImportBatchFile) -> str | None:
    token = uuid.uuid4().hex
    now = timezone.now()
    if not ImportBatchFile.objects.filter(pk=item.pk, status=S.QUEUED).update(
        status=S.IMPORTING, claimed_at=now, claim_token=token
    ):
        return None  # another worker has it, or it is done
    ImportBatch.objects.filter(pk=item.batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING, started_at=now
    )
    return token


def _hold(item: ImportBatchFile, token: str, mismatch: IdentityMismatch) -> None:
    """Keep a single import's report, read, for its uploader's decision (the stored file stays)."""
    held = {"report": mismatch.report.to_json(), "warnings": mismatch.warnings}
    _mine(item, token).update(
        status=S.AWAITING, held=held, held_at=timezone.now(), message="", claim_token=""
    )


def _import_one(batch: ImportBatch, item: ImportBatchFile, subordinates: dict[str, Body]) -> None:
    token = _claim(item)
    if token is None:
        return
    user = batch.created_by
    if user is None:
        return _fail(item, token, "上传人的账号已不存在，无法导入")
    single = batch.kind == ImportBatch.Kind.SINGLE
    # A single import is checked by import_report itself (the rule of the import page).
    if not single and not allowed_bodies(user).filter(pk=batch.body_id).exists():
        return _fail(item, token, "上传人已不是该机关（或其上级机关）的工作人员，无法导入")
    try:
        with item.stored.open("rb") as f:
            data = f.read()
    except (OSError, ValueError):
        return _fail(item, token, "找不到上传的文件，请重新上传")
    imported = None
    name = "" if item.pasted else item.name  # pasted text is read as text and kept as text
    try:
        with renewing(
            lambda: _mine(item, token).update(claimed_at=timezone.now()),
            lease().total_seconds() / 3,
            f"批量导入文件 #{item.pk}",
        ):
            report = read_upload(data, name)  # in a limited sandbox process, outside any transaction
        target = batch.body if single else _target(report.body, batch.body, subordinates)
        if isinstance(target, str):
            return _fail(item, token, target)
        with transaction.atomic():
            imported = import_report(
                actor=user, body=target, data=data, filename=name, pasted=item.pasted, report=report
            )
            if not _mine(item, token).update(status=S.IMPORTED, report=imported, message="", claim_token=""):
                raise _LostClaim
    except _LostClaim:
        if imported is not None and imported.original:
            imported.original.delete(save=False)  # the transaction is undone; its file is not
        log.warning("批量导入文件 #%s 已交给其他任务进程，本次结果不保存", item.pk)
        return
    except ReportReadError as e:
        return _fail(item, token, e.message)
    except IdentityMismatch as e:
        return _hold(item, token, e) if single else _fail(item, token, "；".join(e.warnings))
    except PermissionDenied as e:
        return _fail(item, token, str(e))
    except Exception:
        log.exception("批量导入 #%s 的文件 %s 出错", batch.pk, item.name)
        return _fail(item, token, "导入时出现内部错误，请稍后重试或联系管理员")
    item.stored.delete(save=False)  # the report keeps its own copy of the original
    ImportBatchFile.objects.filter(pk=item.pk).update(stored="")


def finish_if_done(batch: ImportBatch) -> None:
    """Recount the batch; when no file waits or is being read any more, mark it finished."""
    if batch.kind == ImportBatch.Kind.SINGLE:
        return finish_single(batch)
    update_counts(batch)
    if batch.files.filter(status__in=OPEN).exists():
        return
    status = ImportBatch.Status.PARTIAL if batch.failed_count else ImportBatch.Status.DONE
    ImportBatch.objects.filter(pk=batch.pk, status__in=UNFINISHED).update(
        status=status, finished_at=timezone.now()
    )


def _batch(batch_id: int) -> ImportBatch:
    return ImportBatch.objects.select_related("body", "created_by").get(pk=batch_id)


def import_file(file_id: int) -> None:
    """Import one queued file of a batch (nothing when it is claimed or done already)."""
    item = ImportBatchFile.objects.filter(pk=file_id, status=S.QUEUED).first()
    if item is None:
        return
    batch = _batch(item.batch_id)
    subordinates = {b.name: b for b in batch.body.descendants()}
    _import_one(batch, item, subordinates)
    finish_if_done(batch)


@shared_task(name="reports.import_batch_file")
def import_batch_file(file_id: int) -> None:
    import_file(file_id)


def enqueue_files(file_ids: Iterable[int]) -> int:
    """Send a task for each file; how many were sent. When the broker does not answer, the files not
    sent are marked (``enqueue_failed_at``: the pages say so, ``requeue_abandoned`` sends them) and the
    error is raised."""
    ids = list(file_ids)
    now = timezone.now()
    ImportBatchFile.objects.filter(pk__in=ids).update(queued_at=now)
    sent = 0
    try:
        for pk in ids:
            import_batch_file.delay(pk)
            sent += 1
    except Exception:
        ImportBatchFile.objects.filter(pk__in=ids[sent:]).update(enqueue_failed_at=now)
        raise
    finally:
        ImportBatchFile.objects.filter(pk__in=ids[:sent], enqueue_failed_at__isnull=False).update(
            enqueue_failed_at=None
        )
    return sent


def enqueue_batch(batch_id: int) -> int:
    """Queue every waiting file of the batch (the batch page calls this once the batch is committed)."""
    files = ImportBatchFile.objects.filter(batch_id=batch_id, status=S.QUEUED).order_by("position", "pk")
    try:
        return enqueue_files(files.values_list("pk", flat=True))
    except Exception:  # the broker does not answer: requeue_abandoned sends them once it does
        log.exception("批量导入 #%s 未能送入任务队列", batch_id)
        return 0


def _queue_is_empty() -> bool:
    """No message waits in the broker's queue (a queue that does not exist is empty)."""
    from kombu.exceptions import ChannelError

    try:
        with current_app.connection_for_read() as conn, conn.channel() as channel:
            try:
                _, count, _ = channel.queue_declare(queue=current_app.conf.task_default_queue, passive=True)
            finally:
                if getattr(channel, "_session", None) is not None:  # kombu's SQLAlchemy channel keeps it open
                    channel._session.close()
    except ChannelError:
        return True
    except Exception as e:  # amqp's NotFound for a queue RabbitMQ has not declared yet
        if type(e).__name__ == "NotFound":
            return True
        raise
    return not count


def requeue_abandoned() -> int:
    """Put back what dead workers left: files whose lease ran out, and — when the broker's queue is empty
    — waiting files whose message was lost with a worker; finish batches with nothing left. How many."""
    cutoff = timezone.now() - lease()
    stale = ImportBatchFile.objects.filter(status=S.IMPORTING, claimed_at__lt=cutoff)
    back = [
        pk
        for pk in stale.values_list("pk", flat=True)
        if ImportBatchFile.objects.filter(pk=pk, status=S.IMPORTING, claimed_at__lt=cutoff).update(
            status=S.QUEUED, claimed_at=None, claim_token=""
        )
    ]
    waiting = ImportBatchFile.objects.filter(
        status=S.QUEUED, batch__status__in=UNFINISHED, queued_at__lt=cutoff, enqueue_failed_at=None
    ).exclude(pk__in=back)
    lost: list[int] = []
    if waiting.exists() and _queue_is_empty():
        lost = list(waiting.values_list("pk", flat=True))
    unqueued = ImportBatchFile.objects.filter(
        Q(queued_at=None) | Q(enqueue_failed_at__isnull=False), status=S.QUEUED, batch__status__in=UNFINISHED
    ).exclude(pk__in=back)
    sent = enqueue_files([*back, *lost, *unqueued.values_list("pk", flat=True)])
    for batch in pending_batches():
        finish_if_done(batch)
    return sent


def run_batch(batch_id: int, *, stale_after: timedelta | None = None) -> ImportBatch:
    """Import the batch's queued files (and those a dead worker left 读取中) in this process."""
    cutoff = timezone.now() - (stale_after if stale_after is not None else lease())
    batch = _batch(batch_id)
    batch.files.filter(status=S.IMPORTING, claimed_at__lt=cutoff).update(
        status=S.QUEUED, claimed_at=None, claim_token=""
    )
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING
    )
    ImportBatch.objects.filter(pk=batch.pk, started_at__isnull=True).update(started_at=timezone.now())
    subordinates = {b.name: b for b in batch.body.descendants()}
    for item in batch.files.filter(status=S.QUEUED).order_by("position", "pk"):
        _import_one(batch, item, subordinates)
        update_counts(batch)
    finish_if_done(batch)
    batch.refresh_from_db()
    return batch


def pending_batches() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(status__in=UNFINISHED).order_by("pk")
