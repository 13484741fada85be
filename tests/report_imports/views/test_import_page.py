"""The import page: paste or upload a report; a worker of the queue reads it and the uploader gets the
checked tables — or, when it cannot be read, why, with the form again (400 on the form itself)."""

import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.report_imports.models import ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks.batches import import_file

IMPORT = reverse("reports:import")
STATUS = re.compile(r"^/reports/import/(\d+)/$")


def run_queued_imports() -> int:
    """Do what a worker of the queue does for every single import waiting (none runs in the tests)."""
    waiting = ImportBatchFile.objects.filter(status=ImportBatchFile.Status.QUEUED, batch__kind="single")
    ids = list(waiting.values_list("pk", flat=True))
    for pk in ids:
        import_file(pk)
    return len(ids)


def through_the_queue(client, response):
    """The page the uploader ends on: a POST that queued the report went to its status page; once a
    worker has read it, that page answers (the report, the reason it failed, or the confirmation)."""
    if response.status_code != 302 or not STATUS.match(response.url):
        return response
    assert run_queued_imports() == 1
    return client.get(response.url)


def post_text(client, body, text: str):
    return through_the_queue(client, client.post(IMPORT, {"body": body.pk, "text": text}))


def post_file(client, body, name: str, content: bytes):
    response = client.post(IMPORT, {"body": body.pk, "file": SimpleUploadedFile(name, content)})
    return through_the_queue(client, response)


def confirm(client, held, action: str = "confirm"):
    """Answer the confirmation ``held`` (the status page of a report naming another body) with ``action``."""
    decide = re.search(r'action="(/reports/import/\d+/decide/)"', held.content.decode())
    assert decide, "no confirmation on the page"
    return client.post(decide.group(1), {"action": action})


def test_the_form_offers_my_bodies_with_the_first_chosen(clerk_client, street, other_street):
    response = clerk_client.get(IMPORT)

    assert response.status_code == 200
    assert response.context["form"].fields["body"].initial == street.pk
    assert "只楚街道办事处" in response.content.decode()
    assert "西高皇街道办事处" not in response.content.decode()


def test_pasting_a_report_stores_it_and_shows_the_result(clerk_client, clerk, street, seed):
    response = post_text(clerk_client, street, seed("000").decode())

    imported = ImportedReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[imported.pk])
    assert imported.body == street
    assert imported.created_by == clerk
    assert imported.year == 2023
    assert imported.pasted_text.startswith("烟台市芝罘区人民政府只楚街道办事处")
    assert not imported.original


def test_the_result_page_shows_facts_tables_and_findings(clerk_client, street, seed):
    post_text(clerk_client, street, seed("000").decode())
    imported = ImportedReport.objects.get()

    page = clerk_client.get(reverse("reports:detail", args=[imported.pk])).content.decode()

    assert "2023年" in page
    assert "只楚街道办事处" in page
    assert 'data-cell="table3.rows.new.natural_person" class="num">5</td>' in page
    assert "<code>MISSING</code>" in page
    assert "<code>TEXT_SUM</code>" in page
    assert "finding-warning-item" in page


def test_a_finding_marks_its_cell_in_the_table(clerk_client, street, seed):
    text = (
        seed("000")
        .decode()
        .replace(
            "| 一、本年新收政府信息公开申请数量 | | 5 | 0 | 0 | 0 | 0 | 0 | 5 | |",
            "| 一、本年新收政府信息公开申请数量 | | 5 | 0 | 0 | 0 | 0 | 0 | 6 | |",
        )
    )
    post_text(clerk_client, street, text)
    imported = ImportedReport.objects.get()

    page = clerk_client.get(reverse("reports:detail", args=[imported.pk])).content.decode()

    assert imported.error_count >= 1
    assert 'data-cell="table3.rows.new.total" class="num finding-error"' in page
    assert "finding-error-item" in page
    assert "<code>T3_ROW_TOTAL</code>" in page


def test_uploading_a_text_file_keeps_the_file(other_clerk_client, other_street, seed):
    response = post_file(other_clerk_client, other_street, "西高皇街道2023年报告.txt", seed("001"))

    imported = ImportedReport.objects.get()
    assert response.status_code == 302
    assert imported.filename == "西高皇街道2023年报告.txt"
    assert imported.original.read() == seed("001")
    assert imported.error_count == 0


def test_uploading_a_gbk_text_file_works(other_clerk_client, other_street, seed):
    gbk = seed("001").decode().encode("gbk")

    response = post_file(other_clerk_client, other_street, "report.txt", gbk)

    assert response.status_code == 302
    assert ImportedReport.objects.get().year == 2023


def test_uploading_a_word_file_works(clerk_client, street, seed):
    document = docx.Document()
    for line in seed("002").decode().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    held = post_file(clerk_client, street, "环翠楼街道.docx", buffer.getvalue())
    assert held.status_code == 200 and "尚未导入" in held.content.decode()  # 环翠楼街道's, under 只楚街道
    response = confirm(clerk_client, held)

    imported = ImportedReport.objects.get()
    assert response.status_code == 302
    assert imported.year == 2024
    assert imported.data["table3"]["rows"]["partial"][0] == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("noise.txt", bytes(range(256)) * 64, "不是文本"),
        ("novel.txt", "从前有座山，山里有座庙。".encode() * 20, ""),
        ("report.pdf", b"%PDF-1.4 whatever", "PDF 文件已损坏或不完整"),
        ("report.exe", b"MZ\x90\x00" + b"\0" * 100, "只能上传 .txt、.md、.docx"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "图片"),
        ("broken.docx", b"PK\x03\x04 not really a zip", ""),
    ],
)
def test_a_bad_file_gives_the_form_again_with_a_message(clerk_client, street, name, content, message):
    response = post_file(clerk_client, street, name, content)

    page = response.content.decode()
    # The form refuses what it can tell by the name (400); what the worker cannot read, its status page says.
    assert response.status_code == (400 if name.endswith(".exe") else 200)
    assert 'role="alert"' in page
    assert message in page
    assert "<form" in page
    assert "Traceback" not in page
    assert not ImportedReport.objects.exists()


def test_text_that_is_not_a_report_is_refused_in_chinese(clerk_client, street):
    response = post_text(clerk_client, street, "从前有座山，山里有座庙。" * 20)

    assert response.status_code == 200
    assert response.context["item"].status == ImportBatchFile.Status.FAILED
    assert response.context["item"].message in response.content.decode()
    assert not ImportedReport.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_an_empty_paste_asks_for_content(clerk_client, street, text):
    response = post_text(clerk_client, street, text)

    assert response.status_code == 400
    assert "请粘贴年度报告全文，或选择一个文件上传。" in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_pasting_and_uploading_at_once_is_refused(clerk_client, street, seed):
    both = {"body": street.pk, "text": seed("001").decode(), "file": SimpleUploadedFile("a.txt", seed("001"))}

    response = clerk_client.post(IMPORT, both)

    assert response.status_code == 400
    assert "请只选择一种方式" in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_a_50_mb_file_is_refused_without_being_read(clerk_client, street):
    big = b"a" * (50 * 1024 * 1024)

    response = post_file(clerk_client, street, "big.txt", big)

    assert response.status_code == 400
    page = response.content.decode()
    assert "文件过大：上限为 20 MB。" in page
    assert "请粘贴年度报告全文" not in page
    assert "<form" in page
    assert not ImportedReport.objects.exists()


def test_a_file_over_a_lowered_limit_is_refused(clerk_client, street, seed, settings):
    settings.GONGKAI_MAX_UPLOAD_MB = 1
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1000

    response = post_file(clerk_client, street, "report.txt", seed("001"))

    assert response.status_code == 400
    assert "文件过大：上限为 1 MB。" in response.content.decode()


def test_a_request_body_over_the_limit_gets_a_chinese_400_page(clerk_client, street, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = post_text(clerk_client, street, "年度报告" * 10_000)

    assert response.status_code == 400
    assert "提交的内容过大" in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_a_visitor_is_sent_to_login(client, street, seed):
    response = client.post(IMPORT, {"body": street.pk, "text": seed("001").decode()})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not ImportedReport.objects.exists()


def test_an_oversized_upload_is_not_read_to_the_end(clerk_client, street):
    response = post_file(clerk_client, street, "big.txt", b"a" * (21 * 1024 * 1024))

    assert response.wsgi_request.upload_too_large is True
    assert "big.txt" not in response.wsgi_request.FILES


def test_the_result_page_says_how_each_cell_was_read_and_lists_those_to_confirm(clerk_client, street):
    from tests.report_format.test_provenance import PAGE

    post_text(
        clerk_client, street, "烟台市芝罘区人民政府只楚街道办事处2023年政府信息公开工作年度报告\n" + PAGE
    )
    imported = ImportedReport.objects.get()

    page = clerk_client.get(reverse("reports:detail", args=[imported.pk])).content.decode()

    assert 'data-cell="table3.rows.new.natural_person" class="num status-recovered"' in page
    assert "由勾稽关系确定" in page and "读取方式" in page
    assert "有多种读法、未读取的行" in page
    assert "5、0、66；50、6、6" in page  # 行政规范性文件 5066
    assert "由勾稽关系确定或推算的单元格" in page
