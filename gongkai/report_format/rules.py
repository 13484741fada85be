"""The consistency rules (勾稽关系) as data: codes, severities and the linear equations over cells.

The checker evaluates these equations, the inference fills cells from them; both read only this
module, so a rule is defined once. Codes are stable: they are part of the public JSON contract.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Literal

from .layout import (
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
    Cell,
    Row,
    canonical,
    column_label,
)

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("T3_BALANCE", "error", "表三各列：第一项加第二项之和等于第三项加第四项之和"),
        Rule("T3_ROW_TOTAL", "error", "表三各行：“总计”列等于六类申请人之和"),
        Rule("T3_OUTCOME_SUM", "error", "表三各列：“（七）总计”等于各项办理结果之和"),
        Rule("T4_BLOCK_TOTAL", "error", "表四各组：“总计”等于结果维持、结果纠正、其他结果、尚未审结之和"),
        Rule("NONNEGATIVE", "error", "数量须为不小于0的整数，金额不小于0"),
        Rule("MISSING", "warning", "表格、行或单元格缺失或无法识别"),
        Rule("INFERRED", "info", "缺失数值由勾稽关系唯一推出"),
        Rule("CROSS_YEAR_CARRY", "error", "本年“上年结转”等于上年“结转下年度继续办理”"),
        Rule("CROSS_YEAR_IN_FORCE", "warning", "本年现行有效件数等于上年现行有效件数加本年制发减本年废止"),
        Rule("TEXT_VS_TABLE", "warning", "正文所述数字与表格不一致"),
        Rule("TEXT_SUM", "warning", "正文分项之和与所述总数不一致"),
        Rule("LATE", "warning", "年度报告晚于规定期限发布"),
        # Added for OCR (read_image.py): a cell read from a picture that breaks its row and its
        # column by the same amount is proposed a corrected value; the value itself is left as read.
        # Added for text whose table lost its cell boundaries (solve.py): digits run together.
        Rule("SPLIT_AMBIGUOUS", "warning", "数字连写，按勾稽关系仍有多种拆分，相关单元格未读取"),
        Rule("SPLIT_UNSETTLED", "warning", "数字连写，在限定的搜索范围内无法确定拆分，相关单元格未读取"),
        Rule("OCR_SUSPECT", "warning", "识别的数值可能有误：该单元格所在行与列的勾稽关系相差同一数值"),
    )
}


@dataclass(frozen=True)
class Equation:
    """sum(left) == sum(right); `scope` names the column, row or block it is about."""

    code: str
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]
    scope: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return self.left + self.right


Getter = Callable[[tuple[Any, ...]], tuple[Any, ...]]


def sides(eq: Equation, place: Mapping[Cell, int]) -> tuple[int, Getter, Getter]:
    """How to read ``eq`` from a tuple of values whose places ``place`` gives (the checker's and the
    parser's fetch of many cells in one call): the place of its left side when that is one cell,
    else -1; a getter of the tuple of its left side and one of its right side (sides of at least
    two cells; a one-cell left side is also given as such a getter)."""
    left = [place[c] for c in eq.left]
    right = [place[c] for c in eq.right]
    get_left = itemgetter(*left) if len(left) > 1 else itemgetter(slice(left[0], left[0] + 1))
    get_right = itemgetter(*right) if len(right) > 1 else itemgetter(slice(right[0], right[0] + 1))
    return (left[0] if len(left) == 1 else -1), get_left, get_right


def _t3(row: str, col: str) -> Cell:
    return canonical(Cell("table3", row, col))


def equations_for(rows: tuple[Row, ...] = TABLE3_ROWS) -> tuple[Equation, ...]:
    """The equations over a table 3 of these rows (layout_2019.py passes the trial format's rows,
    whose single （六）其他处理 row is one of the outcomes)."""
    outcome_rows = tuple(r for r in rows if r.group and r.key != "total")
    eqs: list[Equation] = []
    for col in TABLE3_COLUMNS:
        scope = f"“{column_label('table3', col.key)}”列"
        eqs.append(
            Equation(
                "T3_BALANCE",
                (_t3("new", col.key), _t3("carried_over", col.key)),
                (_t3("total", col.key), _t3("carried_forward", col.key)),
                scope,
            )
        )
        eqs.append(
            Equation(
                "T3_OUTCOME_SUM",
                (_t3("total", col.key),),
                tuple(_t3(r.key, col.key) for r in outcome_rows),
                scope,
            )
        )
    for row in rows:
        eqs.append(
            Equation(
                "T3_ROW_TOTAL",
                (_t3(row.key, "total"),),
                tuple(_t3(row.key, c.key) for c in TABLE3_APPLICANT_COLUMNS),
                f"“{row.printed if row.key != 'partial' else '（二）部分公开'}”行",
            )
        )
    for block in TABLE4_BLOCKS:
        eqs.append(
            Equation(
                "T4_BLOCK_TOTAL",
                (canonical(Cell("table4", block.key, "total")),),
                tuple(canonical(Cell("table4", block.key, f.key)) for f in TABLE4_FIELDS if f.key != "total"),
                f"“{block.label}”",
            )
        )
    return tuple(eqs)


EQUATIONS: tuple[Equation, ...] = equations_for()
