"""A saved web page (.html/.htm) as text in the tab-separated layout the text parser reads.

Pages of government sites are often GBK or GB2312: the charset of ``<meta charset>`` or of the
``http-equiv`` form is honoured, else the bytes go through the text decoder of read.py. lxml's
HTML parser (libxml2, already installed for python-docx) reads the broken markup of real sites
and is fast. The article is found among the navigation: the block that holds the report's tables
(their row labels) and its title, else the block with the most text outside links. A table
becomes one line per row, cells separated by tabs, with the convention of read_docx: a cell
merged across columns appears once, a position covered by a cell merged from above is empty; a
table inside a cell (layout tables) is opened up into lines of its own.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from lxml import etree, html

from .decode import decode
from .errors import ReportReadError, log_cause

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_DROP = ("script", "style", "noscript", "template", "iframe", "select", "button", "input", "textarea")
_BLOCKS = {
    *("address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset"),
    *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"),
    *("main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul"),
}
_TITLE = "政府信息公开工作年度报告"
_TABLE_MARKS = ("本年新收", "予以公开", "行政复议", "行政许可", "规范性文件", "结转")
_CHROME = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|position|sidebar|share|related", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\u3000\xa0]+")


def html_to_text(data: bytes, name: str = "网页") -> str:
    root = _parse(data, name)
    for el in root.iter(*_DROP, etree.Comment):
        el.drop_tree()
    body = _article(root)
    lines = list(_lines(body))
    title = _title_outside(root, body, lines)
    if title:
        lines.insert(0, title)
    return "\n".join(line for line in lines if line.strip()) + "\n"


def _parse(data: bytes, name: str) -> html.HtmlElement:
    text = None
    found = _META_CHARSET.search(data[:4096])
    if found:
        try:
            encoding = codecs.lookup(found.group(1).decode("ascii", "replace")).name
        except LookupError:
            encoding = ""
        if encoding in ("gbk", "gb2312", "gb18030", "hz"):
            encoding = "gb18030"  # a superset: sites that say gb2312 use GBK characters
        if encoding:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = None
    if text is None:
        text = decode(data, name)
    try:
        return html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        log_cause(name, exc)
        raise ReportReadError(f"{name}：网页内容无法解析。") from None


def _text(el: html.HtmlElement) -> str:
    return _SPACE.sub("", el.text_content())


def _article(root: html.HtmlElement) -> html.HtmlElement:
    """The block that holds the report: around its tables and title, else the densest block."""
    body = root.find("body")
    if body is None:
        body = root
    tables = [t for t in body.iter("table") if any(m in _text(t) for m in _TABLE_MARKS)]
    if tables:
        block = tables[0]
        while block.getparent() is not None and not (
            all(_contains(block, t) for t in tables) and _TITLE in _text(block)
        ):
            if block is body:
                break
            block = block.getparent()
        if block is not body or _TITLE not in _text(block):
            return _narrowest_with_tables(block, tables)
        return _narrowest_with_tables(body, tables)
    best, best_score = body, -1
    for el in body.iter("div", "article", "section", "main"):
        if _CHROME.search(f"{el.get('class', '')} {el.get('id', '')}"):
            continue
        links = sum(len(_text(a)) for a in el.iter("a"))
        score = len(_text(el)) - 2 * links
        if _TITLE in _text(el):
            score += 200
        if score > best_score:
            best, best_score = el, score
    return best


def _narrowest_with_tables(block: html.HtmlElement, tables: list[html.HtmlElement]) -> html.HtmlElement:
    """Go down while one child alone holds every report table and the title (chrome is left out)."""
    while True:
        for child in block:
            if all(_contains(child, t) for t in tables) and (
                _TITLE in _text(child) or _TITLE not in _text(block)
            ):
                block = child
                break
        else:
            return block


def _contains(ancestor: html.HtmlElement, el: html.HtmlElement) -> bool:
    return any(a is ancestor for a in el.iterancestors()) or ancestor is el


def _title_outside(root: html.HtmlElement, body: html.HtmlElement, lines: list[str]) -> str | None:
    """The report's title when the site prints it above the article, outside the block found."""
    if any(_TITLE in line for line in lines[:5]):
        return None
    for el in root.iter("h1", "h2", "h3", "div", "p", "td", "title"):
        if _contains(body, el) or _contains(el, body):
            continue
        text = _SPACE.sub("", el.text_content())
        if _TITLE in text and len(text) < 80:
            return text
    return None


def _lines(el: html.HtmlElement) -> Iterator[str]:
    """Paragraphs as lines; tables as tab-separated rows."""
    buffer: list[str] = []

    def flush() -> Iterator[str]:
        line = _SPACE.sub(" ", "".join(buffer)).strip()
        buffer.clear()
        if line:
            yield line

    def walk(node: html.HtmlElement) -> Iterator[str]:
        if node.text:
            buffer.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "table":
                yield from flush()
                yield from _table_lines(child)
            elif tag == "br":
                yield from flush()
            elif tag in _BLOCKS:
                yield from flush()
                yield from walk(child)
                yield from flush()
            else:
                yield from walk(child)
            if child.tail:
                buffer.append(child.tail)

    yield from walk(el)
    yield from flush()


def _rows(table: html.HtmlElement) -> list[html.HtmlElement]:
    """The table's own rows (not those of tables nested in its cells)."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


# A report's tables have a few hundred cells; spans that cover more are a bomb, not a table.
MAX_GRID_CELLS = 20_000


def _table_lines(table: html.HtmlElement) -> Iterator[str]:
    covered: dict[tuple[int, int], int] = {}  # (row, column) -> rows still covered from above
    for r, tr in enumerate(_rows(table)):
        cells = [c for c in tr if c.tag in ("td", "th")]
        if any(next(c.iter("table"), None) is not None for c in cells):
            for c in cells:
                yield from _lines(c)
            continue
        out: list[str] = []
        col = 0
        for c in cells:
            while (r, col) in covered:
                out.append("")
                col += 1
            colspan = _span(c.get("colspan"))
            rowspan = _span(c.get("rowspan"))
            if (col + colspan) * (r + rowspan) > MAX_GRID_CELLS:
                raise ReportReadError(
                    f"网页第 {r + 1} 行的表格合并单元格过大（超过 {MAX_GRID_CELLS} 个格），"
                    "不是年度报告的表格，已拒绝读取。"
                )
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    covered[r + dr, col + dc] = 1
            out.append(_SPACE.sub(" ", c.text_content()).strip())
            col += colspan
        while (r, col) in covered:
            out.append("")
            col += 1
        yield "\t".join(out)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), 100))
    except ValueError:
        return 1
