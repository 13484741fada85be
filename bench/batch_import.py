"""Benchmark: `gongkai report import` of N generated text reports with W workers, in this process.

Run: .venv/bin/python bench/batch_import.py [--files 500] [--workers 2] [--out csv|xlsx|jsonl] [--resume]
The files are written to a temporary folder before timing (clean generated reports in the three
text layouts); then the command's own ``run`` imports them and writes the result file, as a user's
command does. Printed: wall seconds; CPU seconds of this process (the parent: journal, result file)
and of the workers (every process they ran in, reaped through the fork server, or directly when
they are this process's children); the parent's resident memory before and at its peak, and the
growth per file. ``--resume`` runs the same command a second time with ``--resume`` (every file
skipped) and prints its figures too.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.parse_text import LAYOUTS, _cpu
from gongkai.report_format import cli_import
from gongkai.report_format.sample import random_report


def write_files(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        text = LAYOUTS[i % 3](random_report(rng))
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")


def _stop_fork_server() -> None:
    """End the fork server, if the workers came from one, so that its CPU (and its workers',
    reaped by it) is counted in this process's children."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is not None and getattr(server, "_forkserver_pid", None):
        with contextlib.suppress(Exception):
            server._stop()


def timed_import(folder: Path, out: Path, workers: int, resume: bool) -> dict[str, float]:
    args = argparse.Namespace(
        paths=[str(folder)], out=str(out), workers=workers, resume=resume, time_limit=300.0, memory_limit=3072
    )
    self0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        cli_import.run(args)
    wall = time.perf_counter() - wall
    _stop_fork_server()
    self1, kids1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "parent_cpu": (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime),
        "workers_cpu": (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime),
        "rss_before_mb": self0.ru_maxrss / 1024,
        "rss_peak_mb": self1.ru_maxrss / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", choices=("csv", "xlsx", "jsonl"), default="csv")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--resume", action="store_true", help="then run again with --resume")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        write_files(folder, args.files, args.seed)
        out = Path(tmp) / f"result.{args.out}"
        runs = [("import", timed_import(folder, out, args.workers, False))]
        if args.resume:
            runs.append(("resume", timed_import(folder, out, args.workers, True)))
    print(f"machine: {_cpu()}, Python {platform.python_version()}")
    print(f"{args.files} text reports, {args.workers} workers, result .{args.out}")
    for name, r in runs:
        growth = (r["rss_peak_mb"] - r["rss_before_mb"]) * 1024 / args.files
        print(
            f"{name:7} wall {r['wall']:6.2f} s | CPU parent {r['parent_cpu']:5.2f} s, workers "
            f"{r['workers_cpu']:6.2f} s, total {r['parent_cpu'] + r['workers_cpu']:6.2f} s | parent RSS "
            f"{r['rss_before_mb']:.0f} -> {r['rss_peak_mb']:.0f} MB ({growth:.1f} KB a file)"
        )


if __name__ == "__main__":
    main()
