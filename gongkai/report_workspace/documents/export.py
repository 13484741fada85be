"""Exports of a compiled report: the core's renderers (.docx, .xlsx, HTML, JSON) and a PDF made from the
same .docx by LibreOffice headless, with a private profile directory and a time limit.

The .docx asks for 仿宋_GB2312 and 黑体, which a Linux server rarely has; LibreOffice then falls back
through fontconfig to an installed CJK font (Noto Serif/Sans CJK), which it embeds in the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from gongkai.report_format.model import Report
from gongkai.report_format.render import CONTENT_TYPES, RENDERERS, export_filename
from gongkai.report_workspace.models import AnnualReport

FORMAT_LABELS: dict[str, str] = {
    "docx": "Word",
    "pdf": "PDF",
    "xlsx": "Excel",
    "html": "网页",
    "json": "JSON",
}
PDF_CONTENT_TYPE = "application/pdf"
SOFFICE_TIMEOUT_S = 120


class ExportError(RuntimeError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# The fonts the .docx names and the installed fonts to print them with when they are missing
# (without this LibreOffice falls back to the Japanese variant of Noto, whose glyph forms differ).
PDF_FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("FangSong", "仿宋", "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "黑体": ("SimHei", "Noto Sans CJK SC", "Noto Serif CJK SC"),
}


def installed_fonts() -> set[str]:
    fc = shutil.which("fc-list")
    if fc is None:
        return set()
    out = subprocess.run([fc, ":", "family"], capture_output=True, text=True, timeout=30, check=False).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",")}


def with_print_fonts(docx: bytes, fonts: set[str] | None = None) -> bytes:
    """The .docx with each missing CJK font replaced by the first installed fallback (styles only)."""
    fonts = installed_fonts() if fonts is None else fonts
    swaps = {
        wanted: next((f for f in options if f in fonts), None)
        for wanted, options in PDF_FONT_FALLBACKS.items()
        if wanted not in fonts
    }
    swaps = {k: v for k, v in swaps.items() if v}
    if not swaps:
        return docx
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                text = data.decode("utf-8")
                for wanted, found in swaps.items():
                    text = text.replace(f'w:eastAsia="{wanted}"', f'w:eastAsia="{found}"')
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def docx_to_pdf(docx: bytes, *, timeout: int = SOFFICE_TIMEOUT_S) -> bytes:
    """Convert with ``soffice --headless --convert-to pdf`` in a throw-away directory and profile."""
    docx = with_print_fonts(docx)
    binary = soffice()
    if binary is None:
        raise ExportError("服务器未安装 LibreOffice，无法生成 PDF")
    with tempfile.TemporaryDirectory(prefix="gongkai-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ExportError(f"生成 PDF 超时（{timeout} 秒）") from None
        target = work / "report.pdf"
        if done.returncode != 0 or not target.exists():
            raise ExportError(f"生成 PDF 失败：{done.stderr.decode(errors='replace')[-300:]}")
        return target.read_bytes()


def printable(annual: AnnualReport) -> Report:
    """The report as published: without the findings, which are for the staff."""
    report = annual.report()
    report.findings = []
    report.published_on = annual.published_on
    return report


def render(annual: AnnualReport, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report in ``fmt``."""
    report = printable(annual) if fmt != "json" else annual.report()
    if fmt == "pdf":
        return (
            docx_to_pdf(RENDERERS["docx"](report)),
            PDF_CONTENT_TYPE,
            export_filename(report, "docx")[:-5] + ".pdf",
        )
    if fmt not in RENDERERS or fmt not in FORMAT_LABELS:
        raise ExportError(f"不支持的格式：{fmt}")
    return RENDERERS[fmt](report), CONTENT_TYPES[fmt], export_filename(report, fmt)
