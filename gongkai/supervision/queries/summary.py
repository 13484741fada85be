"""The 汇总 of an area: tables 2, 3 and 4 summed over the chosen bodies from the cell index (one row
per body: ``cells.sum_vectors``), with a finding for every body whose report is missing, has errors or
lacks tables — so a total is never silently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from gongkai.bodies.models import Body
from gongkai.report_format.layout import ALL_CELLS, AMOUNT_CELLS, CELLS_BY_PATH, TABLE_CELLS, Cell
from gongkai.report_format.model import Finding, Number, Report
from gongkai.report_format.render.findings import SEVERITY_LABELS, findings_by_cell
from gongkai.report_format.render.outline import report_title
from gongkai.supervision.models import SourceKind
from gongkai.supervision.queries.body_years import BodyYear
from gongkai.supervision.queries.cells import report_gaps, sum_vectors
from gongkai.supervision.queries.sources import HEADLINES, State

SUMMARY_PREFIX = "汇总"
BODIES_SHEET = "各机关"
PROBLEMS_SHEET = "问题"


@dataclass(frozen=True)
class BodyProblem:
    body_name: str
    finding: Finding


def body_findings(row: BodyYear) -> list[Finding]:
    """What makes this body's part of the 汇总 incomplete or doubtful, naming the cells concerned."""
    name = row.display_name  # as named that year
    if row.source is None:
        return [
            Finding("MISSING", f"{name}：没有{row.year}年度报告，未计入汇总。", ALL_CELLS, severity="error")
        ]
    gaps = row.gaps if row.gaps is not None else report_gaps(row.source.as_report())
    return [
        Finding(
            g["code"],
            f"{name}：{g['text']}",
            tuple(CELLS_BY_PATH[p] for p in g["cells"] if p in CELLS_BY_PATH),
            severity=g["severity"],
        )
        for g in gaps
    ]


def summed_rows(rows: list[BodyYear]) -> list[BodyYear]:
    """The rows whose reports the 汇总 adds. A report that is its area's (an area summary compiled in
    the workspace: the body's own records plus the reports below it) stands for its subtree: the
    bodies below it are left out, so that nothing is counted twice."""
    summaries = {r.body.pk for r in rows if r.source is not None and r.source.is_area_summary}
    if not summaries:
        return rows
    parent = {r.body.pk: r.body.parent_id for r in rows}

    def covered(pk: int) -> bool:
        above = parent.get(pk)
        while above is not None:
            if above in summaries:
                return True
            above = parent.get(above)
        return False

    return [r for r in rows if not covered(r.body.pk)]


def area_report(title: str, rows: list[BodyYear], year: int) -> tuple[Report, list[BodyProblem]]:
    """The summed report of these rows' bodies and the problems.

    The rows come from ``sources.body_years``, which has brought the cell index up to date.
    """
    sums = sum_vectors([r.body.pk for r in summed_rows(rows) if r.source is not None], year)
    values: dict[Cell, Number | None] = {}
    for cell in ALL_CELLS:
        total = sums.get(cell.path, (None, 0))[0]
        values[cell] = None if total is None else _number(cell, total)
    problems = [BodyProblem(r.display_name, f) for r in rows for f in body_findings(r)]
    report = Report(body=title, year=year, values=values, findings=[p.finding for p in problems])
    report.source = {"tables": dict.fromkeys(TABLE_CELLS, "text")}
    return report, problems


def cell_marks(problems: list[BodyProblem], names: int = 5) -> list[Finding]:
    """One finding per cell and severity naming how many bodies (and the first few) concern it: what
    the area page marks on its summed tables."""
    # many bodies miss the same table: group by (cells, level) first, then spread over the cells
    groups: dict[tuple[tuple[Cell, ...], str], list[str]] = {}
    for p in problems:
        groups.setdefault((p.finding.cells, p.finding.level), []).append(p.body_name)
    by_cell: dict[tuple[Cell, str], list[str]] = {}
    for (cells, level), concerned in groups.items():
        for cell in cells:
            by_cell.setdefault((cell, level), []).extend(concerned)
    marks = []
    for (cell, level), bodies in by_cell.items():
        unique = list(dict.fromkeys(bodies))
        shown = "、".join(unique[:names]) + ("等" if len(unique) > names else "")
        message = f"{len(unique)} 个机关的报告此处缺失或需核对（{SEVERITY_LABELS[level]}）：{shown}"  # type: ignore[index]
        marks.append(Finding("MISSING", message, (cell,), severity=level))  # type: ignore[arg-type]
    return marks


def _number(cell: Cell, total: Decimal) -> Number:
    return total if cell in AMOUNT_CELLS else int(total)


def area_xlsx(report: Report, rows: list[BodyYear], problems: list[BodyProblem]) -> bytes:
    """Sheets 汇总·表二/表三/表四 (the report renderer's layout), 各机关 and 问题.

    Written in openpyxl's write-only mode, straight from the values: a province's 各机关 is 10,000
    rows (~190,000 cells), which a normal workbook builds a cell object for each of, twice over when
    the renderer's bytes were loaded back. A sheet's column widths go before its first row.
    """
    # openpyxl (with numpy and Pillow) is imported by the process that writes one, not by every one.
    from openpyxl import Workbook

    from gongkai.report_format.render.xlsx import BOLD, ListSheet, add_table_sheets, styled

    wb = Workbook(write_only=True)
    wb.properties.title = report_title(report)
    # the tables' comments name how many bodies concern a cell, not every body's message (问题 does)
    add_table_sheets(wb, report, findings_by_cell(cell_marks(problems)), prefix=f"{SUMMARY_PREFIX}·")
    bodies = wb.create_sheet(BODIES_SHEET)
    bodies.column_dimensions["A"].width = 30
    bodies.append(
        [
            styled(bodies, title, font=BOLD)
            for title in (
                "机关",
                "层级",
                "来源",
                "状态",
                "逾期",
                "发布日期",
                "错误",
                "警告",
                *(label for _, label in HEADLINES),
            )
        ]
    )
    # labels translated once, not per row (10,000 rows for a province)
    levels = {value: str(label) for value, label in Body.Level.choices}
    states = {value: str(label) for value, label in State.choices}
    origins = {value: str(label) for value, label in SourceKind.choices}
    for r in rows:
        bodies.append(
            [
                r.name,
                levels.get(r.body.level, r.body.level),
                origins[r.source.kind] if r.source else "",
                states[r.state],
                "是" if r.late else "",
                r.published_on,
                r.error_count,
                r.warning_count,
                *r.values,
            ]
        )
    sheet = ListSheet(wb.create_sheet(PROBLEMS_SHEET), ("机关", "级别", "说明", "单元格"), {"A": 30, "C": 80})
    for p in problems:
        cells = (
            "、".join(c.label for c in p.finding.cells) if len(p.finding.cells) <= 20 else "（多个单元格）"
        )
        sheet.append(
            (p.body_name, SEVERITY_LABELS[p.finding.level], p.finding.message, cells), p.finding.level
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
