"""A single import held for its uploader's decision (待确认: its title names another body) does not wait
forever: after GONGKAI_HELD_IMPORT_DAYS undecided, the hourly job cancels it, deletes its file and says
why on its row and in the log; one decided in time is left alone."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.urls import reverse

from gongkai.queue.schedule import jobs
from gongkai.queue.tasks import run_periodic
from gongkai.report_imports.actions.uploads import confirm_upload, expire_held, queue_upload
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks.batches import import_file

S = ImportBatchFile.Status


def held_upload(clerk, street, seed) -> ImportBatchFile:
    """Upload 001 (titled 新华区西高皇街道办事处) for 只楚街道 and let a worker read it: it is held."""
    item = queue_upload(actor=clerk, body=street, data=seed("001"), filename="001.txt", pasted=False)
    import_file(item.pk)
    item.refresh_from_db()
    assert item.status == S.AWAITING and item.held_at is not None
    return item


def test_a_report_held_longer_than_the_limit_is_cancelled_with_its_file(
    clerk_client, clerk, street, seed, settings, caplog
):
    settings.GONGKAI_HELD_IMPORT_DAYS = 14
    item = held_upload(clerk, street, seed)
    stored = settings.MEDIA_ROOT / item.stored.name
    assert stored.exists()

    assert expire_held(now=item.held_at + timedelta(days=13, hours=23)) == 0
    item.refresh_from_db()
    assert item.status == S.AWAITING and stored.exists()

    caplog.set_level(logging.WARNING)
    assert expire_held(now=item.held_at + timedelta(days=14, minutes=1)) == 1

    item.refresh_from_db()
    assert item.status == S.CANCELLED and item.held is None and not item.stored
    assert item.message == "超过 14 天未确认，已自动取消，报告没有导入。"
    assert not stored.exists() and not ImportedReport.objects.exists()
    assert ImportBatch.objects.get().finished_at is not None
    assert any(
        f"单份导入 #{item.pk}" in r.getMessage() and "超过 14 天未确认" in r.getMessage()
        for r in caplog.records
    )
    page = clerk_client.get(reverse("reports:import_status", args=[item.batch_id])).content.decode()
    assert "超过 14 天未确认，已自动取消" in page


def test_the_hourly_job_cancels_what_waited_longer_than_the_setting(clerk, street, seed, settings):
    settings.GONGKAI_HELD_IMPORT_DAYS = 3
    assert jobs()["expire_held_imports"].every == timedelta(hours=1)
    old, recent = held_upload(clerk, street, seed), held_upload(clerk, street, seed)
    ImportBatchFile.objects.filter(pk=old.pk).update(held_at=old.held_at - timedelta(days=3, minutes=1))

    run_periodic("expire_held_imports")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == S.CANCELLED and old.message.startswith("超过 3 天未确认")
    assert recent.status == S.AWAITING


def test_a_report_confirmed_in_time_is_left_as_it_is(clerk, street, seed):
    item = held_upload(clerk, street, seed)
    imported = confirm_upload(actor=clerk, item=item)

    assert expire_held(now=item.held_at + timedelta(days=100)) == 0

    item.refresh_from_db()
    assert item.status == S.IMPORTED and item.report == imported
