"""Text normalisation shared by the parsers: full-width forms, spaces inside words, ordinals, noise."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Full-width ASCII (！ … ～) to half-width, ideographic space to space; other CJK punctuation kept.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
_FOLD |= {ord("．"): ord("."), ord("、"): ord("、")}

_NOISE = re.compile(r"\[bookmark:[^\]]*\]")
_WS = re.compile(r"\s+")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|[0-9]{1,2}[、.](?![0-9])|\([0-9]{1,2}\))+"
)
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_PAREN_NOTE = re.compile(r"\([^()]*\)$")


_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII; non-breaking and ideographic spaces to spaces."""
    # str.translate with a dict is slow on CJK text (a failed lookup per character): translate
    # only the strings that hold a full-width character.
    return text.translate(_FOLD) if _FULL_WIDTH.search(text) else text


def strip_noise(text: str) -> str:
    """Remove Word-extraction bookmarks ([bookmark: _Hlk…])."""
    return _NOISE.sub("", text) if "[bookmark:" in text else text


def squash(text: str) -> str:
    """Fold and remove every whitespace: "自然 人" and "自然人" compare equal."""
    return _WS.sub("", fold(text))


def compact(text: str) -> str:
    """Remove every whitespace (ideographic and non-breaking spaces too), keep the characters as they are.

    Ten times faster than ``squash`` on long text; the narrative patterns accept both full- and
    half-width punctuation, and Python's ``\\d`` and ``int`` read full-width digits.
    """
    return "".join(text.split())


@lru_cache(maxsize=8192)
def split_ordinal(text: str) -> tuple[str, str]:
    """("（三）", "不予公开") from "(三) 不予公开"; the ordinal is folded and squashed."""
    s = squash(text)
    m = _ORDINAL.match(s)
    if not m:
        return "", s
    return m.group(0), s[m.end() :]


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The matching key of a label: folded, without spaces, ordinal, quotes or trailing colon."""
    core = split_ordinal(text)[1].translate(_QUOTES)
    return core.rstrip(":：。")


def flat_key(text: str) -> str:
    """Text as the label index compares it, ordinals kept: folded, no spaces, no quotes."""
    return squash(text).translate(_QUOTES)


def label_keys(label: str) -> set[str]:
    """Keys under which a layout label is recognised: as printed, and without a trailing note."""
    key = label_key(label)
    keys = {key}
    stripped = _PAREN_NOTE.sub("", key)
    if stripped:
        keys.add(stripped)
    return keys


_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")
_NUMBER_CHARS = re.compile(r"^[\s\d０-９,，.．+\-－]+$")
NULL_MARKS = frozenset({"/", "-", "—", "——", "–", "无", "空", "－", "／", "\\", "×"})


def parse_number(token: str) -> int | Decimal | None:
    """A numeric table token ("1,234", "０", "0.35") as int or Decimal, else None."""
    if token.isascii():
        if token.isdigit():
            return int(token)
        s = "".join(token.split())
    elif _NUMBER_CHARS.match(token):
        s = squash(token)
    else:
        return None  # a label that starts with its ordinal ("1.属于国家秘密")
    if not _NUMBER.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return None


_WITH_UNIT = re.compile(r"^(.+?)\s*[（(]?(?:单位[:：])?(亿元|万元|元|件|条|个|项|次)[）)]?$")
_TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


def parse_number_with_unit(token: str) -> int | Decimal | None:
    """A number written with its unit ("6件", "251000元", "25.1万元"), money in 万元 — the unit of
    every amount column of the tables — else None."""
    m = _WITH_UNIT.match(token)
    if not m:
        return None
    number = parse_number(m.group(1))
    if number is None:
        return None
    unit = m.group(2)
    if unit in _TO_WAN:
        wan = Decimal(number) * _TO_WAN[unit]
        return wan.quantize(Decimal(1)) if wan == wan.to_integral_value() else wan.normalize()
    return number if isinstance(number, int) or number != number.to_integral_value() else int(number)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


# A regex capturing group for a count written as ``cn_int`` reads it, for the patterns that take
# counts out of prose ("申请共十二件").
CN_INT_GROUP = r"(\d+|[零〇一二两三四五六七八九十百千]+)"


def cn_int(text: str) -> int | None:
    """An integer written in arabic or simple Chinese numerals ("12", "十二", "两", "一百零五")."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current
