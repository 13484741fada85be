"""Bytes as text: the encodings report files come in (read.py for text files, read_html.py for pages)."""

from __future__ import annotations

import re

from .errors import ReportReadError


def decode(data: bytes, name: str = "文件") -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one told by its zero bytes), else
    GB18030 (a superset of GBK and GB2312)."""
    utf16 = _utf16_without_bom(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif utf16 is not None:
        text = utf16
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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: the digits, tabs and line ends of a report put a zero byte on
    the same side of most of their code units (odd bytes for little-endian, even for big-endian)."""
    sample = data[:4000]
    if len(data) % 2 or len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > len(sample) // 16 and other * 4 < zeros:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    controls = len(_CONTROLS.findall(sample))  # in C: a Python loop over 20,000 characters cost ~0.5 ms
    return controls > max(3, len(sample) // 200)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
