"""Reading the holiday lines of a 国务院办公厅 《关于XXXX年部分节假日安排的通知》.

Each holiday is one line of the notice, in a fixed style::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    三、清明节：4月4日（周六）至6日（周一）放假，共3天。
    一、元旦：1月1日（周三）放假1天，不调休。
    一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。

The rest days are the range before 放假; the sentence ending in 上班 lists the weekend make-up
workdays (调休上班). Notes in brackets (weekday, lunar date) are ignored; 共N天 is checked against
the range. Lines without dates (title, addressees, the closing paragraph) are skipped. A date of
another year (the 元旦 break may start on 31 December) is left out with a note: that year's own
arrangement decides it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from gongkai.workdays.rules.dates import WEEKDAYS, cn_date

MAKEUP_NAME = "调休上班"


class NoticeDay(NamedTuple):
    """One date fixed by the notice: a rest day of a holiday, or a weekend make-up workday."""

    on: date
    is_workday: bool
    name: str

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.on.weekday()]


@dataclass(frozen=True)
class NoticeHoliday:
    """One line of the notice as read: the holiday, its rest days and its make-up workdays."""

    name: str
    rest: tuple[date, ...]
    makeup: tuple[date, ...]
    stated_days: int | None  # the 共N天 / 放假N天 of the line

    def summary(self) -> str:
        text = f"{self.name}：{_span(self.rest)}放假，共{len(self.rest)}天"
        if self.makeup:
            text += "；" + "、".join(_month_day(d) for d in self.makeup) + "上班"
        return text


@dataclass
class ParsedNotice:
    year: int
    holidays: list[NoticeHoliday] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def days(self) -> list[NoticeDay]:
        """Every date of the year the notice fixes, in date order."""
        found: list[NoticeDay] = []
        for holiday in self.holidays:
            found += [NoticeDay(d, False, holiday.name) for d in holiday.rest if d.year == self.year]
            found += [NoticeDay(d, True, MAKEUP_NAME) for d in holiday.makeup if d.year == self.year]
        return sorted(found)


_BRACKETS = re.compile(r"\([^()]*\)")
_WEEKDAY_NOTE = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.]\s*")
_HEADED = re.compile(r"^(?P<name>[^:,\d]{1,20}):(?P<rest>.*)$")
_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\[(?P<w>\d)\])?")
_ANY_DATE = re.compile(r"\d{1,2}月\d{1,2}日")
_STATED = re.compile(r"(?:共|放假)(\d{1,2})天")
_YEAR_IN_TITLE = re.compile(r"关于\s*(\d{4})\s*年部分节假日安排")
_NOTICE_NUMBER = re.compile(r"国办发明电〔\d{4}〕\d+号")


def parse_notice(text: str, year: int) -> ParsedNotice:
    """The holidays of ``year`` in the pasted text, with an error for each line that does not add up."""
    parsed = ParsedNotice(year)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _BRACKETS.sub(_keep_weekday, unicodedata.normalize("NFKC", raw)).strip()
        line = _NUMBERING.sub("", line).replace(" ", "")
        if not _ANY_DATE.search(line):
            continue
        headed = _HEADED.match(line)
        if headed is None or "放假" not in line:
            if "放假" in line or "上班" in line:
                parsed.errors.append(f"第{number}行无法识别：{raw.strip()}")
            continue
        try:
            holiday = _read_holiday(headed["name"].strip(), headed["rest"], year)
        except ValueError as e:
            parsed.errors.append(f"第{number}行{e}：{raw.strip()}")
            continue
        parsed.holidays.append(holiday)
        if holiday.stated_days is not None and holiday.stated_days != len(holiday.rest):
            parsed.errors.append(
                f"第{number}行写明共{holiday.stated_days}天，但{_span(holiday.rest)}是{len(holiday.rest)}天，请核对"
            )
        for d in (*holiday.rest, *holiday.makeup):
            if d.year != year:
                parsed.notes.append(
                    f"{cn_date(d)}（{holiday.name}）不属于{year}年，未录入；该日以{d.year}年的安排为准"
                )
    if not parsed.holidays and not parsed.errors:
        parsed.errors.append("没有找到放假安排。请粘贴通知中“元旦：1月1日至3日放假调休，共3天。”这样的各行")
    return parsed


def detect_year(text: str) -> int | None:
    """The year in the notice's title (关于2027年部分节假日安排的通知), if it was pasted."""
    found = _YEAR_IN_TITLE.search(unicodedata.normalize("NFKC", text))
    return int(found[1]) if found else None


def detect_notice_number(text: str) -> str:
    """The notice's document number (国办发明电〔2026〕7号), if it was pasted."""
    found = _NOTICE_NUMBER.search(text)
    return found[0] if found else ""


def _read_holiday(name: str, rest: str, year: int) -> NoticeHoliday:
    sentences = [s for s in re.split(r"[。;]", rest) if s]
    off = next((s for s in sentences if "放假" in s), "")
    range_text = off.split("放假", 1)[0]
    dates = _dates(range_text, year)
    if not dates or len(dates) > 2:
        raise ValueError("没有找到放假的起止日期")
    first, last = dates[0], dates[-1]
    if last < first:
        raise ValueError("放假的结束日期早于开始日期")
    if (last - first).days > 31:
        raise ValueError("放假时间超过一个月，请核对日期")
    rest_days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    stated = _STATED.search(off)
    makeup: list[date] = []
    for sentence in sentences:
        if sentence.endswith("上班"):
            makeup += _dates(sentence, year)
    return NoticeHoliday(name, rest_days, tuple(makeup), int(stated[1]) if stated else None)


def _keep_weekday(note: re.Match[str]) -> str:
    """A bracketed note goes, but the weekday in it stays as ``[n]`` to check the date against."""
    weekday = _WEEKDAY_NOTE.search(note[0])
    return f"[{_WEEKDAY_NUMBERS[weekday[1]]}]" if weekday else ""


def _dates(text: str, year: int) -> list[date]:
    """Every date in the text; a date without month or year takes those of the date before it."""
    found: list[date] = []
    current_year, month = year, None
    for m in _DATE.finditer(text):
        if m["y"]:
            current_year = int(m["y"])
        if m["m"]:
            month = int(m["m"])
        if month is None:
            raise ValueError("日期缺少月份")
        try:
            day = date(current_year, month, int(m["d"]))
        except ValueError:
            raise ValueError(f"日期不存在（{current_year}年{month}月{m['d']}日）") from None
        if found and day < found[-1] and not m["y"]:
            # 12月31日至1月2日: the range runs into the next year
            current_year += 1
            day = date(current_year, month, int(m["d"]))
        if m["w"] is not None and day.weekday() != int(m["w"]):
            stated, actual = WEEKDAYS[int(m["w"])], WEEKDAYS[day.weekday()]
            raise ValueError(
                f"的{day.month}月{day.day}日写明是{stated}，而{cn_date(day)}是{actual}，请核对年份"
            )
        found.append(day)
    return found


def _month_day(d: date) -> str:
    """1月4日（周日）, the weekday the way the notice writes it."""
    return cn_date(d, with_weekday=True).split("年", 1)[1]


def _span(days: tuple[date, ...]) -> str:
    first, last = days[0], days[-1]
    if first == last:
        return f"{first.month}月{first.day}日"
    if first.year != last.year:
        return f"{cn_date(first)}至{cn_date(last)}"
    return f"{first.month}月{first.day}日至{last.month}月{last.day}日"
