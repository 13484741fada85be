"""The report as markdown: plain text lines and pipe tables laid out like the official format."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Report
from .grid import GRIDS, Grid, cell_text
from .outline import outline


def render_markdown(report: Report, grids: Mapping[str, Grid] = GRIDS) -> str:
    """The whole report as a user would paste it, blocks separated by blank lines."""
    parts = [markdown_table(report, b.grid) if b.grid else b.text for b in outline(report, grids)]
    return "\n\n".join(parts) + "\n"


def markdown_table(report: Report, grid: Grid) -> str:
    """A grid expanded to full width; a position covered by a merged cell is an empty cell."""
    rows = [
        "| " + " | ".join("" if c is None else cell_text(report, c) for c in row) + " |"
        for row in grid.matrix
    ]
    rule = "|" + "---|" * grid.width
    return "\n".join([rows[0], rule, *rows[1:]])
