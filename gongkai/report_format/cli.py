"""`gongkai report parse|check|render`: the report core on the command line.

Exit codes: 0 success (for `check`: no error-level finding), 1 `check` found an error-level
finding, 2 a file cannot be read as a report (the message says why, in Chinese, on stderr; never a
traceback, whatever the file holds). `import` exits 0 when the batch ran to its end, the files it
could not read listed with their reasons, and 2 when its arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from .batch import Limits, failure_message, is_out_of_memory
from .errors import ReportReadError, log_cause
from .model import Finding, Report
from .provenance import cell_status
from .read import analyse, read_path

_SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code 2 fits "cannot read"
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gongkai report", description="政府信息公开工作年度报告：解析、核查、导出")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("parse", help="解析报告，输出标准 JSON")
    p.add_argument("file")
    p.add_argument("--infer", action="store_true", help="由勾稽关系唯一推出的缺失数值予以填补并标注")
    c = sub.add_parser("check", help="核查报告的勾稽关系，列出问题")
    c.add_argument("files", nargs="+")
    c.add_argument("--previous", help="上一年度的报告，用于跨年核查")
    c.add_argument("--infer", action="store_true")
    r = sub.add_parser("render", help="导出为 md/html/docx/xlsx/json")
    r.add_argument("file")
    r.add_argument("--to", required=True, choices=["md", "html", "docx", "xlsx", "json"])
    r.add_argument("-o", "--output", required=True)
    r.add_argument("--infer", action="store_true")
    from .cli_import import add_arguments as add_import_arguments

    i = sub.add_parser("import", help="批量导入报告文件或文件夹，输出 .jsonl/.csv/.xlsx")
    add_import_arguments(i)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "import":
        from .cli_import import run as run_import

        return run_import(args)
    try:
        if args.command == "parse":
            report = analyse(_read(args.file), infer=args.infer)
            data = report.to_json()
            data["cell_status"] = {c.path: status for c, status in cell_status(report).items()}
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            return 0
        if args.command == "check":
            previous = _read(args.previous) if args.previous else None
            worst = 0
            for name in args.files:
                report = analyse(_read(name), previous, infer=args.infer)
                sys.stdout.write(format_findings(name, report))
                if any(f.level == "error" for f in report.findings):
                    worst = 1
            return worst
        from .render import RENDERERS

        report = analyse(_read(args.file), infer=args.infer)
        Path(args.output).write_bytes(RENDERERS[args.to](report))
        sys.stdout.write(f"已导出：{args.output}\n")
        return 0
    except ReportReadError as e:
        sys.stderr.write(f"无法读取：{e.message}\n")
        return 2
    except OSError as e:
        log_cause(str(e.filename), e)
        sys.stderr.write(f"无法写入或读取文件：{e.filename or ''}\n")
        return 2


def _read(name: str) -> Report:
    if name.endswith(".json"):
        try:
            return Report.loads(Path(name).read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError) as e:
            log_cause(name, e)
            raise ReportReadError(f"{name}：不是有效的报告 JSON。") from None
    try:
        return read_path(name)
    except ReportReadError:
        raise
    except Exception as e:  # what no reader foresaw (a broken PDF page tree …): a sentence, no traceback
        log_cause(name, e)
        why = "读取时内存不足，可能是压缩炸弹或超大文件，已停止读取。" if is_out_of_memory(e) else None
        raise ReportReadError(f"{name}：{why or failure_message(e, Limits(), '已停止读取')}") from None


def format_findings(name: str, report: Report) -> str:
    """A plain-text listing for people: a header line per file, one line per finding."""
    title = f"{report.body or '（未识别机关）'} {report.year or '（未识别年度）'}年"
    lines = [f"== {name}：{title}"]
    counts = {k: sum(1 for f in report.findings if f.level == k) for k in _SEVERITY_NAMES}
    lines.append("   " + "，".join(f"{_SEVERITY_NAMES[k]} {n} 项" for k, n in counts.items()))
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(report.findings, key=lambda f: order[f.level]):
        lines.append(_line(f))
    return "\n".join(lines) + "\n"


def _line(f: Finding) -> str:
    return f"   [{_SEVERITY_NAMES[f.level]}] {f.code}：{f.message}"
