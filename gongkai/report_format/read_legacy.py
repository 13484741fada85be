"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice headless.

Each conversion runs ``soffice`` with a private, throw-away user profile (two conversions at
once would otherwise fight over the shared one) and a time limit, in a temporary directory.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReportReadError

TIMEOUT_SECONDS = 60
_SAVE_AS = "或在 Word/WPS 中另存为 .docx 后再导入"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def legacy_to_docx(data: bytes, name: str = "文件", *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The .docx that LibreOffice makes of a .doc/.wps file; ReportReadError when it cannot."""
    binary = soffice_path()
    if binary is None:
        raise ReportReadError(
            f"{name}：这是旧版 Word/WPS（.doc/.wps）文件，读取它需要 LibreOffice"
            f"（Debian/Ubuntu 软件包 libreoffice-writer），本机未安装；请安装后重试，{_SAVE_AS}。"
        )
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".doc", ".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="gongkai-legacy-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        outdir = Path(tmp) / "out"
        command = [
            binary,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(source),
        ]
        try:
            subprocess.run(
                command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise ReportReadError(
                f"{name}：转换旧版 Word 文件超时（{timeout:.0f} 秒），{_SAVE_AS}。"
            ) from None
        result = outdir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise ReportReadError(
                f"{name}：LibreOffice 无法转换这个 .doc/.wps 文件（文件可能已损坏），{_SAVE_AS}。"
            )
        return result.read_bytes()
