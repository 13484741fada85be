"""Pre-publication check (发布前检查), pure functions: personal data and sensitive words in a text.

Finds 18-digit 居民身份证号码 whose check digit is right (GB 11643-1999), mobile numbers, bank card
numbers (13–19 digits passing the Luhn check) and the body's sensitive words. Each hit carries its
position in the text and a snippet around it, so a reviewer can find and fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from gongkai.requests.rules.identity import IdentityError, validate_resident_id

ID_NUMBER = "id_number"
MOBILE = "mobile"
BANK_CARD = "bank_card"
SENSITIVE_WORD = "sensitive_word"

KIND_LABELS: dict[str, str] = {
    ID_NUMBER: "身份证号码",
    MOBILE: "手机号码",
    BANK_CARD: "银行卡号",
    SENSITIVE_WORD: "敏感词",
}

_ID_CANDIDATE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]{13,19}(?![0-9])")
_SNIPPET_CHARS = 12


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int  # offset in the text, 0-based
    end: int
    value: str
    snippet: str
    where: str = ""  # 标题, 正文 … when a caller screens several texts

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def masked(self) -> str:
        """The value with its middle hidden, for messages and the event log."""
        if self.kind == SENSITIVE_WORD or len(self.value) <= 7:
            return self.value
        return f"{self.value[:3]}{'*' * (len(self.value) - 7)}{self.value[-4:]}"

    def describe(self) -> str:
        return f"{self.where}第{self.start + 1}字处{self.label}“{self.masked}”"


def is_resident_id(number: str) -> bool:
    try:
        validate_resident_id(number)
    except IdentityError:
        return False
    return True


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers."""
    if not digits.isdigit():
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def screen(text: str, words: Iterable[str] = ()) -> list[Hit]:
    """Every hit in the text, in order of position. A number taken as an ID is not also a card."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for m in _ID_CANDIDATE.finditer(text):
        if is_resident_id(m.group()):
            hits.append(_hit(text, ID_NUMBER, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _MOBILE.finditer(text):
        hits.append(_hit(text, MOBILE, m.start(), m.end()))
    for m in _DIGIT_RUN.finditer(text):
        if (m.start(), m.end()) not in taken and luhn_ok(m.group()):
            hits.append(_hit(text, BANK_CARD, m.start(), m.end()))
    lowered = text.lower()
    for word in {w.strip() for w in words if w.strip()}:
        start = lowered.find(word.lower())
        while start != -1:
            hits.append(_hit(text, SENSITIVE_WORD, start, start + len(word)))
            start = lowered.find(word.lower(), start + len(word))
    return sorted(hits, key=lambda h: (h.start, h.kind))


def screen_fields(fields: dict[str, str], words: Iterable[str] = ()) -> list[Hit]:
    """Screen several texts (标题, 正文 …); each hit says which one it is in."""
    words = list(words)
    return [replace(h, where=where) for where, text in fields.items() for h in screen(text, words)]


def describe_hits(hits: Iterable[Hit]) -> str:
    return "；".join(h.describe() for h in hits)


def _hit(text: str, kind: str, start: int, end: int) -> Hit:
    before = text[max(0, start - _SNIPPET_CHARS) : start]
    after = text[end : end + _SNIPPET_CHARS]
    return Hit(kind, start, end, text[start:end], f"…{before}【{text[start:end]}】{after}…")
