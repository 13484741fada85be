"""The report as an Excel workbook: one sheet per table in the official layout, plus the findings.

Numbers are stored as numbers (the fee in 万元 as a decimal), a missing value as an empty cell.
A cell named by a finding is filled red (error), yellow (warning) or blue (info) and carries the
messages as a comment.

Sheets are written in openpyxl's write-only mode, row by row: a sheet's columns and page setup are
set before its first row, and a merged range is recorded on ``ws.merged_cells`` (written after the
rows). The 汇总 workbook of supervision adds its own large sheets to such a workbook the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..layout import SECTIONS, TABLE_NAMES, Cell
from ..model import Finding, Report
from ..rules import Severity
from .findings import SEVERITY_LABELS, findings_by_cell, worst_severity
from .grid import GRIDS, Grid, GridCell
from .outline import SECTION_TABLES, report_title, section_heading

if TYPE_CHECKING:
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FINDINGS_SHEET = "核查结果"
FINDINGS_HEADER = ("代码", "级别", "说明", "单元格", "路径")
FILLS: dict[Severity, PatternFill] = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}
BOLD = Font(bold=True)
_HEADING = Font(bold=True, size=12)
_LABEL_WIDTHS: dict[str, tuple[float, ...]] = {"table2": (18,), "table3": (10, 16, 34), "table4": ()}
_NUMBER_WIDTH = {"table2": 16, "table3": 10, "table4": 8}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_FIRST_ROW = 2  # row 1 holds the section heading
_TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)


def render_xlsx(report: Report) -> bytes:
    wb = Workbook(write_only=True)
    wb.properties.title = report_title(report)
    add_table_sheets(wb, report, findings_by_cell(report.findings))
    add_findings_sheet(wb.create_sheet(FINDINGS_SHEET), report.findings)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def add_table_sheets(
    wb: Workbook, report: Report, marks: dict[Cell, list[Finding]], prefix: str = ""
) -> None:
    """Tables 2, 3 and 4 as sheets of a write-only workbook, named ``prefix`` + 表二 …"""
    headings = {SECTION_TABLES[s.number]: section_heading(s) for s in SECTIONS if s.number in SECTION_TABLES}
    for table, heading in headings.items():
        add_sheet(wb.create_sheet(prefix + TABLE_NAMES[table]), report, GRIDS[table], heading, marks)


def add_sheet(
    ws: WriteOnlyWorksheet, report: Report, grid: Grid, heading: str, marks: dict[Cell, list[Finding]]
) -> None:
    """One table: heading in row 1, the grid from row 2 with its spans merged.

    A position a span covers carries the span's outer border (top, left, right, bottom as it lies on
    them), as openpyxl's ``merge_cells`` leaves it, so that the merged area is framed."""
    labels = _LABEL_WIDTHS[grid.table]
    for c in range(grid.width):
        width = labels[c] if c < len(labels) else _NUMBER_WIDTH[grid.table]
        ws.column_dimensions[get_column_letter(c + 1)].width = width
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append([styled(ws, heading, font=_HEADING)])
    ws.merged_cells.add(CellRange(min_col=1, min_row=1, max_col=grid.width, max_row=1))
    for r, owners in enumerate(grid.owners):
        ws.append([_grid_cell(ws, report, grid, gc, r, c, marks) for c, gc in enumerate(owners)])
    for gc in grid.starts:
        if gc.rowspan > 1 or gc.colspan > 1:
            first = _FIRST_ROW + gc.row
            ws.merged_cells.add(
                CellRange(
                    min_col=gc.col + 1,
                    min_row=first,
                    max_col=gc.col + gc.colspan,
                    max_row=first + gc.rowspan - 1,
                )
            )


def _grid_cell(
    ws: WriteOnlyWorksheet,
    report: Report,
    grid: Grid,
    gc: GridCell,
    r: int,
    c: int,
    marks: dict[Cell, list[Finding]],
) -> XlsxCell | None:
    """The cell at grid position (r, c), which ``gc`` starts or covers."""
    if (gc.row, gc.col) != (r, c):  # covered by a span: its share of the span's border, if any
        edges = (r == gc.row, c == gc.col, c == gc.col + gc.colspan - 1, r == gc.row + gc.rowspan - 1)
        return styled(ws, None, border=_span_border(*edges)) if any(edges) else None
    if gc.cell is None:
        row_label = gc.col < grid.label_columns and gc.rowspan == 1
        return styled(ws, gc.text, border=_BORDER, alignment=_LEFT if row_label else _CENTER)
    target = styled(ws, report.values.get(gc.cell), border=_BORDER, alignment=_CENTER)
    found = marks.get(gc.cell)
    if found:
        target.fill = FILLS[worst_severity(found)]  # type: ignore[index]  # found is not empty
        target.comment = Comment("\n".join(f.message for f in found), "核查")
    return target


@cache
def _span_border(top: bool, left: bool, right: bool, bottom: bool) -> Border:
    # from empty sides, as openpyxl's merge starts a covered cell (so the same border is written)
    border = Border(left=Side(), right=Side(), top=Side(), bottom=Side(), diagonal=Side())
    for name, edge in (("top", top), ("left", left), ("right", right), ("bottom", bottom)):
        if edge:
            border += Border(**{name: _THIN})
    return border


def styled(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> XlsxCell:
    """A write-only cell with these style attributes (font, fill, border, alignment …)."""
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def add_findings_sheet(ws: WriteOnlyWorksheet, findings: list[Finding]) -> None:
    sheet = ListSheet(ws, FINDINGS_HEADER, dict(zip("ABCDE", (20, 8, 60, 50, 40), strict=True)))
    for f in findings:
        values = (
            f.code,
            SEVERITY_LABELS[f.level],
            f.message,
            "、".join(c.label for c in f.cells),
            " ".join(c.path for c in f.cells),
        )
        sheet.append(values, f.level)


class ListSheet:
    """A write-only sheet listing findings (核查结果, the 汇总's 问题): a bold header row, then rows whose
    cells are all top-aligned and wrapped, the severity column filled by the row's severity.

    A list can be thousands of rows: openpyxl looks a style object up by its hash at every
    assignment, so each style is set once, on a model cell, and its style array (openpyxl's record of
    a cell's style ids) handed to the cells made after it.
    """

    def __init__(
        self,
        ws: WriteOnlyWorksheet,
        header: Sequence[str],
        widths: dict[str, float],
        severity_column: int = 1,
    ) -> None:
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        ws.append([styled(ws, title, font=BOLD) for title in header])
        self.ws = ws
        self.severity_column = severity_column
        self._wrapped = self._style_array(alignment=_TOP_WRAPPED)
        self._filled: dict[Severity, StyleArray] = {}

    def append(self, values: Sequence[Any], level: Severity) -> None:
        row = [self._cell(value, self._wrapped) for value in values]
        filled = self._filled.get(level)
        if filled is None:
            filled = self._filled[level] = self._style_array(alignment=_TOP_WRAPPED, fill=FILLS[level])
        row[self.severity_column] = self._cell(values[self.severity_column], filled)
        self.ws.append(row)

    def _style_array(self, **style: Any) -> StyleArray:
        return styled(self.ws, None, **style)._style

    def _cell(self, value: Any, style: StyleArray) -> XlsxCell:
        return XlsxCell(self.ws, row=1, column=1, value=value, style_array=style)
