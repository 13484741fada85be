"""Batch import on the web: a zip or many files queued, imported one by one, progress shown."""

import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_imports.actions.batches import BatchError, create_batch
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks.batches import _import_one, run_batch

SEEDS = ("000", "001", "002", "003", "004")
Status = ImportBatchFile.Status


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def seeds_zip(seed, prefixes=SEEDS, **extra: bytes) -> bytes:
    entries = {f"报告/{p}.txt": seed(p) for p in prefixes}
    entries.update(extra)
    return make_zip(entries)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def post_batch(client, body, *files):
    return client.post(reverse("reports:batch_new"), {"body": body.pk, "files": list(files)})


def test_a_zip_of_five_seeds_files_its_own_and_fails_the_four_of_other_bodies(
    clerk_client, clerk, street, seed
):
    response = post_batch(clerk_client, street, upload("reports.zip", seeds_zip(seed)))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:batch_detail", args=[batch.pk])
    assert batch.status == ImportBatch.Status.QUEUED
    assert batch.total_count == 5

    page = clerk_client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page

    batch = run_batch(batch.pk)

    assert batch.status == ImportBatch.Status.PARTIAL
    assert (batch.imported_count, batch.failed_count, batch.skipped_count) == (1, 4, 0)
    assert ImportedReport.objects.filter(body=street, created_by=clerk).count() == 1
    assert all(not f.stored for f in batch.files.all())
    failed = {f.name: f.message for f in batch.files.filter(status=Status.FAILED)}
    assert failed["报告/001.txt"] == (
        "报告标题中的机关是“新华区西高皇街道办事处”，不是只楚街道办事处；如确属本机关，请逐份导入并确认"
    )
    page = clerk_client.get(response["Location"]).content.decode()
    assert "http-equiv" not in page
    assert "已处理 5 / 5" in page
    report = ImportedReport.objects.first()
    assert reverse("reports:detail", args=[report.pk]) in page


def test_garbage_and_empty_files_fail_with_a_chinese_reason_others_import(clerk, street, seed):
    data = seeds_zip(seed, ("000",), **{"报告/乱码.txt": b"\x00\x01\x02\xff" * 2000, "报告/空.txt": b""})
    batch = run_batch(create_batch(actor=clerk, body=street, uploads=[upload("a.zip", data)]).pk)

    assert batch.status == ImportBatch.Status.PARTIAL
    assert (batch.imported_count, batch.failed_count) == (1, 2)
    failed = {f.name: f.message for f in batch.files.filter(status=Status.FAILED)}
    assert set(failed) == {"报告/乱码.txt", "报告/空.txt"}
    assert "文件为空" in failed["报告/空.txt"]
    assert re.search(r"[\u4e00-\u9fff]", failed["报告/乱码.txt"])


def test_unsupported_files_are_listed_as_skipped(clerk, street, seed):
    data = seeds_zip(seed, ("000",), **{"报告/表格.xlsx": b"PK..", "报告/说明": b"x", "__MACOSX/._x": b"x"})
    batch = create_batch(actor=clerk, body=street, uploads=[upload("a.zip", data)])

    skipped = {f.name: f.message for f in batch.files.filter(status=Status.SKIPPED)}
    assert skipped == {
        "报告/表格.xlsx": "不支持的文件类型“.xlsx”",
        "报告/说明": "没有扩展名，无法判断文件类型",
    }
    assert batch.total_count == 1


def test_several_files_at_once(clerk_client, street, seed):
    response = post_batch(
        clerk_client, street, upload("000.txt", seed("000")), upload("000-2023.txt", seed("000"))
    )

    assert response.status_code == 302
    assert run_batch(ImportBatch.objects.get().pk).imported_count == 2


def test_a_zip_with_a_parent_path_is_refused(clerk_client, street, seed):
    data = make_zip({"000.txt": seed("000"), "../evil.txt": b"evil"})
    response = post_batch(clerk_client, street, upload("a.zip", data))

    assert response.status_code == 400
    assert "不安全的路径" in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not ImportBatchFile.objects.exists()


def test_a_zip_bomb_is_refused(clerk, street, monkeypatch):
    monkeypatch.setattr("gongkai.report_imports.actions.batches.MAX_TOTAL_BYTES", 1024 * 1024)
    data = make_zip({f"{i}.txt": b"0" * 600_000 for i in range(2)})

    with pytest.raises(BatchError, match="解压后超过"):
        create_batch(actor=clerk, body=street, uploads=[upload("bomb.zip", data)])
    assert not ImportBatch.objects.exists()


def test_too_many_entries_are_refused(clerk, street, monkeypatch):
    monkeypatch.setattr("gongkai.report_imports.actions.batches.MAX_ENTRIES", 3)
    data = make_zip({f"{i}.txt": b"x" for i in range(4)})

    with pytest.raises(BatchError, match="文件太多"):
        create_batch(actor=clerk, body=street, uploads=[upload("many.zip", data)])


def test_a_file_over_the_per_file_limit_is_refused(clerk_client, street, seed, settings):
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1000
    response = post_batch(clerk_client, street, upload("000.txt", seed("000")))

    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_zip_entry_over_the_per_file_limit_is_skipped(clerk, street, seed, settings):
    settings.GONGKAI_MAX_UPLOAD_BYTES = len(seed("001")) + 10
    data = make_zip({"001.txt": seed("001"), "big.txt": b"x" * (len(seed("001")) + 100)})
    # the zip itself stays under the limit: its entries compress well
    batch = create_batch(actor=clerk, body=street, uploads=[upload("a.zip", data)])

    big = batch.files.get(name="big.txt")
    assert big.status == Status.SKIPPED
    assert "文件过大" in big.message


def test_staff_of_another_body_get_404(clerk, street, seed, other_clerk_client):
    batch = create_batch(actor=clerk, body=street, uploads=[upload("000.txt", seed("000"))])

    assert other_clerk_client.get(reverse("reports:batch_detail", args=[batch.pk])).status_code == 404


def test_a_clerk_cannot_choose_another_body(clerk_client, other_street, seed):
    response = post_batch(clerk_client, other_street, upload("000.txt", seed("000")))

    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


def test_the_list_shows_the_users_batches(clerk_client, clerk, street, seed):
    batch = create_batch(actor=clerk, body=street, uploads=[upload("000.txt", seed("000"))])

    page = clerk_client.get(reverse("reports:batch_list")).content.decode()
    assert reverse("reports:batch_detail", args=[batch.pk]) in page
    assert clerk_client.get(reverse("reports:batch_new")).status_code == 200


def test_a_supervising_body_imports_for_the_body_its_report_names(
    district, street, other_street, seed, client
):
    admin = body_actions.create_staff_user(
        actor=None, body=district, username="admin", password="x", role=StaffMembership.Role.ADMIN
    )
    # The name seed 000 gives for itself, exactly.
    named = body_actions.create_body(
        actor=None,
        name="烟台市芝罘区人民政府只楚街道办事处",
        short_name="芝罘只楚",
        level=Body.Level.SUBDISTRICT,
        parent=street,
    )
    client.force_login(admin)
    assert client.get(reverse("reports:batch_new")).content.decode().count("<option") == 4

    files = [upload(f"{p}.txt", seed(p)) for p in ("000", "001", "004")]
    response = post_batch(client, district, *files)
    batch = run_batch(ImportBatch.objects.get().pk)

    assert response.status_code == 302
    assert (batch.imported_count, batch.failed_count) == (2, 1)
    by_name = {f.name: f.report for f in batch.files.select_related("report")}
    assert by_name["000.txt"].body == named  # its full name, though 只楚街道 fits too
    assert by_name["000.txt"].created_by == admin
    assert by_name["001.txt"].body == other_street  # 新华区西高皇街道办事处: the one name that fits
    # 天福街道 is no body of the district: never filed under the district itself
    assert "不是某某区人民政府及其下级机关" in batch.files.get(name="004.txt").message
    assert not ImportedReport.objects.filter(body=district).exists()


def test_the_command_resumes_a_half_done_batch_without_importing_twice(clerk, street, seed):
    five = make_zip({f"报告/{n}.txt": seed("000") for n in range(5)})
    batch = create_batch(actor=clerk, body=street, uploads=[upload("a.zip", five)])
    files = list(batch.files.order_by("position"))
    # A process imported the first two files, was importing the third, and died.
    first = ImportBatchFile.objects.filter(pk__in=[files[0].pk, files[1].pk])
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING, started_at=timezone.now()
    )
    for f in first:
        _import_one(batch, f, {})
    ImportBatchFile.objects.filter(pk=files[2].pk).update(
        status=Status.IMPORTING, claimed_at=timezone.now() - timedelta(hours=2)
    )
    assert ImportedReport.objects.count() == 2

    out = io.StringIO()
    call_command("import_batches", stdout=out)

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.imported_count == 5
    assert ImportedReport.objects.count() == 5
    assert len({f.report_id for f in batch.files.all()}) == 5
    assert "已导入 5" in out.getvalue()

    call_command("import_batches", stdout=io.StringIO())
    assert ImportedReport.objects.count() == 5


def test_a_file_being_imported_by_a_live_runner_is_left_alone(clerk, street, seed):
    batch = create_batch(actor=clerk, body=street, uploads=[upload("000.txt", seed("000"))])
    ImportBatchFile.objects.update(status=Status.IMPORTING, claimed_at=timezone.now())

    batch = run_batch(batch.pk)

    assert batch.status == ImportBatch.Status.RUNNING
    assert not ImportedReport.objects.exists()


def test_a_file_over_the_memory_limit_fails_alone_and_leaves_no_copy_behind(clerk, street, seed, settings):
    # 17 MB of report text cannot even be decoded in a worker limited to 64 MB of address space.
    settings.GONGKAI_IMPORT_MEMORY_MB = 64
    huge = seed("001") * 2500
    data = make_zip({"报告/000.txt": seed("000"), "报告/巨大.txt": huge, "报告/000b.txt": seed("000")})
    batch = create_batch(actor=clerk, body=street, uploads=[upload("a.zip", data)])
    stored = batch.files.get(name="报告/巨大.txt").stored.path

    batch = run_batch(batch.pk)

    assert (batch.imported_count, batch.failed_count) == (2, 1)
    failed = batch.files.get(status=Status.FAILED)
    assert failed.name == "报告/巨大.txt" and "内存超过 64 MB" in failed.message
    assert not failed.stored and not Path(stored).exists()


def test_a_file_over_the_time_limit_fails_with_the_limit_named(clerk, street, seed, settings):
    settings.GONGKAI_IMPORT_SECONDS = 0.001
    batch = run_batch(create_batch(actor=clerk, body=street, uploads=[upload("000.txt", seed("000"))]).pk)

    failed = batch.files.get()
    assert failed.status == Status.FAILED and "处理超时（超过 0.001 秒）" in failed.message
    assert ImportedReport.objects.count() == 0
