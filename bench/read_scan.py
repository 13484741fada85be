"""Benchmark: reading a scanned PDF by OCR — wall and CPU seconds a page, peak memory of the process tree.

Run: .venv/bin/python bench/read_scan.py [--pages 1,3,6] [--modes before,sequential,parallel] [--rounds 1]
Scans are made from generated reports (LibreOffice prints them, ``corpus.scan_pdf`` scans them at
300 dpi with noise, tilt and JPEG) and cut or joined to the page counts asked for. Each reading runs
in a fresh process that loads the OCR engine first (a sandbox or batch worker keeps it loaded from
file to file; the load is timed apart), while this process samples every 20 ms the resident and
proportional memory (RSS, PSS) of that process and of every page process below it. Modes:

- before: every page rendered first, then read one after another — the reader as it was before
  issue #18;
- sequential: one page rendered at a time, read in the same process (``GONGKAI_OCR_PAGE_WORKERS=1``);
- parallel: pages read side by side in forked page processes, one per core (``page_pool``).

CPU is the reading process's and its page processes' CPU time (user + system): on a shared
machine the steadier figure. Sum of RSS counts the engine shared by the page processes once per
process; PSS shares it out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.parse_text import _cpu

ROOT = Path(__file__).resolve().parent.parent
_READ = """
import json, os, sys, time
import pypdfium2 as pdfium
from gongkai.report_format import ocr, page_pool, read_image
mode, path = sys.argv[1], sys.argv[2]
page_pool.set_page_workers(1 if mode != "parallel" else None)
data = open(path, "rb").read()
start = time.perf_counter()
ocr.load_engine()
loaded = time.perf_counter() - start
t0 = os.times()
start = time.perf_counter()
if mode == "before":
    images = [read_image.render_page(data, i) for i in range(len(pdfium.PdfDocument(data)))]
    text = read_image.text_of([read_image.ocr_page(image) for image in images])
else:
    text = read_image.pdf_scan_to_text(data)
wall = time.perf_counter() - start
t1 = os.times()
cpu = (t1.user - t0.user) + (t1.system - t0.system) + (t1.children_user - t0.children_user)
cpu += t1.children_system - t0.children_system
print(json.dumps({"pages": text.pages, "wall": wall, "cpu": cpu, "load": loaded, "lines": len(text.text.splitlines())}))
"""


def scans(folder: Path, counts: list[int]) -> dict[int, Path]:
    """Scanned PDFs of the page counts asked for, cut from or joined of scanned generated reports."""
    import pypdfium2 as pdfium

    from tests.report_format.corpus import scan_pdf, write_corpus

    needed = max(counts)
    pages: list[tuple[bytes, int]] = []
    made = 0
    while len(pages) < needed:
        pdf = write_corpus(folder / f"corpus{made}", 1, seed=21 + made, formats=["pdf"])["pdf"][0]
        scan = scan_pdf(pdf.read_bytes(), 300, random.Random(made))
        pages += [(scan, i) for i in range(len(pdfium.PdfDocument(scan)))]
        made += 1
    out = {}
    for count in counts:
        document = pdfium.PdfDocument.new()
        for scan, i in pages[:count]:
            document.import_pages(pdfium.PdfDocument(scan), [i])
        path = folder / f"scan{count}.pdf"
        document.save(str(path))
        out[count] = path
    return out


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += children.get(p, [])
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def run(mode: str, path: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-c", _READ, mode, str(path)], stdout=subprocess.PIPE, env=env, text=True
    )
    peak = {"rss": 0, "pss": 0, "processes": 0}

    def sample() -> None:
        while process.poll() is None:
            tree = _tree(process.pid)
            memory = [_memory_kb(p) for p in tree]
            peak["rss"] = max(peak["rss"], sum(m[0] for m in memory))
            peak["pss"] = max(peak["pss"], sum(m[1] for m in memory))
            peak["processes"] = max(peak["processes"], len(tree))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = process.communicate()
    sampler.join()
    result = json.loads(out.strip().splitlines()[-1])
    return {
        **result,
        "rss_mb": peak["rss"] / 1024,
        "pss_mb": peak["pss"] / 1024,
        "processes": peak["processes"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="1,3,6")
    ap.add_argument("--modes", default="before,sequential,parallel")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    counts = [int(c) for c in args.pages.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        files = scans(Path(tmp), counts)
        load = os.getloadavg()
        print(f"machine: {_cpu()}, {os.cpu_count()} cores; load at start {load[0]:.1f}")
        print("pages mode        wall s/page  CPU s/page  peak RSS MB  peak PSS MB  processes  engine load s")
        for count in counts:
            for mode in args.modes.split(","):
                for _ in range(args.rounds):
                    r = run(mode, files[count])
                    print(
                        f"{count:>5} {mode:<11} {r['wall'] / count:>11.2f} {r['cpu'] / count:>11.2f}"
                        f" {r['rss_mb']:>12.0f} {r['pss_mb']:>12.0f} {r['processes']:>10} {r['load']:>14.2f}"
                    )
        print(f"load at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
