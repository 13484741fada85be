"""The one table of export formats the CLI and the web share."""

from __future__ import annotations

import zipfile
from io import BytesIO

from gongkai.report_format import Report
from gongkai.report_format.render import CONTENT_TYPES, EXTENSIONS, RENDERERS, export_filename
from tests.report_format.builders import consistent_report


def test_every_format_has_a_renderer_a_content_type_and_an_extension():
    assert set(RENDERERS) == {"md", "html", "docx", "xlsx", "json"}
    assert set(CONTENT_TYPES) == set(RENDERERS) == set(EXTENSIONS)


def test_each_renderer_returns_bytes_of_its_format():
    r = consistent_report()
    out = {fmt: render(r) for fmt, render in RENDERERS.items()}
    assert out["md"].decode().startswith("测试区测试街道办事处2024年")
    assert out["html"].startswith(b"<!doctype html>")
    assert "word/document.xml" in zipfile.ZipFile(BytesIO(out["docx"])).namelist()
    assert "xl/workbook.xml" in zipfile.ZipFile(BytesIO(out["xlsx"])).namelist()
    assert Report.loads(out["json"].decode()).values == r.values


def test_export_filename_is_the_title_without_path_characters():
    r = consistent_report()
    r.body = "某某区/某某街道"
    assert export_filename(r, "docx") == "某某区某某街道2024年政府信息公开工作年度报告.docx"
