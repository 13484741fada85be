"""Every export format of a report in one table, so the CLI and the web offer the same ones.

The Word and Excel renderers are imported when first used: python-docx, lxml and openpyxl (with the
numpy and Pillow it pulls in) cost ~45 MB in every process that imports this table — each task
worker and web process — most of which never renders either format.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Report
from .html import render_html, render_tables_html
from .markdown import render_markdown
from .outline import report_title
from .text import render_cells, render_tsv

Renderer = Callable[[Report], bytes]


def render_docx(report: Report) -> bytes:
    """The report as a Word document (``render.docx``)."""
    from .docx import render_docx as render

    return render(report)


def render_xlsx(report: Report) -> bytes:
    """The report's tables as an Excel workbook (``render.xlsx``)."""
    from .xlsx import render_xlsx as render

    return render(report)


RENDERERS: dict[str, Renderer] = {
    "md": lambda report: render_markdown(report).encode(),
    "html": lambda report: render_html(report).encode(),
    "docx": render_docx,
    "xlsx": render_xlsx,
    "json": lambda report: report.dumps().encode(),
}
CONTENT_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
EXTENSIONS: dict[str, str] = {fmt: f".{fmt}" for fmt in RENDERERS}


def export_filename(report: Report, fmt: str) -> str:
    """A file name for a download: the report title and the format's extension."""
    name = "".join(ch for ch in report_title(report) if ch not in '\\/:*?"<>|\0\r\n\t')
    return name + EXTENSIONS[fmt]


__all__ = [
    "CONTENT_TYPES",
    "EXTENSIONS",
    "RENDERERS",
    "Renderer",
    "export_filename",
    "render_cells",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_tables_html",
    "render_tsv",
    "render_xlsx",
]
