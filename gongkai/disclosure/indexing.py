"""索引号: a body's numbering rule, e.g. ``{code}/{year}-{seq:05d}`` → ``11010501/2025-00042``."""

from __future__ import annotations

import string


class IndexRuleError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ALLOWED_FIELDS = frozenset({"code", "year", "seq"})


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that names an unknown field, cannot be formatted, or has no {seq}."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as e:
        raise IndexRuleError(f"索引号格式“{pattern}”有误：{e}") from None
    unknown = fields - ALLOWED_FIELDS
    if unknown:
        raise IndexRuleError(f"索引号格式中不能使用{'、'.join(sorted(unknown))}，只能使用 code、year、seq")
    if "seq" not in fields:
        raise IndexRuleError("索引号格式必须包含流水号 {seq}，否则同一年的索引号会重复")
    format_index(pattern, code="X", year=2000, seq=1)


def format_index(pattern: str, *, code: str, year: int, seq: int) -> str:
    try:
        return pattern.format(code=code, year=year, seq=seq)
    except (ValueError, KeyError, IndexError) as e:
        raise IndexRuleError(f"索引号格式“{pattern}”有误：{e}") from None
