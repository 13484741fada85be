"""Reports as pictures, read back by OCR: a scanned PDF (300 dpi, noise, tilt, JPEG), a photo of a
page (.png), a .docx whose tables are pictures. Generated from a known report, so every cell is
checked; each cell's OCR confidence is on the report."""

import os
import random
import weakref
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.shared import Cm
from PIL import Image

from gongkai.report_format import ReportReadError, analyse, read_bytes, read_image
from gongkai.report_format.layout import ALL_CELLS, TABLE_CELLS
from gongkai.report_format.page_pool import set_page_workers
from tests.report_format.corpus import mixed_pdf, scan_pdf, soffice, truth_of, write_corpus
from tests.report_format.seeds import seed_text

pytestmark = pytest.mark.ocr  # slow and database-free: CI runs these once, not per database

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) 未安装，无法生成 PDF")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scan"), 1, seed=21, formats=["pdf"])["pdf"][0]


def _pages(pdf: Path, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf.read_bytes())
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    finally:
        document.close()


def _png(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "PNG", dpi=(200, 200))
    return out.getvalue()


@needs_soffice
def test_a_scanned_pdf_is_read_back_cell_for_cell(pdf: Path):
    scan = scan_pdf(pdf.read_bytes(), 300, random.Random(1))
    report = analyse(read_bytes(scan, "扫描件.pdf"))
    truth = truth_of(pdf)
    wrong = [c for c in ALL_CELLS if report.get(c) != truth.get(c)]
    assert wrong == []
    assert report.source["format"] == "pdf" and report.source["path"] == "ocr"
    assert report.source["tables"] == {"table2": "text", "table3": "text", "table4": "text"}
    confidences = report.source["ocr"]
    assert set(confidences) == {c.path for c in ALL_CELLS}
    assert all(0 < v <= 1 for v in confidences.values())
    assert set(report.source["ocr_low"]) == {p for p, v in confidences.items() if v < 0.9}
    assert not [f for f in report.findings if f.level == "error"]


@needs_soffice
def test_a_scanned_page_inside_a_digital_pdf_is_read_by_ocr_in_its_place(pdf: Path):
    document = pdfium.PdfDocument(pdf.read_bytes())
    pages = len(document)
    document.close()
    assert pages >= 2
    mixed = mixed_pdf(pdf.read_bytes(), {1}, 300, random.Random(2))  # page 2 printed and scanned
    report = analyse(read_bytes(mixed, "部分扫描.pdf"))
    truth = truth_of(pdf)
    assert [c.path for c in ALL_CELLS if report.get(c) != truth.get(c)] == []
    assert report.source["format"] == "pdf" and report.source["path"] == "ruled"
    assert report.source["ocr_pages"] == [2]
    # Cells on the scanned page carry the engine's confidence; those from the text layer do not.
    read = report.source["ocr"]
    assert read and len(read) < len(ALL_CELLS)
    assert all(0 < v <= 1 for v in read.values())
    assert not {c.path for c in TABLE_CELLS["table2"]} & read.keys()  # table 2 is on page 1
    assert not [f for f in report.findings if f.level == "error"]


@needs_soffice
def test_a_photo_of_the_first_page_reads_table_2(pdf: Path):
    first = _pages(pdf, 200)[0]
    report = read_bytes(_png(first), "第一页.png")
    truth = truth_of(pdf)
    assert report.source["format"] == "image"
    assert {c: report.get(c) for c in TABLE_CELLS["table2"]} == {
        c: truth.get(c) for c in TABLE_CELLS["table2"]
    }
    assert report.body == truth.body and report.year == truth.year


@needs_soffice
def test_tables_pasted_into_word_as_pictures_are_read_where_they_stand(pdf: Path):
    truth = truth_of(pdf)
    document = Document()
    document.add_paragraph(f"{truth.body}{truth.year}年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("本年度政府信息公开工作情况见下表。")
    for page in _pages(pdf, 200):
        document.add_picture(BytesIO(_png(page)), width=Cm(16))
    out = BytesIO()
    document.save(out)
    report = read_bytes(out.getvalue(), "图片表格.docx")
    assert report.source["format"] == "docx" and report.source["path"] == "ocr"
    assert [c.path for c in ALL_CELLS if report.get(c) != truth.get(c)] == []


def test_a_docx_without_pictures_whose_tables_are_lost_stays_missing():
    # Seed 004: the tables were pictures that did not survive extraction; only the text is there.
    document = Document()
    for line in seed_text("004").splitlines():
        document.add_paragraph(line)
    out = BytesIO()
    document.save(out)
    report = analyse(read_bytes(out.getvalue(), "004.docx"))
    assert all(report.get(c) is None for c in ALL_CELLS)
    assert "ocr" not in report.source
    assert {f.code for f in report.findings} >= {"MISSING"}


def test_a_blank_picture_says_nothing_was_recognised():
    with pytest.raises(ReportReadError) as e:
        read_bytes(_png(Image.new("L", (600, 800), 255)), "空白.png")
    assert "空白.png" in e.value.message and "文字识别" in e.value.message


def test_a_broken_picture_says_so():
    with pytest.raises(ReportReadError) as e:
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "坏.png")
    assert "坏.png" in e.value.message and "图片" in e.value.message


def _read_with(workers: int, read):  # type: ignore[no-untyped-def]
    set_page_workers(workers)
    try:
        return read()
    finally:
        set_page_workers(None)


@needs_soffice
@pytest.mark.usefixtures("single_threaded")
def test_a_scan_read_side_by_side_equals_it_read_page_after_page_one_picture_at_a_time(
    pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    scan = scan_pdf(pdf.read_bytes(), 300, random.Random(1))
    pages = len(pdfium.PdfDocument(scan))
    assert pages >= 2
    # Each page picture, when rendered, notes its process and how many page pictures that process
    # still holds (each process counts in its own copy of ``held``).
    log = tmp_path / "pictures.log"
    held = [0]
    render_page = read_image.render_page

    def noted(data: bytes, index: int) -> Image.Image:
        image = render_page(data, index)
        with log.open("a") as f:
            f.write(f"{os.getpid()} {index} {held[0]}\n")
        held[0] += 1
        weakref.finalize(image, dropped)
        return image

    def dropped() -> None:
        held[0] -= 1

    monkeypatch.setattr(read_image, "render_page", noted)
    one_after_another = _read_with(1, lambda: read_image.pdf_scan_to_text(scan, "扫描件.pdf"))
    side_by_side = _read_with(2, lambda: read_image.pdf_scan_to_text(scan, "扫描件.pdf"))
    # Same text, same order, same confidence for every field.
    assert side_by_side == one_after_another
    assert side_by_side.pages == pages and side_by_side.text.count("\n") > 20
    noted_pages = [tuple(map(int, line.split())) for line in log.read_text().splitlines()]
    # Page after page: all in this process, each picture gone before the next one is rendered.
    assert noted_pages[:pages] == [(os.getpid(), i, 0) for i in range(pages)]
    # Side by side: every page in a page process of its own, never in this one (rendered in whatever
    # order the processes start; the results above come back in page order).
    processes = [pid for pid, _, _ in noted_pages[pages:]]
    assert sorted(i for _, i, _ in noted_pages[pages:]) == list(range(pages))
    assert all(n == 0 for _, _, n in noted_pages[pages:])
    assert os.getpid() not in processes and len(set(processes)) == pages


@needs_soffice
def test_the_frames_of_a_tiff_are_read_side_by_side_as_page_after_page(pdf: Path):
    first, *rest = _pages(pdf, 150)
    out = BytesIO()
    first.save(out, "TIFF", save_all=True, append_images=rest, dpi=(150, 150), compression="tiff_lzw")
    data = out.getvalue()
    side_by_side = _read_with(2, lambda: read_image.image_to_text(data, "扫描件.tif"))
    assert side_by_side == _read_with(1, lambda: read_image.image_to_text(data, "扫描件.tif"))
    assert side_by_side.pages == 1 + len(rest)
