"""PDF with a text layer: generated reports, printed to PDF by LibreOffice, read back exactly."""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai.annual import ReportReadError, read_bytes
from gongkai.annual.read_pdf import _PAGE_NUMBER

from .corpus import soffice, truth_of, write_corpus
from .test_roundtrip_property import assert_same_report

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) 未安装，无法生成 PDF")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    # Four reports: even ones in the ruled official table style, odd ones borderless with wrapping.
    return write_corpus(tmp_path_factory.mktemp("pdf"), 4, seed=11, formats=["pdf"])["pdf"]


@needs_soffice
def test_generated_pdfs_parse_back_to_the_same_report(pdfs: list[Path]):
    for path in pdfs:
        report = read_bytes(path.read_bytes(), path.name)
        assert_same_report(report, truth_of(path))
        assert report.source["format"] == "pdf"
        assert report.source["tables"] == {"table2": "text", "table3": "text", "table4": "text"}


@needs_soffice
def test_ruled_tables_are_read_through_their_rules(pdfs: list[Path]):
    paths = [read_bytes(p.read_bytes(), p.name).source["path"] for p in pdfs]
    assert paths == ["ruled", "lines", "ruled", "lines"]


def test_a_pdf_without_a_text_layer_is_refused_as_a_scan():
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = BytesIO()
    pdf.save(buffer)
    with pytest.raises(ReportReadError) as e:
        read_bytes(buffer.getvalue(), "扫描件.pdf")
    assert "没有文字层" in e.value.message and "扫描件.pdf" in e.value.message


def test_a_broken_pdf_says_so():
    with pytest.raises(ReportReadError) as e:
        read_bytes(b"%PDF-1.7\n" + random.Random(1).randbytes(300), "坏.pdf")
    assert "PDF" in e.value.message and "坏.pdf" in e.value.message


@pytest.mark.parametrize("line", ["— 2 —", "- 13 -", "第 3 页", "第3页 共5页", "2/5", "7"])
def test_page_numbers_are_recognised(line: str):
    assert _PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2021年政府信息公开", "行政许可 12", "一、总体情况"])
def test_text_is_not_taken_for_a_page_number(line: str):
    assert not _PAGE_NUMBER.match(line)
