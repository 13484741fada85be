"""Dates as people type them: 2025-09-26, 2025/9/26, 2025.9.26 or 2025年9月26日."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

BAD_DATE = "日期“{}”无法识别，请写成 2025-09-26 或 2025年9月26日"


def parse_date(text: str) -> date:
    """The date written in ``text``; ValueError with a message in Chinese otherwise."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    for form in _FORMS:
        if found := form.match(cleaned):
            year, month, day = (int(part) for part in found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueError(f"日期“{text.strip()}”不存在") from None
    raise ValueError(BAD_DATE.format(text.strip()))


def cn_date(d: date, *, with_weekday: bool = False) -> str:
    """2025年9月26日, or 2025年9月26日（周五）."""
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if with_weekday else text
