"""Every change of a prepared file: asked for, claimed by a worker, done, failed, expired.

Each step after the request is a conditional update, so that two workers holding messages for the same
file never both write it: a worker claims the file by writing a token of its own, and its result or
failure is kept only while that token is still there.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.core.files.storage import Storage
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.prepared.actions.producers import producer_for
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.models.files import FOLDER

S = PreparedFile.State
# A file whose worker died this many times is failed rather than tried again (it may be what kills it).
MAX_ATTEMPTS = 3
ATTEMPTS_MESSAGE = "生成过程多次中断（可能是文件过大或服务器繁忙），请缩小范围后重新生成，或联系管理员"


def keep_for() -> timedelta:
    """How long a prepared file stays downloadable (and a request waits) before the cleanup deletes it."""
    return timedelta(hours=settings.GONGKAI_PREPARED_HOURS)


def lease() -> timedelta:
    return timedelta(seconds=settings.GONGKAI_QUEUE_LEASE_SECONDS)


def storage() -> Storage:
    return PreparedFile._meta.get_field("file").storage


def request_file(*, actor: AuthUser | None, kind: str, params: dict[str, Any], title: str) -> PreparedFile:
    """A new request for ``kind`` with ``params`` by ``actor`` (None: a public kind only). The same
    request still waiting or being made is returned instead of a second one (a double click queues
    one file); one already done is made anew, since the data may have changed since."""
    producer = producer_for(kind)
    if producer is None:
        raise ValueError(f"no producer for prepared file kind {kind!r}")
    if (actor is None) != producer.public:
        raise ValueError(f"prepared file kind {kind!r}: public={producer.public}, owner={actor}")
    waiting = PreparedFile.objects.filter(
        owner=actor, kind=kind, params=params, state__in=[S.QUEUED, S.RUNNING]
    ).first()
    if waiting is not None:
        return waiting
    return PreparedFile.objects.create(
        owner=actor,
        kind=kind,
        params=params,
        title=title[: PreparedFile._meta.get_field("title").max_length],
        expires_at=timezone.now() + keep_for(),
    )


class CannotRegenerate(Exception):
    """A file that did not fail cannot be made again; ``message`` says why in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NOT_FAILED: dict[str, str] = {
    S.QUEUED: "这个文件正在排队等待生成，无需重新生成。",
    S.RUNNING: "这个文件正在生成中，无需重新生成。",
    S.DONE: "这个文件已经生成，可以直接下载，无需重新生成。",
}


def request_again(*, actor: AuthUser, item: PreparedFile) -> PreparedFile:
    """Queue a failed file of ``actor``'s again (重新生成): no claim, no attempt counted, a new expiry;
    the task is the caller's to send. Only a failed file may go back (``CannotRegenerate`` otherwise);
    when the same request already waits, that one is returned and the failed one left as it is."""
    if item.owner_id != actor.pk:
        raise PermissionDenied("只有申请人本人可以重新生成这个文件")
    waiting = (
        PreparedFile.objects.filter(
            owner=actor, kind=item.kind, params=item.params, state__in=[S.QUEUED, S.RUNNING]
        )
        .exclude(pk=item.pk)
        .first()
    )
    if waiting is not None:
        return waiting
    if not PreparedFile.objects.filter(pk=item.pk, state=S.FAILED).update(
        state=S.QUEUED,
        error="",
        claim_token="",
        claimed_at=None,
        attempts=0,
        queued_at=None,
        started_at=None,
        finished_at=None,
        expires_at=timezone.now() + keep_for(),
    ):
        state = PreparedFile.objects.filter(pk=item.pk).values_list("state", flat=True).first()
        raise CannotRegenerate(NOT_FAILED.get(state or "", "这个文件已过期删除，请回到原页面重新生成。"))
    delete_stored(item.pk)  # whatever a worker that failed on it left in its folder
    item.refresh_from_db()
    return item


def mark_sent(ids: list[int]) -> None:
    PreparedFile.objects.filter(pk__in=ids).update(queued_at=timezone.now())


def mine(pk: int, token: str) -> QuerySet[PreparedFile]:
    return PreparedFile.objects.filter(pk=pk, state=S.RUNNING, claim_token=token)


def claim(pk: int) -> tuple[PreparedFile, str] | None:
    """Take the file for this worker: one waiting, or one whose worker died (its claim not renewed for
    a lease). None when another worker has it or it is finished — a second message does nothing."""
    now = timezone.now()
    token = uuid.uuid4().hex
    free = Q(state=S.QUEUED) | Q(state=S.RUNNING, claimed_at__lt=now - lease())
    item = PreparedFile.objects.filter(free, pk=pk).first()
    if item is None:
        return None
    taken = PreparedFile.objects.filter(free, pk=pk, attempts=item.attempts).update(
        state=S.RUNNING, claim_token=token, claimed_at=now, started_at=now, attempts=item.attempts + 1
    )
    if not taken:
        return None
    item.refresh_from_db()
    if item.attempts > MAX_ATTEMPTS:
        fail(item, token, ATTEMPTS_MESSAGE)
        return None
    return item, token


def renew(pk: int, token: str) -> None:
    mine(pk, token).update(claimed_at=timezone.now())


def storage_name(item: PreparedFile, token: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:16]
    return f"{FOLDER}/{item.pk}/{token}{suffix}"


def finish(item: PreparedFile, token: str, *, name: str, filename: str, content_type: str, size: int) -> bool:
    """Mark the file done with its stored copy ``name``; False when the claim was lost meanwhile."""
    now = timezone.now()
    return bool(
        mine(item.pk, token).update(
            state=S.DONE,
            file=name,
            filename=filename,
            content_type=content_type,
            size=size,
            error="",
            claim_token="",
            finished_at=now,
            expires_at=now + keep_for(),
        )
    )


def fail(item: PreparedFile, token: str, message: str) -> bool:
    now = timezone.now()
    return bool(
        mine(item.pk, token).update(
            state=S.FAILED, error=message, claim_token="", finished_at=now, expires_at=now + keep_for()
        )
    )


def abandoned() -> QuerySet[PreparedFile]:
    """Files whose worker gave no sign of life for a lease, and files sent a lease ago and still
    waiting (their message may have been lost with a worker): send them again."""
    cutoff = timezone.now() - lease()
    return PreparedFile.objects.filter(
        Q(state=S.RUNNING, claimed_at__lt=cutoff)
        | Q(state=S.QUEUED, queued_at__lt=cutoff)
        | Q(state=S.QUEUED, queued_at=None, created_at__lt=cutoff)
    )


def delete_stored(pk: int) -> None:
    """Delete whatever the storage holds for the file: its copy and any a dead worker left."""
    store = storage()
    folder = f"{FOLDER}/{pk}"
    try:
        _, names = store.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in names:
        store.delete(f"{folder}/{name}")


def purge_expired() -> int:
    """Delete the files past their expiry, with their stored copies (a file being made is left to its
    worker until its claim goes stale). How many."""
    now = timezone.now()
    expired = PreparedFile.objects.filter(expires_at__lt=now).exclude(
        state=S.RUNNING, claimed_at__gte=now - lease()
    )
    count = 0
    for pk in list(expired.values_list("pk", flat=True)):
        delete_stored(pk)
        count += PreparedFile.objects.filter(pk=pk, expires_at__lt=now).delete()[0]
    return count
