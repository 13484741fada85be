"""The 汇总 of an area: tables 2, 3 and 4 summed by SQL over the chosen bodies, with a finding for
every body whose report is missing, has errors or lacks tables — so a total is never silently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from gongkai.annual.layout import ALL_CELLS, AMOUNT_CELLS, TABLE_CELLS, TABLE_NAMES, Cell
from gongkai.annual.model import Finding, Number, Report
from gongkai.annual.render import RENDERERS
from gongkai.annual.render.findings import SEVERITY_LABELS
from gongkai.annual.render.xlsx import FILLS, FINDINGS_SHEET

from .cells import refresh_cells, sum_cells
from .sources import HEADLINES, BodyYear

SUMMARY_PREFIX = "汇总"
BODIES_SHEET = "各机关"
PROBLEMS_SHEET = "问题"


@dataclass(frozen=True)
class BodyProblem:
    body_name: str
    finding: Finding


def body_findings(row: BodyYear) -> list[Finding]:
    """What makes this body's part of the 汇总 incomplete or doubtful, naming the cells concerned."""
    name = row.body.display_name
    if row.source is None:
        return [
            Finding("MISSING", f"{name}：没有{row.year}年度报告，未计入汇总。", ALL_CELLS, severity="error")
        ]
    found: list[Finding] = []
    report = row.source.as_report()
    absent = [c for c in ALL_CELLS if report.values.get(c) is None]
    tables = report.source.get("tables", {})
    for table, cells in TABLE_CELLS.items():
        missing = tuple(c for c in cells if c in absent)
        if len(missing) == len(cells):
            reason = "原文中该表为图片，未能读取" if tables.get(table) == "image" else "该表缺失"
            found.append(
                Finding(
                    "MISSING",
                    f"{name}：{TABLE_NAMES[table]}缺失（{reason}），未计入汇总。",
                    missing,
                    severity="error",
                )
            )
        elif missing:
            found.append(
                Finding(
                    "MISSING",
                    f"{name}：{TABLE_NAMES[table]}有 {len(missing)} 个数值缺失，未计入汇总。",
                    missing,
                    severity="warning",
                )
            )
    errors = [f for f in report.findings if f.level == "error"]
    if errors:
        found.append(
            Finding(
                "BODY_ERRORS",
                f"{name}：报告有 {len(errors)} 项错误，汇总中含有其数值，请核对："
                + "；".join(f.message for f in errors),
                tuple(dict.fromkeys(c for f in errors for c in f.cells)),
                severity="error",
            )
        )
    return found


def area_report(title: str, rows: list[BodyYear], year: int) -> tuple[Report, list[BodyProblem]]:
    """The summed report of these rows' bodies (refreshing the cell index first) and the problems."""
    refresh_cells([r.body for r in rows], year)
    sums = sum_cells([r.body.pk for r in rows], year)
    values: dict[Cell, Number | None] = {}
    for cell in ALL_CELLS:
        total = sums.get(cell.path, (None, 0))[0]
        values[cell] = None if total is None else _number(cell, total)
    problems = [BodyProblem(r.body.display_name, f) for r in rows for f in body_findings(r)]
    report = Report(body=title, year=year, values=values, findings=[p.finding for p in problems])
    report.source = {"tables": dict.fromkeys(TABLE_CELLS, "text")}
    return report, problems


def _number(cell: Cell, total: Decimal) -> Number:
    return total if cell in AMOUNT_CELLS else int(total)


def area_xlsx(report: Report, rows: list[BodyYear], problems: list[BodyProblem]) -> bytes:
    """Sheets 汇总·表二/表三/表四 (the report renderer's layout), 各机关 and 问题."""
    wb = load_workbook(BytesIO(RENDERERS["xlsx"](report)))
    del wb[FINDINGS_SHEET]
    for ws in wb.worksheets:
        ws.title = f"{SUMMARY_PREFIX}·{ws.title}"
    bodies = wb.create_sheet(BODIES_SHEET)
    bodies.append(
        [
            "机关",
            "层级",
            "来源",
            "状态",
            "逾期",
            "发布日期",
            "错误",
            "警告",
            *(label for _, label in HEADLINES),
        ]
    )
    for r in rows:
        bodies.append(
            [
                r.body.name,
                r.body.get_level_display(),
                r.origin,
                r.state_label,
                "是" if r.late else "",
                r.published_on,
                r.error_count,
                r.warning_count,
                *r.values,
            ]
        )
    bodies.column_dimensions["A"].width = 30
    sheet = wb.create_sheet(PROBLEMS_SHEET)
    sheet.append(["机关", "级别", "说明", "单元格"])
    for p in problems:
        cells = (
            "、".join(c.label for c in p.finding.cells) if len(p.finding.cells) <= 20 else "（多个单元格）"
        )
        sheet.append([p.body_name, SEVERITY_LABELS[p.finding.level], p.finding.message, cells])
        sheet.cell(sheet.max_row, 2).fill = FILLS[p.finding.level]
    for ws in (bodies, sheet):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["C"].width = 80
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
