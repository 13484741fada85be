"""Applicant identity data (条例第二十九条: 姓名或者名称、身份证明、联系方式), pure Python.

Check-digit validation of the two numbers with a national standard — 统一社会信用代码
(GB 32100-2015) and 居民身份证号码 (GB 11643-1999) — a length check for the other documents,
contact phones, and the masks used wherever a number is shown to someone who does not need it.
Every validator returns the normalised value or raises ``IdentityError`` with a Chinese message
that says what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I O S V Z
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"  # indexed by the weighted sum mod 11

_CHINA = ZoneInfo("Asia/Shanghai")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Area code (010 and 02x have three digits, the others four), a 7–8 digit local number not
# starting with 0 or 1, an optional extension.
_FIXED_LINE = re.compile(
    r"\(?(0(?:10|2[0-9]|[3-9][0-9]{2}))\)?-?([2-9][0-9]{6,7})(?:(?:-|转|ext\.?)([0-9]{1,6}))?", re.I
)


class IdentityError(ValueError):
    """An identity number or contact detail was refused; the message is Chinese."""


def validate_credit_code(code: str) -> str:
    """A 统一社会信用代码, upper-cased and without spaces, or IdentityError saying what is wrong."""
    value = _clean(code).upper()
    if len(value) != 18:
        raise IdentityError(f"统一社会信用代码应为18位，当前为{len(value)}位")
    for position, char in enumerate(value, start=1):
        if char not in CREDIT_CODE_CHARSET:
            raise IdentityError(f"统一社会信用代码第{position}位“{char}”不是合法字符（不使用I、O、S、V、Z）")
    expected = credit_code_check_char(value[:17])
    if value[17] != expected:
        raise IdentityError(f"统一社会信用代码校验位错误：第18位应为“{expected}”，实为“{value[17]}”")
    return value


def credit_code_check_char(body: str) -> str:
    """The 18th character for the first 17 of a 统一社会信用代码 (GB 32100-2015 §5)."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_resident_id(number: str) -> str:
    """An 18-digit 居民身份证号码 (final x upper-cased), or IdentityError saying what is wrong."""
    value = _clean(number).upper()
    if len(value) == 15 and value.isdigit():
        raise IdentityError("15位居民身份证号码已停止使用，请填写18位号码")
    if len(value) != 18:
        raise IdentityError(f"居民身份证号码应为18位，当前为{len(value)}位")
    for position, char in enumerate(value[:17], start=1):
        if not char.isascii() or not char.isdigit():
            raise IdentityError(f"居民身份证号码第{position}位“{char}”应为数字")
    if value[17] not in "0123456789X":
        raise IdentityError(f"居民身份证号码第18位“{value[17]}”应为数字或X")
    birth = value[6:14]
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        raise IdentityError(f"居民身份证号码中的出生日期“{birth}”不是有效日期") from None
    if born < date(1900, 1, 1) or born > datetime.now(_CHINA).date():
        raise IdentityError(f"居民身份证号码中的出生日期“{birth}”不在合理范围内")
    expected = resident_id_check_char(value[:17])
    if value[17] != expected:
        raise IdentityError(f"居民身份证号码校验位错误：第18位应为“{expected}”，实为“{value[17]}”")
    return value


def resident_id_check_char(body: str) -> str:
    """The 18th character for the first 17 digits of a 居民身份证号码 (GB 11643-1999 ISO 7064 MOD 11-2)."""
    total = sum(int(c) * w for c, w in zip(body, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


class IdType(NamedTuple):
    """One kind of 身份证明 an applicant may give."""

    key: str
    label: str
    validate: Callable[[str], str]


def _free_text(label: str, shortest: int, longest: int) -> Callable[[str], str]:
    """Documents without a public check algorithm: accepted as typed, within a plausible length."""

    def validate(number: str) -> str:
        value = _clean(number).upper()
        if not shortest <= len(value) <= longest:
            raise IdentityError(f"{label}号码应为{shortest}至{longest}位，当前为{len(value)}位")
        return value

    return validate


ID_TYPES: tuple[IdType, ...] = (
    IdType("resident_id", "居民身份证", validate_resident_id),
    IdType("credit_code", "统一社会信用代码", validate_credit_code),
    IdType("passport", "护照", _free_text("护照", 5, 20)),
    IdType("hk_macao_permit", "港澳居民来往内地通行证", _free_text("港澳居民来往内地通行证", 8, 20)),
    IdType("taiwan_permit", "台湾居民来往大陆通行证", _free_text("台湾居民来往大陆通行证", 8, 20)),
    IdType("foreign_permanent_id", "外国人永久居留身份证", _free_text("外国人永久居留身份证", 15, 18)),
    IdType("other", "其他", _free_text("证件", 2, 50)),
)
ID_TYPES_BY_KEY: dict[str, IdType] = {t.key: t for t in ID_TYPES}


def validate_identity(id_type: str, number: str) -> str:
    """The normalised number of a document of the given ``ID_TYPES`` key."""
    kind = ID_TYPES_BY_KEY.get(id_type)
    if kind is None:
        raise IdentityError(f"未知的证件类型：{id_type}")
    return kind.validate(number)


def validate_mobile(number: str) -> str:
    """An 11-digit mainland mobile number (spaces, hyphens and a +86 prefix dropped)."""
    value = _clean(_strip_country_code(_fold(number)))
    if not _MOBILE.fullmatch(value):
        raise IdentityError("手机号码应为11位数字，以13至19开头")
    return value


def validate_phone(number: str) -> str:
    """A contact phone: a mobile number, or a fixed line with its area code, as 0531-88886666[-123]."""
    folded = _strip_country_code(_fold(number))
    if _MOBILE.fullmatch(_clean(folded)):
        return _clean(folded)
    match = _FIXED_LINE.fullmatch(folded)
    if match:
        area, local, extension = match.groups()
        return f"{area}-{local}" + (f"-{extension}" if extension else "")
    raise IdentityError("联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0531-88886666）")


def mask_id(number: str) -> str:
    """3701**********1234: the first and last four characters of an 18-character number kept;
    shorter numbers keep a quarter of their length at each end."""
    value = _clean(number)
    keep = min(4, len(value) // 4)
    if keep == 0:
        return "*" * len(value)
    return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]


def mask_phone(number: str) -> str:
    """139****5678 for a mobile; a fixed line keeps its area code and last four digits."""
    folded = _strip_country_code(_fold(number))
    if _MOBILE.fullmatch(_clean(folded)):
        value = _clean(folded)
        return value[:3] + "****" + value[-4:]
    match = _FIXED_LINE.fullmatch(folded)
    if match:
        area, local, _extension = match.groups()
        return f"{area}-" + "*" * (len(local) - 4) + local[-4:]
    return mask_id(folded)


def mask_name(name: str) -> str:
    """张** for 张三丰, 张* for 张三: the first character and one mark per hidden character."""
    value = name.strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def _fold(text: str) -> str:
    """Full-width forms folded to ASCII, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _clean(text: str) -> str:
    """Folded, and hyphens removed too (people type 3701-0219…)."""
    return _fold(text).replace("-", "")


def _strip_country_code(value: str) -> str:
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value
