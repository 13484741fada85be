"""Why files still wait 排队中, from what is recorded on them — for the batch and upload pages.

Two facts say more than 排队中: a send to the broker that failed (``enqueue_failed_at``: the queue
could not be reached; ``requeue_abandoned`` sends the file once it answers), and files sent a while ago
of which none has been taken by a worker since (``queued_at``, ``claimed_at``: no worker runs, or every
one is busy elsewhere).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Max, QuerySet
from django.utils import timezone

from gongkai.report_imports.models import ImportBatchFile

S = ImportBatchFile.Status
UNREACHABLE = "后台任务队列暂时无法连接，文件将在恢复后自动处理。"
# Files sent this long ago, and no file of theirs taken by a worker since, mean no worker is taking them.
STALL_AFTER = timedelta(minutes=2)
STALLED = (
    "已排队超过 2 分钟，仍没有文件开始读取：后台任务进程（gongkai worker）可能没有运行，"
    "或正忙于其他任务。文件不会丢失，进程恢复后会自动处理。"
)


def queue_unreachable(files: QuerySet[ImportBatchFile]) -> bool:
    """A file still waits whose last send to the broker failed."""
    return files.filter(status=S.QUEUED, enqueue_failed_at__isnull=False).exists()


def queue_stalled(files: QuerySet[ImportBatchFile], now: datetime | None = None) -> bool:
    """Files wait that were sent more than ``STALL_AFTER`` ago, and no worker took any of the files
    since then (none is being read, none was claimed within ``STALL_AFTER``)."""
    cutoff = (now or timezone.now()) - STALL_AFTER
    waiting = files.filter(status=S.QUEUED)
    if not waiting.filter(queued_at__lt=cutoff).exists() or files.filter(status=S.IMPORTING).exists():
        return False
    last_claim = files.aggregate(last=Max("claimed_at"))["last"]
    return last_claim is None or last_claim < cutoff


def waiting_notice(files: QuerySet[ImportBatchFile]) -> str:
    """What the page says about files waiting beyond 排队中 (empty when nothing is wrong)."""
    if queue_unreachable(files):
        return UNREACHABLE
    if queue_stalled(files):
        return STALLED
    return ""
