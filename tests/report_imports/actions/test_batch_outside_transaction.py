"""A batch upload is unpacked and stored before its transaction opens: the transaction only
inserts rows, so no write lock is held while a zip is unpacked."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from gongkai.report_imports.actions import batches


@pytest.mark.django_db(transaction=True)
def test_the_files_are_unpacked_and_stored_outside_any_transaction(clerk, street, seed, monkeypatch):
    seen = []
    real = batches.collect_entries

    def watched(uploads):
        for entry in real(uploads):
            seen.append(connection.in_atomic_block)
            yield entry

    monkeypatch.setattr(batches, "collect_entries", watched)
    batch = batches.create_batch(
        actor=clerk, body=street, uploads=[SimpleUploadedFile("000.txt", seed("000"))]
    )

    assert seen == [False]
    item = batch.files.get()
    assert item.stored.read() == seed("000") and item.size == len(seed("000"))


@pytest.mark.django_db(transaction=True)
def test_a_refused_upload_leaves_no_file_behind(clerk, street, seed, settings, tmp_path):
    from pathlib import Path

    with pytest.raises(batches.BatchError):
        batches.create_batch(
            actor=clerk,
            body=street,
            uploads=[
                SimpleUploadedFile("000.txt", seed("000")),
                SimpleUploadedFile("a.zip", b"PK\x03\x04 broken"),
            ],
        )
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
