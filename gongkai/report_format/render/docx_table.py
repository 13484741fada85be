"""A grid as a Word table (``w:tbl``) with the official merged cells: gridSpan across, vMerge down.

The XML is what ``_Cell.merge`` of python-docx produces — one ``w:tc`` with ``w:gridSpan`` for a
horizontal span, ``w:vMerge w:val="restart"`` on the top cell and ``w:vMerge`` on the cells below
for a vertical one — but written in one pass and parsed once: building it through python-docx's
element API takes over 100 ms a report, this takes a few.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.table import CT_Tbl
from docx.shared import Length

from ..model import Report
from .grid import Grid, GridCell, cell_text


def table_element(
    report: Report, grid: Grid, widths: list[Length], *, table_style: str, text_style: str
) -> CT_Tbl:
    """The ``w:tbl`` of a grid; ``widths`` per grid column, styles by style id."""
    twips = [w.twips for w in widths]
    rows = []
    for r, owners in enumerate(grid.owners):
        head = "<w:trPr><w:tblHeader/></w:trPr>" if r < grid.head_rows else ""
        tcs = (_tc(report, grid, gc, r, twips, text_style) for c, gc in enumerate(owners) if c == gc.col)
        rows.append(f"<w:tr>{head}{''.join(tcs)}</w:tr>")
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    return parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{table_style}"/><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"'
        ' w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _tc(report: Report, grid: Grid, gc: GridCell, r: int, twips: list[int], text_style: str) -> str:
    """One ``w:tc`` at row ``r`` of the cell ``gc`` (its top row, or a row its vertical span covers)."""
    width = sum(twips[gc.col : gc.col + gc.colspan])
    span = f'<w:gridSpan w:val="{gc.colspan}"/>' if gc.colspan > 1 else ""
    merge = ""
    if gc.rowspan > 1:
        merge = '<w:vMerge w:val="restart"/>' if r == gc.row else "<w:vMerge/>"
    text = cell_text(report, gc) if r == gc.row else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    left = gc.is_label and gc.col < grid.label_columns and gc.rowspan == 1
    jc = '<w:jc w:val="left"/>' if left else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/>{jc}</w:pPr>{run}</w:p></w:tc>'
    )
