"""A second reading of table 三 for conversions that separate labels from their numbers.

A PDF run through a converter often prints a row's numbers on a line of their own, above or below
its label, and breaks labels over lines (``一、本年新收政府信息公`` / ``13134 784 … 15505`` /
``开申请数量``). The label reading (text.py) then gives a row the numbers of its neighbour — a wrong
number, the worst outcome there is. But the lines of numbers still come in the order of the rows.
So when every line of numbers in table 三 holds exactly one row (seven numbers) and there are as
many such lines as the format has rows, they are read in order too, and the two readings are
reconciled by the rules (``reconcile``):

* the label reading is complete and satisfies every rule → it stands;
* else the order reading satisfies every rule → it is taken, its cells marked as recovered;
* else the cells on which the two readings differ are left unread, with both readings as the
  candidates; the cells they agree on stand (a report inconsistent as printed reads alike both ways
  and keeps its numbers, for the checker to flag).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from operator import itemgetter
from typing import Any

from .layout import TABLE3_COLUMNS, Cell, Row
from .normalize import flat_key, parse_number
from .rules import Equation, Getter, sides
from .sections import headings_in_text, section_number

Value = int | None

_WIDTH = len(TABLE3_COLUMNS)
_START = ("申请人", "勾稽关", "钩稽关")  # words of table 三's caption that survive a broken label
_SPLIT = re.compile(r"[\s|]+")


def rows_by_order(lines: Sequence[str], rows: Sequence[Row]) -> list[tuple[int, ...]] | None:
    """Table 三's lines of numbers in order, when each holds exactly one row and they are as many
    as ``rows``; else None."""
    found: list[tuple[int, ...]] = []
    inside = False
    for line in lines:
        key = flat_key(line)
        if not inside:
            inside = any(s in key for s in _START) or section_number(line.strip()) == 3
            continue
        if section_number(line.strip()) == 4 or any(n == 4 for n, _, _ in headings_in_text(key)):
            break
        numbers = _trailing_numbers(line)
        if numbers is None:
            return None
        if numbers:
            found.append(numbers)
    return found if len(found) == len(rows) and found else None


def _trailing_numbers(line: str) -> tuple[int, ...] | None:
    """The numbers a line ends with: () for none, None when they cannot be one row of table 三."""
    tokens = [t for t in _SPLIT.split(line.strip()) if t]
    numbers: list[int] = []
    for token in reversed(tokens):
        value = parse_number(token) if token[0].isdigit() else None
        if type(value) is not int or (len(token) > 1 and token[0] == "0"):
            break
        numbers.append(value)
    if not numbers:
        return ()
    if len(numbers) != _WIDTH:
        return None
    return tuple(reversed(numbers))


def holds(values: Mapping[Cell, object], equations: Sequence[Equation]) -> bool:
    """Every equation over table 三 has all its cells and holds."""
    fetch, checks = _table3(equations)
    try:
        every = fetch(values)
    except KeyError:
        return False  # a cell never read
    if None in every:
        return False
    for one, left, right in checks:
        # 0 + x: what sum() gives for a side of one cell, without building it
        if (0 + every[one] if one >= 0 else sum(left(every))) != sum(right(every)):
            return False
    return True


_Checks = tuple[Callable[[Mapping[Cell, object]], tuple[Any, ...]], list[tuple[int, Getter, Getter]]]
_TABLE3_EQUATIONS: dict[int, _Checks] = {}


def _table3(equations: Sequence[Equation]) -> _Checks:
    """The cells of the equations over table 三, fetched in one call (C speed; each cell looked up
    once, where the equations name most twice), and each equation's sides read from what that call
    returns (``rules.sides``). Kept per set of equations: a layout's."""
    found = _TABLE3_EQUATIONS.get(id(equations))
    if found is None:
        table3 = [eq for eq in equations if eq.left[0].table == "table3"]
        cells = list(dict.fromkeys(c for eq in table3 for c in eq.cells))
        place = {c: i for i, c in enumerate(cells)}
        found = (itemgetter(*cells), [sides(eq, place) for eq in table3])
        _TABLE3_EQUATIONS[id(equations)] = found
    return found


def reconcile(
    values: MutableMapping[Cell, Any],
    order: list[tuple[int, ...]],
    rows: Sequence[Row],
    equations: Sequence[Equation],
) -> tuple[list[str], list[dict[str, object]]]:
    """Apply the rules above to ``values`` (the label reading, changed in place). Returns the paths
    recovered and the notes of rows left open."""
    by_label = {
        Cell("table3", r.key, c.key): values.get(Cell("table3", r.key, c.key))
        for r in rows
        for c in TABLE3_COLUMNS
    }
    by_order = {
        Cell("table3", r.key, c.key): v
        for r, row in zip(rows, order, strict=True)
        for c, v in zip(TABLE3_COLUMNS, row, strict=True)
    }
    if by_label == by_order or holds(by_label, equations):
        return [], []
    if holds(by_order, equations):
        changed = [c.path for c, v in by_order.items() if by_label[c] != v]
        values.update(by_order)
        return changed, []
    notes: list[dict[str, object]] = []
    for r in rows:
        cells = [Cell("table3", r.key, c.key) for c in TABLE3_COLUMNS]
        differ = [c for c in cells if by_label[c] != by_order[c]]
        if not differ:
            continue
        for c in differ:
            values[c] = None
        notes.append(
            {
                "cells": [c.path for c in differ],
                "row_cells": [c.path for c in cells],
                "candidates": [[by_label[c] for c in cells], [by_order[c] for c in cells]],
                "text": " ".join(str(v) for v in (by_order[c] for c in cells)),
                "reason": "two_readings",
            }
        )
    return [], notes
