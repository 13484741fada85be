"""How each cell's value was obtained, so that a supervisor confirms only the few that need a person.

* ``read`` — printed in the document, as read;
* ``recovered`` — printed, but its digits ran together and the consistency rules decided how they
  split into cells (由勾稽关系确定; solve.py, row_order.py);
* ``inferred`` — blank or missing in the document, a value the rules force (infer.py, --infer);
* ``ambiguous`` — printed, but the rules leave several readings: left unread, with the candidates;
* ``missing`` — not found.

Derived from ``report.source`` (``recovered``, ``inferred``, ``ambiguous``) and the values, never
stored twice.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from .formats import NOT_IN_2019
from .layout import ALL_CELLS, Cell
from .layout_2019 import FORMAT_2019
from .model import Report

Status = Literal["read", "recovered", "inferred", "ambiguous", "missing"]
STATUSES: tuple[Status, ...] = ("read", "recovered", "inferred", "ambiguous", "missing")
STATUS_LABELS: dict[Status, str] = {
    "read": "原文读取",
    "recovered": "由勾稽关系确定",
    "inferred": "原文空缺，由勾稽关系推算",
    "ambiguous": "多种读法，待人工确认",
    "missing": "缺失",
}


def cell_status(report: Report) -> dict[Cell, Status]:
    """Every cell of the report's format with how its value was obtained (a 2019 trial-format
    report has no 2021 cell its tables do not print)."""
    source = report.source
    skip = NOT_IN_2019 if report.format == FORMAT_2019 else frozenset()
    recovered = set(source.get("recovered") or ())
    inferred = set(source.get("inferred") or ())
    ambiguous = {p for note in source.get("ambiguous") or () for p in note.get("cells", ())}
    out: dict[Cell, Status] = {}
    for cell in ALL_CELLS:
        if cell in skip:
            continue
        path = cell.path
        if path in inferred:
            out[cell] = "inferred"
        elif report.values.get(cell) is not None:
            out[cell] = "recovered" if path in recovered else "read"
        else:
            out[cell] = "ambiguous" if path in ambiguous else "missing"
    return out


def candidates(report: Report) -> dict[Cell, list[object]]:
    """For each ambiguous cell, the values its readings give it (in the order of the readings)."""
    out: dict[Cell, list[object]] = {}
    by_path = {c.path: c for c in ALL_CELLS}
    for note in report.source.get("ambiguous") or ():
        row = note.get("row_cells") or note.get("cells") or []
        for i, path in enumerate(row):
            cell = by_path.get(path)
            if cell is None or path not in note.get("cells", ()):
                continue
            values = []
            for reading in note.get("candidates") or ():
                if i < len(reading) and reading[i] not in values:
                    values.append(reading[i])
            out[cell] = values
    return out


def status_counts(report: Report) -> dict[Status, int]:
    """How many cells of each status: the batch summary's columns."""
    counts = Counter(cell_status(report).values())
    return {s: counts.get(s, 0) for s in STATUSES}


def to_confirm(report: Report) -> list[tuple[Cell, Status]]:
    """The cells the rules recovered or inferred, in reading order: a person may check them."""
    return [(c, s) for c, s in cell_status(report).items() if s in ("recovered", "inferred")]


def open_rows(report: Report) -> list[tuple[str, str, list[list[object]]]]:
    """The rows left open, each as (the row named as a person reads it, its digits as printed, the
    readings the rules allow)."""
    out = []
    by_path = {c.path: c for c in ALL_CELLS}
    for note in report.source.get("ambiguous") or ():
        row = note.get("row_cells") or note.get("cells") or []
        first = by_path.get(row[0]) if row else None
        name = first.label.rsplit("行", 1)[0] + "行" if first is not None else "表三“（六）其他处理”行"
        out.append((name, str(note.get("text", "")), list(note.get("candidates") or [])))
    return out
