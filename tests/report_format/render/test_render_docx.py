"""Word export, opened back with python-docx: A4, East-Asian fonts, tables with really merged cells."""

from __future__ import annotations

from io import BytesIO

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import _Cell

from gongkai.report_format.layout import SECTIONS
from gongkai.report_format.render import render_docx
from tests.report_format.builders import consistent_report, t3

TITLE = "测试区测试街道办事处2024年政府信息公开工作年度报告"


def open_docx(report=None) -> docx.document.Document:
    return docx.Document(BytesIO(render_docx(report or consistent_report())))


def tc_with(table, text: str):
    return next(tc for tc in table._tbl.iter(qn("w:tc")) if _Cell(tc, table).text == text)


def east_asia_font(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_docx_has_the_three_tables():
    doc = open_docx()
    assert [len(t.columns) for t in doc.tables] == [4, 10, 15]
    assert [len(t.rows) for t in doc.tables] == [14, 28, 4]


def test_docx_table3_header_spans_seven_columns():
    table = open_docx().tables[1]
    assert tc_with(table, "申请人情况").grid_span == 7
    assert tc_with(table, "法人或其他组织").grid_span == 5
    assert len({c._tc for c in table.rows[0].cells[3:]}) == 1


def test_docx_table3_results_label_is_merged_down_over_twenty_two_rows():
    table = open_docx().tables[1]
    results = table.cell(5, 0)._tc
    assert results.vMerge == "restart" and table.cell(5, 0).text == "三、本年度办理结果"
    assert all(table.cell(r, 0)._tc is results for r in range(5, 27))
    assert table.cell(27, 0)._tc is not results  # 四、结转下年度继续办理


def test_docx_table3_groups_are_merged_down_over_their_rows():
    table = open_docx().tables[1]
    denied = table.cell(7, 1)._tc
    assert table.cell(7, 1).text == "（三）不予公开"
    assert all(table.cell(r, 1)._tc is denied for r in range(7, 15))
    assert table.cell(15, 1).text == "（四）无法提供"


def test_docx_table3_note_covers_three_columns_and_three_rows():
    table = open_docx().tables[1]
    note = table.cell(0, 0)
    assert note._tc.grid_span == 3
    assert all(table.cell(r, c)._tc is note._tc for r in range(3) for c in range(3))


def test_docx_table4_litigation_header_spans_ten_columns_and_its_blocks_five():
    table = open_docx().tables[2]
    assert tc_with(table, "行政复议").grid_span == 5
    assert tc_with(table, "行政诉讼").grid_span == 10
    assert tc_with(table, "未经复议直接起诉").grid_span == 5
    assert tc_with(table, "复议后起诉").grid_span == 5
    assert table.cell(1, 0)._tc is table.cell(2, 0)._tc  # 结果维持 of 行政复议 over two rows


def test_docx_numbers_sit_in_their_cells():
    table = open_docx().tables[1]
    assert [c.text for c in table.rows[3].cells] == ["一、本年新收政府信息公开申请数量"] * 3 + [
        "10", "3", "0", "0", "0", "0", "13",
    ]  # fmt: skip
    assert [c.text for c in open_docx().tables[2].rows[3].cells][:5] == ["1", "1", "0", "1", "3"]


def test_docx_missing_value_is_an_empty_cell():
    r = consistent_report()
    r.values[t3("new", "natural_person")] = None
    assert open_docx(r).tables[1].cell(3, 3).text == ""


def test_docx_page_is_a4_portrait():
    section = open_docx().sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)


def test_docx_title_is_bold_centred_heiti():
    doc = open_docx()
    title = doc.paragraphs[0]
    assert title.text == TITLE
    assert title.style.font.bold and title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia_font(title.style) == "黑体"


def test_docx_body_is_fangsong_and_headings_heiti_without_theme_fonts():
    doc = open_docx()
    normal, heading = doc.styles["Normal"], doc.styles["Heading 1"]
    assert east_asia_font(normal) == "仿宋_GB2312"
    assert east_asia_font(heading) == "黑体"
    assert heading.element.rPr.rFonts.get(qn("w:asciiTheme")) is None


def test_docx_section_headings_are_heading_paragraphs_in_order():
    doc = open_docx()
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{s.ordinal}、{s.heading}" for s in SECTIONS]


def test_docx_ends_with_the_right_aligned_date():
    last = open_docx().paragraphs[-1]
    assert last.text == "2025年1月20日"
    assert last.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_docx_narrative_paragraphs_come_under_their_heading():
    r = consistent_report()
    r.narrative.sections = {"problems": "一是公开不够及时。\n二是培训不足。"}
    texts = [p.text for p in open_docx(r).paragraphs]
    at = texts.index("五、存在的主要问题及改进情况")
    assert texts[at + 1 : at + 3] == ["一是公开不够及时。", "二是培训不足。"]
