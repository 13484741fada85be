"""Downloads are generated from the stored JSON, with the right type and a Chinese file name."""

import io
import json
from urllib.parse import quote

import docx
import openpyxl
import pytest
from django.urls import reverse

from gongkai.report_format import Report
from tests.report_imports.helpers import import_seed


@pytest.fixture
def imported(clerk, street):
    return import_seed("000", clerk=clerk, body=street)


def download(client, imported, fmt: str):
    return client.get(reverse("reports:download", args=[imported.pk, fmt]))


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json"),
        ("md", "text/markdown; charset=utf-8"),
        ("html", "text/html; charset=utf-8"),
    ],
)
def test_each_format_has_its_content_type_and_a_chinese_file_name(clerk_client, imported, fmt, content_type):
    response = download(clerk_client, imported, fmt)

    expected_name = f"烟台市芝罘区人民政府只楚街道办事处2023年政府信息公开工作年度报告.{fmt}"
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(expected_name)}" in disposition
    assert disposition.isascii()


def test_the_word_file_opens_and_holds_the_tables(clerk_client, imported):
    document = docx.Document(io.BytesIO(download(clerk_client, imported, "docx").content))

    assert len(document.tables) == 3
    text = "\n".join(p.text for p in document.paragraphs)
    assert "只楚街道办事处" in text


def test_the_excel_file_opens(clerk_client, imported):
    workbook = openpyxl.load_workbook(io.BytesIO(download(clerk_client, imported, "xlsx").content))

    assert workbook.sheetnames


def test_the_json_is_the_stored_report(clerk_client, imported):
    data = json.loads(download(clerk_client, imported, "json").content)

    assert Report.from_json(data) == imported.report()
    assert data["table3"]["rows"]["new"][0] == 5


def test_the_markdown_keeps_a_missing_value_missing(clerk_client, imported):
    text = download(clerk_client, imported, "md").content.decode()

    assert "结转下年度继续办理" in text
    assert imported.report().row("carried_forward") == [None] * 7


def test_an_unknown_format_is_404(clerk_client, imported):
    assert download(clerk_client, imported, "pdf").status_code == 404


def test_a_report_without_a_parsed_name_is_named_after_its_body(clerk_client, imported):
    imported.body_name = ""
    imported.save()

    response = download(clerk_client, imported, "json")

    assert quote("只楚街道办事处2023年") in response["Content-Disposition"]
