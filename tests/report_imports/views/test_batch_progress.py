"""The batch page while workers read: how many files wait, are being read, are done — with a bar — and
the user can leave and come back (the page refreshes itself; the list of batches shows each one's bar)."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.report_imports.actions.batches import create_batch
from gongkai.report_imports.models import ImportBatchFile
from gongkai.report_imports.tasks.batches import import_file

Status = ImportBatchFile.Status


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_counts_the_files_by_stage_while_workers_read(clerk_client, clerk, street, seed):
    uploads = [SimpleUploadedFile(f"{p}.txt", seed(p)) for p in ("000", "001", "002", "003")]
    batch = create_batch(actor=clerk, body=street, uploads=uploads)
    first, second, *_ = batch.files.order_by("position")
    import_file(first.pk)
    ImportBatchFile.objects.filter(pk=second.pk).update(status=Status.IMPORTING, claimed_at=timezone.now())

    page = clerk_client.get(reverse("reports:batch_detail", args=[batch.pk])).content.decode()

    text = text_of(page)
    assert "已导入 1" in text and "读取中 1" in text and "排队中 2" in text and "失败 0" in text
    assert 'class="stage-imported" style="width: 25.0%"' in page
    assert 'class="stage-queued" style="width: 50.0%"' in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "可以离开本页，导入不会中断" in page

    listing = clerk_client.get(reverse("reports:batch_list")).content.decode()
    assert '<progress max="4" value="1"' in listing and "25%" in listing
    assert reverse("reports:batch_detail", args=[batch.pk]) in listing
