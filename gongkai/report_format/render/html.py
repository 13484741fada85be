"""The report as HTML: the three tables with the official merged headers, findings marked on cells."""

from __future__ import annotations

from html import escape

from ..layout import Cell
from ..model import Finding, Report
from ..provenance import STATUS_LABELS, candidates, cell_status
from .findings import finding_line, findings_by_cell, worst_severity
from .grid import Grid, GridCell, format_number
from .outline import Block, outline, report_title

_CSS = """
@page { size: A4; margin: 2cm; }
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", serif; line-height: 1.7; max-width: 60em;
  margin: 1em auto; color: #000; }
h1 { font-family: "SimHei", "黑体", sans-serif; text-align: center; font-size: 1.6em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 1.2em; font-weight: normal; }
p { text-indent: 2em; margin: 0.3em 0; }
p.date { text-align: right; }
table.annual { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.85em;
  break-inside: auto; }
table.annual th, table.annual td { border: 1px solid #000; padding: 0.2em 0.3em; text-align: center; }
table.annual th.row-label { text-align: left; font-weight: normal; }
table.annual th { font-weight: normal; }
table.annual tr { break-inside: avoid; }
td.missing { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #eee 4px, #eee 8px); }
.finding-error { background: #ffc7ce; }
.finding-warning { background: #ffeb9c; }
.finding-info { background: #ddebf7; }
td.status-recovered { font-style: italic; text-decoration: underline dotted; }
td.status-inferred { font-style: italic; color: #555; }
td.status-ambiguous { outline: 2px dashed #c00; outline-offset: -3px; }
ul.findings li { margin: 0.2em 0; }
@media print { body { max-width: none; margin: 0; } .finding-error, .finding-warning, .finding-info,
  td.missing { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def render_html(report: Report, *, standalone: bool = True) -> str:
    """The whole report; ``standalone`` wraps it in a complete, print-friendly HTML document.

    Without it the result is an ``<article>`` fragment for embedding in a page.
    """
    article = _article(report)
    if not standalone:
        return article
    title = escape(report_title(report))
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )


def render_tables_html(report: Report) -> str:
    """Tables 2, 3 and 4 only, as three ``<table>`` elements."""
    marks = findings_by_cell(report.findings)
    how = _How(report)
    return "".join(html_table(report, b.grid, marks, how) for b in outline(report) if b.grid is not None)


class _How:
    """How each cell was obtained (provenance.py), as each cell's class and tooltip."""

    def __init__(self, report: Report) -> None:
        self.status = cell_status(report)
        self.candidates = candidates(report)

    def of(self, cell: Cell) -> tuple[str, str]:
        status = self.status.get(cell, "read")
        if status == "read":
            return "", ""
        note = STATUS_LABELS[status]
        if status == "ambiguous" and self.candidates.get(cell):
            note += "：可能为 " + " 或 ".join(format_number(v) for v in self.candidates[cell])  # type: ignore[arg-type]
        return f"status-{status}", note


def html_table(report: Report, grid: Grid, marks: dict[Cell, list[Finding]], how: _How | None = None) -> str:
    how = how or _How(report)
    rows = [
        "<tr>" + "".join(_html_cell(report, grid, gc, marks, how) for gc in row) + "</tr>"
        for row in grid.rows
    ]
    head, body = rows[: grid.head_rows], rows[grid.head_rows :]
    thead = "<thead>\n" + "\n".join(head) + "\n</thead>\n" if head else ""
    return (
        f'<table class="annual" data-table="{grid.table}">\n{thead}'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
    )


def _html_cell(report: Report, grid: Grid, gc: GridCell, marks: dict[Cell, list[Finding]], how: _How) -> str:
    span = (f' rowspan="{gc.rowspan}"' if gc.rowspan > 1 else "") + (
        f' colspan="{gc.colspan}"' if gc.colspan > 1 else ""
    )
    if gc.cell is None:
        cls = ' class="row-label"' if gc.col < grid.label_columns and _is_row_label(grid, gc) else ""
        return f"<th{span}{cls}>{escape(gc.text)}</th>"
    value = report.values.get(gc.cell)
    classes = ["num"]
    if value is None:
        classes.append("missing")
    notes = []
    status_class, status_note = how.of(gc.cell)
    if status_class:
        classes.append(status_class)
        notes.append(status_note)
    found = marks.get(gc.cell)
    if found:
        classes.append(f"finding-{worst_severity(found)}")
        notes += [f.message for f in found]
    title = f' title="{escape(chr(10).join(notes))}"' if notes else ""
    return (
        f'<td{span} data-cell="{escape(gc.cell.path)}" class="{" ".join(classes)}"{title}>'
        f"{escape(format_number(value))}</td>"
    )


def _is_row_label(grid: Grid, gc: GridCell) -> bool:
    """A label in a row that holds numbers (not a header row)."""
    return any(c.cell is not None for c in grid.rows[gc.row])


def _article(report: Report) -> str:
    marks = findings_by_cell(report.findings)
    how = _How(report)
    parts = ['<article class="annual-report">\n']
    parts += [_block(report, b, marks, how) for b in outline(report)]
    if report.findings:
        parts.append(_findings_list(report.findings))
    parts.append("</article>\n")
    return "".join(parts)


def _block(report: Report, block: Block, marks: dict[Cell, list[Finding]], how: _How) -> str:
    if block.grid is not None:
        return html_table(report, block.grid, marks, how)
    text = escape(block.text)
    return {
        "title": f"<h1>{text}</h1>\n",
        "heading": f"<h2>{text}</h2>\n",
        "date": f'<p class="date">{text}</p>\n',
    }.get(block.kind, f"<p>{text}</p>\n")


def _findings_list(findings: list[Finding]) -> str:
    items = []
    for f in findings:
        cells = "、".join(c.label for c in f.cells)
        where = f"<br><small>{escape(cells)}</small>" if cells else ""
        text = escape(finding_line(f))
        items.append(f'<li class="finding-{f.level}" data-code="{escape(f.code)}">{text}{where}</li>')
    return (
        f'<section class="findings">\n<h2>核查结果（{len(findings)}项）</h2>\n'
        f'<ul class="findings">\n' + "\n".join(items) + "\n</ul>\n</section>\n"
    )
