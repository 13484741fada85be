"""What an uploaded attachment really is, read from its first bytes, never from its name."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

DEFAULT_MAX_ATTACHMENT_MB = 20


class FileTypeError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_attachment_bytes() -> int:
    return (
        int(getattr(settings, "GONGKAI_DISCLOSURE_MAX_ATTACHMENT_MB", DEFAULT_MAX_ATTACHMENT_MB))
        * 1024
        * 1024
    )


def detect_kind(data: bytes) -> str | None:
    """pdf, docx, xlsx, png, jpg or gif by content; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def check_attachment(data: bytes, name: str) -> str:
    """The kind of an acceptable attachment, or FileTypeError with a Chinese message."""
    limit = max_attachment_bytes()
    if not data:
        raise FileTypeError(f"附件“{name}”是空文件")
    if len(data) > limit:
        raise FileTypeError(
            f"附件“{name}”大小为{len(data) / 1048576:.1f} MB，超过{limit // 1048576} MB的限制"
        )
    kind = detect_kind(data)
    if kind is None:
        raise FileTypeError(
            f"附件“{name}”不是可接受的文件类型：只接受 PDF、Word（docx）、Excel（xlsx）和图片（PNG、JPEG、GIF）"
        )
    return kind


def _office_kind(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None
