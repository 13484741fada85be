"""Section headings of the report (一、总体情况 … 六、其他需要报告的事项) and splitting text by them."""

from __future__ import annotations

import re
from functools import lru_cache

from .layout import SECTIONS
from .normalize import fold

# Section headings: an ordinal (三、 or 3、) then words that only that heading has.
_SECTION_WORDS: dict[int, tuple[str, ...]] = {
    1: ("总体情况",),
    2: ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"),
    3: ("收到和处理政府信息公开申请", "处理政府信息公开申请情况"),
    4: ("行政复议",),
    5: ("存在的主要问题",),
    6: ("其他需要报告的事项", "其他事项"),
}
_CN_ORD = {s.ordinal: s.number for s in SECTIONS}
# Typos seen in real reports' headings.
_HEADING_TYPOS: dict[int, tuple[str, ...]] = {4: ("行政法复议",)}
_IN_TEXT = re.compile(
    r"([一二三四五六])[、.](?=.{0,14}?("
    + "|".join(
        sorted(
            {w for n, ws in _SECTION_WORDS.items() for w in ws + _HEADING_TYPOS.get(n, ())},
            key=len,
            reverse=True,
        )
    )
    + "))"
)
_FIRST = frozenset("一二三四五六123456１２３４５６")
_HEADING = re.compile(r"^\s*([一二三四五六123456])\s*[、.．]\s*(\S.{0,40}?)\s*$")


@lru_cache(maxsize=4096)
def section_number(line: str) -> int | None:
    """The section a heading line opens ("3、 收到和处理…" → 3), or None."""
    if line.lstrip()[:1] not in _FIRST:
        return None
    m = _HEADING.match(fold(line))
    if not m:
        return None
    ordinal, words = m.group(1), re.sub(r"\s+", "", m.group(2))
    number = _CN_ORD.get(ordinal) or int(ordinal)
    if any(w in words for w in _SECTION_WORDS[number]) and len(words) <= 30:
        return number
    return None


def headings_in_text(key: str) -> list[tuple[int, int, int]]:
    """Section headings inside text that lost its line breaks (``normalize.flat_key`` form):
    (section, start, end) in order; "三、本年度办理结果" is no heading, "三、收到和处理…" is."""
    out = []
    for m in _IN_TEXT.finditer(key):
        number = _CN_ORD[m.group(1)]
        word = m.group(2)
        if word in _SECTION_WORDS[number] or word in _HEADING_TYPOS.get(number, ()):
            out.append((number, m.start(), key.index(word, m.end()) + len(word)))
    return out


_TRAILING_HEADING = re.compile(r"^(.*[。；;！!])\s*([一二三四五六][、.．]\s*\S{2,30})\s*$")


def split_sections(lines: list[str]) -> dict[int, list[str]]:
    """Lines grouped by the section they stand in (0: before 一). A heading glued to the end of a
    paragraph ("…投诉、举报情况。二、主动公开政府信息情况") is split off first."""
    out: dict[int, list[str]] = {0: []}
    here, start = out[0], 0
    # Only these lines can hold a heading: the first character rules out most (table cells, prose),
    # and the lines between two headings are moved as one slice.
    for i in [i for i, line in enumerate(lines) if len(line) >= 60 or line.lstrip()[:1] in _FIRST]:
        line = lines[i]
        if len(line) < 60:
            if (n := section_number(line)) is None:
                continue
            here += lines[start:i]
        else:
            m = _TRAILING_HEADING.match(line)
            if m is None or (n := section_number(m.group(2))) is None:
                continue
            here += lines[start:i]
            here.append(m.group(1))
        start = i + 1
        here = out.setdefault(n, [])
    here += lines[start:]
    return out
