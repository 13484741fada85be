"""Every report of an area, out: canonical JSON lines, CSV (one row per body-year-cell) and .xlsx,
and the lazily loaded sequences the read API pages through.

Everything works on *report keys*: the (year, body id) pairs that have a counting report, found by
two light queries that never load a report's JSON. The reports themselves are loaded a chunk of
keys at a time (``sources.body_years``), so a province's 10,000 bodies never sit in memory at once.

Numbers and findings only: annual reports hold no applicant's data, and nothing here reads a case.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, overload

from django.db.models import Q

from gongkai.bodies.models import Body
from gongkai.report_format.layout import ALL_CELLS, TABLE_NAMES, Cell, column_label, row_label
from gongkai.report_format.model import Report
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.queries.body_years import BodyYear, body_years
from gongkai.supervision.queries.sources import IdsIn, load_data

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

CHUNK = 200  # reports loaded at once
Key = tuple[int, int]  # (year, body id)

CSV_COLUMNS: tuple[str, ...] = (
    "body_id",
    "body_name",
    "body_code",
    "body_level",
    "year",
    "origin",
    "cell",
    "table",
    "row",
    "column",
    "table_label",
    "row_label",
    "column_label",
    "value",
)
XLSX_SHEET = "年度报告"
XLSX_KEYS_SHEET = "字段说明"
XLSX_FIXED: tuple[str, ...] = (
    "机关编号",
    "机关",
    "机构代码",
    "层级",
    "年度",
    "来源",
    "状态",
    "逾期",
    "发布日期",
    "错误",
    "警告",
)


# ---------------------------------------------------------------- which reports


def report_keys(bodies: Sequence[Body], years: Iterable[int] | None = None) -> list[Key]:
    """The (year, body id) pairs of these bodies that have a counting report, by year then in the
    order of ``bodies``. Same rule as ``sources.sources_for``: any imported report, or a compiled one
    that is published or has data. Two queries, no report JSON loaded."""
    position = {b.pk: i for i, b in enumerate(bodies)}
    ids = list(position)
    imported = ImportedReport.objects.filter(IdsIn("body_id", ids), year__isnull=False)
    annual = AnnualReport.objects.filter(IdsIn("body_id", ids)).filter(
        Q(status=Status.PUBLISHED) | ~Q(data={})
    )
    if years is not None:
        wanted = list(years)
        imported = imported.filter(year__in=wanted)
        annual = annual.filter(year__in=wanted)
    keys: set[Key] = set(imported.values_list("year", "body_id").distinct())  # type: ignore[arg-type]
    keys.update(annual.values_list("year", "body_id").distinct())
    return sorted(keys, key=lambda k: (k[0], position[k[1]]))


def area_keys(root: Body, report: list[Key], years: Iterable[int], level: str = "") -> list[Key]:
    """Every (year, body id) of the area for ``years``, whether it has a report or not: for each year
    the bodies of that year's tree (``area_bodies(root, year=Y)``: those that existed then, where they
    stood then) in tree order, then any body of ``report`` (the area's report keys) that year's tree
    lacks. ``level``: only bodies of that level. By year, then in that order."""
    from gongkai.bodies.queries.tree import area_bodies

    out: list[Key] = []
    for year in sorted(set(years)):
        listed = [b.pk for b, _ in area_bodies(root, year=year) if not level or b.level == level]
        seen = set(listed)
        out.extend((year, pk) for pk in listed)
        out.extend((y, pk) for y, pk in report if y == year and pk not in seen)
    return out


def rows_for(
    keys: Sequence[Key], today: date, *, with_data: bool = False, with_missing: bool = False
) -> list[BodyYear | None]:
    """The ``BodyYear`` of each key, in the same order; None where the report has gone meanwhile, or
    (``with_missing``) a row without a source, its state 未开始 or 逾期.
    ``with_data``: the reports' JSON loaded too, two queries for all of them (not one each)."""
    bodies = Body.objects.in_bulk({body_id for _, body_id in keys})
    found: dict[Key, BodyYear] = {}
    for year in sorted({y for y, _ in keys}):
        wanted = [(bodies[b], 0) for y, b in keys if y == year and b in bodies]
        for row in body_years(wanted, year, today):
            if row.source is not None or with_missing:
                found[year, row.body.pk] = row
    rows = [found.get(k) for k in keys]
    if with_data:
        load_data([r.source for r in rows if r is not None and r.source is not None])
    return rows


def iter_rows(
    keys: Sequence[Key], today: date, states: Iterable[str] | None = None, *, with_missing: bool = False
) -> Iterator[BodyYear]:
    """The body-years of these keys, loaded ``CHUNK`` at a time; only those in ``states`` if given;
    ``with_missing``: the keys without a report too (rows without a source)."""
    allowed = set(states) if states is not None else None
    for start in range(0, len(keys), CHUNK):
        for row in rows_for(keys[start : start + CHUNK], today, with_data=True, with_missing=with_missing):
            if row is not None and (allowed is None or row.state in allowed):
                yield row


# ---------------------------------------------------------------- one body-year, as data


def plain(value: Any) -> Any:
    """A cell value for JSON: an int stays an int, an amount becomes an int when whole, else a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def text(value: Any) -> str:
    """A cell value for CSV: empty when missing, a Decimal without exponent or trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def report_record(row: BodyYear, *, with_report: bool = True) -> dict[str, Any]:
    """The body-year as one JSON object: who (named as at the end of the year: a rename effective later
    is undone; ``body_id`` stays the same), which year, where the report comes from, its state, its
    finding counts and (``with_report``) the canonical report JSON (docs/report.schema.json), which
    keeps the name the report was published with.

    A body-year without a report has the same keys: ``origin``, ``origin_label``, the counts and
    ``report`` are null, ``status`` says 未开始 or 逾期."""
    body = row.body
    source = row.source
    record: dict[str, Any] = {
        "body_id": body.pk,
        "body_name": row.name,
        "body_short_name": row.short_name,
        "body_code": body.code,
        "body_level": body.level,
        "year": row.year,
        "origin": source.kind if source is not None else None,
        "origin_label": row.origin if source is not None else None,
        "status": row.state,
        "status_label": row.state_label,
        "late": row.late,
        "due_on": row.due.isoformat(),
        "published_on": row.published_on.isoformat() if row.published_on else None,
        "error_count": row.error_count,
        "warning_count": row.warning_count,
    }
    if with_report:
        record["report"] = source.as_report().to_json() if source is not None else None
    return record


def cell_record(row: BodyYear | None, key: Key, body: Body | None, cell: Cell, report: Report | None) -> dict:
    """One body-year-cell, long form; ``value`` is None where the report lacks the cell. The body is
    named as in ``row`` (at the end of the year) when there is one."""
    name = row.name if row is not None else body.name if body else ""
    return {
        "body_id": key[1],
        "body_name": name,
        "body_code": body.code if body else "",
        "body_level": body.level if body else "",
        "year": key[0],
        "origin": row.source.kind if row is not None and row.source is not None else "",
        "cell": cell.path,
        "table": cell.table,
        "row": cell.row,
        "column": cell.column,
        "table_label": TABLE_NAMES[cell.table],
        "row_label": row_label(cell.table, cell.row),
        "column_label": column_label(cell.table, cell.column),
        "value": report.values.get(cell) if report is not None else None,
    }


# ---------------------------------------------------------------- the downloads


def jsonl_lines(rows: Iterable[BodyYear]) -> Iterator[str]:
    """One line of JSON per body-year (``report_record``): its canonical report, or null without one."""
    for row in rows:
        yield json.dumps(report_record(row), ensure_ascii=False, default=plain) + "\n"


class _Line:
    """A write target for ``csv.writer`` that hands back what was written."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[BodyYear], cells: Sequence[Cell] = ALL_CELLS) -> Iterator[str]:
    """UTF-8 with a BOM (Excel then reads the Chinese right), a header, then one line per
    body-year-cell: every cell of the format, the value empty where the report lacks it."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for row in rows:
        assert row.source is not None
        report = row.source.as_report()
        key = (row.year, row.body.pk)
        for cell in cells:
            record = cell_record(row, key, row.body, cell, report)
            record["value"] = text(record["value"])
            yield writer.writerow([record[c] for c in CSV_COLUMNS])


def cell_heading(cell: Cell) -> str:
    """A column heading of the workbook: 表三·（七）总计·自然人."""
    return (
        f"{TABLE_NAMES[cell.table]}·{row_label(cell.table, cell.row)}·{column_label(cell.table, cell.column)}"
    )


def xlsx_file(rows: Iterable[BodyYear]) -> IO[bytes]:
    """A workbook, one row per body-year with every cell as a column (filters on, headings frozen),
    and a sheet naming each column's canonical key; a body-year without a report has its state and
    empty cells. Written in openpyxl's write-only mode into a temporary file, returned open at its
    start."""
    # openpyxl (with the numpy and Pillow it pulls in) only in the process that writes one.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(XLSX_SHEET)
    width = len(XLSX_FIXED) + len(ALL_CELLS)
    ws.freeze_panes = "C2"
    ws.append([_bold(ws, h) for h in (*XLSX_FIXED, *(cell_heading(c) for c in ALL_CELLS))])
    count = 0
    for row in rows:
        values = row.source.as_report().values if row.source is not None else {}
        body = row.body
        ws.append(
            [
                body.pk,
                row.name,
                body.code,
                body.get_level_display(),
                row.year,
                row.origin or None,
                row.state_label,
                "是" if row.late else "",
                row.published_on,
                row.error_count,
                row.warning_count,
                *(values.get(c) for c in ALL_CELLS),
            ]
        )
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{count + 1}"
    keys = wb.create_sheet(XLSX_KEYS_SHEET)
    keys.append([_bold(keys, h) for h in ("列", "标题", "字段键")])
    for i, cell in enumerate(ALL_CELLS, start=len(XLSX_FIXED) + 1):
        keys.append([get_column_letter(i), cell_heading(cell), cell.path])
    out = tempfile.TemporaryFile()  # noqa: SIM115  # the caller's response closes it
    wb.save(out)
    out.seek(0)
    return out


def _bold(ws: Any, value: str) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws, value)
    cell.font = Font(bold=True)
    return cell


# ---------------------------------------------------------------- what the API pages through


class ReportPage(Sequence[dict[str, Any]]):
    """The report records of these keys; a slice loads only its own reports."""

    def __init__(self, keys: Sequence[Key], today: date, *, with_report: bool) -> None:
        self.keys, self.today, self.with_report = keys, today, with_report

    def __len__(self) -> int:
        return len(self.keys)

    def count(self) -> int:  # type: ignore[override]  # what Django's Paginator asks
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            if not 0 <= index < len(self):
                raise IndexError(index)
            return self[index : index + 1][0]
        rows = rows_for(self.keys[index], self.today, with_data=self.with_report)
        return [report_record(r, with_report=self.with_report) for r in rows if r is not None]


class CellPage(Sequence[dict[str, Any]]):
    """Every chosen cell of every key's report, key by key in the cells' reading order; a slice
    loads only the reports it touches. ``value`` is None where a report lacks the cell."""

    def __init__(self, keys: Sequence[Key], today: date, cells: Sequence[Cell] = ALL_CELLS) -> None:
        self.keys, self.today, self.cells = keys, today, tuple(cells)

    def __len__(self) -> int:
        return len(self.keys) * len(self.cells)

    def count(self) -> int:  # type: ignore[override]
        return len(self)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            if not 0 <= index < len(self):
                raise IndexError(index)
            return self[index : index + 1][0]
        start, stop, step = index.indices(len(self))
        if step != 1 or start >= stop:
            return [] if start >= stop else list(self[start:stop])[::step]
        per = len(self.cells)
        first, last = start // per, (stop - 1) // per + 1
        keys = self.keys[first:last]
        rows = rows_for(keys, self.today, with_data=True)
        out: list[dict[str, Any]] = []
        for key, row in zip(keys, rows, strict=True):
            report = row.source.as_report() if row is not None and row.source is not None else None
            body = row.body if row is not None else None
            out.extend(cell_record(row, key, body, cell, report) for cell in self.cells)
        offset = first * per
        return out[start - offset : stop - offset]
