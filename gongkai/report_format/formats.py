"""Which national format a report follows, and reading each one with the one parser.

* ``"2021"`` — 国办公开办函〔2021〕30号 (layout.py), report years 2021 on;
* ``"2019"`` — the trial format of 国办公开办函〔2019〕60号 (layout_2019.py), report years 2019–2020;
* ``"pre2019"`` — reports under the 2007 条例: no national table layout, read as narrative only.

Detection follows ogi-rules §6.1: words printed only in the 2021 tables win, then words printed
only in the trial tables; with neither, the report year decides (≤ 2018 → pre2019, 2019–2020 →
2019), and a report of unknown year is taken as 2021.
"""

from __future__ import annotations

import re
from typing import Any

from .layout import ALL_CELLS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE_CELLS, Cell, column_label
from .layout_2019 import (
    FORMAT_2019,
    FORMAT_2021,
    FORMAT_PRE2019,
    MARKERS_2019,
    MARKERS_2021,
    OTHER_UNSPLIT,
    SAME_AS_2021,
    SPLIT_OTHER_ROWS,
    TABLE2_ITEMS_2019,
    TABLE3_ROWS_2019,
    TRIAL_YEARS,
)
from .model import Finding, Report
from .narrative_pre2019 import read_pre2019
from .rules import equations_for
from .text import build_index, parse_text

_INDEX_2019 = build_index(TABLE2_ITEMS_2019, TABLE3_ROWS_2019)
_EQUATIONS_2019 = equations_for(TABLE3_ROWS_2019)
_SPACES = re.compile(r"\s+")
_HALF_WIDTH = str.maketrans({"(": "（", ")": "）"})
_ALL = frozenset(ALL_CELLS)
_SPLIT_CELLS = frozenset(Cell("table3", r, c.key) for r in SPLIT_OTHER_ROWS for c in TABLE3_COLUMNS)
# 2021 cells that a trial-format report has no number for: never MISSING in such a report, and no
# cell of it in provenance.cell_status.
NOT_IN_2019 = _SPLIT_CELLS | {
    c for c in TABLE_CELLS["table2"] if (c.row, c.column) not in set(SAME_AS_2021.values())
}


def _marked(text: str) -> str | None:
    """The format the text's own wording names, if any. The text as printed first: squashing the
    spaces out of a whole report costs more than reading its tables, and most reports need not."""
    for squashed in (False, True):
        candidate = _SPACES.sub("", text).translate(_HALF_WIDTH) if squashed else text
        if any(m in candidate for m in MARKERS_2021):
            return FORMAT_2021
        if any(m in candidate for m in MARKERS_2019):
            return FORMAT_2019
    return None


def detect(text: str, year: int | None = None) -> str:
    """ "2021", "2019" or "pre2019" for a report's text (and its year, when known)."""
    marked = _marked(text)
    if marked is not None:
        return marked
    if year is not None and year < TRIAL_YEARS.start:
        return FORMAT_PRE2019
    if year is not None and year in TRIAL_YEARS:
        return FORMAT_2019
    return FORMAT_2021


def parse_report(text: str) -> Report:
    """The text parsed in its own format; ``report.format`` says which."""
    fmt = _marked(text)
    if fmt == FORMAT_2019:  # named by the text: no need to read it as 2021 first for its year
        report = parse_text(text, index=_INDEX_2019, equations=_EQUATIONS_2019)
        _keep_legacy(report)
        report.format = fmt
        return report
    report = parse_text(text)
    fmt = fmt or detect(text, report.year)
    if fmt == FORMAT_2019:
        report = parse_text(text, index=_INDEX_2019, equations=_EQUATIONS_2019, rows=TABLE3_ROWS_2019)
        _keep_legacy(report)
    elif fmt == FORMAT_PRE2019:
        report.values = {c: None for c in ALL_CELLS}
        report.source["tables"] = dict.fromkeys(TABLE_CELLS, "absent")
        read_pre2019(text, report)
    report.format = fmt
    return report


def _keep_legacy(report: Report) -> None:
    """Move the trial-format cells out of the 2021 values into ``report.legacy``."""
    table2: dict[str, dict[str, Any]] = {}
    other: list[Any] = []
    for item in TABLE2_ITEMS_2019:
        row = {f.key: report.values.pop(Cell("table2", item.key, f.key), None) for f in item.fields}
        for f in item.fields:
            same = SAME_AS_2021.get((item.key, f.key))
            if same is not None and row[f.key] is not None:
                report.values[Cell("table2", *same)] = row[f.key]
        table2[item.key] = row
    for col in TABLE3_COLUMNS:
        other.append(report.values.pop(Cell("table3", OTHER_UNSPLIT.key, col.key), None))
    for cell in [c for c in report.values if c not in _ALL]:
        del report.values[cell]
    report.legacy = {"table2": table2, "table3": {OTHER_UNSPLIT.key: other}}
    tables = report.source.get("tables", {})
    if tables.get("table3") == "truncated" and _table3_complete(report, other):
        tables["table3"] = "text"


def _table3_complete(report: Report, other: list[Any]) -> bool:
    totals = [
        report.values.get(Cell("table3", r.key, "total"))
        for r in TABLE3_ROWS
        if r.key not in SPLIT_OTHER_ROWS
    ]
    return None not in totals and other[-1] is not None


# ------------------------------------------------------------------ findings of an older format


def adjust_findings(report: Report, findings: list[Finding]) -> list[Finding]:
    """The checker's findings as they apply to a report of an older format.

    2019: no MISSING for cells the trial format has no number for (the three （六） sub-rows, the
    table-2 columns that changed meaning); T3_OUTCOME_SUM with the unsplit （六）其他处理; the
    （六） sub-rows are never inferred. pre2019: narrative only, so no table is MISSING."""
    if report.format == FORMAT_PRE2019:
        return [f for f in findings if f.code not in ("MISSING", "INFERRED")]
    if report.format != FORMAT_2019:
        return findings
    for cell in _SPLIT_CELLS:
        report.values[cell] = None
    inferred = report.source.get("inferred")
    if inferred:
        report.source["inferred"] = [p for p in inferred if p not in {c.path for c in _SPLIT_CELLS}]
    kept = [
        f
        for f in findings
        if not (f.code in ("MISSING", "INFERRED") and set(f.cells) <= NOT_IN_2019)
        and f.code != "T3_OUTCOME_SUM"
    ]
    return kept + list(_outcome_sum_2019(report))


def _outcome_sum_2019(report: Report) -> list[Finding]:
    other = (report.legacy.get("table3") or {}).get(OTHER_UNSPLIT.key) or [None] * len(TABLE3_COLUMNS)
    out = []
    for col, unsplit in zip(TABLE3_COLUMNS, other, strict=True):
        total = report.values.get(Cell("table3", "total", col.key))
        parts = [
            report.values.get(Cell("table3", r.key, col.key))
            for r in TABLE3_ROWS
            if r.group and r.key != "total" and r.key not in SPLIT_OTHER_ROWS
        ]
        if total is None or unsplit is None or None in parts:
            continue
        outcomes = sum(parts) + unsplit  # type: ignore[arg-type]
        if outcomes != total:
            out.append(
                Finding(
                    "T3_OUTCOME_SUM",
                    f"表三“{column_label('table3', col.key)}”列：“（七）总计”为 {total}，而各项办理结果之和为 "
                    f"{outcomes}（其中按 2019 年试行格式未分项的“（六）其他处理”为 {unsplit}），两者应相等"
                    f"（相差 {abs(total - outcomes)}）。",
                    (Cell("table3", "total", col.key),),
                    {
                        "left": total,
                        "right": outcomes,
                        "difference": total - outcomes,
                        "other_unsplit": unsplit,
                    },
                )
            )
    return out
