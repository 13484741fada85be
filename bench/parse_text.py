"""Benchmark: parse + check of the five seeds and of 10,000 generated reports, on one core.

Goal (issue #2): ≥ 1,000 reports/s. Run: .venv/bin/python bench/parse_text.py [--reports N]
The generated reports are rendered in the three text layouts users paste (markdown tables,
tab-separated rows, one cell per line) before timing; only parse + check is timed.
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from pathlib import Path

from gongkai.report_format import check, parse_text
from gongkai.report_format.render.markdown import render_markdown
from gongkai.report_format.render.text import render_cells, render_tsv
from gongkai.report_format.sample import random_report

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
LAYOUTS = (render_markdown, render_tsv, render_cells)


def run(texts: list[str]) -> float:
    """CPU seconds of this process for parse + check of every text (one core, whatever else runs)."""
    start = time.process_time()
    for text in texts:
        report = parse_text(text)
        report.findings = check(report)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    reports = [random_report(rng) for _ in range(args.reports)]
    texts = [LAYOUTS[i % 3](r) for i, r in enumerate(reports)]
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]

    run(seeds * 20)  # warm caches
    seed_time = run(seeds * 200)
    gen_time = run(texts)
    right = sum(parse_text(t).values == r.values for t, r in zip(texts, reports, strict=True))

    print(f"machine: {_cpu()}, Python {platform.python_version()}, 1 process, CPU time (time.process_time)")
    print(
        f"seeds:     {len(seeds) * 200:>6} parses in {seed_time:.2f} s = {len(seeds) * 200 / seed_time:,.0f} reports/s"
    )
    print(f"generated: {len(texts):>6} parses in {gen_time:.2f} s = {len(texts) / gen_time:,.0f} reports/s")
    print(f"generated reports read back exactly: {right}/{len(texts)}")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


if __name__ == "__main__":
    main()
