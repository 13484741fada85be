"""Recover missing cells that the rules determine uniquely.

Every count is a whole number ≥ 0, so besides plain substitution the equations bound each unknown:
in seed 000, 总计 ≥ the known outcomes (5) and 总计 + 结转 = 5 force 总计 = 5, 结转 = 0 and the
cut-off rows to 0. Bounds are propagated to a fixed point; a cell is filled only when its lower
and upper bounds meet. Inconsistent known values stop the inference: nothing is guessed then.
"""

from __future__ import annotations

import math
from typing import Literal

from .layout import ALL_CELLS, TABLE_NAMES, Cell, column_label, row_label
from .model import Finding, Report
from .rules import EQUATIONS


def infer(report: Report) -> list[Finding]:
    """Fill uniquely determined missing cells of tables 3 and 4; one INFERRED finding per cell."""
    unknown = {c for eq in EQUATIONS for c in eq.cells if report.values.get(c) is None}
    if not unknown:
        return []
    bounds = _bounds(report, unknown, exact=True)
    if bounds is False:
        bounds = _bounds(report, unknown, exact=False)
    if bounds is None or bounds is False:
        return []
    lo, hi = bounds
    solved = [c for c in ALL_CELLS if c in unknown and lo[c] == hi[c] and math.isfinite(lo[c])]
    inferred: list[str] = list(report.source.get("inferred", ()))
    for cell in solved:
        report.values[cell] = int(lo[cell])
        inferred.append(cell.path)
    if inferred:
        report.source["inferred"] = inferred
    by_row: dict[tuple[str, str], list[Cell]] = {}
    for cell in solved:
        by_row.setdefault((cell.table, cell.row), []).append(cell)
    return [_finding(report, cells) for cells in by_row.values()]


Bounds = tuple[dict[Cell, float], dict[Cell, float]]
EXACT = 2.0**45  # below it, sums of an equation's whole numbers (22 at most) as floats are exact
_TERMS = {eq: [(c, 1) for c in eq.left] + [(c, -1) for c in eq.right] for eq in EQUATIONS}


def _bounds(report: Report, unknown: set[Cell], *, exact: bool) -> Bounds | Literal[False] | None:
    """Each unknown's bounds propagated to a fixed point; None when the known values contradict.

    ``exact``: what the other terms of an equation add up to is the equation's total less the
    cell's own term (a pass per equation instead of one per cell), which gives the same floats
    while every value is a whole number below ``EXACT``; False when one is not (call again with
    ``exact=False``: every sum taken term by term, in order)."""
    lo = dict.fromkeys(unknown, 0.0)
    hi = dict.fromkeys(unknown, math.inf)
    values = report.values
    equations = [eq for eq in EQUATIONS if any(c in unknown for c in eq.cells)]
    if exact:
        for eq in equations:
            for c in eq.cells:
                v = values.get(c)
                if c not in unknown and not (type(v) is int and -EXACT < v < EXACT):
                    return False
    # An equation none of whose cells changed since its last pass began would change nothing:
    # skipped (``stamp``: when each cell last changed; ``seen``: when each equation's pass began).
    clock = 0
    stamp = dict.fromkeys(unknown, 0)
    seen = dict.fromkeys(equations, -1)
    for _ in range(100):
        changed = False
        for eq in equations:
            terms = _TERMS[eq]
            if all(stamp[c] < seen[eq] for c, _ in terms if c in unknown):
                continue
            clock += 1
            seen[eq] = clock
            if exact:
                # Each term's least and greatest; the sums of the finite ones and the infinite count.
                mins: list[float] = []
                maxs: list[float] = []
                for c, k in terms:
                    if c in unknown:
                        a, b = k * lo[c], k * hi[c]
                        mins.append(min(a, b))
                        maxs.append(max(a, b))
                    else:
                        a = k * float(values[c])  # type: ignore[arg-type]
                        mins.append(a)
                        maxs.append(a)
                fmin = sum(a for a in mins if a != -math.inf)
                nmin = sum(1 for a in mins if a == -math.inf)
                fmax = sum(b for b in maxs if b != math.inf)
                nmax = sum(1 for b in maxs if b == math.inf)
            for i, (cell, coef) in enumerate(terms):
                if cell not in unknown:
                    continue
                if exact:
                    a, b = mins[i], maxs[i]
                    if a == -math.inf:
                        rest_min = -math.inf if nmin > 1 else fmin
                    else:
                        rest_min = -math.inf if nmin else fmin - a
                    if b == math.inf:
                        rest_max = math.inf if nmax > 1 else fmax
                    else:
                        rest_max = math.inf if nmax else fmax - b
                else:
                    rest_min = rest_max = 0.0
                    for other, k in terms:
                        if other is cell:
                            continue
                        if other in unknown:
                            a, b = k * lo[other], k * hi[other]
                            rest_min += min(a, b)
                            rest_max += max(a, b)
                        else:
                            rest_min += k * float(values[other])  # type: ignore[arg-type]
                            rest_max += k * float(values[other])  # type: ignore[arg-type]
                # coef * x + rest = 0
                new_lo, new_hi = (-rest_max, -rest_min) if coef == 1 else (rest_min, rest_max)
                if new_lo > lo[cell]:
                    lo[cell], changed = new_lo, True
                    clock += 1
                    stamp[cell] = clock
                if new_hi < hi[cell]:
                    hi[cell], changed = new_hi, True
                    clock += 1
                    stamp[cell] = clock
                if lo[cell] > hi[cell]:
                    return None
                if exact:  # the cell's own term, as it now stands
                    if abs(lo[cell]) >= EXACT or (hi[cell] != math.inf and abs(hi[cell]) >= EXACT):
                        return False
                    x, y = coef * lo[cell], coef * hi[cell]
                    na, nb = min(x, y), max(x, y)
                    if a == -math.inf:
                        nmin -= 1
                    else:
                        fmin -= a
                    if na == -math.inf:
                        nmin += 1
                    else:
                        fmin += na
                    if b == math.inf:
                        nmax -= 1
                    else:
                        fmax -= b
                    if nb == math.inf:
                        nmax += 1
                    else:
                        fmax += nb
                    mins[i], maxs[i] = na, nb
        if not changed:
            break
    return lo, hi


def _finding(report: Report, cells: list[Cell]) -> Finding:
    first = cells[0]
    row = f"{TABLE_NAMES[first.table]}“{row_label(first.table, first.row)}”行"
    values = "、".join(f"“{column_label(c.table, c.column)}”{report.values[c]}" for c in cells)
    return Finding(
        "INFERRED",
        f"{row}原文缺失的数值由勾稽关系唯一推出：{values}（已标注为推算值）。",
        tuple(cells),
        {c.path: report.values[c] for c in cells},
    )
