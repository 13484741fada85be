"""Reading a Word document as text: body order, merged cells as Word's text export, refusals."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gongkai.report_format import ReportReadError
from gongkai.report_format.read_docx import MAX_PART_XML, docx_to_text


def saved(document) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def lines_of(document) -> list[str]:
    return docx_to_text(saved(document)).splitlines()


def test_paragraphs_and_table_rows_come_in_document_order():
    d = docx.Document()
    d.add_paragraph("二、主动公开政府信息情况")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "规章", (0, 1): "0", (1, 0): "行政规范性文件", (1, 1): "3"}.items():
        table.cell(r, c).text = text
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    assert lines_of(d) == [
        "二、主动公开政府信息情况",
        "规章\t0",
        "行政规范性文件\t3",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_a_horizontally_merged_cell_appears_once():
    d = docx.Document()
    table = d.add_table(rows=1, cols=4)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "第二十条第（一）项"
    table.cell(0, 3).text = "x"
    assert lines_of(d) == ["第二十条第（一）项\tx"]


def test_a_vertically_merged_continuation_cell_is_empty():
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    top = table.cell(0, 0).merge(table.cell(2, 0))
    top.text = "三、本年度办理结果"
    for r, text in enumerate(("（一）予以公开", "（二）部分公开", "（七）总计")):
        table.cell(r, 1).text = text
    assert lines_of(d) == ["三、本年度办理结果\t（一）予以公开", "\t（二）部分公开", "\t（七）总计"]


def test_a_block_merged_over_rows_and_columns_appears_once_then_empty_once():
    d = docx.Document()
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "说明"
    table.cell(0, 2).text = "申请人情况"
    table.cell(1, 2).text = "自然人"
    assert lines_of(d) == ["说明\t申请人情况", "\t自然人"]


def test_a_cell_of_several_paragraphs_is_one_field():
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "结果"
    cell.add_paragraph("维持")
    table.cell(0, 1).text = "0"
    assert lines_of(d) == ["结果维持\t0"]


def test_a_table_nested_in_a_layout_cell_is_read_row_by_row():
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1).cell(0, 0)
    outer.text = "四、政府信息公开行政复议、行政诉讼情况"
    inner = outer.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "行政复议", (0, 1): "行政诉讼", (1, 0): "0", (1, 1): "1"}.items():
        inner.cell(r, c).text = text
    assert lines_of(d) == ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼", "0\t1", ""]


def test_tracked_insertions_count_and_deletions_do_not():
    d = docx.Document()
    d.element.body.insert(
        0,
        parse_xml(
            f"<w:p {nsdecls('w')}><w:r><w:t>收到申请</w:t></w:r>"
            '<w:ins w:id="1" w:author="a"><w:r><w:t>5</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>3</w:delText></w:r></w:del>'
            "<w:r><w:t>件</w:t></w:r></w:p>"
        ),
    )
    assert lines_of(d) == ["收到申请5件"]


def test_content_controls_are_looked_into():
    d = docx.Document()
    d.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>"
            "<w:p><w:r><w:t>2024年1月22日</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    assert lines_of(d) == ["2024年1月22日"]


def test_garbage_is_refused_in_chinese():
    with pytest.raises(ReportReadError, match="不是有效的 Word"):
        docx_to_text(b"PK\x03\x04 this is not a zip")


def test_an_old_doc_file_is_refused_with_a_hint():
    with pytest.raises(ReportReadError, match=r"\.doc"):
        docx_to_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


def test_an_excel_file_is_not_a_word_document():
    out = BytesIO()
    openpyxl.Workbook().save(out)
    with pytest.raises(ReportReadError, match=r"不是有效的 Word.*其他类型"):
        docx_to_text(out.getvalue())


def test_a_zip_without_office_structure_is_refused():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<x/>")
    with pytest.raises(ReportReadError, match="Content_Types"):
        docx_to_text(out.getvalue())


def test_a_zip_bomb_document_is_refused_before_inflating():
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b" " * (MAX_PART_XML + 1))
    assert len(out.getvalue()) < 1024 * 1024  # small on disk, huge inflated
    with pytest.raises(ReportReadError, match=r"word/document\.xml 解压后超过 50 MB"):
        docx_to_text(out.getvalue())
