"""The slow path for PDFs: pdfplumber's table finder, used only where the fast path cannot decide.

The fast path (read_pdf.py) rebuilds tables from pypdfium2's positioned characters and the ruling
lines in ~25 ms a report; pdfplumber's finder takes 0.7–0.9 s for the same five pages. So it runs
only when the fast path's report leaves a table unread — absent although its section heading is in
the text, cut short, or with rows it could not read — and its result is kept only when it reads
more. ``report.source["path"]`` says which path gave the report ("pdfplumber" for this one).

It runs only where it can change the result: its finder (the default "lines" strategy) builds
tables from the edges of the page's vector paths — ruling lines, rectangles, curves — and nothing
else. A PDF without any vector path on its text pages gives it no table, and its reading is then
the same characters line by line, which the fast path's borderless reading already had: such a
reading was measured to be thrown away, at ten times the cost (docs/benchmarks.md). So read.py
skips it for such a PDF (``PdfText.vector_paths`` == 0), and for PDFs with OCR'd pages.
"""

from __future__ import annotations

import io
import re

from .check import check
from .model import Report

PATH = "pdfplumber"
_SECTION_HEADINGS = {
    "table2": re.compile(r"二\s*[、.．]\s*主动公开"),
    "table3": re.compile(r"三\s*[、.．]\s*收到和处理"),
    "table4": re.compile(r"四\s*[、.．]\s*政府信息公开行政复议"),
}


def undecided(report: Report, text: str) -> bool:
    """Whether the fast path left a table unread that the document seems to hold."""
    tables = report.source.get("tables") or {}
    if report.source.get("unreadable_rows"):
        return True
    for table, state in tables.items():
        if state == "truncated":
            return True
        heading = _SECTION_HEADINGS.get(table)
        if state == "absent" and heading is not None and heading.search(text):
            return True
    return False


def unread(report: Report) -> tuple[int, int]:
    """How much of the tables a report failed to read — tables not read plus unreadable rows — then
    how many of the checker's errors it has: of two readings, the smaller is the better."""
    tables = report.source.get("tables") or {}
    missing = sum(1 for state in tables.values() if state != "text")
    errors = sum(1 for f in check(report) if f.level == "error")
    return missing + len(report.source.get("unreadable_rows") or []), errors


def pdf_tables_text(data: bytes) -> str:
    """The PDF as text, with every table pdfplumber finds written as tab-separated rows where it stands
    on its page (merged cells empty), and the text outside the tables line by line."""
    import pdfplumber

    out: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            rest = page
            for table in tables:
                rest = rest.outside_bbox(table.bbox)
            pieces: list[tuple[float, list[str]]] = [
                (line["top"], [line["text"]]) for line in rest.extract_text_lines() if line["text"].strip()
            ]
            for table in tables:
                rows = [
                    "\t".join(" ".join((cell or "").split()) for cell in row)
                    for row in table.extract()
                    if any(cell and cell.strip() for cell in row)
                ]
                pieces.append((table.bbox[1], rows))
            for _, lines in sorted(pieces, key=lambda p: p[0]):
                out.extend(lines)
    return "\n".join(out)
