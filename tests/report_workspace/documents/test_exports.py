"""The exports opened back: the .docx through gongkai's own importer, the PDF through poppler, the .xlsx
through openpyxl."""

import shutil
import subprocess
from datetime import date
from io import BytesIO

import docx
import openpyxl
import pytest

from gongkai.report_format import read_bytes
from gongkai.report_format.layout import ALL_CELLS, Cell
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.documents.export import render, with_print_fonts
from tests.report_workspace.chain import publish_signed

needs_office = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler-utils"
)


@pytest.fixture
def published(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    return publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))


def test_the_docx_reads_back_to_the_same_tables(published):
    content, _content_type, filename = render(published, "docx")
    assert filename == "只楚街道办事处2024年政府信息公开工作年度报告.docx"
    back = read_bytes(content, filename)
    original = published.report()
    table_cells = [c for c in ALL_CELLS if original.values.get(c) is not None]
    assert {c: back.values.get(c) for c in table_cells} == {c: original.values[c] for c in table_cells}
    assert back.year == 2024 and back.published_on == date(2025, 1, 20)


def test_the_docx_is_a4_in_fangsong_and_heiti(published):
    content, *_ = render(published, "docx")
    document = docx.Document(BytesIO(content))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    styles = document.styles.element.xml
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="黑体"' in styles


def test_missing_fonts_are_swapped_for_installed_ones_only_for_printing(published):
    content, *_ = render(published, "docx")
    swapped = with_print_fonts(content, {"Noto Serif CJK SC", "Noto Sans CJK SC"})
    styles = docx.Document(BytesIO(swapped)).styles.element.xml
    assert 'w:eastAsia="Noto Serif CJK SC"' in styles and 'w:eastAsia="Noto Sans CJK SC"' in styles
    assert with_print_fonts(content, {"仿宋_GB2312", "黑体"}) == content


@needs_office
def test_the_pdf_embeds_cjk_fonts_and_gives_the_text_back(published, tmp_path):
    content, content_type, _filename = render(published, "pdf")
    assert content.startswith(b"%PDF") and content_type == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "只楚街道办事处2024年政府信息公开工作年度报告" in flat
    assert "收到和处理政府信息公开申请情况" in flat and "共收到政府信息公开申请3件" in flat
    assert "\ufffd" not in text  # no glyph lost
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000


def test_the_xlsx_holds_the_numbers(published):
    content, *_ = render(published, "xlsx")
    book = openpyxl.load_workbook(BytesIO(content))
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert 3 in values  # 表三 新收 总计
    text = "".join(str(v) for v in values if v is not None)
    assert "本年新收政府信息公开申请数量" in text


def test_the_html_and_json_exports(published):
    html, *_ = render(published, "html")
    assert "只楚街道办事处2024年政府信息公开工作年度报告" in html.decode()
    json_, *_ = render(published, "json")
    assert b'"year": 2024' in json_
    assert published.report().values[Cell("table3", "new", "total")] == 3
