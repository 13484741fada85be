"""Single imports on the queue as their uploader sees them: the open ones, and a short wait for one."""

from __future__ import annotations

import time

from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet

from gongkai.report_imports.models import ImportBatch, ImportBatchFile

S = ImportBatchFile.Status
# Waiting for a worker, being read, or read and waiting for the uploader's decision.
OPEN = (S.QUEUED, S.IMPORTING, S.AWAITING)
SETTLED = (S.IMPORTED, S.FAILED, S.AWAITING, S.CANCELLED)
POLL_SECONDS = 0.05


def open_uploads(user: AuthUser) -> QuerySet[ImportBatchFile]:
    """The user's own single imports that are not finished, newest first."""
    return (
        ImportBatchFile.objects.filter(
            batch__kind=ImportBatch.Kind.SINGLE, batch__created_by_id=user.pk, status__in=OPEN
        )
        .select_related("batch", "batch__body")
        .order_by("-batch__created_at", "-pk")
    )


def wait_until_settled(file_id: int, seconds: float) -> str:
    """The file's status once a worker has settled it, or as it is after ``seconds`` (a quick report
    goes straight to its result; a slow one to its status page)."""
    deadline = time.monotonic() + seconds
    while True:
        status = ImportBatchFile.objects.filter(pk=file_id).values_list("status", flat=True).first() or ""
        if status in SETTLED or time.monotonic() >= deadline:
            return status
        time.sleep(POLL_SECONDS)
