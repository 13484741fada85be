"""A single import (the import page's) on the queue: one message sent once its row is committed, read
once in effect whatever the workers do, a held report left alone by the sweep, and a report given away
while it was read never filed twice."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.report_imports.actions.uploads import queue_upload
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks import batches as tasks
from tests.report_imports.tasks.test_queued_batches import _empty_queue, queued_tasks  # noqa: F401

S = ImportBatchFile.Status


def single(clerk, street, data: bytes, name: str = "report.txt") -> ImportBatchFile:
    return queue_upload(actor=clerk, body=street, data=data, filename=name, pasted=False)


def test_the_upload_sends_one_task_once_committed(
    clerk_client, street, seed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        clerk_client.post(reverse("reports:import"), {"body": street.pk, "text": seed("000").decode()})
    assert queued_tasks() == []  # nothing is sent before the import is committed

    for callback in callbacks:
        callback()

    item = ImportBatchFile.objects.get()
    assert queued_tasks() == [("reports.import_batch_file", item.pk)]
    assert item.batch.kind == ImportBatch.Kind.SINGLE and item.status == S.QUEUED


def test_a_second_message_or_a_second_worker_does_nothing(clerk, street, seed):
    item = single(clerk, street, seed("000"))

    tasks.import_file(item.pk)
    tasks.import_file(item.pk)  # the message delivered again
    tasks.requeue_abandoned()

    assert ImportedReport.objects.count() == 1
    item.refresh_from_db()
    assert item.status == S.IMPORTED and item.report == ImportedReport.objects.get()
    assert item.report.filename == "report.txt" and item.report.original.read() == seed("000")


def test_a_single_import_whose_worker_died_is_read_again_once(clerk, street, seed, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    item = single(clerk, street, seed("000"))
    ImportBatchFile.objects.filter(pk=item.pk).update(
        status=S.IMPORTING, claim_token="dead", claimed_at=timezone.now() - timedelta(seconds=61)
    )

    assert tasks.requeue_abandoned() == 1
    ((_, file_id),) = queued_tasks()
    tasks.import_file(file_id)

    assert ImportedReport.objects.count() == 1
    assert ImportBatchFile.objects.get().status == S.IMPORTED


def test_a_held_report_is_left_alone_by_the_sweep(clerk, street, seed, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    item = single(clerk, street, seed("001"))  # titled 新华区西高皇街道办事处
    tasks.import_file(item.pk)
    item.refresh_from_db()
    assert item.status == S.AWAITING and item.stored
    assert item.held["warnings"] and item.held["report"]["table3"]
    ImportBatchFile.objects.update(queued_at=timezone.now() - timedelta(days=2))

    assert tasks.requeue_abandoned() == 0
    tasks.import_file(item.pk)

    item.refresh_from_db()
    assert item.status == S.AWAITING and not ImportedReport.objects.exists()
    assert ImportBatch.objects.get().finished_at is None  # it still waits for its uploader


def test_a_worker_whose_upload_was_given_away_while_it_read_files_nothing(clerk, street, seed, monkeypatch):
    item = single(clerk, street, seed("000"))
    real_read = tasks.read_upload

    def read_while_given_away(data: bytes, name: str):
        report = real_read(data, name)
        ImportBatchFile.objects.filter(pk=item.pk).update(claim_token="another worker")
        return report

    monkeypatch.setattr(tasks, "read_upload", read_while_given_away)
    tasks.import_file(item.pk)

    assert not ImportedReport.objects.exists()
    assert ImportBatchFile.objects.get().claim_token == "another worker"


def test_an_uploader_who_lost_the_body_gets_a_failure_not_a_report(clerk, street, seed):
    item = single(clerk, street, seed("000"))
    clerk.memberships.all().delete()

    tasks.import_file(item.pk)

    item.refresh_from_db()
    assert item.status == S.FAILED and "不是该机关或其上级机关的工作人员" in item.message
    assert not ImportedReport.objects.exists()
