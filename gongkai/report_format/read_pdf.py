"""A PDF with a text layer as text in the tab-separated layout the text parser reads.

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
is read by OCR (``read_image.read_page``) in the same units and joins the others in page order; the
result says which pages those were and carries the confidence of each OCR'd number.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import ReportReadError

MAX_PAGES = 300
NO_TEXT_LAYER = "该 PDF 没有文字层（可能是扫描件），暂不支持识别图片，请提供文字版"
_MARGIN = 0.1  # top and bottom share of the page where running headers and footers sit
_RULE = 2.0  # a path thinner than this (pt) is a rule
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_ ]*\d+[-—–－_ ]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[-－]?\d[\d,，]*(?:\.\d+)?$|^[-—－/／]$")
_DIGITS = re.compile(r"\d+")
# A row label or heading of its own, never the wrapped rest of the label above it.
_LABEL_START = re.compile(
    r"^(?:第.{1,8}[条项]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|信息内容)"
)


@dataclass
class Fragment:
    """Characters of one line with no wide gap between them, in PDF points (y grows upwards); OCR'd
    pages (``read_image``) are given in the same terms."""

    x0: float
    x1: float
    bottom: float
    top: float
    text: str
    box: int = -1  # the OCR box it was read from; -1 for a text layer

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class TextLine:
    """The fragments of one line of a page, left to right."""

    top: float
    bottom: float
    frags: list[Fragment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(f.text for f in self.frags)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PageRules:
    """A page's table rules in PDF points: horizontal as (y, x0, x1) sorted by y; vertical as
    (x, y0, y1) sorted by x."""

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]

    def cell_of(self, f: Fragment) -> tuple[float, float] | None:
        """(top, left) of the ruled cell that holds the fragment's centre, or None outside tables."""
        cx, cy = f.cx, f.cy
        top = _nearest(self.horizontal, cy, cx, up=True)
        bottom = _nearest(self.horizontal, cy, cx, up=False)
        left = _nearest(self.vertical, cx, cy, up=False)
        right = _nearest(self.vertical, cx, cy, up=True)
        if None in (top, bottom, left, right):
            return None
        return round(top, 1), round(left, 1)  # type: ignore[arg-type]


def _nearest(rules: list[tuple[float, float, float]], at: float, across: float, *, up: bool) -> float | None:
    """The nearest rule position above (or below) ``at`` among rules whose extent covers ``across``."""
    i = bisect_left(rules, (at,))
    candidates = rules[i:] if up else reversed(rules[:i])
    for pos, a, b in candidates:
        if a - _RULE <= across <= b + _RULE:
            return pos
    return None


@dataclass
class PdfText:
    text: str
    path: str  # "ruled" when some table was read through its rules, else "lines"
    pages: int
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of the pages read by OCR
    confidences: list[list[float | None]] = field(default_factory=list)  # per line and field, OCR only


def pdf_to_text(data: bytes, name: str = "PDF") -> PdfText:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReportReadError(f"{name}：PDF 文件已加密，请提供未加密的文件。") from None
        raise ReportReadError(f"{name}：PDF 文件已损坏或不完整，无法打开（{exc}）。") from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise ReportReadError(f"{name}：PDF 共 {count} 页，超过 {MAX_PAGES} 页，不像是一份年度报告。")
        pages = [_page_lines(pdf[i]) for i in range(count)]
        if sum(len(line.frags) for lines, _, _ in pages for line in lines) == 0:
            raise ReportReadError(f"{name}：{NO_TEXT_LAYER}。")
        scanned = [i for i, (lines, _, _) in enumerate(pages) if not lines and _has_pictures(pdf[i])]
        confidence: list[float] = []
        slack = 0.0
        for i in scanned:
            from .read_image import read_page, render

            page, ocr = read_page(render(pdf[i]), first_id=len(confidence), height=pages[i][2])
            pages[i] = (page.lines, page.rules, page.height)
            confidence += ocr
            slack = max(slack, page.slack)
    finally:
        pdf.close()
    rows, ruled = lay_out(pages, slack)
    text = "\n".join("\t".join(f.text for f in frags) for frags in rows) + "\n"
    confidences = (
        [[confidence[f.box] if f.box >= 0 else None for f in frags] for frags in rows] if scanned else []
    )
    return PdfText(text, "ruled" if ruled else "lines", count, [i + 1 for i in scanned], confidences)


def lay_out(
    pages: list[tuple[list[TextLine], PageRules, float]], slack: float = 0.0
) -> tuple[list[list[Fragment]], bool]:
    """Pages of lines as rows of fragments (running lines dropped, repeated table heads left out,
    wrapped rows joined; ``slack`` for OCR'd fragments: see ``_join_wrapped``), and whether some
    table was read through its rules."""
    _drop_running_lines(pages)
    items: list[_Item] = []
    seen: set[str] = set()
    for lines, rules, _ in pages:
        page = _page_items(lines, rules)
        # A table head repeated at the top of the page is left out, so that a row cut by the
        # page break joins up again with its rest.
        k = 0
        while k < len(page) and not page[k].has_numbers and page[k].key in seen:
            k += 1
        seen.update(i.key for i in page)
        if k < len(page):
            page[k].page_start = True
        items += page[k:]
    return _join_wrapped(items, slack=slack), any(i.ruled for i in items)


@dataclass
class _Item:
    """A line of the page in reading order: a ruled table row, or a line of free fragments."""

    top: float
    frags: list[Fragment]
    ruled: bool = False
    page_start: bool = False

    @property
    def key(self) -> str:
        return "\t".join(f.text for f in self.frags)

    @property
    def has_numbers(self) -> bool:
        return any(_is_number(f.text) for f in self.frags)


def _page_lines(page: pdfium.PdfPage) -> tuple[list[TextLine], PageRules, float]:
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
    rules = _page_rules(page)
    page.close()
    return _lines(chars), rules, height


def _has_pictures(page: pdfium.PdfPage) -> bool:
    try:
        return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3), None) is not None
    finally:
        page.close()


def _page_rules(page: pdfium.PdfPage) -> PageRules:
    horizontal, vertical = [], []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= _RULE and w > _RULE:
            horizontal.append(((top + bottom) / 2, left, right))
        elif w <= _RULE and h > _RULE:
            vertical.append(((left + right) / 2, bottom, top))
    horizontal.sort()
    vertical.sort()
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


def _drop_running_lines(pages: list[tuple[list[TextLine], PageRules, float]]) -> None:
    """Remove page numbers and the headers and footers repeated in the margins of most pages."""

    def in_margin(line: TextLine, height: float) -> bool:
        return line.bottom > height * (1 - _MARGIN) or line.top < height * _MARGIN

    repeated: Counter[str] = Counter()
    for lines, _, height in pages:
        repeated.update({_DIGITS.sub("#", line.text) for line in lines if in_margin(line, height)})
    threshold = max(2, int(0.6 * len(pages) + 0.5))
    for lines, _, height in pages:
        lines[:] = [
            line
            for line in lines
            if not (
                in_margin(line, height)
                and (_PAGE_NUMBER.match(line.text) or repeated[_DIGITS.sub("#", line.text)] >= threshold)
            )
        ]


def _page_items(lines: list[TextLine], rules: PageRules) -> list[_Item]:
    """The page's lines in reading order: ruled table rows by their cells, others by fragments."""
    items: list[_Item] = []
    cells: dict[tuple[float, float], list[Fragment]] = {}
    for line in lines:
        free = []
        for f in line.frags:
            key = cell = rules.cell_of(f) if rules.horizontal else None
            if cell is None:
                free.append(f)
            else:
                cells.setdefault(key, []).append(f)  # type: ignore[arg-type]
        if free:
            items.append(_Item(line.top, free))
    rows: dict[float, list[tuple[float, Fragment]]] = {}
    for (top, left), frags in cells.items():
        frags[:] = _reading_order(frags)
        first = min(frags, key=lambda f: f.x0)
        joined = Fragment(
            first.x0, max(f.x1 for f in frags), 0, top, "".join(f.text for f in frags), first.box
        )
        rows.setdefault(top, []).append((left, joined))
    for top, row in rows.items():
        row.sort(key=lambda c: c[0])
        items.append(_Item(top, [f for _, f in row], ruled=True))
    items.sort(key=lambda item: -item.top)
    return items


def _reading_order(frags: list[Fragment]) -> list[Fragment]:
    """A cell's fragments line by line, left to right; fragments whose centres differ by less than
    0.4 of their height are one line (a "2." in a Latin font sits a little lower than the CJK
    beside it)."""
    lines: list[list[Fragment]] = []
    for f in sorted(frags, key=lambda f: -f.cy):
        if lines and abs(lines[-1][0].cy - f.cy) <= 0.4 * (f.top - f.bottom):
            lines[-1].append(f)
        else:
            lines.append([f])
    return [f for line in lines for f in sorted(line, key=lambda f: f.x0)]


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def _join_wrapped(items: list[_Item], *, slack: float = 0.0) -> list[list[Fragment]]:
    """Borderless rows: put back wrapped labels and numbers, and numbers set apart from their label.

    ``slack`` is how far (in page units) an OCR'd fragment's left edge may stray from its column's:
    a text layer's edges line up exactly, OCR boxes hug the ink and are a little off either way."""
    out: list[list[Fragment]] = []
    previous_ruled = False
    last_bottom = 0.0
    for item in items:
        frags, is_ruled = item.frags, item.ruled
        top = max(f.top for f in frags)
        bottom = min(f.bottom for f in frags)
        close = bool(out) and (item.page_start or last_bottom - top < 0.6 * (top - bottom))
        if item.page_start and is_ruled and previous_ruled and _number_rest_only(frags, out[-1]):
            # A ruled row cut by the page break: the rest of its long numbers starts the next page.
            for f in frags:
                _host(f, [a for a in out[-1] if _is_number(a.text)]).text += f.text  # type: ignore[union-attr]
            continue
        if close and not is_ruled and not previous_ruled:
            above = out[-1]
            slack_here = slack if any(f.box >= 0 for f in (*frags, *above)) else 0.0
            numbers = [f for f in frags if _is_number(f.text)]
            words = [f for f in frags if not _is_number(f.text)]
            above_numbers = [f for f in above if _is_number(f.text)]
            if not words and not above_numbers:
                # Numbers alone on a line: they belong to the label line just above.
                if all(f.x0 >= above[-1].x1 for f in frags):
                    above.extend(_copy(frags))
                    last_bottom = bottom
                    continue
            elif not words and all(_host(f, above_numbers) for f in frags):
                # The rest of numbers wrapped in narrow columns.
                for f in frags:
                    _host(f, above_numbers).text += f.text  # type: ignore[union-attr]
                last_bottom = bottom
                continue
            elif (
                above_numbers
                and _label_rest(words, above, slack_here)
                and _number_rest(numbers, above_numbers)
            ):
                # The wrapped rest of the labels (and maybe, on the same line, of long numbers).
                hosts = [_host(f, above_numbers) for f in numbers]
                for f in words:
                    if f.x1 <= above[0].x0 + slack_here:  # the rest of a merged group label to the left
                        above.insert(0, _copy([f])[0])
                    else:
                        max(above, key=lambda a: min(a.x1, f.x1) - max(a.x0, f.x0)).text += f.text
                for f, host in zip(numbers, hosts, strict=True):
                    host.text += f.text  # type: ignore[union-attr]
                last_bottom = bottom
                continue
        out.append(_copy(frags))
        previous_ruled = is_ruled
        last_bottom = bottom
    return out


def _label_rest(words: list[Fragment], above: list[Fragment], slack: float) -> bool:
    """Words that can be the wrapped rest of the row above's labels: inside its columns, none
    starting a row or heading of its own."""
    return (
        bool(words)
        and _inside_columns(words, above, slack)
        and not any(_LABEL_START.match(f.text) for f in words)
    )


def _number_rest(numbers: list[Fragment], above_numbers: list[Fragment]) -> bool:
    """Numbers beside a label's rest that can only be the wrapped rest of long numbers above: each
    under a number of two digits or more, and fewer of them than the numbers above (a row of its
    own fills every column)."""
    if not numbers:
        return True
    if len(numbers) >= len(above_numbers):
        return False
    hosts = [_host(f, above_numbers) for f in numbers]
    return all(h is not None and len(h.text) >= 2 for h in hosts) and len({id(h) for h in hosts}) == len(
        hosts
    )


def _number_rest_only(frags: list[Fragment], above: list[Fragment]) -> bool:
    """Numbers alone, each under a number of the row above, fewer than there: the rest of that row."""
    above_numbers = [a for a in above if _is_number(a.text)]
    return all(_is_number(f.text) for f in frags) and _number_rest(frags, above_numbers)


def _copy(frags: list[Fragment]) -> list[Fragment]:
    return [Fragment(f.x0, f.x1, f.bottom, f.top, f.text, f.box) for f in frags]


def _host(f: Fragment, row: list[Fragment]) -> Fragment | None:
    """The fragment of ``row`` that ``f`` lies under, if any."""
    for a in row:
        if min(a.x1, f.x1) - max(a.x0, f.x0) > 0:
            return a
    return None


def _inside_columns(frags: list[Fragment], row: list[Fragment], slack: float = 0.0) -> bool:
    """Each fragment starts at or after one of the row's columns and ends before the next one begins
    (within ``slack``)."""
    starts = [f.x0 for f in row]
    for f in frags:
        i = bisect_left(starts, f.x0 + slack + 1) - 1
        if i < 0:
            if f.x1 > starts[0] + slack:
                return False
            continue
        if i + 1 < len(starts) and f.x1 > starts[i + 1] + slack:
            return False
    return True
