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


# The 条例 (国务院令第492号, 2007) took effect on 1 May 2008 (its 第三十八条; ogi-rules.md, the 条例 row of
# the abbreviations and §9 source 2): no step of disclosure work under it can be dated before.
REGULATIONS_IN_FORCE = date(2008, 5, 1)
# A date that may lie ahead (a 补正期限, a scheduled publication) is still a date of the work at hand.
FUTURE_YEARS = 5


def date_refusal(on: date, label: str, today: date, *, future: bool = False) -> str | None:
    """Why ``on`` cannot be the ``label`` of disclosure work (None when it can): before the 条例 took
    effect, in the future where only a past day makes sense (received, replied, delivered), or more
    than FUTURE_YEARS ahead where a future day is allowed (a deadline, a scheduled publication)."""
    if on < REGULATIONS_IN_FORCE:
        return f"{label}{cn_date(on)}早于《政府信息公开条例》施行之日（2008年5月1日），请核对。"
    if on > today and not future:
        return f"{label}{cn_date(on)}晚于今天，请核对。"
    if future and on.year > today.year + FUTURE_YEARS:
        return f"{label}{cn_date(on)}在{FUTURE_YEARS}年以后，请核对。"
    return None
