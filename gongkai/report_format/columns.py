"""Numbers placed in their columns by where they stand on the page: where the recogniser uses the
positions a reader of pages gives (tokens.py).

A borderless table (a PDF's text layer without rules, a page read by OCR) prints no edge between
its cells, and a blank cell is only space: a row of table 三 with fewer numbers than cells does not
say which of its cells are blank. Text alone leaves it to the rules, which place up to two dropped
cells (solve.py) and leave more, or several readings, unread. The page says it: each number stands
under its column.

The columns are those of the rows of table 三 that print all their cells, on the same page (on any
page when none does on this one): column j spans from the leftmost left edge to the rightmost right
edge of their j-th numbers, and the spans must not overlap. A number of a shorter row goes to the
column whose span it reaches into, when it reaches into one only and its centre is nearer that
column's than any other's; the row's other cells are blank where they stand (read as a table
cell left empty: ``None``, and ``infer.py`` may fill it). A number between two columns, two numbers
under one column, a row whose rest of numbers follows on the next line, or columns that overlap
leave the row to the rules as before: a position that does not decide adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import TABLE4_BLOCKS, TABLE4_FIELDS
from .layout_2019 import TABLE2_ITEMS_2019, TABLE3_ROWS_2019
from .normalize import label_key
from .page_layout import is_number
from .text import _Target, build_index, row_named
from .tokens import Field, Line, Tokens

_INDEX_2019 = build_index(TABLE2_ITEMS_2019, TABLE3_ROWS_2019)
_T4_WIDTH = len(TABLE4_BLOCKS) * len(TABLE4_FIELDS)
_T4_ANCHOR = label_key(TABLE4_BLOCKS[0].label)
_T4_HEAD_LINES = 12  # lines of table 四's head at most, between its first line and its numbers

Span = tuple[float, float]


@dataclass
class _Row:
    """A line of the page that is a row of table 三: its label fields and the numbers after them."""

    at: int  # its place among the lines
    key: str
    width: int
    label: list[Field]
    numbers: list[Field]
    page: int | None
    above: list[int] | None = None  # fields of the line above that begin its label (wrapped)


def place_by_columns(tokens: Tokens) -> tuple[Tokens, list[str]]:
    """The tokens with each shorter row of table 三 whose numbers all stand under a column given its
    blank cells where they stand, and the keys of the rows so placed (``tokens`` itself when none
    is)."""
    if not tokens.has_positions:
        return tokens, []
    lines = tokens.lines
    rows = [row for i, line in enumerate(lines) if (row := _table3_row(lines, i)) is not None]
    short = [r for r in rows if 0 < len(r.numbers) < r.width and not _numbers_follow(lines, r.at)]
    table4 = _table4(lines)
    if not short and table4 is None:
        return tokens, []
    full = [r for r in rows if len(r.numbers) == r.width]
    out: list[Line | None] = list(lines)
    placed = []
    if table4 is not None:
        at, head = table4
        line = lines[at]
        columns = match_columns(line.fields, head)
        if columns is not None:
            out[at] = Line(_cells(line.fields, columns, head), line.page, line.top, line.bottom)
            placed.append("table4")
    for row in short:
        same_page = [r.numbers for r in full if r.page == row.page and r.width == row.width]
        spans = column_spans(same_page or [r.numbers for r in full if r.width == row.width])
        if spans is None:
            continue
        columns = match_columns(row.numbers, spans)
        if columns is None:
            continue
        line = lines[row.at]
        out[row.at] = Line(
            [*row.label, *_cells(row.numbers, columns, spans)], line.page, line.top, line.bottom
        )
        if row.above is not None:  # the start of its label moved down to it
            up = lines[row.at - 1]
            rest = [f for i, f in enumerate(up.fields) if i not in row.above]
            out[row.at - 1] = Line(rest, up.page, up.top, up.bottom) if rest else None
        placed.append(row.key)
    if not placed:
        return tokens, []
    return Tokens([line for line in out if line is not None]), placed


def column_spans(rows: list[list[Field]]) -> list[Span] | None:
    """The x-span of each column of rows that print every cell (as many numbers each); None when
    there is no such row or two columns' spans overlap."""
    if not rows or len({len(r) for r in rows}) != 1:
        return None
    spans: list[Span] = []
    for j in range(len(rows[0])):
        x0s = [r[j].x0 for r in rows]
        x1s = [r[j].x1 for r in rows]
        left, right = min(x for x in x0s if x is not None), max(x for x in x1s if x is not None)
        spans.append((left, right))
    if any(spans[j][1] >= spans[j + 1][0] for j in range(len(spans) - 1)):
        return None
    return spans


def match_columns(numbers: list[Field], spans: list[Span]) -> list[int] | None:
    """The column of each number, left to right; None when one of them does not stand under
    exactly one column (none, or between two), or two stand under the same."""
    out: list[int] = []
    for f in numbers:
        if f.x0 is None or f.x1 is None:
            return None
        under = [j for j, (a, b) in enumerate(spans) if min(b, f.x1) > max(a, f.x0)]
        if len(under) != 1:
            return None
        j = under[0]
        cx = (f.x0 + f.x1) / 2
        nearest = min(range(len(spans)), key=lambda k: abs((spans[k][0] + spans[k][1]) / 2 - cx))
        if nearest != j or (out and j <= out[-1]):
            return None
        out.append(j)
    return out


def header_spans(fields: list[Field]) -> list[Span]:
    """The x-spans of a table head's columns: its cells' fragments, those that overlap joined
    (a head cell wrapped over lines), left to right."""
    spans: list[list[float]] = []
    for f in sorted(fields, key=lambda f: f.x0 or 0.0):
        if f.x0 is None or f.x1 is None:
            continue
        if spans and f.x0 < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], f.x1)
        else:
            spans.append([f.x0, f.x1])
    return [(a, b) for a, b in spans]


def _cells(numbers: list[Field], columns: list[int], spans: list[Span]) -> list[Field]:
    """A row's cells: each number in its column, the others blank where they stand."""
    cells = [Field("", x0, x1, bounded=True) for x0, x1 in spans]
    for number, j in zip(numbers, columns, strict=True):
        cells[j] = Field(number.text, number.x0, number.x1, True, number.confidence)
    return cells


def _table4(lines: list[Line]) -> tuple[int, list[Span]] | None:
    """Table 四's line of numbers, when it has fewer than its cells, and the spans of the columns of
    its head: the fragments of the head's lines of one field a column (the lines of the blocks'
    names, one field a block, are left out), in as many columns as the table has cells."""
    start = next(
        (i for i, line in enumerate(lines) if line.fields and label_key(line.fields[0].text) == _T4_ANCHOR),
        None,
    )
    if start is None or not lines[start].placed:
        return None
    head: list[Field] = []
    for at in range(start + 1, min(start + 1 + _T4_HEAD_LINES, len(lines))):
        line = lines[at]
        if not line.placed or line.page != lines[start].page or any(f.bounded for f in line.fields):
            return None
        if all(is_number(f.text) for f in line.fields):
            if not 0 < len(line.fields) < _T4_WIDTH:
                return None
            spans = header_spans(head)
            return (at, spans) if len(spans) == _T4_WIDTH else None
        if len(line.fields) >= len(TABLE4_FIELDS):
            head += line.fields
    return None


def _table3_row(lines: list[Line], at: int) -> _Row | None:
    """The line as a row of table 三 when it is one laid out by position (no ruled cell: a ruled
    table's blank cells are cells already) and its label names the row — alone, or after the start
    of the label on the line above, in the same column (a label wrapped in its cell; a group label
    beside it, in the column to its left, is left where it is)."""
    line = lines[at]
    fields = line.fields
    if not line.placed or any(f.bounded for f in fields):
        return None
    k = len(fields)
    while k > 0 and is_number(fields[k - 1].text):
        k -= 1
    if k == 0 or k == len(fields):
        return None
    target = _named("".join(f.text for f in fields[:k]))
    if target is not None:
        return _Row(at, target.key, target.width, fields[:k], fields[k:], line.page)
    up = lines[at - 1] if at > 0 else None
    if up is None or up.page != line.page or not up.placed or any(is_number(f.text) for f in up.fields):
        return None
    last = fields[k - 1]
    slack = max(2.0, 0.6 * ((line.top or 0.0) - (line.bottom or 0.0)))
    aligned = [i for i, f in enumerate(up.fields) if abs((f.x0 or 0.0) - (last.x0 or 0.0)) <= slack]
    if len(aligned) != 1:
        return None
    above = list(range(aligned[0], len(up.fields)))  # the start of the label, to the line's end
    text = "".join(up.fields[i].text for i in above) + last.text
    target = _named(text)
    if target is None:
        return None
    label = Field(text, up.fields[above[0]].x0, max(up.fields[-1].x1 or 0.0, last.x1 or 0.0))
    return _Row(at, target.key, target.width, [*fields[: k - 1], label], fields[k:], line.page, above)


def _named(label: str) -> _Target | None:
    """The row of table 三 a label names, in the 2021 layout or the 2019 trial one."""
    target = row_named(label) or row_named(label, _INDEX_2019)
    return target if target is not None and target.table == "table3" else None


def _numbers_follow(lines: list[Line], at: int) -> bool:
    """The next line of the page is numbers alone: maybe the rest of this row's."""
    if at + 1 >= len(lines):
        return False
    nxt = lines[at + 1]
    return nxt.page == lines[at].page and bool(nxt.fields) and all(is_number(f.text) for f in nxt.fields)
