"""索引号: a body's numbering rule, e.g. ``{code}/{year}-{seq:05d}`` → ``11010501/2025-00042``."""

from __future__ import annotations

import string


class IndexRuleError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ALLOWED_FIELDS = frozenset({"code", "year", "seq"})
_SAMPLE = {"code": "X", "year": 2000, "seq": 1}


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that names an unknown placeholder, has a bad format for one, or has no {seq}.

    Every message names the placeholder at fault.
    """
    if not pattern.strip():
        raise IndexRuleError("请填写索引号格式")
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        raise IndexRuleError(
            f"索引号格式“{pattern}”中的花括号不成对：占位符写成 {{code}} 这样，普通文字中不要单独使用“{{”或“}}”"
        ) from None
    fields = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name not in ALLOWED_FIELDS:
            raise IndexRuleError(
                f"索引号格式中的占位符{shown}无法识别，只能使用 {{code}}（机构编码）、{{year}}（年份）、{{seq}}（流水号）"
            )
        if conversion:
            raise IndexRuleError(f"索引号格式中的占位符{shown}不能带“!{conversion}”")
        try:
            format(_SAMPLE[name], spec or "")
        except ValueError:
            raise IndexRuleError(
                f"索引号格式中的占位符{shown}的格式“{spec}”无效（流水号补零可写 {{seq:05d}}）"
            ) from None
        fields.append(name)
    if "seq" not in fields:
        raise IndexRuleError("索引号格式必须包含流水号 {seq}，否则同一年的索引号会重复")
    format_index(pattern, **_SAMPLE)  # type: ignore[arg-type]


def format_index(pattern: str, *, code: str, year: int, seq: int) -> str:
    try:
        for _, field, _, _ in string.Formatter().parse(pattern):
            if field is not None and field not in ("code", "year", "seq"):  # {code.upper}, {0} …
                raise KeyError(field)
        return pattern.format(code=code, year=year, seq=seq)
    except KeyError as e:
        raise IndexRuleError(
            f"索引号格式“{pattern}”有误：不认识“{{{e.args[0]}}}”，只能使用 {{code}}、{{year}} 和 {{seq}}"
        ) from None
    except (ValueError, TypeError):  # Python's own words ("Single '}' encountered …") stay out
        raise IndexRuleError(
            f"索引号格式“{pattern}”有误：花括号不成对，或补零写法不对（应如 {{seq:05d}}）"
        ) from None
