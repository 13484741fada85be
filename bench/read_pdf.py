"""Benchmark: reading PDFs with a text layer, and when pdfplumber's slow second opinion runs.

Run: .venv/bin/python bench/read_pdf.py [FILE.pdf ...] [--rounds 3]
Without files, two reports are printed to PDF by headless Chromium from their HTML: one with table
borders (ruling lines) and one without any border or background (no vector path). For each PDF:
the median wall time of ``read_bytes`` over the rounds, the path that gave the report (ruled,
lines or pdfplumber), whether pdfplumber was tried and thrown away, the number of vector paths,
and the tables read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.parse_text import _cpu
from gongkai.report_format import read_bytes
from gongkai.report_format.render.html import render_html
from gongkai.report_format.sample import random_report
from tests.report_format.corpus import PDF_STYLES, chromium_pdf


def printed(folder: Path) -> list[Path]:
    html = render_html(random_report(random.Random(7)))
    for name, style in PDF_STYLES.items():
        chromium_pdf(style + html, folder / f"{name}.pdf")
    return [folder / f"{name}.pdf" for name in PDF_STYLES]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = [Path(f) for f in args.files] or printed(Path(tmp))
        print(f"machine: {_cpu()}; read_bytes wall seconds, median of {args.rounds}")
        for path in files:
            data = path.read_bytes()
            times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                report = read_bytes(data, path.name)
                times.append(time.perf_counter() - start)
            source = report.source
            tried = (
                "tried, thrown away"
                if source.get("slow_path_tried")
                else "kept"
                if source["path"] == "pdfplumber"
                else "not run"
            )
            print(
                f"{path.name:20} {statistics.median(times):6.2f} s  path {source['path']:10} pdfplumber {tried:18} "
                f"tables {source['tables']}"
            )


if __name__ == "__main__":
    main()
