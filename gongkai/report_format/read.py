"""Reading a file a user hands in: size, type and encoding checks, then the right parser."""

from __future__ import annotations

from pathlib import Path

from .check import check
from .columns import place_by_columns
from .decode import decode
from .errors import ReportReadError
from .formats import adjust_findings, parse_report
from .infer import infer as infer_cells
from .layout import ALL_CELLS
from .model import Report

MAX_BYTES = 20 * 1024 * 1024
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
# Every file type a user may hand in, for upload forms and messages (one definition).
SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".md",
    ".docx",
    ".doc",
    ".wps",
    ".pdf",
    ".html",
    ".htm",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)
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
    suffix = _suffix(filename).lower()
    if filename and suffix not in _TEXT_SUFFIXES and suffix not in SUPPORTED_SUFFIXES:
        raise ReportReadError(f"{name}：不支持的文件类型“{suffix}”，请上传 {SUPPORTED_TEXT} 文件。")
    if data.startswith(b"PK\x03\x04"):
        from .read_docx import docx_to_text

        try:
            text = docx_to_text(data)
        except ReportReadError as exc:  # its messages do not name the file
            raise ReportReadError(f"{name}：{exc.message}") from None
        return _with_pictures(_parse_or_error(text, name, "docx"), data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        from .read_docx import docx_to_text
        from .read_legacy import legacy_to_docx

        return _parse(docx_to_text(legacy_to_docx(data, name)), name, "doc")
    if data.startswith(b"%PDF"):
        from .read_pdf import NO_TEXT_LAYER, pdf_to_text

        try:
            pdf = pdf_to_text(data, name)
        except ReportReadError as exc:
            if NO_TEXT_LAYER not in exc.message:
                raise
            return _read_scan(data, name, "pdf")
        text, confidences = pdf.text, pdf.confidences
        placed: list[str] = []
        if pdf.tokens is not None:
            tokens, placed = place_by_columns(pdf.tokens)
            if placed:  # rows rewritten with their blank cells: the text and confidences change with them
                text, confidences = tokens.to_text(), tokens.confidences()
        report = _parse(text, name, "pdf")
        if pdf.ocr_pages:  # scanned pages among text pages: read by OCR where they stand
            from .read_image import OcrText, attach_confidence

            attach_confidence(report, OcrText(text, confidences, pdf.pages))
            report.source["ocr_pages"] = pdf.ocr_pages
        _note_placed(report, placed)
        report.source["path"] = pdf.path
        if pdf.ocr_pages or not pdf.vector_paths:  # pdfplumber would find no table (read_pdf_tables.py)
            return report
        return _slow_path_if_undecided(report, text, data, name)
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] in _TIFF:
        return _read_scan(data, name, "image")
    if suffix in (".html", ".htm") or data[:512].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        from .read_html import html_to_text

        return _parse(html_to_text(data, name), name, "html")
    if suffix in _BINARY_SUFFIXES:
        raise ReportReadError(f"{name}：扩展名是“{suffix}”，但文件内容不是这种格式，可能已损坏或改过扩展名。")
    return _parse(decode(data, name), name, "text")


# ---- pictures and scans (read_image.py: OCR) ----
_TIFF = (b"II*\x00", b"MM\x00*")
# Formats told by their first bytes: a file named so that does not start with them is not one.
_BINARY_SUFFIXES = {".docx", ".doc", ".wps", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _read_scan(data: bytes, name: str, fmt: str) -> Report:
    from .read_image import OcrText, attach_confidence, image_to_text, pdf_scan_to_text

    ocr = pdf_scan_to_text(data, name) if fmt == "pdf" else image_to_text(data, name)
    placed: list[str] = []
    if ocr.tokens is not None:
        tokens, placed = place_by_columns(ocr.tokens)
        ocr = OcrText(tokens.to_text(), tokens.confidences(), ocr.pages, tokens)
    try:
        report = _parse(ocr.text, name, fmt)
    except ReportReadError:
        what = "该 PDF 没有文字层（可能是扫描件）" if fmt == "pdf" else "这是图片文件"
        raise ReportReadError(
            f"{name}：{what}，文字识别也未能从中读出年度报告的标题、章节或统计表格。"
        ) from None
    attach_confidence(report, ocr)
    report.source["ocr_pages"] = list(range(1, ocr.pages + 1))
    _note_placed(report, placed)
    return report


# ---- positions (columns.py): numbers of a borderless table placed under their columns


def _note_placed(report: Report, rows: list[str]) -> None:
    """Name in ``report.source`` the rows of table 三 whose cells the positions placed."""
    if rows:
        report.source["placed_by_position"] = rows


def _parse_or_error(text: str, name: str, fmt: str) -> Report | ReportReadError:
    try:
        return _parse(text, name, fmt)
    except ReportReadError as exc:
        return exc


def _with_pictures(report: Report | ReportReadError, data: bytes, name: str) -> Report:
    """A .docx whose tables are not text: read its pictures by OCR where they stand."""
    if isinstance(report, Report) and all(v == "text" for v in report.source["tables"].values()):
        return report
    from .read_docx import docx_to_text
    from .read_image import attach_confidence, docx_pictures_to_text

    ocr = docx_pictures_to_text(data, docx_to_text)
    if ocr is None:
        if isinstance(report, ReportReadError):
            raise report
        return report
    with_pictures = _parse(ocr.text, name, "docx")
    attach_confidence(with_pictures, ocr)
    return with_pictures


def _parse(text: str, name: str, fmt: str) -> Report:
    report = parse_report(text)  # in its format: 2021, 2019 trial or pre-2019 (formats.py)
    has_tables = any(report.values.get(c) is not None for c in ALL_CELLS)
    headings = report.narrative.sections.keys() - {"preamble"}
    if not has_tables and report.narrative.title is None and len(headings) < 2:
        raise ReportReadError(
            f"{name}：未能识别为政府信息公开工作年度报告——没有找到报告标题、章节标题（如“一、总体情况”）或统计表格。"
        )
    report.source["format"] = fmt
    return report


def _slow_path_if_undecided(report: Report, text: str, data: bytes, name: str) -> Report:
    """pdfplumber's table finder where the fast path left a table unread; kept when it reads more."""
    from .read_pdf_tables import PATH, pdf_tables_text, undecided, unread

    if not undecided(report, text):
        return report
    try:
        slow = _parse(pdf_tables_text(data), name, "pdf")
    except Exception:  # a second opinion only: whatever stops it, the fast path's report stands
        return report
    if unread(slow) >= unread(report):
        report.source["slow_path_tried"] = PATH
        return report
    slow.source["path"] = PATH
    return slow


def analyse(report: Report, previous: Report | None = None, *, infer: bool = False) -> Report:
    """Run the checker (after inference when asked) and store the findings on the report."""
    inferred = infer_cells(report) if infer else []
    report.findings = adjust_findings(report, check(report, previous) + inferred)
    if "ocr" in report.source:
        from .read_image import ocr_suspects

        report.findings += ocr_suspects(report)
    return report


def _suffix(filename: str) -> str:
    """``Path(filename).suffix`` without building a Path (a few µs a file) when the name has no
    folder in it: the part from its last dot, unless the dot starts or ends the name."""
    if "/" in filename:
        return Path(filename).suffix
    dot = filename.rfind(".")
    return filename[dot:] if 0 < dot < len(filename) - 1 else ""


def _too_big(name: str, size: int) -> str:
    return (
        f"{name}：文件过大（{size / 1024 / 1024:.1f} MB），报告文件不能超过 {MAX_BYTES // 1024 // 1024} MB。"
    )
