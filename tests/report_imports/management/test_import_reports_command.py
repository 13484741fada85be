"""`gongkai import_reports` (and `gongkai report import --queue`): a folder of reports on this machine
becomes a batch sent to the task queue, followed on the batch page; `--here` imports it at once."""

import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.cli import main
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport


@pytest.fixture
def folder(tmp_path, seed):
    (tmp_path / "街道").mkdir()
    for name in ("000.txt", "000-副本.txt"):  # 只楚街道's report: a batch files what names its body
        (tmp_path / "街道" / name).write_bytes(seed("000"))
    (tmp_path / "说明.xlsx").write_bytes(b"PK..")  # not a report: left out
    return tmp_path


def test_a_folder_is_queued_as_a_batch_of_its_reports(folder, clerk, street):
    out = io.StringIO()
    call_command(
        "import_reports", str(folder), "--body", str(street.pk), "--user", clerk.username, stdout=out
    )

    batch = ImportBatch.objects.get()
    assert (batch.body, batch.created_by, batch.total_count) == (street, clerk, 2)
    assert sorted(batch.files.values_list("name", flat=True)) == ["000-副本.txt", "000.txt"]
    assert all(f.status == ImportBatchFile.Status.QUEUED and f.queued_at for f in batch.files.all())
    assert "2 个文件已送入任务队列" in out.getvalue() and f"/reports/batch/{batch.pk}/" in out.getvalue()


def test_here_imports_in_this_process(folder, clerk, street):
    out = io.StringIO()
    call_command(
        "import_reports",
        str(folder),
        "--body",
        str(street.pk),
        "--user",
        clerk.username,
        "--here",
        stdout=out,
    )
    assert ImportedReport.objects.filter(body=street).count() == 2
    assert "已导入 2" in out.getvalue()


@pytest.mark.django_db(transaction=True)  # the command line closes the connections when it ends
def test_report_import_with_queue_is_this_command(folder, clerk, street, monkeypatch, capsys):
    argv = [
        "gongkai",
        "report",
        "import",
        "--queue",
        str(folder),
        "--body",
        str(street.pk),
        "--user",
        clerk.username,
    ]
    monkeypatch.setattr(sys, "argv", argv)
    main()
    assert "已送入任务队列" in capsys.readouterr().out
    assert ImportBatch.objects.get().total_count == 2


def test_a_body_outside_the_user_s_area_is_refused(folder, clerk, district):
    with pytest.raises(CommandError, match="不能为该机关导入"):
        call_command("import_reports", str(folder), "--body", str(district.pk), "--user", clerk.username)
    with pytest.raises(CommandError, match="没有名为"):
        call_command("import_reports", str(folder), "--body", str(district.pk), "--user", "nobody")
    assert not ImportBatch.objects.exists()
