"""Read monthly decision counts from a .xlsx or .csv table, pure: 年份, 月份, 行政许可, 行政处罚, 行政强制.

Every problem is reported with the row and column a clerk sees in the spreadsheet (header = row 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

YEAR, MONTH = "年份", "月份"
KIND_COLUMNS: dict[str, str] = {"行政许可": "licensing", "行政处罚": "punishment", "行政强制": "coercion"}
COLUMNS = (YEAR, MONTH, *KIND_COLUMNS)


class TableError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class MonthRow:
    row: int  # spreadsheet row number
    year: int
    month: int
    counts: dict[str, int]  # kind → count


def read_decision_table(data: bytes, filename: str) -> list[MonthRow]:
    rows = _read_rows(data, filename)
    if not rows:
        raise TableError("文件是空的：第1行应为表头“年份、月份、行政许可、行政处罚、行政强制”")
    header = [_text(c) for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise TableError(f"第1行表头缺少列：{'、'.join(missing)}（应为：{'、'.join(COLUMNS)}）")
    where = {name: header.index(name) for name in COLUMNS}
    out: list[MonthRow] = []
    seen: dict[tuple[int, int], int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if all(_text(c) == "" for c in cells):
            continue

        def cell(name: str, cells: list[Any] = cells) -> Any:
            i = where[name]
            return cells[i] if i < len(cells) else None

        year = _whole(cell(YEAR), number, YEAR, 2000, 2100)
        month = _whole(cell(MONTH), number, MONTH, 1, 12)
        counts = {kind: _whole(cell(name), number, name, 0, None) for name, kind in KIND_COLUMNS.items()}
        if (year, month) in seen:
            raise TableError(f"第{number}行：{year}年{month}月与第{seen[year, month]}行重复")
        seen[year, month] = number
        out.append(MonthRow(number, year, month, counts))
    if not out:
        raise TableError("文件只有表头，没有数据行")
    return out


def _read_rows(data: bytes, filename: str) -> list[list[Any]]:
    if data.startswith(b"PK\x03\x04"):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as e:  # openpyxl raises many types for a damaged file
            raise TableError(f"无法读取Excel文件“{filename}”：{e}") from None
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(f"无法识别文件“{filename}”：请上传 .xlsx 或 UTF-8/GB18030 编码的 .csv 文件")
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _whole(value: Any, row: int, column: str, low: int, high: int | None) -> int:
    text = _text(value)
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif text.isascii() and text.isdigit():
        number = int(text)
    else:
        shown = f"“{text}”" if text else "空白"
        raise TableError(f"第{row}行“{column}”列：{shown}不是非负整数")
    if number < low or (high is not None and number > high):
        limit = f"应在{low}到{high}之间" if high is not None else f"不能小于{low}"
        raise TableError(f"第{row}行“{column}”列：{number}{limit}")
    return number
