"""Accuracy and speed of reading each import format, on a generated, labelled corpus.

Run: .venv/bin/python bench/parse_accuracy.py --n 50 [--corpus DIR] [--formats docx,pdf,html,txt]
     .venv/bin/python bench/parse_accuracy.py --n 10 --formats scan300,scan150   (OCR: ~15 s a report)
The corpus (tests/report_format/corpus.py) is built into a temporary directory unless --corpus names one
(built there when empty, reused otherwise). PDF needs LibreOffice (soffice) to be built. Per format:
reports, cell accuracy (cells exactly right / cells in the truth), reports fully right (every cell,
body, year, date), missing-table detection (each table reported absent/truncated/image is really
absent — the corpus has none, so any such report is a false alarm), and reports per second on one
core (reading only; the corpus is built before timing). The last column counts wrong cells that
nothing points at: neither marked low-confidence by OCR (``source["ocr_low"]``) nor named by a
finding of the checker — the wrong cells a user would not be warned about. CPU s/report is the
process's CPU time (every thread, and its page processes) per report: steadier than reports/s on a shared machine.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.report_format.layout import ALL_CELLS, CELLS_BY_PATH
from gongkai.report_format.read import analyse, read_path
from tests.report_format.corpus import FORMATS, SCAN_FORMATS, soffice, truth_of, write_corpus


def cpu_time() -> float:
    """CPU seconds of this process (every thread) and of its children that have ended: the page
    processes of a scan (report_format/page_pool.py) count."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(files: list[Path]) -> dict[str, float]:
    cells_right = cells_total = fully = false_missing = failed = unflagged = 0
    elapsed = cpu = 0.0
    for path in files:
        truth = truth_of(path)
        start, start_cpu = time.perf_counter(), cpu_time()
        try:
            report = read_path(path)
        except Exception as e:  # counted, shown, and the run goes on
            failed += 1
            print(f"  {path.name}: {e}", file=sys.stderr)
            continue
        finally:
            elapsed += time.perf_counter() - start
            cpu += cpu_time() - start_cpu
        right = sum(report.values.get(c) == truth.values.get(c) for c in ALL_CELLS)
        if right < len(ALL_CELLS):
            flagged = {CELLS_BY_PATH[p] for p in report.source.get("ocr_low", ())}
            flagged.update(c for f in analyse(report).findings for c in f.cells)
            unflagged += sum(
                report.values.get(c) != truth.values.get(c) and c not in flagged for c in ALL_CELLS
            )
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
        "unflagged_wrong": unflagged,
        "cpu_per_report": cpu / len(files) if files else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="documents per format")
    parser.add_argument("--corpus", type=Path, help="build the corpus here, or reuse the one already here")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"also: {','.join(SCAN_FORMATS)}")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    for fmt in ("pdf", *SCAN_FORMATS):
        if fmt in formats and soffice() is None:
            print(f"LibreOffice (soffice) is not installed: no {fmt} corpus", file=sys.stderr)
            formats.remove(fmt)
    with tempfile.TemporaryDirectory(prefix="gongkai-corpus-") as tmp:
        root = args.corpus or Path(tmp)
        missing = [f for f in formats if not any((root / f).glob("[0-9]*.[!t]*"))]
        if missing:
            start = time.perf_counter()
            write_corpus(root, args.n, seed=args.seed, formats=missing)
            print(f"built {', '.join(missing)} corpus in {time.perf_counter() - start:.1f} s: {root}")
        print(
            f"{'format':7} {'reports':>7} {'failed':>6} {'cells':>8} {'fully right':>12} "
            f"{'false missing':>13} {'reports/s':>9} {'wrong unflagged':>15} {'CPU s/report':>12}"
        )
        for fmt in formats:
            files = sorted(p for p in (root / fmt).iterdir() if not p.name.endswith(".truth.json"))[: args.n]
            m = measure(files)
            print(
                f"{fmt:7} {m['reports']:>7} {m['failed']:>6} {m['cell_accuracy']:>8.2%} "
                f"{m['fully_right']:>5}/{m['reports']:<6} {m['false_missing_tables']:>13} {m['per_second']:>9.1f}"
                f" {m['unflagged_wrong']:>15} {m['cpu_per_report']:>12.2f}"
            )


if __name__ == "__main__":
    main()
