"""Recover missing cells that the rules determine uniquely.

Every count is a whole number ≥ 0, so besides plain substitution the equations bound each unknown:
in seed 000, 总计 ≥ the known outcomes (5) and 总计 + 结转 = 5 force 总计 = 5, 结转 = 0 and the
cut-off rows to 0. Bounds are propagated to a fixed point; a cell is filled only when its lower
and upper bounds meet. Inconsistent known values stop the inference: nothing is guessed then.
"""

from __future__ import annotations

import math

from .layout import ALL_CELLS, TABLE_NAMES, Cell, column_label, row_label
from .model import Finding, Report
from .rules import EQUATIONS


def infer(report: Report) -> list[Finding]:
    """Fill uniquely determined missing cells of tables 3 and 4; one INFERRED finding per cell."""
    unknown = {c for eq in EQUATIONS for c in eq.cells if report.values.get(c) is None}
    if not unknown:
        return []
    lo = dict.fromkeys(unknown, 0.0)
    hi = dict.fromkeys(unknown, math.inf)
    equations = [eq for eq in EQUATIONS if any(c in unknown for c in eq.cells)]
    for _ in range(100):
        changed = False
        for eq in equations:
            terms = [(c, 1) for c in eq.left] + [(c, -1) for c in eq.right]
            for cell, coef in terms:
                if cell not in unknown:
                    continue
                rest_min = rest_max = 0.0
                for other, k in terms:
                    if other is cell:
                        continue
                    if other in unknown:
                        a, b = k * lo[other], k * hi[other]
                        rest_min += min(a, b)
                        rest_max += max(a, b)
                    else:
                        rest_min += k * float(report.values[other])  # type: ignore[arg-type]
                        rest_max += k * float(report.values[other])  # type: ignore[arg-type]
                # coef * x + rest = 0
                new_lo, new_hi = (-rest_max, -rest_min) if coef == 1 else (rest_min, rest_max)
                if new_lo > lo[cell]:
                    lo[cell], changed = new_lo, True
                if new_hi < hi[cell]:
                    hi[cell], changed = new_hi, True
                if lo[cell] > hi[cell]:
                    return []
        if not changed:
            break
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
