"""Benchmark: the real reports of ../shared/corpus/real read as `gongkai report parse --infer` reads them.

Prints the shared scorer's figures (cells right / wrong / missing, reports fully right, inconsistent
reports flagged) and the reading speed: CPU seconds of read_bytes + analyse(infer=True) per report,
one core, over --rounds passes of the corpus.

    .venv/bin/python bench/parse_real.py [--rounds 20] [--corpus ../shared/corpus/real]
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gongkai.report_format import analyse, read_bytes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    raw = sorted((args.corpus / "raw").iterdir())
    files = [(p, p.read_bytes()) for p in raw]
    with tempfile.TemporaryDirectory() as out:
        for path, data in files:
            report = analyse(read_bytes(data, path.name), infer=True)
            (Path(out) / f"{path.stem}.json").write_text(report.dumps(), encoding="utf-8")
        scorer = args.corpus.parent.parent / "tools" / "score_reports.py"
        done = subprocess.run(
            [sys.executable, str(scorer), str(args.corpus / "truth"), str(args.corpus / "raw"), out],
            capture_output=True,
            text=True,
            check=False,
        )
    print(done.stdout.strip())
    for label, subset in (
        ("text", [f for f in files if f[0].suffix == ".txt"]),
        ("html", [f for f in files if f[0].suffix == ".html"]),
    ):
        start = time.process_time()
        for _ in range(args.rounds):
            for path, data in subset:
                analyse(read_bytes(data, path.name), infer=True)
        seconds = time.process_time() - start
        n = args.rounds * len(subset)
        print(f"{label}: {n} reports in {seconds:.2f} s CPU = {n / seconds:,.0f} reports/s (one core)")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
