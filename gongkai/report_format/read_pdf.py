"""A PDF with a text layer as lines of fields with their places on the page (tokens.py), and as text
in the tab-separated layout the text parser reads.

pdfium (``pypdfium2``) gives every character with its box and every path with its bounds; the
rest is geometry, about 10 ms for a five-page report:

1. characters are grouped into lines by their vertical centre, and a line is cut into fragments
   where the horizontal gap between two characters is wider than half a character;
2. running headers and footers are dropped: page numbers ("— 2 —", "第 2 页", "2/5") and lines
   repeated in the top or bottom margin of most pages;
3. ruled tables (the usual case: Word and WPS draw cell borders as thin paths) are read through
   their rules: each fragment belongs to the cell that the nearest rules around it enclose, a cell
   is emitted once, in the row where its top edge is (a merged cell once, as read_docx does), and
   the lines of a wrapped label or a wrapped number join into one cell;
4. borderless tables are read line by line: a line without numbers under a row with numbers,
   whose fragments sit inside that row's columns, is the wrapped rest of that row's labels, and a
   line of numbers alone joins the label line just above it.

Pages follow each other, so a table continued on the next page continues in the text.

A page without any text but with pictures (a scanned page bound into an otherwise digital report)
is read by OCR (``read_image.read_pages``) in the same units and joins the others in page order; the
result says which pages those were and carries the confidence of each OCR'd number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import ReportReadError, log_cause
from .page_layout import MAX_PAGES, RULE_WIDTH, Fragment, PageRules, TextLine, lay_out, to_tokens
from .tokens import Tokens

NO_TEXT_LAYER = "该 PDF 没有文字层（可能是扫描件），暂不支持识别图片，请提供文字版"


@dataclass
class PdfText:
    text: str  # ``tokens.to_text()``
    path: str  # "ruled" when some table was read through its rules, else "lines"
    pages: int
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of the pages read by OCR
    confidences: list[list[float | None]] = field(default_factory=list)  # per line and field, OCR only
    # Vector paths (lines, rectangles, curves) on the text pages: where there are none, pdfplumber's
    # table finder, which builds tables from their edges, has no table to find (read_pdf_tables.py).
    vector_paths: int = 0
    tokens: Tokens | None = None  # the lines of fields with their places on the page


def pdf_to_text(data: bytes, name: str = "PDF") -> PdfText:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReportReadError(f"{name}：PDF 文件已加密，请提供未加密的文件。") from None
        log_cause(name, exc)
        raise ReportReadError(f"{name}：PDF 文件已损坏或不完整，无法打开。") from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise ReportReadError(f"{name}：PDF 共 {count} 页，超过 {MAX_PAGES} 页，不像是一份年度报告。")
        paths: list[int] = []
        pages = [_page_lines(pdf[i], paths) for i in range(count)]
        if sum(len(line.frags) for lines, _, _ in pages for line in lines) == 0:
            raise ReportReadError(f"{name}：{NO_TEXT_LAYER}。")
        scanned = [i for i, (lines, _, _) in enumerate(pages) if not lines and _has_pictures(pdf[i])]
        confidence: list[float] = []
        slack = 0.0
        if scanned:  # read by OCR, several at once (read_image.read_pages)
            from .read_image import lay_page, read_pages, render_page, too_many_scanned_pages

            too_many_scanned_pages(len(scanned), name)
            reads = read_pages(len(scanned), lambda k: render_page(data, scanned[k]))
            for i, read in zip(scanned, reads, strict=True):
                page, ocr = lay_page(read, first_id=len(confidence), height=pages[i][2])
                pages[i] = (page.lines, page.rules, page.height)
                confidence += ocr
                slack = max(slack, page.slack)
    finally:
        pdf.close()
    rows, ruled = lay_out(pages, slack)
    tokens = to_tokens(rows, confidence if scanned else None)
    return PdfText(
        tokens.to_text(),
        "ruled" if ruled else "lines",
        count,
        [i + 1 for i in scanned],
        tokens.confidences() if scanned else [],
        sum(paths),
        tokens,
    )


def _page_lines(page: pdfium.PdfPage, paths: list[int]) -> tuple[list[TextLine], PageRules, float]:
    """The page's lines of text, its rules and its height; the number of its vector paths is
    appended to ``paths``."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        chars = []
        aligned = len(text) == n
        for i in range(n):
            ch = text[i] if aligned else chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            if ch.isspace() or ch == "\ufffe":
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if right <= left or top <= bottom:
                continue
            chars.append((left, bottom, right, top, ch))
    finally:
        textpage.close()
    rules = _page_rules(page, paths)
    page.close()
    return _lines(chars), rules, height


def _has_pictures(page: pdfium.PdfPage) -> bool:
    try:
        return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3), None) is not None
    finally:
        page.close()


def _page_rules(page: pdfium.PdfPage, paths: list[int]) -> PageRules:
    horizontal, vertical = [], []
    count = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        count += 1
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= RULE_WIDTH and w > RULE_WIDTH:
            horizontal.append(((top + bottom) / 2, left, right))
        elif w <= RULE_WIDTH and h > RULE_WIDTH:
            vertical.append(((left + right) / 2, bottom, top))
    horizontal.sort()
    vertical.sort()
    paths.append(count)
    return PageRules(horizontal, vertical)


def _lines(chars: list[tuple[float, float, float, float, str]]) -> list[TextLine]:
    """Characters grouped by vertical centre, top to bottom; each line cut into fragments at gaps."""
    chars.sort(key=lambda c: -(c[1] + c[3]))
    groups: list[list[tuple[float, float, float, float, str]]] = []
    centre = 0.0
    for c in chars:
        cy, h = (c[1] + c[3]) / 2, c[3] - c[1]
        if groups and abs(centre - cy) <= 0.4 * h:
            groups[-1].append(c)
        else:
            groups.append([c])
            centre = cy
    lines = []
    for group in groups:
        group.sort()
        size = max(c[3] - c[1] for c in group)
        line = TextLine(top=max(c[3] for c in group), bottom=min(c[1] for c in group))
        frag: list[tuple[float, float, float, float, str]] = []
        for c in group:
            if frag and c[0] - frag[-1][2] > 0.5 * size:
                line.frags.append(_frag(frag))
                frag = []
            frag.append(c)
        line.frags.append(_frag(frag))
        lines.append(line)
    return lines


def _frag(chars: list[tuple[float, float, float, float, str]]) -> Fragment:
    return Fragment(
        chars[0][0],
        chars[-1][2],
        min(c[1] for c in chars),
        max(c[3] for c in chars),
        "".join(c[4] for c in chars),
    )
