"""The report as plain text in the two layouts users paste from Word.

``render_tsv``: one table row per line, cells separated by tabs (seeds 001/003).
``render_cells``: one cell per line with a leading tab, rows separated by blank lines — Word's
own text extraction (seed 002). In both, a merged cell appears once and a cell covered by a
vertical merge is empty, exactly as ``read_docx.docx_to_text`` reads a Word table. ``grids`` lay out the tables
(``grid.GRIDS_2019`` for the 2019 trial format).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Report
from .grid import GRIDS, Grid, cell_text
from .outline import outline


def render_tsv(report: Report, grids: Mapping[str, Grid] = GRIDS) -> str:
    parts = ["\n".join(tsv_rows(report, b.grid)) if b.grid else b.text for b in outline(report, grids)]
    return "\n\n".join(parts) + "\n"


def render_cells(report: Report, grids: Mapping[str, Grid] = GRIDS) -> str:
    lines: list[str] = []
    for block in outline(report, grids):
        if block.grid is None:
            lines.append(block.text)
            continue
        rows = ["\n".join("\t" + cell for cell in row) for row in table_rows(report, block.grid)]
        lines.append("\n\n".join(rows) + "\n\n")
    return "\n".join(lines) + "\n"


def table_rows(report: Report, grid: Grid) -> list[list[str]]:
    """Each row's cell texts as Word's text export lists them."""
    return [["" if gc is None else cell_text(report, gc) for gc in row] for row in grid.line_cells]


def tsv_rows(report: Report, grid: Grid) -> list[str]:
    return ["\t".join(row) for row in table_rows(report, grid)]
