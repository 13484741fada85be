"""`gongkai report import PATH... [--out F.jsonl|.csv|.xlsx] [--workers N] [--resume]`.

Every result goes to a JSON-lines journal as it comes in (the --out file itself, or beside a
.csv/.xlsx one with the suffix .jsonl), so that --resume can skip what is done; the .csv
(one row per file and cell) or .xlsx (one row per file) is written from the journal at the end.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from .batch import MEMORY_LIMIT_MB, TIME_LIMIT, Limits, Record, Summary, find_files, iter_journal, run_batch
from .layout import ALL_CELLS, Cell
from .model import Report
from .provenance import STATUS_LABELS, STATUSES, cell_status, status_counts

HEADLINES: dict[str, Cell] = {
    "本年新收申请": Cell("table3", "new", "total"),
    "上年结转申请": Cell("table3", "carried_over", "total"),
    "办理结果总计": Cell("table3", "total", "total"),
    "予以公开": Cell("table3", "granted", "total"),
    "结转下年度": Cell("table3", "carried_forward", "total"),
    "行政复议总计": Cell("table4", "review", "total"),
    "行政诉讼（直接起诉）总计": Cell("table4", "litigation_direct", "total"),
    "行政诉讼（复议后起诉）总计": Cell("table4", "litigation_after_review", "total"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", help="报告文件或文件夹（递归查找 .txt .md .docx .doc .wps .pdf .html .htm）"
    )
    parser.add_argument("--out", default="import-results.jsonl", help="结果文件：.jsonl、.csv 或 .xlsx")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="并行进程数")
    parser.add_argument(
        "--resume", action="store_true", help="跳过结果文件中已有的文件（路径、大小、修改时间相同）"
    )
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT, help="每个文件的时间上限（秒）")
    parser.add_argument("--memory-limit", type=int, default=MEMORY_LIMIT_MB, help="每个文件的内存上限（MB）")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".jsonl", ".csv", ".xlsx"):
        sys.stderr.write(f"参数错误：--out 须为 .jsonl、.csv 或 .xlsx 文件：{out}\n")
        return 2
    journal = out if out.suffix.lower() == ".jsonl" else out.with_suffix(".jsonl")
    files = find_files(args.paths)
    missing = [f for f in files if not f.exists()]
    if missing:
        sys.stderr.write("".join(f"找不到文件：{f}\n" for f in missing))
        return 2
    with tqdm(total=len(files), unit="份", file=sys.stderr, desc="导入", mininterval=0.5) as bar:
        summary = run_batch(
            files,
            journal,
            workers=max(1, args.workers),
            limits=Limits(args.time_limit, args.memory_limit),
            resume=args.resume,
            progress=bar.update,
        )
    records = iter_journal(journal)  # one record at a time: memory does not grow with the batch
    if out.suffix.lower() == ".csv":
        write_csv(records, out)
    elif out.suffix.lower() == ".xlsx":
        write_xlsx(records, out)
    sys.stdout.write(format_summary(summary, out))
    return 0


def format_summary(summary: Summary, out: Path) -> str:
    lines = [f"共处理 {summary.total} 份，用时 {summary.seconds:.1f} 秒", f"结果：{out}"]
    if summary.skipped:
        lines.append(f"已跳过 {summary.skipped} 份（结果文件中已有）")
    if summary.formats:
        lines.append("按格式：" + "，".join(f"{k} {n} 份" for k, n in sorted(summary.formats.items())))
    if summary.findings:
        lines.append("核查问题：" + "，".join(f"{k} {n} 项" for k, n in summary.findings.most_common()))
    if summary.failures:
        lines.append(f"无法读取 {len(summary.failures)} 份：")
        lines += [f"  {name}：{why}" for name, why in summary.failures]
    return "\n".join(lines) + "\n"


def _report(record: Record) -> Report | None:
    return Report.from_json(record["report"]) if record.get("ok") else None


def write_csv(records: Iterable[Record], out: Path) -> None:
    """One row per file and cell; a file that could not be read has one row with the reason."""
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "body", "year", "cell", "value", "status", "error"])
        for record in records:
            report = _report(record)
            if report is None:
                w.writerow([record["path"], "", "", "", "", "", record.get("error", "")])
                continue
            status = cell_status(report)
            for cell in ALL_CELLS:
                value = report.values.get(cell)
                w.writerow(
                    [
                        record["path"],
                        report.body or "",
                        report.year or "",
                        cell.path,
                        _plain(value),
                        status[cell],
                        "",
                    ]
                )


def write_xlsx(records: Iterable[Record], out: Path) -> None:
    """One row per file: what was read, the headline figures and the counts of findings."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "导入结果"
    ws.append(
        [
            "文件",
            "格式",
            "机关",
            "年度",
            *HEADLINES,
            *(f"单元格：{STATUS_LABELS[s]}" for s in STATUSES),
            "错误",
            "警告",
            "提示",
            "问题代码",
            "无法读取的原因",
        ]
    )
    for record in records:
        report = _report(record)
        if report is None:
            ws.append(
                [
                    record["path"],
                    record.get("format", ""),
                    *[""] * (len(HEADLINES) + len(STATUSES) + 6),
                    record.get("error"),
                ]
            )
            continue
        levels = {"error": 0, "warning": 0, "info": 0}
        for f in record["report"].get("findings") or []:
            levels[f["severity"]] = levels.get(f["severity"], 0) + 1
        ws.append(
            [
                record["path"],
                record.get("format", ""),
                report.body,
                report.year,
                *(_plain(report.values.get(c)) for c in HEADLINES.values()),
                *status_counts(report).values(),
                levels["error"],
                levels["warning"],
                levels["info"],
                "、".join(sorted(record.get("findings") or {})),
                "",
            ]
        )
    ws.freeze_panes = "A2"
    wb.save(out)


def _plain(value: object) -> object:
    return "" if value is None else value if isinstance(value, int) else float(str(value))
