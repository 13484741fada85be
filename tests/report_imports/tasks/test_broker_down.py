"""The broker (Redis) down when a batch is uploaded on the web: no 500 — the files are saved and stay
排队中, the failure is logged, and once the broker answers again the beat job ``requeue_abandoned``
sends them. A real Redis server, stopped and started by the test; and a broker that takes the
connection and never answers (a hung server, a full backlog), which must not hold the upload."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.queue.app import app
from gongkai.report_imports.models import ImportBatchFile
from gongkai.report_imports.tasks import batches as tasks
from tests.queue.broker import broker_at
from tests.redis_server import RedisServer, free_port, needs_redis_server

pytestmark = needs_redis_server

PORT = 6391


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(free_port(PORT), tmp_path)
    try:
        with broker_at(server.url):
            yield server
    finally:
        server.stop()


def waiting_messages(server: RedisServer) -> int:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"LLEN {app.conf.task_default_queue}\r\n".encode())
        return int(s.recv(64).strip().lstrip(b":"))


def test_an_upload_while_the_broker_is_down_is_kept_and_sent_once_it_is_back(
    clerk_client, street, seed, broker, settings, caplog, django_capture_on_commit_callbacks
):
    files = [SimpleUploadedFile(f"{p}.txt", seed(p)) for p in ("000", "001")]
    caplog.set_level(logging.ERROR)

    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(reverse("reports:batch_new"), {"body": street.pk, "files": files})

    assert response.status_code == 302  # to the batch's page, which shows the files 排队中
    waiting = list(ImportBatchFile.objects.all())
    assert len(waiting) == 2
    assert all(f.status == ImportBatchFile.Status.QUEUED and f.stored and f.queued_at for f in waiting)
    assert any("未能送入任务队列" in r.getMessage() for r in caplog.records)
    assert all(f.enqueue_failed_at for f in waiting)  # the page says why they wait
    page = clerk_client.get(response["Location"])
    assert page.status_code == 200 and "排队中" in page.content.decode()
    assert "后台任务队列暂时无法连接，文件将在恢复后自动处理" in page.content.decode()

    broker.start()
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 0  # the files have waited a whole lease: beat's next round

    assert tasks.requeue_abandoned() == 2
    assert waiting_messages(broker) == 2
    assert not ImportBatchFile.objects.filter(enqueue_failed_at__isnull=False).exists()
    assert "后台任务队列暂时无法连接" not in clerk_client.get(response["Location"]).content.decode()


def test_files_whose_send_failed_are_sent_again_at_once_though_messages_wait(
    clerk_client, street, seed, broker, django_capture_on_commit_callbacks
):
    """A file whose send failed is sent by beat's next round, not only once the queue is empty (a
    file whose message is merely late waits for an empty queue: its message may still come)."""
    with django_capture_on_commit_callbacks(execute=True):
        clerk_client.post(
            reverse("reports:batch_new"),
            {"body": street.pk, "files": [SimpleUploadedFile("000.txt", seed("000"))]},
        )
    broker.start()
    app.send_task("reports.import_batch_file", args=[0])  # another message waits in the queue

    assert tasks.requeue_abandoned() == 1
    assert waiting_messages(broker) == 2


@pytest.fixture
def silent_broker() -> Iterator[socket.socket]:
    """A port that listens and never accepts nor answers: the kernel completes the handshake, then
    nothing. Closed after 8 s whatever happens, so that a send without timeouts ends (and fails)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    watchdog = threading.Timer(8, listener.close)
    watchdog.start()
    try:
        with broker_at(f"redis://127.0.0.1:{listener.getsockname()[1]}/0"):
            yield listener
    finally:
        watchdog.cancel()
        listener.close()


def test_an_upload_to_a_broker_that_never_answers_returns_within_seconds(
    clerk_client, street, seed, silent_broker, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.ERROR)
    start = time.monotonic()

    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(
            reverse("reports:batch_new"),
            {"body": street.pk, "files": [SimpleUploadedFile("000.txt", seed("000"))]},
        )

    took = time.monotonic() - start
    assert response.status_code == 302
    assert took < 3.5, f"the upload waited {took:.1f} s for the broker"
    waiting = ImportBatchFile.objects.get()
    assert waiting.status == ImportBatchFile.Status.QUEUED and waiting.stored and waiting.enqueue_failed_at
    assert any("未能送入任务队列" in r.getMessage() for r in caplog.records)
    assert "后台任务队列暂时无法连接" in clerk_client.get(response["Location"]).content.decode()
