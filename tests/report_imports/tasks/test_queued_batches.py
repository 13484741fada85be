"""The batch on the task queue: a task per file, each file imported once in effect whatever the workers
do — a second message, a worker that died holding a file, a message lost with its worker, a worker
whose file was given to another while it read."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.report_imports.actions.batches import create_batch
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks import batches as tasks
from tests.queue.broker import queued_tasks

Status = ImportBatchFile.Status


@pytest.fixture(autouse=True)
def _empty_queue():
    queued_tasks()
    yield
    queued_tasks()


def batch_of(clerk, street, seed, *prefixes: str) -> ImportBatch:
    """A batch of the seeds, each under its own name (seed 000 is 只楚街道's report, the others'
    title names another body: the batch fails them)."""
    uploads = [SimpleUploadedFile(f"{i}-{p}.txt", seed(p)) for i, p in enumerate(prefixes)]
    return create_batch(actor=clerk, body=street, uploads=uploads)


def test_the_upload_sends_a_task_per_file_once_committed(
    clerk_client, street, seed, django_capture_on_commit_callbacks
):
    files = [SimpleUploadedFile(f"{p}.txt", seed(p)) for p in ("000", "001")]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        clerk_client.post(reverse("reports:batch_new"), {"body": street.pk, "files": files})
    assert queued_tasks() == []  # nothing is sent before the batch is committed

    for callback in callbacks:
        callback()

    ids = sorted(ImportBatchFile.objects.values_list("pk", flat=True))
    assert sorted(queued_tasks()) == [("reports.import_batch_file", pk) for pk in ids]
    assert all(f.queued_at for f in ImportBatchFile.objects.all())


def test_each_task_imports_its_file_and_a_second_message_does_nothing(clerk, street, seed):
    batch = batch_of(clerk, street, seed, "000", "000")
    tasks.enqueue_batch(batch.pk)

    for name, file_id in queued_tasks():
        assert name == "reports.import_batch_file"
        tasks.import_batch_file(file_id)
        tasks.import_batch_file(file_id)  # the broker delivered it twice

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.imported_count, batch.failed_count) == (2, 0)
    assert ImportedReport.objects.count() == 2


def test_a_file_whose_worker_died_goes_back_to_the_queue_after_its_lease(clerk, street, seed, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    batch = batch_of(clerk, street, seed, "000", "000")
    dead, alive = batch.files.order_by("position")
    ImportBatchFile.objects.filter(pk=dead.pk).update(
        status=Status.IMPORTING, claim_token="dead", claimed_at=timezone.now() - timedelta(seconds=61)
    )
    ImportBatchFile.objects.filter(pk=alive.pk).update(
        status=Status.IMPORTING, claim_token="alive", claimed_at=timezone.now() - timedelta(seconds=30)
    )

    assert tasks.requeue_abandoned() == 1

    assert queued_tasks() == [("reports.import_batch_file", dead.pk)]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, dead.claim_token) == (Status.QUEUED, "")
    assert (alive.status, alive.claim_token) == (Status.IMPORTING, "alive")


def test_waiting_files_are_sent_again_only_when_the_queue_is_empty(clerk, street, seed, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    batch = batch_of(clerk, street, seed, "000", "000")
    tasks.enqueue_batch(batch.pk)
    ImportBatchFile.objects.update(queued_at=timezone.now() - timedelta(minutes=5))

    assert tasks.requeue_abandoned() == 0  # their messages still wait in the broker

    queued_tasks()  # a worker took them and died before claiming them
    assert tasks.requeue_abandoned() == 2
    assert len(queued_tasks()) == 2


def test_files_never_sent_are_sent_and_finished_batches_are_marked(clerk, street, seed):
    batch = batch_of(clerk, street, seed, "000")
    assert tasks.requeue_abandoned() == 1  # the web process stopped before it sent the batch
    ((_, file_id),) = queued_tasks()

    tasks.import_file(file_id)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING
    )  # it died before marking it
    tasks.requeue_abandoned()

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.finished_at


def test_a_worker_whose_file_was_given_away_while_it_read_stores_nothing(
    clerk, street, seed, monkeypatch, settings
):
    batch = batch_of(clerk, street, seed, "000")
    item = batch.files.get()
    real_read = tasks.read_upload

    def read_while_the_file_is_given_away(data: bytes, name: str):
        report = real_read(data, name)
        # Its lease ran out meanwhile: the file went back to the queue and another worker claimed it.
        ImportBatchFile.objects.filter(pk=item.pk).update(claim_token="another worker")
        return report

    monkeypatch.setattr(tasks, "read_upload", read_while_the_file_is_given_away)
    tasks.import_file(item.pk)

    item.refresh_from_db()
    assert (item.status, item.claim_token) == (Status.IMPORTING, "another worker")
    assert not ImportedReport.objects.exists()
    reports_dir = Path(settings.MEDIA_ROOT) / "reports"
    assert not reports_dir.exists() or not any(reports_dir.rglob("*.*"))  # the undone report left no file


@pytest.mark.django_db(transaction=True)
def test_the_claim_is_renewed_while_the_file_is_read(clerk, street, seed, settings, monkeypatch):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 3  # renewed every second
    batch = batch_of(clerk, street, seed, "000")
    item = batch.files.get()
    seen = []
    real_read = tasks.read_upload

    def slow_read(data: bytes, name: str):
        claimed = ImportBatchFile.objects.get(pk=item.pk).claimed_at
        time.sleep(2.5)
        seen.append((claimed, ImportBatchFile.objects.get(pk=item.pk).claimed_at))
        return real_read(data, name)

    monkeypatch.setattr(tasks, "read_upload", slow_read)
    tasks.import_file(item.pk)

    ((before, after),) = seen
    assert after > before
