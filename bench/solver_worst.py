"""The digit solver's worst case: adversarial runs of nonzero digits, one row at a time.

Run: .venv/bin/python bench/solver_worst.py [--per-length 20] [--seed 2026] [--json]
For each length from 10 to 60 digits, random strings of nonzero digits (no zero: no leading-zero
rule cuts any split, the hardest input for the search) are read as one row of table 3 (7 cells,
总计 = the sum of six) and as table 4's 15 cells (three blocks, 总计 = the sum of four), the way
``settle`` reads a row (``read_segment``). Reported per shape: the slowest and the median
milliseconds (CPU time), the most search nodes one row used and how many rows hit the budget
(``NODE_BUDGET``: such a row is left unread with a finding; the point is that none runs long).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.report_format.layout import TABLE3_COLUMNS, TABLE_CELLS, Cell
from gongkai.report_format.rules import EQUATIONS
from gongkai.report_format.solve import NODE_BUDGET, Run, Segment, read_segment

ROW = tuple(Cell("table3", "new", c.key) for c in TABLE3_COLUMNS)
SHAPES = {"table3 row (7 cells)": ROW, "table4 (15 cells)": TABLE_CELLS["table4"]}


def one(cells: tuple[Cell, ...], digits: str) -> tuple[float, int, bool]:
    """CPU milliseconds, nodes used and whether the budget was hit, for one row."""
    segment = Segment(cells, [Run((digits,))])
    start = time.process_time()
    read_segment(segment, EQUATIONS)
    ms = 1000 * (time.process_time() - start)
    return ms, getattr(segment, "nodes", -1), segment.exhausted  # -1: a version that did not count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-length", type=int, default=20, help="strings per length")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    strings = [
        "".join(rng.choice("123456789") for _ in range(n))
        for n in range(10, 61)
        for _ in range(args.per_length)
    ]
    out: dict[str, dict[str, float | int]] = {}
    for name, cells in SHAPES.items():
        runs = [one(cells, s) for s in strings]
        ms = [r[0] for r in runs]
        worst = max(range(len(runs)), key=lambda i: runs[i][1])
        out[name] = {
            "rows": len(runs),
            "max_ms": round(max(ms), 2),
            "median_ms": round(statistics.median(ms), 3),
            "max_nodes": runs[worst][1],
            "max_nodes_length": len(strings[worst]),
            "budget_hit": sum(r[2] for r in runs),
        }
    if args.json:
        print(
            json.dumps({"python": platform.python_version(), "budget": NODE_BUDGET, "shapes": out}, indent=2)
        )
        return
    print(
        f"{len(strings)} random nonzero digit strings of 10..60 digits, seed {args.seed}, "
        f"Python {platform.python_version()}, budget {NODE_BUDGET:,} nodes a row"
    )
    print(
        f"{'shape':22} {'max ms':>8} {'median ms':>10} {'max nodes':>10} {'(length)':>9} {'budget hit':>10}"
    )
    for name, s in out.items():
        print(
            f"{name:22} {s['max_ms']:>8} {s['median_ms']:>10} {s['max_nodes']:>10} "
            f"{s['max_nodes_length']:>9} {s['budget_hit']:>10}"
        )


if __name__ == "__main__":
    main()
