"""Benchmark: how long the site's downloads take to produce, to decide which leave the web request
(issue #18: "letters and exports that take time run as tasks").

Run: .venv/bin/python bench/downloads.py [--bodies 20000] [--pdf 3] [--letters 50] [--database URL]
A small run: --bodies 600 --pdf 1 (about a minute under load).

Timed, wall and CPU of this process (the PDF's CPU is LibreOffice's, a child process: its wall only):

- the annual report's PDF: ``docx_to_pdf`` of a random consistent report's .docx, ``--pdf`` times
  (LibreOffice headless, a fresh profile each time, as the export runs);
- the same report's .docx and .xlsx (the renderers the export serves directly);
- a request's reply letter: ``compose`` + ``docx_bytes``, ``--letters`` times;
- a province's data downloads (``supervision/documents/dataout.py``): JSON lines, CSV (every cell of
  every report) and .xlsx over every body of the province for one year, on a province bulk-loaded by
  bench/supervision.py's loader (``--bodies`` bodies, one year of reports).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _loader() -> Any:
    """bench/supervision.py, whose province loader this bench reuses."""
    spec = importlib.util.spec_from_file_location("bench_supervision", ROOT / "bench" / "supervision.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(median wall s, median CPU s of this process, last result) over ``repeat`` runs."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return statistics.median(walls), statistics.median(cpus), out


def size(data: Any) -> str:
    return f"{len(data) / 1024:,.0f} KiB"


def documents(args: argparse.Namespace) -> None:
    from gongkai.report_format.render import RENDERERS
    from gongkai.report_format.sample import random_report
    from gongkai.report_workspace.documents.export import docx_to_pdf, soffice

    report = random_report(random.Random(args.seed), year=2025, body="某某区人民政府")
    wall, cpu, docx = timed(lambda: RENDERERS["docx"](report), 5)
    print(f"年报 .docx: 中位 {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms, {size(docx)}")
    wall, cpu, xlsx = timed(lambda: RENDERERS["xlsx"](report), 5)
    print(f"年报 .xlsx: 中位 {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms, {size(xlsx)}")
    if soffice() is None:
        print("年报 PDF: 未安装 LibreOffice，跳过")
    else:
        runs = [timed(lambda: docx_to_pdf(docx), 1) for _ in range(args.pdf)]
        walls = [r[0] for r in runs]
        print(
            f"年报 PDF（LibreOffice，{args.pdf} 次）: 中位 {statistics.median(walls):.2f} s, "
            f"最快 {min(walls):.2f} s, 最慢 {max(walls):.2f} s, {size(runs[-1][2])}"
        )


def letters(args: argparse.Namespace) -> None:
    from gongkai.requests.documents.letters import docx_bytes

    text = "\n".join(f"第{i}段：经审查，您申请获取的政府信息属于本机关公开职责范围。" * 4 for i in range(12))
    today = date.today()  # noqa: DTZ011 (a label for synthetic data)
    wall, cpu, data = timed(
        lambda: docx_bytes("政府信息公开申请答复书", "某政公开〔2026〕1号", text, "某某区人民政府", today),
        args.letters,
    )
    print(
        f"答复书 .docx（{args.letters} 次）: 中位 {wall * 1000:.1f} ms, CPU {cpu * 1000:.1f} ms, {size(data)}"
    )


def dataout(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai.bodies.queries.tree import area_bodies
    from gongkai.supervision.documents import dataout as out

    sup = _loader()
    year = date.today().year - 1  # noqa: DTZ011 (a label for synthetic data)
    w, c = time.perf_counter(), time.process_time()
    world = sup.load(args.bodies, max(1, args.bodies // 10), 1, year, random.Random(args.seed))
    print(
        f"数据库 {connection.vendor}: {args.bodies:,} 个机关, 1 年, {world['reports']:,} 份报告; "
        f"装载 {time.perf_counter() - w:.0f} s（CPU {time.process_time() - c:.0f} s）"
    )
    province = world["province"]
    today = date.today()  # noqa: DTZ011

    def keys(with_missing: bool) -> list[tuple[int, int]]:
        bodies = [b for b, _ in area_bodies(province)]
        found = out.report_keys(bodies, [year])
        return out.area_keys(province, found, [year]) if with_missing else found

    def jsonl() -> int:
        return sum(len(line) for line in out.jsonl_lines(out.iter_rows(keys(True), today, with_missing=True)))

    def csv() -> int:
        return sum(len(line) for line in out.csv_lines(out.iter_rows(keys(False), today)))

    def xlsx() -> int:
        with out.xlsx_file(out.iter_rows(keys(True), today, with_missing=True)) as f:
            return len(f.read())

    for label, fn in (("JSON Lines", jsonl), ("CSV（每个单元格一行）", csv), ("Excel", xlsx)):
        wall, cpu, n = timed(fn, 1)
        print(f"全省数据 {label}: {wall:.1f} s, CPU {cpu:.1f} s, {n / 1024 / 1024:,.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bodies", type=int, default=20_000, help="bodies of the province (0: skip dataout)")
    ap.add_argument("--pdf", type=int, default=3, help="PDF conversions")
    ap.add_argument("--letters", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--database", default="", help="an empty postgres://… database; default an SQLite file")
    args = ap.parse_args()
    now = datetime.now().astimezone()
    sup = _loader()
    print(
        f"{now:%Y-%m-%d %H:%M %Z} · {sup.cpu_model()} · {os.cpu_count()} 核 · Python {platform.python_version()}"
        f" · 负载 {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        sup.setup_django(args.database or f"sqlite:///{Path(tmp) / 'gk_bench_downloads.sqlite3'}", Path(tmp))
        documents(args)
        letters(args)
        if args.bodies:
            dataout(args)
    print(f"负载（结束时）{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
