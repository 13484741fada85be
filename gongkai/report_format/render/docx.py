"""The report as a Word document in the official layout: A4, 仿宋/黑体, real tables with merged headers.

Page and fonts follow the usual government document layout (GB/T 9704): body 仿宋_GB2312 三号,
headings 黑体, tables in 小五 so that table 3's ten columns fit the 15.6 cm text width.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from ..model import Report
from .docx_table import table_element
from .grid import Grid
from .outline import outline, report_title

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"

TITLE_STYLE = "Report Title"
TABLE_TEXT_STYLE = "Table Text"
DATE_STYLE = "Report Date"
HEADING_STYLE = "Heading 1"
TABLE_STYLE = "Table Grid"
_BLOCK_STYLES = {"title": TITLE_STYLE, "heading": HEADING_STYLE, "date": DATE_STYLE}

_PAGE = {
    "width": Cm(21.0),
    "height": Cm(29.7),
    "top": Cm(3.7),
    "bottom": Cm(3.5),
    "left": Cm(2.8),
    "right": Cm(2.6),
}
_TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6
# Widths of the label columns; the numeric columns share what is left of the text width.
_LABEL_WIDTHS_CM: dict[str, tuple[float, ...]] = {"table2": (4.8,), "table3": (1.3, 2.2, 4.5), "table4": ()}
_THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


def render_docx(report: Report) -> bytes:
    doc = Document()
    _page_setup(doc)
    styles = _styles(doc)
    doc.core_properties.title = report_title(report)
    doc.core_properties.language = "zh-CN"
    body = doc.element.body
    for block in outline(report):
        if block.grid is not None:
            tbl = table_element(
                report,
                block.grid,
                _column_widths(block.grid),
                table_style=styles[TABLE_STYLE],
                text_style=styles[TABLE_TEXT_STYLE],
            )
            body._insert_tbl(tbl)
        else:
            paragraph = doc.add_paragraph(block.text)
            style = _BLOCK_STYLES.get(block.kind)
            if style:
                paragraph._p.get_or_add_pPr().style = styles[style]
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _column_widths(grid: Grid) -> list[Length]:
    labels = _LABEL_WIDTHS_CM[grid.table]
    numbers = grid.width - len(labels)
    rest = (_TEXT_WIDTH_CM - sum(labels)) / numbers
    return [Cm(w) for w in labels] + [Cm(rest)] * numbers  # type: ignore[return-value]


def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = _PAGE["width"], _PAGE["height"]
    section.top_margin, section.bottom_margin = _PAGE["top"], _PAGE["bottom"]
    section.left_margin, section.right_margin = _PAGE["left"], _PAGE["right"]
    _page_number_footer(section.footer.paragraphs[0])


def _page_number_footer(paragraph: Paragraph) -> None:
    """A centred ``— N —`` page number (a PAGE field)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.add_run(" —")


def _styles(doc: DocxDocument) -> dict[str, str]:
    """Set up the document's styles; returns the style ids by name (looking one up is slow)."""
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, BODY_FONT, Pt(16))
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(32)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)

    heading = styles[HEADING_STYLE]
    _fonts(heading, HEADING_FONT, Pt(16), bold=False)
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.first_line_indent = Pt(32)
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(6)

    title = _new_style(doc, TITLE_STYLE)
    _fonts(title, HEADING_FONT, Pt(22), bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(16)

    table_text = _new_style(doc, TABLE_TEXT_STYLE)
    _fonts(table_text, BODY_FONT, Pt(9))
    tf = table_text.paragraph_format
    tf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tf.first_line_indent = Pt(0)
    tf.line_spacing_rule = WD_LINE_SPACING.SINGLE

    date = _new_style(doc, DATE_STYLE)
    date.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.first_line_indent = Pt(0)
    date.paragraph_format.space_before = Pt(28)
    names = (TITLE_STYLE, HEADING_STYLE, DATE_STYLE, TABLE_TEXT_STYLE, TABLE_STYLE)
    return {name: styles[name].style_id for name in names}


def _new_style(doc: DocxDocument, name: str) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    return style  # type: ignore[no-any-return]


def _fonts(style: ParagraphStyle, east_asia: str, size: Length, *, bold: bool | None = None) -> None:
    """Set the East-Asian and Latin fonts explicitly (theme fonts would otherwise win in Word)."""
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(attr, None)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    style.font.size = size
    if bold is not None:
        style.font.bold = bold
