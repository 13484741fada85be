"""The checker: every consistency rule of the format, with a Chinese message naming cells and numbers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import itemgetter

from .layout import (
    ALL_CELLS,
    AMOUNT_CELLS,
    CELLS_BY_PATH,
    ROW_CELLS,
    TABLE2_ITEMS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE_CELLS,
    TABLE_NAMES,
    Cell,
    column_label,
    row_label,
)
from .model import Finding, Number, Report
from .rules import EQUATIONS, RULES, Equation, sides

_SIDE_NAMES = {
    "T3_OUTCOME_SUM": "各项办理结果之和",
    "T3_ROW_TOTAL": "六类申请人之和",
    "T4_BLOCK_TOTAL": "结果维持、结果纠正、其他结果、尚未审结之和",
}
_SOURCE_REASON = {
    "image": "原文中该表为图片，未能读取",
    "absent": "原文中未找到该表",
    "truncated": "原文表格不完整（被截断）",
}


def check(report: Report, previous: Report | None = None, *, due: date | None = None) -> list[Finding]:
    """All findings for ``report``; cross-year rules when ``previous`` (year N−1) is given.

    ``due`` is the publication deadline for the body's level; by default 31 January of year N+1
    (条例第四十九条, departments at county level and above).
    """
    findings: list[Finding] = []
    every = _every_value(report.values)  # None unless every cell was read (most reports are)
    findings += _missing(report, every)
    findings += _nonnegative(report)
    findings += _equations(report, every)
    findings += _splits(report)
    if previous is not None:
        findings += _cross_year(report, previous)
    findings += _text_vs_table(report)
    findings += _text_sum(report)
    findings += _late(report, due)
    return findings


# ------------------------------------------------------------------ MISSING


def _missing(report: Report, every: tuple[Number | None, ...] | None) -> Iterable[Finding]:
    tables = report.source.get("tables", {})
    values = report.values
    if every is not None and not report.source.get("inferred"):
        return  # every cell of the format read: nothing MISSING
    absent = {c for c in ALL_CELLS if values.get(c) is None}
    absent.update(CELLS_BY_PATH[p] for p in report.source.get("inferred", ()) if p in CELLS_BY_PATH)
    if not absent:
        return
    for table, cells in TABLE_CELLS.items():
        if absent.issuperset(cells):
            reason = _SOURCE_REASON.get(tables.get(table, ""), "原文中未找到该表")
            yield Finding("MISSING", f"{TABLE_NAMES[table]}缺失：{reason}。缺失的数值不按 0 计算。", cells)
            continue
        for row in _rows(table):
            row_cells = ROW_CELLS[table, row]
            missing = tuple(c for c in row_cells if c in absent)
            if not missing:
                continue
            if len(missing) == len(row_cells):
                where = f"{TABLE_NAMES[table]}“{row_label(table, row)}”行缺失"
            else:
                cols = "、".join(f"“{column_label(table, c.column)}”" for c in missing)
                where = f"{TABLE_NAMES[table]}“{row_label(table, row)}”行的{cols}列缺失"
            reason = "（表格被截断）" if tables.get(table) == "truncated" else ""
            yield Finding("MISSING", f"{where}{reason}，缺失的数值不按 0 计算。", missing)


_ALL_VALUES = itemgetter(*ALL_CELLS)


def _every_value(values: dict[Cell, Number | None]) -> tuple[Number, ...] | None:
    """The value of every cell of the format in ``ALL_CELLS`` order, fetched in one call (C speed),
    when every one was read; else None. Most reports: nothing MISSING, equations checked at once."""
    try:
        every = _ALL_VALUES(values)
    except KeyError:
        return None
    return None if None in every else every


def _rows(table: str) -> list[str]:
    if table == "table2":
        return [i.key for i in TABLE2_ITEMS]
    if table == "table3":
        return [r.key for r in TABLE3_ROWS]
    return [b.key for b in TABLE4_BLOCKS]


# ------------------------------------------------------------------ NONNEGATIVE


def _nonnegative(report: Report) -> Iterable[Finding]:
    for cell, value in report.values.items():
        if type(value) is int:
            if value < 0:
                yield Finding(
                    "NONNEGATIVE", f"{cell.label}为 {value}，不能为负数。", (cell,), {"value": value}
                )
            continue  # most cells: a count, whole by its type
        if value is None:
            continue
        if value < 0:
            yield Finding("NONNEGATIVE", f"{cell.label}为 {value}，不能为负数。", (cell,), {"value": value})
        elif cell not in AMOUNT_CELLS and value != int(value):
            yield Finding("NONNEGATIVE", f"{cell.label}为 {value}，件数应为整数。", (cell,), {"value": value})


# ------------------------------------------------------------------ digits run together (solve.py)

_SHOWN_CANDIDATES = 6


def _splits(report: Report) -> Iterable[Finding]:
    """Rows whose run-together digits the rules could not settle: the candidates, or the rule that
    no reading satisfies (then the report itself breaks it, as printed)."""
    for note in report.source.get("ambiguous", ()):
        cells = _cells_of(note["cells"])
        shown = "；".join(
            "、".join(_plain_value(v) for v in c) for c in note["candidates"][:_SHOWN_CANDIDATES]
        )
        more = f"等 {len(note['candidates'])} 种" if len(note["candidates"]) > _SHOWN_CANDIDATES else ""
        yield Finding(
            "SPLIT_AMBIGUOUS",
            f"{_where(note)}原文数字连写为“{note['text']}”，可拆分为 {shown}{more}，勾稽关系不能唯一确定，"
            "未读取的单元格请人工核对。",
            cells,
            {"text": note["text"], "candidates": note["candidates"]},
        )
    for note in report.source.get("unsettled", ()):
        cells = _cells_of(note["cells"])
        code = note.get("code") or ""
        if note.get("reason") == "no_reading" and code in RULES:
            yield Finding(
                code,
                f"{_where(note)}原文数字连写为“{note['text']}”，任何拆分都不满足勾稽关系（{RULES[code].title}），"
                "报告所印数字本身可能有误，该行未读取，请人工核对。",
                cells,
                {"text": note["text"]},
            )
            continue
        yield Finding(
            "SPLIT_UNSETTLED",
            f"{_where(note)}原文数字连写为“{note['text']}”，在限定的搜索范围内无法确定如何拆分到各单元格，"
            "该行未读取，请人工核对。",
            cells,
            {"text": note["text"]},
        )


def _cells_of(paths: Iterable[str]) -> tuple[Cell, ...]:
    return tuple(CELLS_BY_PATH[p] for p in paths if p in CELLS_BY_PATH)


def _where(note: dict[str, object]) -> str:
    paths = note.get("row_cells") or note.get("cells") or []
    cell = CELLS_BY_PATH.get(paths[0]) if paths else None  # type: ignore[index]
    if cell is None:
        return "表三“（六）其他处理”行" if paths and "other_unsplit" in str(paths[0]) else "表格中"  # type: ignore[index]
    if cell.table == "table4":
        return "表四"
    return f"{TABLE_NAMES[cell.table]}“{row_label(cell.table, cell.row)}”行"


def _plain_value(v: object) -> str:
    return "空" if v is None else str(v)


# ------------------------------------------------------------------ equations


def _equations(report: Report, every: tuple[Number, ...] | None) -> Iterable[Finding]:
    if every is None:
        yield from _equations_of(report)
        return
    for eq, one, left, right in _SIDES:
        lsum = 0 + every[one] if one >= 0 else sum(left(every))  # 0 + x: sum((x,)) without a tuple
        rsum = sum(right(every))
        if lsum != rsum:
            yield _broken(eq, report, lsum, rsum)


def _broken(eq: Equation, report: Report, lsum: Number, rsum: Number) -> Finding:
    return Finding(
        eq.code,
        _equation_message(eq, report, lsum, rsum),
        eq.cells,
        {"left": lsum, "right": rsum, "difference": lsum - rsum},
    )


def _equations_of(report: Report) -> Iterable[Finding]:
    """The equations of a report with cells unread: those whose cells are all read."""
    values = report.values
    for eq, cells_of, n in _EQUATION_CELLS:
        try:
            both = cells_of(values)
        except KeyError:
            continue  # a cell never read, like one read as None: the equation cannot be checked
        if None in both:
            continue
        lsum, rsum = sum(both[:n]), sum(both[n:])
        if lsum != rsum:
            yield _broken(eq, report, lsum, rsum)


# Each equation's cells fetched in one call (C speed): (equation, getter of left + right, len(left)).
_EQUATION_CELLS = [(eq, itemgetter(*eq.left, *eq.right), len(eq.left)) for eq in EQUATIONS]
# The same from ``_every_value``'s tuple, by place (no hashing): (equation, the place of its left
# side when that is one cell else -1, getters of its left and right sides).
_PLACE = {c: i for i, c in enumerate(ALL_CELLS)}
_SIDES = [(eq, *sides(eq, _PLACE)) for eq in EQUATIONS]


def _equation_message(eq: Equation, report: Report, lsum: Number, rsum: Number) -> str:
    table = TABLE_NAMES[eq.left[0].table]
    left = _side(eq.left, report, eq.code, "left")
    right = _side(eq.right, report, eq.code, "right")
    return f"{table}{eq.scope}：{left}，而{right}，两者应相等（相差 {abs(lsum - rsum)}）。"


def _side(cells: tuple[Cell, ...], report: Report, code: str, side: str) -> str:
    if len(cells) == 1:
        c = cells[0]
        return f"{_short(c)}为 {report.values.get(c)}"
    if code in _SIDE_NAMES and side == "right":
        total = sum(report.values.get(c) or 0 for c in cells)
        nonzero = [f"{_short(c)} {report.values.get(c)}" for c in cells if report.values.get(c)]
        detail = f"（{'、'.join(nonzero)}）" if nonzero and len(nonzero) <= 6 else ""
        return f"{_SIDE_NAMES[code]}为 {total}{detail}"
    parts = " + ".join(f"{_short(c)} {report.values.get(c)}" for c in cells)
    return f"{parts} = {sum(report.values.get(c) or 0 for c in cells)}"


def _short(cell: Cell) -> str:
    if cell.table == "table3":
        return f"“{row_label('table3', cell.row)}”“{column_label('table3', cell.column)}”"
    return f"“{row_label(cell.table, cell.row)}”“{column_label(cell.table, cell.column)}”"


# ------------------------------------------------------------------ cross-year


def _cross_year(report: Report, previous: Report) -> Iterable[Finding]:
    if report.year and previous.year and previous.year != report.year - 1:
        return
    pairs = []
    for col in TABLE3_COLUMNS:
        now = Cell("table3", "carried_over", col.key)
        before = Cell("table3", "carried_forward", col.key)
        a, b = report.values.get(now), previous.values.get(before)
        if a is not None and b is not None and a != b:
            pairs.append((col, now, a, b))
    if pairs:
        detail = "；".join(f"“{c.label}”列本年为 {a}，上年为 {b}" for c, _, a, b in pairs)
        yield Finding(
            "CROSS_YEAR_CARRY",
            f"表三“二、上年结转政府信息公开申请数量”应等于{previous.year or '上'}年报告的“四、结转下年度继续办理”：{detail}。",
            tuple(now for _, now, _, _ in pairs),
            {
                "columns": [c.key for c, _, _, _ in pairs],
                "this_year": [a for *_, a, _ in pairs],
                "previous_year": [b for *_, b in pairs],
            },
        )
    for item in TABLE2_ITEMS:
        if item.block != "art20_1":
            continue
        in_force, issued_cell, repealed_cell = (
            Cell("table2", item.key, f) for f in ("in_force", "issued", "repealed")
        )
        in_force_now, in_force_before = report.values.get(in_force), previous.values.get(in_force)
        issued, repealed = report.values.get(issued_cell), report.values.get(repealed_cell)
        if in_force_now is None or in_force_before is None or issued is None or repealed is None:
            continue
        expected = in_force_before + issued - repealed
        if in_force_now != expected:
            yield Finding(
                "CROSS_YEAR_IN_FORCE",
                f"表二“{item.label}”现行有效件数为 {in_force_now}，但上年现行有效 {in_force_before} + 本年制发 {issued} − 本年废止 {repealed} = {expected}。",
                (in_force, issued_cell, repealed_cell),
                {"in_force": in_force_now, "expected": expected},
            )


# ------------------------------------------------------------------ narrative against tables


def _text_vs_table(report: Report) -> Iterable[Finding]:
    n = report.narrative
    new_total = report.values.get(Cell("table3", "new", "total"))
    if n.requests_received is not None and new_total is not None and n.requests_received != new_total:
        yield Finding(
            "TEXT_VS_TABLE",
            f"正文称收到政府信息公开申请 {n.requests_received} 件，但表三“一、本年新收政府信息公开申请数量”“总计”为 {new_total}。",
            (Cell("table3", "new", "total"),),
            {"text": n.requests_received, "table": new_total},
        )
    review = Cell("table4", "review", "total")
    if (
        n.review_cases is not None
        and report.values.get(review) is not None
        and n.review_cases != report.values[review]
    ):
        yield Finding(
            "TEXT_VS_TABLE",
            f"正文称行政复议 {n.review_cases} 件，但表四“行政复议”“总计”为 {report.values[review]}。",
            (review,),
            {"text": n.review_cases, "table": report.values[review]},
        )
    lit = (Cell("table4", "litigation_direct", "total"), Cell("table4", "litigation_after_review", "total"))
    lit_values = [report.values.get(c) for c in lit]
    if n.litigation_cases is not None and None not in lit_values:
        total = sum(lit_values)  # type: ignore[arg-type]
        if total != n.litigation_cases:
            yield Finding(
                "TEXT_VS_TABLE",
                f"正文称行政诉讼 {n.litigation_cases} 件，但表四两类行政诉讼“总计”之和为 {total}。",
                lit,
                {"text": n.litigation_cases, "table": total},
            )


def _text_sum(report: Report) -> Iterable[Finding]:
    for b in report.narrative.item_breakdowns:
        if b.parts_sum != b.total:
            parts = "、".join(f"{p.label}{p.count}条" for p in b.parts)
            yield Finding(
                "TEXT_SUM",
                f"正文称主动公开政府信息 {b.total} 条，但所列分项（{parts}）合计 {b.parts_sum} 条，相差 {abs(b.parts_sum - b.total)} 条。",
                (),
                {"stated": b.total, "sum": b.parts_sum, "quote": b.quote},
            )


# ------------------------------------------------------------------ LATE


# The last report year under the 2007 条例, whose 第三十一条 set 31 March of the following year.
LAST_YEAR_OF_2007_REGULATION = 2018


def default_due_date(year: int) -> date:
    """31 January of the following year (条例第四十九条); 31 March for report years up to 2018."""
    if year <= LAST_YEAR_OF_2007_REGULATION:
        return date(year + 1, 3, 31)
    return date(year + 1, 1, 31)


def _late(report: Report, due: date | None) -> Iterable[Finding]:
    if report.published_on is None or report.year is None:
        return
    due = due or default_due_date(report.year)
    if report.published_on > due:
        days = (report.published_on - due).days
        yield Finding(
            "LATE",
            f"报告发布日期为 {report.published_on:%Y年%-m月%-d日}，晚于规定期限 {due:%Y年%-m月%-d日} {days} 天。",
            (),
            {"published_on": report.published_on.isoformat(), "due": due.isoformat(), "days_late": days},
        )
