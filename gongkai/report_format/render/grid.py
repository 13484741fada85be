"""The three tables of the official format as grids of merged cells, shared by every renderer.

A grid is built once from ``layout`` and holds, row by row, the cells that start there (as in an
HTML table: a cell covered by a rowspan or colspan from elsewhere is not listed). Each renderer
reads the same grid: HTML writes rowspan/colspan, Word and Excel merge, the text layouts expand
or flatten it. A grid cell either carries a label or names the numeric ``Cell`` it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ..layout import (
    TABLE2_BLOCKS,
    TABLE2_CONTENT_HEADER,
    TABLE2_ITEMS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMNS,
    TABLE3_GROUPS,
    TABLE3_HEADER,
    TABLE3_NOTE,
    TABLE3_ORG_HEADER,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
    TABLE4_LITIGATION_HEADER,
    Cell,
    Row,
    Table2Block,
    Table2Item,
)
from ..layout_2019 import TABLE2_BLOCKS_2019, TABLE2_ITEMS_2019, TABLE3_ROWS_2019
from ..model import Number, Report

# The column head of table 2's label column; the format prints it but layout.py has no name for it.


@dataclass(frozen=True)
class GridCell:
    """One cell of a grid as it starts at (row, col); ``cell`` is set for a numeric cell."""

    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    cell: Cell | None = None

    @property
    def is_label(self) -> bool:
        return self.cell is None


@dataclass(frozen=True)
class Grid:
    """A table of the format: its key ("table2" …), its width in columns, its rows of starting cells."""

    table: str
    width: int
    rows: tuple[tuple[GridCell, ...], ...]
    label_columns: int  # leading columns that hold row labels
    head_rows: int = 0  # leading rows that form the column head (repeated on a new page)

    @cached_property
    def starts(self) -> tuple[GridCell, ...]:
        return tuple(c for row in self.rows for c in row)

    @cached_property
    def owners(self) -> tuple[tuple[GridCell, ...], ...]:
        """Rows expanded to ``width`` positions, each position holding the cell that covers it."""
        out: list[list[GridCell | None]] = [[None] * self.width for _ in self.rows]
        for gc in self.starts:
            for r in range(gc.row, gc.row + gc.rowspan):
                out[r][gc.col : gc.col + gc.colspan] = [gc] * gc.colspan
        rows = tuple(tuple(gc for gc in row if gc is not None) for row in out)
        if any(len(row) != self.width for row in rows):
            raise ValueError(f"{self.table}: a position is covered by no cell")
        return rows

    @cached_property
    def matrix(self) -> tuple[tuple[GridCell | None, ...], ...]:
        """Rows expanded to ``width`` positions; a position covered by a span is None."""
        return tuple(
            tuple(gc if (gc.row, gc.col) == (r, c) else None for c, gc in enumerate(row))
            for r, row in enumerate(self.owners)
        )

    @cached_property
    def line_cells(self) -> tuple[tuple[GridCell | None, ...], ...]:
        """Rows as Word's own text export sees them: a merged cell once, a cell covered from above None."""
        lines = []
        for r, row in enumerate(self.owners):
            line: list[GridCell | None] = []
            col = 0
            while col < self.width:
                gc = row[col]
                line.append(gc if gc.row == r else None)
                col += gc.colspan
            lines.append(tuple(line))
        return tuple(lines)


class _Builder:
    """Places cells row by row like the HTML table algorithm (skipping columns held by rowspans)."""

    def __init__(self, table: str, width: int) -> None:
        self.table = table
        self.width = width
        self.rows: list[tuple[GridCell, ...]] = []
        self._held: dict[int, int] = {}  # column -> rows it is still held for

    def add(self, *specs: tuple[str, int, int, Cell | None]) -> None:
        r = len(self.rows)
        placed: list[GridCell] = []
        col = 0
        for text, rowspan, colspan, cell in specs:
            while self._held.get(col, 0) > 0:
                col += 1
            placed.append(GridCell(r, col, text, rowspan, colspan, cell))
            for c in range(col, col + colspan):
                self._held[c] = rowspan
            col += colspan
        while self._held.get(col, 0) > 0:
            col += 1
        if col != self.width:
            raise ValueError(f"{self.table} row {r}: {col} columns, expected {self.width}")
        self._held = {c: n - 1 for c, n in self._held.items() if n > 1}
        self.rows.append(tuple(placed))

    def build(self, label_columns: int, head_rows: int = 0) -> Grid:
        return Grid(self.table, self.width, tuple(self.rows), label_columns, head_rows)


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> tuple[str, int, int, None]:
    return (text, rowspan, colspan, None)


def _value(cell: Cell, colspan: int = 1) -> tuple[str, int, int, Cell]:
    return ("", 1, colspan, cell)


def _table2(
    blocks: tuple[Table2Block, ...] = TABLE2_BLOCKS, items: tuple[Table2Item, ...] = TABLE2_ITEMS
) -> Grid:
    width = 1 + max(len(b.fields) for b in blocks)
    g = _Builder("table2", width)
    for block in blocks:
        fields = block.fields
        last_span = width - len(fields)  # the last field widens to fill the row
        spans = [1] * (len(fields) - 1) + [last_span]
        g.add(_label(block.label, colspan=width))
        g.add(
            _label(TABLE2_CONTENT_HEADER),
            *(_label(f.label, colspan=s) for f, s in zip(fields, spans, strict=True)),
        )
        for item in (i for i in items if i.block == block.key):
            g.add(
                _label(item.label),
                *(
                    _value(Cell("table2", item.key, f.key), s)
                    for f, s in zip(item.fields, spans, strict=True)
                ),
            )
    return g.build(label_columns=1)


def _table3(rows: tuple[Row, ...] = TABLE3_ROWS) -> Grid:
    labels = 3
    numbers = len(TABLE3_COLUMNS)
    g = _Builder("table3", labels + numbers)
    org = TABLE3_APPLICANT_COLUMNS[1:]
    g.add(_label(TABLE3_NOTE, rowspan=3, colspan=labels), _label(TABLE3_HEADER, colspan=numbers))
    g.add(
        _label(TABLE3_COLUMNS[0].label, rowspan=2),
        _label(TABLE3_ORG_HEADER, colspan=len(org)),
        _label(TABLE3_COLUMNS[-1].label, rowspan=2),
    )
    g.add(*(_label(c.label) for c in org))
    groups = {grp.key: grp for grp in TABLE3_GROUPS}
    outer = TABLE3_GROUPS[0]
    outer_rows = sum(1 for r in rows if r.group)
    seen: set[str] = set()
    for row in rows:
        head: list[tuple[str, int, int, None]] = []
        if not row.group:
            head.append(_label(row.printed, colspan=labels))
        else:
            if outer.key not in seen:
                head.append(_label(outer.ordinal + outer.label, rowspan=outer_rows))
                seen.add(outer.key)
            if row.group == outer.key:
                head.append(_label(row.printed, colspan=labels - 1))
            else:
                if row.group not in seen:
                    grp = groups[row.group]
                    size = sum(1 for r in rows if r.group == row.group)
                    head.append(_label(grp.ordinal + grp.label, rowspan=size))
                    seen.add(row.group)
                head.append(_label(row.printed))
        g.add(*head, *(_value(Cell("table3", row.key, c.key)) for c in TABLE3_COLUMNS))
    return g.build(label_columns=labels, head_rows=3)


def _table4() -> Grid:
    n = len(TABLE4_FIELDS)
    review, *litigation = TABLE4_BLOCKS
    g = _Builder("table4", n * len(TABLE4_BLOCKS))
    g.add(_label(review.label, colspan=n), _label(TABLE4_LITIGATION_HEADER, colspan=n * len(litigation)))
    g.add(
        *(_label(f.label, rowspan=2) for f in TABLE4_FIELDS),
        *(_label(b.label, colspan=n) for b in litigation),
    )
    g.add(*(_label(f.label) for _ in litigation for f in TABLE4_FIELDS))
    g.add(*(_value(Cell("table4", b.key, f.key)) for b in TABLE4_BLOCKS for f in TABLE4_FIELDS))
    return g.build(label_columns=0, head_rows=3)


GRIDS: dict[str, Grid] = {g.table: g for g in (_table2(), _table3(), _table4())}
# The trial format of 2019 (layout_2019.py): its table 2, its table 3 with the one row （六）其他处理.
# Its cells are the trial format's own (``Cell("table3", "other_unsplit", …)``, table-2 items and
# fields of layout_2019), so a report shown in these grids carries them in ``values``.
GRIDS_2019: dict[str, Grid] = {
    g.table: g for g in (_table2(TABLE2_BLOCKS_2019, TABLE2_ITEMS_2019), _table3(TABLE3_ROWS_2019), _table4())
}


def format_number(value: Number | None) -> str:
    """A value as printed: "" for None (never 0), a Decimal without exponent or float noise."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(report: Report, gc: GridCell) -> str:
    """What a grid cell shows for this report: its label, or its value formatted."""
    return gc.text if gc.cell is None else format_number(report.values.get(gc.cell))
