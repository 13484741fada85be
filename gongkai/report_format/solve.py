"""Numbers whose cell boundaries the text lost, placed in their cells by the consistency rules.

A crawler's text of a web table runs a row's cells together: ``160 02 0 018`` is 16, 0, 0, 2, 0, 0,
18. What is known about such a run: its digits in order; a space is a cell boundary (the page's
``&nbsp;`` sits at a cell's edge), though not every boundary is a space; a printed number has no
leading zero; the rules of rules.py hold between the cells. So the reader enumerates every way of
splitting each row's digits into its cells (``splits``), keeps those that satisfy the rules inside
the row (a row's 总计, a block of table 四), then chooses one split per row so that the rules
between rows hold too (``settle``):

* exactly one assignment → its cells are taken; a cell that every split of its row gives alike is
  *read*, the others are *recovered by the rules* (由勾稽关系确定);
* several → the cells they agree on are taken, the others are left unread with the candidates;
* none → the rows with a single reading keep it (the checker then flags the rule the report breaks
  as printed); rows with several are left unread, and the failing rule is reported.

The search is bounded (``NODE_BUDGET``): no input can make it run long. A number is never
reported as read when it was guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .layout import Cell
from .rules import Equation

Value = int | Decimal | None

MAX_DIGITS = 7  # the largest count a table cell holds has 7 digits (a province's 9,999,999)
NODE_BUDGET = 200_000  # steps of one search; past it the rows stay unread, with a finding
MAX_SOLUTIONS = 64
MAX_RAW = 64  # splits of a row counted without the rules, to tell read cells from recovered ones


@dataclass(frozen=True)
class Run:
    """Digits whose cell boundaries are unknown: the pieces between white space, as printed."""

    pieces: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.pieces)


Item = int | Decimal | None | Run


@dataclass
class Segment:
    """The material of one row (or of table 四's fifteen cells): known cells and runs, in order."""

    cells: tuple[Cell, ...]
    items: list[Item]
    candidates: list[tuple[Value, ...]] = field(default_factory=list)
    read: frozenset[int] = frozenset()  # positions every split without the rules gives alike
    exhausted: bool = False  # the search hit its budget

    @property
    def text(self) -> str:
        return " ".join(i.text if isinstance(i, Run) else "" if i is None else str(i) for i in self.items)


class _Budget(Exception):
    pass


# ------------------------------------------------------------------ one row: its splits


def _number(s: str) -> Value:
    if "." in s:
        try:
            d = Decimal(s)
        except InvalidOperation:
            return None
        return int(d) if d == d.to_integral_value() else d
    return int(s)


def _numbers_at(piece: str, off: int) -> Iterable[tuple[str, int]]:
    """The numbers a piece can have starting at ``off``: (text, end offset). No leading zero; a
    decimal point only inside a number."""
    n = len(piece)
    if piece[off] == "0":
        if off + 1 < n and piece[off + 1] == ".":
            ends = range(off + 3, min(n, off + 3 + MAX_DIGITS) + 1)
            yield from ((piece[off:e], e) for e in ends if piece[e - 1] != ".")
        else:
            yield "0", off + 1
        return
    digits = 0
    seen_point = False
    for e in range(off + 1, n + 1):
        ch = piece[e - 1]
        if ch == ".":
            if seen_point:
                return
            seen_point = True
            continue
        digits += 1
        if digits > MAX_DIGITS + (6 if seen_point else 0):
            return
        if e < n and piece[e] == ".":
            continue  # a number never ends right before a decimal point
        yield piece[off:e], e


def splits(
    items: Sequence[Item],
    width: int,
    equations: Sequence[Equation] = (),
    cells: Sequence[Cell] = (),
    *,
    holes: int = 0,
    limit: int = MAX_SOLUTIONS,
    budget: list[int] | None = None,
) -> list[tuple[Value, ...]]:
    """Every way to read ``items`` as ``width`` cells that satisfies ``equations`` (all of whose
    cells are in ``cells``). ``holes`` cells may be missing from the text (None, then filled by an
    equation where one determines them). Raises _Budget past the budget."""
    budget = budget if budget is not None else [NODE_BUDGET]
    units: list[tuple[bool, object]] = []
    for it in items:
        if isinstance(it, Run):
            units.extend((False, p) for p in it.pieces if p)
        else:
            units.append((True, it))
    # Most cells the units from u on can fill (each digit a cell), for pruning.
    most = [0] * (len(units) + 1)
    for u in range(len(units) - 1, -1, -1):
        whole, x = units[u]
        most[u] = most[u + 1] + (1 if whole else sum(ch.isdigit() for ch in str(x)))
    index = {c: i for i, c in enumerate(cells)}
    due: dict[int, list[tuple[list[int], list[int]]]] = {}
    for eq in equations:
        left = [index[c] for c in eq.left]
        right = [index[c] for c in eq.right]
        due.setdefault(max(left + right), []).append((left, right))
    values: list[Value] = [None] * width
    hole_at: list[bool] = [False] * width
    out: list[tuple[Value, ...]] = []

    def holds(k: int) -> bool:
        for left, right in due.get(k, ()):
            if any(hole_at[i] or values[i] is None for i in left + right):
                continue  # a blank or a hole: the equation is checked after filling
            if sum(values[i] for i in left) != sum(values[i] for i in right):  # type: ignore[misc]
                return False
        return True

    def visit(u: int, piece: str, off: int, k: int, holes_left: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget
        if len(out) >= limit:
            return
        if k == width:
            if u == len(units):
                filled = _fill(values, hole_at, equations, index)
                if filled is not None and filled not in out:
                    out.append(filled)
            return
        rest = (most[u + 1] + sum(ch.isdigit() for ch in piece[off:])) if piece else most[u]
        if rest + holes_left < width - k:
            return
        if holes_left and (not piece or off == 0):
            hole_at[k], values[k] = True, None
            visit(u, piece, off, k + 1, holes_left - 1)
            hole_at[k] = False
        if piece:
            for text, end in _numbers_at(piece, off):
                values[k] = _number(text)
                if holds(k):
                    if end == len(piece):
                        visit(u + 1, _piece(units, u + 1), 0, k + 1, holes_left)
                    else:
                        visit(u, piece, end, k + 1, holes_left)
            return
        if u == len(units):
            return
        values[k] = units[u][1]  # type: ignore[assignment]
        if holds(k):
            visit(u + 1, _piece(units, u + 1), 0, k + 1, holes_left)

    visit(0, _piece(units, 0), 0, 0, holes)
    return out


def _piece(units: list[tuple[bool, object]], u: int) -> str:
    if u < len(units) and not units[u][0]:
        return str(units[u][1])
    return ""


def _fill(
    values: list[Value], hole_at: list[bool], equations: Sequence[Equation], index: dict[Cell, int]
) -> tuple[Value, ...] | None:
    """The holes filled by the equations that determine them; None when a filled value is
    impossible (negative) or an equation fails."""
    vals = list(values)
    open_ = {i for i, h in enumerate(hole_at) if h}
    changed = True
    while open_ and changed:
        changed = False
        for eq in equations:
            terms = [(index[c], 1) for c in eq.left] + [(index[c], -1) for c in eq.right]
            unknown = [(i, s) for i, s in terms if i in open_ or vals[i] is None]
            if len(unknown) != 1 or unknown[0][0] not in open_:
                continue
            i, s = unknown[0]
            rest = sum(s2 * vals[j] for j, s2 in terms if j != i)  # type: ignore[operator]
            v = -rest * s
            if v < 0:
                return None
            vals[i] = v
            open_.discard(i)
            changed = True
    for eq in equations:
        cells = [index[c] for c in eq.cells]
        if any(vals[i] is None for i in cells):
            continue
        if sum(vals[index[c]] for c in eq.left) != sum(vals[index[c]] for c in eq.right):  # type: ignore[misc]
            return None
    return tuple(vals)


def read_segment(segment: Segment, equations: Sequence[Equation]) -> None:
    """The candidates of one segment under the equations inside it, and the cells read alike by
    every split (its ``read`` positions)."""
    cells = segment.cells
    inside = [eq for eq in equations if all(c in _positions(cells) for c in eq.cells)]
    budget = [NODE_BUDGET]
    width = len(cells)
    try:
        cands = splits(segment.items, width, inside, cells, budget=budget)
        holes = 0
        if not cands and _digits(segment.items) < width:
            holes = 1
            cands = splits(segment.items, width, inside, cells, holes=1, budget=budget)
        raw = splits(segment.items, width, (), cells, holes=holes, limit=MAX_RAW, budget=budget)
    except _Budget:
        segment.exhausted = True
        return
    if not cands and len(raw) == 1:
        cands = raw  # one literal reading that breaks a rule inside the row: kept, the checker flags it
    segment.candidates = cands
    if raw and len(raw) < MAX_RAW:
        segment.read = frozenset(
            i for i in range(width) if raw[0][i] is not None and all(r[i] == raw[0][i] for r in raw)
        )


def _positions(cells: Sequence[Cell]) -> frozenset[Cell]:
    return frozenset(cells)


def _digits(items: Sequence[Item]) -> int:
    n = 0
    for it in items:
        n += sum(ch.isdigit() for ch in it.text) if isinstance(it, Run) else 1
    return n


# ------------------------------------------------------------------ rows together: the assignment


@dataclass
class Settlement:
    """What the search decided: values to store, how each was obtained, what stays open."""

    values: dict[Cell, Value] = field(default_factory=dict)
    recovered: list[Cell] = field(default_factory=list)  # decided by the rules
    ambiguous: list[dict[str, object]] = field(default_factory=list)
    unsettled: list[dict[str, object]] = field(default_factory=list)


def settle(
    segments: Sequence[Segment], known: dict[Cell, Value], equations: Sequence[Equation]
) -> Settlement:
    """One reading per segment so that every equation holds; see the module docstring."""
    result = Settlement()
    for seg in segments:
        read_segment(seg, equations)
    open_ = [s for s in segments if len(s.candidates) > 1]
    for seg in segments:
        if seg.exhausted:
            result.unsettled.append(_note(seg, "budget", ""))
        elif not seg.candidates:
            result.unsettled.append(_note(seg, "no_reading", _failing_code(seg, equations)))
        elif len(seg.candidates) == 1:
            _take(result, seg, seg.candidates[0], seg.read)
    if not open_:
        return result
    fixed = dict(known)
    for cell, v in result.values.items():
        fixed[cell] = v
    for seg in open_:
        for c in seg.cells:
            fixed.pop(c, None)
    solutions, failing, exhausted = _search(open_, fixed, equations)
    if exhausted:
        for seg in open_:
            result.unsettled.append(_note(seg, "budget", ""))
        return result
    if not solutions:
        for seg in open_:
            result.unsettled.append(_note(seg, "no_reading", failing or ""))
        return result
    for n, seg in enumerate(open_):
        chosen = {sol[n] for sol in solutions}
        if len(chosen) == 1:
            _take(result, seg, next(iter(chosen)), seg.read)
            continue
        agreed = {
            i
            for i in range(len(seg.cells))
            if len({c[i] for c in chosen}) == 1 and next(iter(chosen))[i] is not None
        }
        first = next(iter(chosen))
        for i in agreed:
            result.values[seg.cells[i]] = first[i]
            if i not in seg.read:
                result.recovered.append(seg.cells[i])
        result.ambiguous.append(
            {
                "cells": [c.path for i, c in enumerate(seg.cells) if i not in agreed],
                "row_cells": [c.path for c in seg.cells],
                "candidates": sorted([list(c) for c in chosen], key=str),
                "text": seg.text,
            }
        )
    return result


def _take(result: Settlement, seg: Segment, values: tuple[Value, ...], read: frozenset[int]) -> None:
    for i, (cell, v) in enumerate(zip(seg.cells, values, strict=True)):
        result.values[cell] = v
        if v is not None and i not in read:
            result.recovered.append(cell)


def _note(seg: Segment, reason: str, code: str) -> dict[str, object]:
    return {"cells": [c.path for c in seg.cells], "text": seg.text, "reason": reason, "code": code}


def _failing_code(seg: Segment, equations: Sequence[Equation]) -> str:
    cells = set(seg.cells)
    for eq in equations:
        if set(eq.cells) <= cells:
            return eq.code
    return ""


def _search(
    open_: list[Segment], fixed: dict[Cell, Value], equations: Sequence[Equation]
) -> tuple[list[tuple[tuple[Value, ...], ...]], str, bool]:
    """Backtracking over the open segments' candidates; equations are checked as soon as all their
    cells are decided. Returns (solutions, the code that failed most, budget exhausted)."""
    order = sorted(range(len(open_)), key=lambda i: len(open_[i].candidates))
    owner: dict[Cell, tuple[int, int]] = {}
    for rank, i in enumerate(order):
        for pos, c in enumerate(open_[i].cells):
            owner[c] = (rank, pos)
    checks: dict[int, list[Equation]] = {}
    for eq in equations:
        ranks = []
        usable = True
        for c in eq.cells:
            if c in owner:
                ranks.append(owner[c][0])
            elif fixed.get(c) is None:
                usable = False
                break
        if (usable and ranks and not all(c in owner and owner[c][0] == ranks[0] for c in eq.cells)) or (
            usable and ranks
        ):
            checks.setdefault(max(ranks), []).append(eq)
    chosen: list[tuple[Value, ...]] = [()] * len(order)
    solutions: list[tuple[tuple[Value, ...], ...]] = []
    fails: dict[str, int] = {}
    budget = [NODE_BUDGET]

    def value(c: Cell) -> Value:
        if c in owner:
            rank, pos = owner[c]
            return chosen[rank][pos]
        return fixed[c]

    def holds(rank: int) -> bool:
        for eq in checks.get(rank, ()):
            left = [value(c) for c in eq.left]
            right = [value(c) for c in eq.right]
            if None in left or None in right:
                continue
            if sum(left) != sum(right):  # type: ignore[arg-type]
                fails[eq.code] = fails.get(eq.code, 0) + 1
                return False
        return True

    def visit(rank: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget
        if len(solutions) >= MAX_SOLUTIONS:
            return
        if rank == len(order):
            by_segment = [()] * len(order)
            for r, i in enumerate(order):
                by_segment[i] = chosen[r]
            solutions.append(tuple(by_segment))
            return
        for cand in open_[order[rank]].candidates:
            chosen[rank] = cand
            if holds(rank):
                visit(rank + 1)

    try:
        visit(0)
    except _Budget:
        return [], "", True
    failing = max(fails, key=lambda k: fails[k]) if fails else ""
    return solutions, failing, False
