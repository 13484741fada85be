"""Bytes as text: the encodings report files come in (read.py for text files, read_html.py for pages)."""

from __future__ import annotations

import re

from .errors import ReportReadError


def decode(data: bytes, name: str = "文件") -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one told by its zero bytes), else
    GB18030 (a superset of GBK and GB2312)."""
    single = False  # each control character of the text is one byte of ``data``
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text = utf16
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                single = True  # neither encoding has a byte below 0x30 inside a multi-byte character
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ReportReadError(
                f"{name}：无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030），可能不是文本文件。"
            )
    if _looks_binary(text, data if single else None):
        raise ReportReadError(f"{name}：文件内容不是文本（含有大量控制字符），可能是损坏的文件或二进制文件。")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: the digits, tabs and line ends of a report put a zero byte on
    the same side of most of their code units (odd bytes for little-endian, even for big-endian)."""
    sample = data[:4000]
    if len(data) % 2 or len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > len(sample) // 16 and other * 4 < zeros:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


_SAMPLE = 20000  # characters looked at


def _looks_binary(text: str, data: bytes | None = None) -> bool:
    """Many control characters in the text's first ``_SAMPLE`` characters. ``data``: the bytes of
    a text decoded so that each control character is one byte; when the text is the whole sample,
    its control characters are counted there (bytes.translate: ~1 µs where a regular expression
    over the characters took ~12 µs; a Python loop ~0.5 ms)."""
    if data is not None and len(text) <= _SAMPLE:
        if b"\x00" in data:
            return True
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
        return controls > max(3, len(text) // 200)
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    controls = len(_CONTROLS.findall(sample))
    return controls > max(3, len(sample) // 200)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
