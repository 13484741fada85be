"""Benchmark: parse + check of the five seeds and of 10,000 generated reports, on one core.

Goals: ≥ 1,000 reports/s (issues #2, #15), ≥ 1,500 reports/s per core (issue #18) for clean text
through ``read_bytes`` + ``analyse`` (a pasted file's whole path: type and encoding checks, format
detection, parse, checker). Run: .venv/bin/python bench/parse_text.py [--reports N] [--rounds R]
The generated reports are rendered in the three text layouts users paste (markdown tables,
tab-separated rows, one cell per line) before timing; only the reading is timed, R times, and the
median, fastest and slowest pass are printed (the machine is shared: quote the median).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from gongkai.report_format import analyse, check, parse_text, read_bytes
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


def run_files(files: list[bytes], *, infer: bool = False) -> float:
    """CPU seconds for ``read_bytes`` + ``analyse`` of every file, as a pasted .txt file."""
    start = time.process_time()
    for data in files:
        analyse(read_bytes(data, "x.txt"), infer=infer)
    return time.process_time() - start


def rate(what: str, n: int, timed: Callable[[], float], rounds: int) -> None:
    per_second = sorted(n / timed() for _ in range(rounds))
    print(
        f"{what:38} {n:>6} reports: median {statistics.median(per_second):>6,.0f} reports/s "
        f"(min {per_second[0]:,.0f}, max {per_second[-1]:,.0f}, {rounds} passes)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    reports = [random_report(rng) for _ in range(args.reports)]
    texts = [LAYOUTS[i % 3](r) for i, r in enumerate(reports)]
    files = [t.encode() for t in texts]
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]

    run(seeds * 20)  # warm caches
    run_files(files[:300])
    print(f"machine: {_cpu()}, Python {platform.python_version()}, 1 process, CPU time (time.process_time)")
    rate("seeds: parse_text + check", len(seeds) * 200, lambda: run(seeds * 200), args.rounds)
    rate("generated: parse_text + check", len(texts), lambda: run(texts), args.rounds)
    rate("generated: read_bytes + analyse", len(files), lambda: run_files(files), args.rounds)
    rate(
        "generated: read_bytes + analyse(infer)",
        len(files),
        lambda: run_files(files, infer=True),
        args.rounds,
    )
    right = sum(parse_text(t).values == r.values for t, r in zip(texts, reports, strict=True))
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
