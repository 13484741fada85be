"""Every upload path answers a hostile file with a Chinese form error, never an HTTP 500: the
yearbook import, the report upload page, the batch import and the register import."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.report_imports.actions.batches import create_batch
from gongkai.report_imports.models import ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks.batches import run_batch
from gongkai.report_workspace.actions.reports import compile_report
from tests.hostile_files import SELF_REFERENCING_PDF, huge_png

PNG_MESSAGE = "图片过大"
PDF_MESSAGE = "PDF 文件结构损坏"
NO_CLASS_NAME = re.compile(r"Error|Exception|Traceback|_TimeUp")


@cache
def _png() -> bytes:
    return huge_png()


def hostile() -> list[tuple[str, bytes, str]]:
    return [("scan.png", _png(), PNG_MESSAGE), ("loop.pdf", SELF_REFERENCING_PDF, PDF_MESSAGE)]


@pytest.fixture(autouse=True)
def _no_batch_thread(settings):
    settings.GONGKAI_BATCH_THREAD = False


@pytest.mark.parametrize(("name", "content", "message"), hostile())
def test_the_report_upload_page(clerk_client, street, name, content, message):
    response = clerk_client.post(
        reverse("reports:import"), {"body": street.pk, "file": SimpleUploadedFile(name, content)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and 'role="alert"' in page
    assert not NO_CLASS_NAME.search(page.split('role="alert"', 1)[1].split("</", 1)[0])
    assert not ImportedReport.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), hostile())
def test_the_yearbook_import(clerk, clerk_client, street, name, content, message):
    annual = compile_report(actor=clerk, body=street, year=2023)
    response = clerk_client.post(
        reverse("yearbook:import", args=[annual.pk]), {"file": SimpleUploadedFile(name, content)}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page


@pytest.mark.parametrize(("name", "content", "message"), hostile())
def test_the_batch_import(clerk, street, name, content, message):
    batch = create_batch(actor=clerk, body=street, uploads=[SimpleUploadedFile(name, content)])
    batch = run_batch(batch.pk)
    failed = batch.files.get()
    assert failed.status == ImportBatchFile.Status.FAILED
    assert message in failed.message
    assert not NO_CLASS_NAME.search(failed.message)


@pytest.mark.parametrize(("name", "content", "message"), hostile())
def test_the_register_import(clerk_client, street, name, content, message):
    response = clerk_client.post(
        reverse("disclosure:register_change", args=[street.pk, "import"]),
        {"file": SimpleUploadedFile(name.replace(".", "_") + ".xlsx", content)},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "不是 .xlsx 或 .csv 表格" in page or "文件已损坏或不是 .xlsx 格式" in page


def test_a_register_table_of_a_million_rows_is_refused_at_once(clerk_client, street):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["年份", "月份", "行政许可", "行政处罚", "行政强制"])
    for i in range(5000):
        sheet.append([2024, i % 12 + 1, 1, 1, 1])
    data = io.BytesIO()
    book.save(data)
    response = clerk_client.post(
        reverse("disclosure:register_change", args=[street.pk, "import"]),
        {"file": SimpleUploadedFile("big.xlsx", data.getvalue())},
        follow=True,
    )
    assert "超过 1201 行" in response.content.decode()
