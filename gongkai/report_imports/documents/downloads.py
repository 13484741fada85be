"""Downloads of a stored report: which formats and their file names (the header: ``web.downloads``)."""

from __future__ import annotations

from gongkai.report_format.render import CONTENT_TYPES, RENDERERS
from gongkai.report_imports.models import ImportedReport

# The order and the names the report page offers them in.
FORMAT_LABELS: dict[str, str] = {
    "docx": "Word",
    "xlsx": "Excel",
    "json": "JSON",
    "md": "Markdown",
    "html": "网页",
}
FORMATS: tuple[str, ...] = tuple(fmt for fmt in FORMAT_LABELS if fmt in RENDERERS)


def render_download(imported: ImportedReport, fmt: str) -> tuple[bytes, str]:
    """The file content, generated from the stored JSON, and its content type."""
    return RENDERERS[fmt](imported.report()), CONTENT_TYPES[fmt]


def download_filename(imported: ImportedReport, fmt: str) -> str:
    """``某某街道办事处2023年政府信息公开工作年度报告.docx``"""
    name = imported.body_name or imported.body.name
    year = f"{imported.year}年" if imported.year else ""
    stem = "".join(ch for ch in f"{name}{year}政府信息公开工作年度报告" if ch not in '\\/:*?"<>|\0\r\n\t')
    return f"{stem}.{fmt}"
