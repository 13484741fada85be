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
        raise ReportReadError(
            f"{name}：这是旧版 Word（.doc/.wps）文件，请在 Word 或 WPS 中另存为 .docx 后再上传。"
        )
    if data.startswith(b"%PDF"):
        raise ReportReadError(f"{name}：暂不支持 PDF 文件，请上传 .docx、.txt 或 .md 文件，或粘贴报告全文。")
    if data[:8] in (b"\x89PNG\r\n\x1a\n",) or data[:3] == b"\xff\xd8\xff":
        raise ReportReadError(f"{name}：这是图片文件，暂不支持识别图片中的报告。")
    suffix = Path(filename).suffix.lower()
    if filename and suffix not in _TEXT_SUFFIXES and suffix != ".docx":
        raise ReportReadError(f"{name}：不支持的文件类型“{suffix}”，请上传 .txt、.md 或 .docx 文件。")
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
