"""Producing a prepared file: the one Celery task (``prepared.produce``), the request that sends it, and
the periodic jobs that send again what dead workers left and delete expired files.

Exactly once in effect, with ``acks_late``: a worker claims the file with a token of its own, renews the
claim while the producer runs, writes the result to the storage under a name of its own and marks the
file done only if it still holds the claim (else it deletes what it wrote). A worker killed mid-file
leaves its claim to go stale; the message comes back (``reject_on_worker_lost``) or
``requeue_abandoned`` sends it again, and the next worker makes the file anew. A second message for a
file claimed or finished does nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.http import Http404

from gongkai.prepared.actions import files as actions
from gongkai.prepared.actions.producers import Produced, ProduceError, function_for
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks.lease import renewing

log = logging.getLogger(__name__)

NO_PRODUCER = "系统已不再提供这种文件，请回到原页面重新生成"
NO_ACCESS = "你已无权查看其中的数据（如已调离该机关），文件未生成"
INTERNAL = "生成文件时出现内部错误，请稍后重新生成或联系管理员"


def prepare(*, actor: AuthUser | None, kind: str, params: dict[str, Any], title: str) -> PreparedFile:
    """Ask for a file: the request is stored and, once committed, its task sent. What the pages call."""
    item = actions.request_file(actor=actor, kind=kind, params=params, title=title)
    if item.state == PreparedFile.State.QUEUED and item.queued_at is None:
        transaction.on_commit(lambda: send([item.pk]))
    return item


def prepare_again(*, actor: AuthUser, item: PreparedFile) -> PreparedFile:
    """重新生成: a failed file queued again and, once committed, its task sent (``actions.request_again``
    raises ``CannotRegenerate`` for a file that did not fail)."""
    again = actions.request_again(actor=actor, item=item)
    if again.state == PreparedFile.State.QUEUED and again.queued_at is None:
        transaction.on_commit(lambda: send([again.pk]))
    return again


def send(ids: list[int]) -> int:
    """Send a task for each file; how many (none when the broker does not answer: the periodic
    ``requeue_abandoned`` sends them once it does)."""
    try:
        for pk in ids:
            produce_file.delay(pk)
    except Exception:
        log.exception("后台生成的文件 %s 未能送入任务队列", ids)
        return 0
    actions.mark_sent(ids)
    return len(ids)


def _store(item: PreparedFile, token: str, produced: Produced) -> None:
    """Write the content to the storage and mark the file done; drop the copy if the claim was lost."""
    content = produced.content
    name = actions.storage_name(item, token, produced.filename)
    if isinstance(content, bytes):
        saved = actions.storage().save(name, ContentFile(content))
    else:
        with content:
            saved = actions.storage().save(name, File(content))
    size = actions.storage().size(saved)
    if not actions.finish(
        item, token, name=saved, filename=produced.filename, content_type=produced.content_type, size=size
    ):
        actions.storage().delete(saved)
        log.warning("后台生成的文件 #%s 已交给其他任务进程，本次结果不保存", item.pk)


def run(pk: int) -> None:
    """Make the file ``pk`` if it waits (or its worker died); nothing when it is taken or finished."""
    claimed = actions.claim(pk)
    if claimed is None:
        return
    item, token = claimed
    fn = function_for(item.kind)
    if fn is None:
        actions.fail(item, token, NO_PRODUCER)
        return
    try:
        every = actions.lease().total_seconds() / 3
        with renewing(lambda: actions.renew(item.pk, token), every, f"后台生成的文件 #{item.pk}"):
            produced = fn(item.owner, dict(item.params))
            _store(item, token, produced)
    except ProduceError as e:
        actions.fail(item, token, e.message)
    except (Http404, PermissionDenied):
        actions.fail(item, token, NO_ACCESS)
    except Exception:
        log.exception("后台生成的文件 #%s（%s）出错", item.pk, item.kind)
        actions.fail(item, token, INTERNAL)


@shared_task(name="prepared.produce")
def produce_file(file_id: int) -> None:
    run(file_id)


def requeue_abandoned() -> int:
    """Send again the files dead workers left or whose message was lost (beat, every half lease)."""
    return send(list(actions.abandoned().values_list("pk", flat=True)))


def purge_expired() -> int:
    """Delete expired files and their stored copies (beat, hourly)."""
    return actions.purge_expired()
