"""Read monthly decision counts from a .xlsx or .csv table, pure: 年份, 月份, 行政许可, 行政处罚, 行政强制.

Every problem is reported with the row and column a clerk sees in the spreadsheet (header = row 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

YEAR, MONTH = "年份", "月份"
KIND_COLUMNS: dict[str, str] = {"行政许可": "licensing", "行政处罚": "punishment", "行政强制": "coercion"}
COLUMNS = (YEAR, MONTH, *KIND_COLUMNS)
# One row a month: a century of months and a header fit easily. Anything longer is the wrong file.
MAX_ROWS = 1201
MAX_COLUMNS = 50
MAX_UNPACKED_MB = 50


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
    """The rows of the first sheet, at most ``MAX_ROWS`` (header included) and ``MAX_COLUMNS`` wide:
    openpyxl in read-only mode stops at the first row over the limit, so a sheet of a million rows
    is refused in a moment instead of being read whole."""
    if data.startswith(b"PK\x03\x04"):
        _check_unpacked_size(data, filename)
        from openpyxl import load_workbook  # imported by the process that reads a sheet, not by every one

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for a damaged file
            raise TableError(f"无法读取Excel文件“{filename}”：文件已损坏或不是 .xlsx 格式") from None
        try:
            if not book.worksheets:
                raise TableError(f"Excel文件“{filename}”中没有工作表")
            rows = _at_most(book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True), filename)
        except TableError:
            raise
        except Exception:
            raise TableError(f"无法读取Excel文件“{filename}”：文件已损坏") from None
        finally:
            book.close()
        return rows
    if b"\x00" in data[:4096] or data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8", b"\xd0\xcf\x11\xe0")):
        raise TableError(
            f"文件“{filename}”不是 .xlsx 或 .csv 表格：请上传 .xlsx 或 UTF-8/GB18030 编码的 .csv 文件"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(f"无法识别文件“{filename}”：请上传 .xlsx 或 UTF-8/GB18030 编码的 .csv 文件")
    try:
        return _at_most(csv.reader(io.StringIO(text)), filename)
    except csv.Error:
        raise TableError(f"无法识别文件“{filename}”：不是有效的 .csv 文件") from None


def _at_most(rows: Iterable[Iterable[Any]], filename: str) -> list[list[Any]]:
    out: list[list[Any]] = []
    for row in rows:
        if len(out) >= MAX_ROWS:
            raise TableError(
                f"文件“{filename}”超过 {MAX_ROWS} 行：每月一行的处理决定表不会这么长，"
                "请检查是否选错了文件，或删去多余的行后再导入"
            )
        out.append(list(row)[:MAX_COLUMNS])
    return out


def _check_unpacked_size(data: bytes, filename: str) -> None:
    """A .xlsx is a zip: one that unpacks to more than ``MAX_UNPACKED_MB`` is refused unopened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TableError(f"无法读取Excel文件“{filename}”：文件已损坏或不是 .xlsx 格式") from None
    # Deflate never makes a part much larger: a part whose header claims less than it holds is a bomb
    # that would be inflated to its end (to check its CRC) before openpyxl could refuse it.
    if any(i.compress_size > i.file_size + i.file_size // 100 + 1024 for i in infos):
        raise TableError(f"Excel文件“{filename}”内的大小记录与实际不符，疑似压缩炸弹")
    size = sum(info.file_size for info in infos)
    if size > MAX_UNPACKED_MB * 1024 * 1024:
        raise TableError(f"Excel文件“{filename}”解压后超过 {MAX_UNPACKED_MB} MB，不像是一份处理决定表")


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
