"""The report as an Excel workbook: one sheet per table in the official layout, plus the findings.

Numbers are stored as numbers (the fee in 万元 as a decimal), a missing value as an empty cell.
A cell named by a finding is filled red (error), yellow (warning) or blue (info) and carries the
messages as a comment.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..layout import SECTIONS, TABLE_NAMES, Cell
from ..model import Finding, Report
from ..rules import Severity
from .findings import SEVERITY_LABELS, findings_by_cell, worst_severity
from .grid import GRIDS, Grid
from .outline import SECTION_TABLES, report_title, section_heading

FINDINGS_SHEET = "核查结果"
FINDINGS_HEADER = ("代码", "级别", "说明", "单元格", "路径")
FILLS: dict[Severity, PatternFill] = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}
_LABEL_WIDTHS: dict[str, tuple[float, ...]] = {"table2": (18,), "table3": (10, 16, 34), "table4": ()}
_NUMBER_WIDTH = {"table2": 16, "table3": 10, "table4": 8}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_FIRST_ROW = 2  # row 1 holds the section heading


def render_xlsx(report: Report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = report_title(report)
    marks = findings_by_cell(report.findings)
    headings = {SECTION_TABLES[s.number]: section_heading(s) for s in SECTIONS if s.number in SECTION_TABLES}
    for table, heading in headings.items():
        add_sheet(wb.create_sheet(TABLE_NAMES[table]), report, GRIDS[table], heading, marks)
    add_findings_sheet(wb.create_sheet(FINDINGS_SHEET), report.findings)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def add_sheet(
    ws: Worksheet, report: Report, grid: Grid, heading: str, marks: dict[Cell, list[Finding]]
) -> None:
    """One table: heading in row 1, the grid from row 2 with its spans merged."""
    ws.cell(1, 1, heading).font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.width)
    for r in range(len(grid.rows)):
        for c in range(grid.width):
            ws.cell(_FIRST_ROW + r, c + 1).border = _BORDER
    for gc in grid.starts:
        target = ws.cell(_FIRST_ROW + gc.row, gc.col + 1)
        if gc.cell is None:
            target.value = gc.text
            row_label = gc.col < grid.label_columns and gc.rowspan == 1
            target.alignment = _LEFT if row_label else _CENTER
        else:
            target.value = report.values.get(gc.cell)
            target.alignment = _CENTER
            found = marks.get(gc.cell)
            if found:
                target.fill = FILLS[worst_severity(found)]
                target.comment = Comment("\n".join(f.message for f in found), "核查")
        if gc.rowspan > 1 or gc.colspan > 1:
            ws.merge_cells(
                start_row=target.row,
                start_column=target.column,
                end_row=target.row + gc.rowspan - 1,
                end_column=target.column + gc.colspan - 1,
            )
    labels = _LABEL_WIDTHS[grid.table]
    for c in range(grid.width):
        width = labels[c] if c < len(labels) else _NUMBER_WIDTH[grid.table]
        ws.column_dimensions[get_column_letter(c + 1)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def add_findings_sheet(ws: Worksheet, findings: list[Finding]) -> None:
    ws.append(FINDINGS_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in findings:
        ws.append(
            (
                f.code,
                SEVERITY_LABELS[f.level],
                f.message,
                "、".join(c.label for c in f.cells),
                " ".join(c.path for c in f.cells),
            )
        )
        ws.cell(ws.max_row, 2).fill = FILLS[f.level]
    for letter, width in zip("ABCDE", (20, 8, 60, 50, 40), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
