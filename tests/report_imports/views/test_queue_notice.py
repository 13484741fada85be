"""The batch and upload pages say why files still wait, from what is recorded on them: a send the broker
refused (后台任务队列暂时无法连接…), or files sent minutes ago of which no worker has taken one."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.report_imports.actions.batches import create_batch
from gongkai.report_imports.models import ImportBatchFile
from gongkai.report_imports.tasks.batches import enqueue_batch
from tests.queue.broker import broker_at, queued_tasks, refusing_url
from tests.report_imports.views.test_import_page import IMPORT

S = ImportBatchFile.Status
UNREACHABLE = "后台任务队列暂时无法连接，文件将在恢复后自动处理"
STALLED = "已排队超过 2 分钟，仍没有文件开始读取"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def a_batch(clerk, street, seed, *names: str):
    uploads = [SimpleUploadedFile(f"{n}.txt", seed(n)) for n in names]
    return create_batch(actor=clerk, body=street, uploads=uploads)


def batch_page(client, batch) -> str:
    return text_of(client.get(reverse("reports:batch_detail", args=[batch.pk])).content.decode())


def test_a_batch_sent_while_the_broker_refuses_says_the_queue_cannot_be_reached(
    clerk_client, clerk, street, seed
):
    batch = a_batch(clerk, street, seed, "000", "001")
    with broker_at(refusing_url()):
        assert enqueue_batch(batch.pk) == 0

    page = batch_page(clerk_client, batch)
    assert "排队中 2" in page and UNREACHABLE in page

    assert enqueue_batch(batch.pk) == 2  # the in-memory broker answers: the notice goes
    assert len(queued_tasks()) == 2
    assert UNREACHABLE not in batch_page(clerk_client, batch)


def test_files_sent_minutes_ago_that_no_worker_took_say_so(clerk_client, clerk, street, seed):
    batch = a_batch(clerk, street, seed, "000", "001")
    enqueue_batch(batch.pk)
    assert STALLED not in batch_page(clerk_client, batch)  # just sent

    three_minutes_ago = timezone.now() - timedelta(minutes=3)
    batch.files.update(queued_at=three_minutes_ago)
    assert STALLED in batch_page(clerk_client, batch)

    first = batch.files.order_by("position").first()
    ImportBatchFile.objects.filter(pk=first.pk).update(status=S.IMPORTED, claimed_at=timezone.now())
    assert STALLED not in batch_page(clerk_client, batch)  # a worker took one a moment ago: it works

    ImportBatchFile.objects.filter(pk=first.pk).update(claimed_at=three_minutes_ago)
    assert STALLED in batch_page(clerk_client, batch)


def test_a_single_upload_sent_while_the_broker_refuses_says_so_on_its_page(
    clerk_client, street, seed, django_capture_on_commit_callbacks
):
    with broker_at(refusing_url()), django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(IMPORT, {"body": street.pk, "text": seed("000").decode()})

    item = ImportBatchFile.objects.get()
    assert item.status == S.QUEUED and item.enqueue_failed_at
    page = text_of(clerk_client.get(response.url).content.decode())
    assert "排队中" in page and UNREACHABLE in page
