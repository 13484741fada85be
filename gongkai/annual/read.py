"""Reading a file a user hands in: size, type and encoding checks, then the right parser."""

from __future__ import annotations

from pathlib import Path

from .check import check
from .errors import ReportReadError
from .infer import infer as infer_cells
from .layout import ALL_CELLS
from .model import Report
from .text import parse_text

MAX_BYTES = 20 * 1024 * 1024
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
# Every file type a user may hand in, for upload forms and messages (one definition).
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm")
SUPPORTED_TEXT = "、".join(SUPPORTED_SUFFIXES[:-1]) + " 或 " + SUPPORTED_SUFFIXES[-1]


def read_path(path: str | Path) -> Report:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReportReadError(_too_big(p.name, size))
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReportReadError(f"找不到文件：{p}") from None
    except IsADirectoryError:
        raise ReportReadError(f"{p} 是文件夹，不是报告文件") from None
    except PermissionError:
        raise ReportReadError(f"没有读取权限：{p}") from None
    return read_bytes(data, p.name)


def read_bytes(data: bytes, filename: str = "") -> Report:
    """Parse a report file's bytes; raises ReportReadError with a Chinese message on bad input."""
    name = filename or "粘贴的文本"
    if len(data) > MAX_BYTES:
        raise ReportReadError(_too_big(name, len(data)))
    if not data.strip():
        raise ReportReadError(f"{name}：文件为空，没有可读取的内容。")
    if data.startswith(b"PK\x03\x04"):
        from .read_docx import docx_to_text

        return _parse(docx_to_text(data), name, "docx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        from .read_docx import docx_to_text
        from .read_legacy import legacy_to_docx

        return _parse(docx_to_text(legacy_to_docx(data, name)), name, "doc")
    if data.startswith(b"%PDF"):
        from .read_pdf import pdf_to_text

        pdf = pdf_to_text(data, name)
        report = _parse(pdf.text, name, "pdf")
        report.source["path"] = pdf.path
        return report
    if data[:8] in (b"\x89PNG\r\n\x1a\n",) or data[:3] == b"\xff\xd8\xff":
        raise ReportReadError(f"{name}：这是图片文件，暂不支持识别图片中的报告。")
    suffix = Path(filename).suffix.lower()
    if suffix in (".html", ".htm") or data[:512].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        from .read_html import html_to_text

        return _parse(html_to_text(data, name), name, "html")
    if filename and suffix not in _TEXT_SUFFIXES and suffix not in SUPPORTED_SUFFIXES:
        raise ReportReadError(f"{name}：不支持的文件类型“{suffix}”，请上传 {SUPPORTED_TEXT} 文件。")
    return _parse(decode(data, name), name, "text")


def decode(data: bytes, name: str = "文件") -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ReportReadError(
                f"{name}：无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030），可能不是文本文件。"
            )
    if _looks_binary(text):
        raise ReportReadError(f"{name}：文件内容不是文本（含有大量控制字符），可能是损坏的文件或二进制文件。")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(3, len(sample) // 200)


def _parse(text: str, name: str, fmt: str) -> Report:
    report = parse_text(text)
    has_tables = any(report.values.get(c) is not None for c in ALL_CELLS)
    headings = report.narrative.sections.keys() - {"preamble"}
    if not has_tables and report.narrative.title is None and len(headings) < 2:
        raise ReportReadError(
            f"{name}：未能识别为政府信息公开工作年度报告——没有找到报告标题、章节标题（如“一、总体情况”）或统计表格。"
        )
    report.source["format"] = fmt
    return report


def analyse(report: Report, previous: Report | None = None, *, infer: bool = False) -> Report:
    """Run the checker (after inference when asked) and store the findings on the report."""
    inferred = infer_cells(report) if infer else []
    report.findings = check(report, previous) + inferred
    return report


def _too_big(name: str, size: int) -> str:
    return (
        f"{name}：文件过大（{size / 1024 / 1024:.1f} MB），报告文件不能超过 {MAX_BYTES // 1024 // 1024} MB。"
    )
