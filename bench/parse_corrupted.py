"""Accuracy of the text reader per failure class of real documents, on generated corrupted reports.

Run: .venv/bin/python bench/parse_corrupted.py [--n 200] [--seed 2026] [--classes flat,glued] [--json]
     .venv/bin/python bench/parse_corrupted.py --show spaces   (one text of a class, to look at)
Each class (tests/report_format/corruptions.py) gives N reports as text with their truth; each text is
read as a pasted file (``read_bytes(text, "x.txt")`` then ``analyse(infer=True)``) and its table-3 and
table-4 cells compared with the truth: right, wrong (a value that is not the truth: worse than
missing), missing, reports with every cell right, the most wrong cells in one report, and reports per
second of CPU time on one core (reading only; the texts are generated before timing). ``clean`` is
the baseline: the project's own renderers, no corruption.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.report_format.corrupted_score import measure
from tests.report_format.corruptions import CLASSES, corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="reports per class")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--classes", default=",".join(CLASSES), help="comma-separated, of: " + ",".join(CLASSES)
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--show", metavar="CLASS", help="print the first text of CLASS and stop")
    args = parser.parse_args()
    if args.show:
        if args.show not in CLASSES:
            parser.error(f"unknown class: {args.show}")
        sample = corpus(args.show, 1, args.seed)[0]
        print(f"[{sample.kind}, layout {sample.layout}]\n{sample.text}")
        return
    kinds = [k for k in args.classes.split(",") if k]
    unknown = [k for k in kinds if k not in CLASSES]
    if unknown:
        parser.error(f"unknown class: {', '.join(unknown)}")
    scores = {k: measure(corpus(k, args.n, args.seed)) for k in kinds}
    if args.json:
        out = {"n": args.n, "seed": args.seed, "python": platform.python_version()}
        print(json.dumps(out | {"classes": {k: s.to_json() for k, s in scores.items()}}, indent=2))
        return
    print(
        f"{args.n} reports per class, seed {args.seed}, Python {platform.python_version()}, one core (CPU time)"
    )
    print(
        f"{'class':13} {'cells':>7} {'right':>7} {'wrong':>7} {'missing':>8} {'fully right':>12} "
        f"{'max wrong':>9} {'failed':>6} {'reports/s':>9}"
    )
    for kind, s in scores.items():
        print(
            f"{kind:13} {s.cells:>7} {s.percent(s.right):>6.1f}% {s.percent(s.wrong):>6.1f}% "
            f"{s.percent(s.missing):>7.1f}% {s.fully_right:>5}/{s.reports:<6} {s.max_wrong:>9} {s.failed:>6} "
            f"{s.per_second:>9.0f}"
        )


if __name__ == "__main__":
    main()
