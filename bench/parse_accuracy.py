"""Accuracy and speed of reading each import format, on a generated, labelled corpus.

Run: .venv/bin/python bench/parse_accuracy.py --n 50 [--corpus DIR] [--formats docx,pdf,html,txt]
The corpus (tests/annual/corpus.py) is built into a temporary directory unless --corpus names one
(built there when empty, reused otherwise). PDF needs LibreOffice (soffice) to be built. Per format:
reports, cell accuracy (cells exactly right / cells in the truth), reports fully right (every cell,
body, year, date), missing-table detection (each table reported absent/truncated/image is really
absent — the corpus has none, so any such report is a false alarm), and reports per second on one
core (reading only; the corpus is built before timing).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.annual.layout import ALL_CELLS
from gongkai.annual.read import read_path
from tests.annual.corpus import FORMATS, soffice, truth_of, write_corpus


def measure(files: list[Path]) -> dict[str, float]:
    cells_right = cells_total = fully = false_missing = failed = 0
    elapsed = 0.0
    for path in files:
        truth = truth_of(path)
        start = time.perf_counter()
        try:
            report = read_path(path)
        except Exception as e:  # counted, shown, and the run goes on
            failed += 1
            print(f"  {path.name}: {e}", file=sys.stderr)
            continue
        finally:
            elapsed += time.perf_counter() - start
        right = sum(report.values.get(c) == truth.values.get(c) for c in ALL_CELLS)
        cells_right += right
        cells_total += len(ALL_CELLS)
        meta = (report.body, report.year, report.published_on) == (truth.body, truth.year, truth.published_on)
        fully += right == len(ALL_CELLS) and meta
        false_missing += sum(v != "text" for v in report.source.get("tables", {}).values())
    cells_total += failed * len(ALL_CELLS)
    return {
        "reports": len(files),
        "failed": failed,
        "cell_accuracy": cells_right / cells_total if cells_total else 0.0,
        "fully_right": fully,
        "false_missing_tables": false_missing,
        "per_second": len(files) / elapsed if elapsed else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="documents per format")
    parser.add_argument("--corpus", type=Path, help="build the corpus here, or reuse the one already here")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if "pdf" in formats and soffice() is None:
        print("LibreOffice (soffice) is not installed: no PDF corpus", file=sys.stderr)
        formats.remove("pdf")
    with tempfile.TemporaryDirectory(prefix="gongkai-corpus-") as tmp:
        root = args.corpus or Path(tmp)
        missing = [f for f in formats if not any((root / f).glob("[0-9]*.[!t]*"))]
        if missing:
            start = time.perf_counter()
            write_corpus(root, args.n, seed=args.seed, formats=missing)
            print(f"built {', '.join(missing)} corpus in {time.perf_counter() - start:.1f} s: {root}")
        print(
            f"{'format':6} {'reports':>7} {'failed':>6} {'cells':>8} {'fully right':>12} "
            f"{'false missing':>13} {'reports/s':>9}"
        )
        for fmt in formats:
            files = sorted(p for p in (root / fmt).iterdir() if not p.name.endswith(".truth.json"))[: args.n]
            m = measure(files)
            print(
                f"{fmt:6} {m['reports']:>7} {m['failed']:>6} {m['cell_accuracy']:>8.2%} "
                f"{m['fully_right']:>5}/{m['reports']:<6} {m['false_missing_tables']:>13} {m['per_second']:>9.1f}"
            )


if __name__ == "__main__":
    main()
