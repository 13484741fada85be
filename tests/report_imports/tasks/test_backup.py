"""`gongkai backup` / `gongkai restore`: after the round trip every table has its rows, every file
its bytes, the secret key is the same, and an applicant's tracking code still opens the request.
Runs on the database of the suite (SQLite, or PostgreSQL when DATABASE_URL is set)."""

from __future__ import annotations

import hashlib
import shutil
import tarfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportedReport
from gongkai.requests.actions import cases
from gongkai.requests.models import Applicant, Channel, Request
from gongkai.settings import secret_key

ORIGINAL_KEY = "original-key-" + "x" * 40


def table_counts() -> dict[str, int]:
    names = set(connection.introspection.table_names()) & set(connection.introspection.django_table_names())
    counts = {}
    with connection.cursor() as cursor:
        for name in sorted(names):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def file_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_onto_an_empty_installation_is_the_same_installation(
    clerk, street, seed, settings, tmp_path
):
    settings.DATA_DIR = tmp_path / "first"
    settings.DATA_DIR.mkdir()
    settings.MEDIA_ROOT = settings.DATA_DIR / "media"
    settings.SECRET_KEY = ORIGINAL_KEY
    applicant = Applicant.objects.create(
        body=street, kind="natural_person", name="张三", id_type="resident_id", id_number="110101199003070011"
    )
    registered = cases.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject="老旧小区改造项目清单",
    )
    imported = import_report(actor=clerk, body=street, data=seed("000"), filename="000.txt", confirmed=True)
    assert imported.original
    counts, hashes = table_counts(), file_hashes(Path(settings.MEDIA_ROOT))
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", str(archive), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115

    assert archive.stat().st_mode & 0o077 == 0  # it holds the secret key
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "secret_key"} <= set(tar.getnames())
    # Onto an installation that has data: refused, in Chinese, nothing changed.
    with pytest.raises(CommandError, match="只能恢复到空的安装上"):
        call_command("restore", str(archive))

    # A new, empty installation: other data dir, empty database, a newly generated key.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    settings.DATA_DIR = tmp_path / "second"
    settings.DATA_DIR.mkdir()
    settings.MEDIA_ROOT = settings.DATA_DIR / "media"
    settings.SECRET_KEY = secret_key(settings.DATA_DIR)
    assert settings.SECRET_KEY != ORIGINAL_KEY

    call_command("restore", str(archive), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115

    assert table_counts() == counts
    assert file_hashes(Path(settings.MEDIA_ROOT)) == hashes
    assert (settings.DATA_DIR / "secret_key").read_text() == ORIGINAL_KEY
    # The restarted site reads its key from the data dir: the applicant's code opens the request.
    settings.SECRET_KEY = secret_key(settings.DATA_DIR)
    request = Request.objects.get(pk=registered.request.pk)
    assert request.check_tracking_code(registered.tracking_code)
    response = Client().post("/track/", {"number": request.number, "code": registered.tracking_code})
    assert response.status_code == 302 and response["Location"].endswith(f"/track/{request.pk}/")
    assert ImportedReport.objects.get().original.read() == seed("000")
    assert django_settings.SECRET_KEY == ORIGINAL_KEY


def test_a_file_that_is_no_backup_is_refused_in_chinese(db, tmp_path):
    bad = tmp_path / "x.tar.gz"
    bad.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="无法打开备份文件"):
        call_command("restore", str(bad))


@pytest.mark.django_db(transaction=True)
def test_files_in_any_storage_go_through_the_round_trip(clerk, street, seed, settings, tmp_path):
    """An object store stands where the media folder stood: Django's in-memory storage, which has no
    folder on disk, holds the originals; the backup reads them and the restore writes them through the
    storage API."""
    settings.DATA_DIR = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    imported = import_report(actor=clerk, body=street, data=seed("000"), filename="000.txt")
    name = imported.original.name
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", str(archive), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115

    with tarfile.open(archive) as tar:
        assert tar.extractfile(f"media/{name}").read() == seed("000")  # type: ignore[union-attr]
    call_command("flush", interactive=False, verbosity=0)
    settings.STORAGES = {**settings.STORAGES}  # a new, empty store
    assert not default_storage.exists(name)

    call_command("restore", str(archive), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115

    assert ImportedReport.objects.get().original.read() == seed("000")
    assert not Path(settings.MEDIA_ROOT).exists()  # nothing went around the storage
