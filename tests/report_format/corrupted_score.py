"""Scoring the reader on corrupted reports (corruptions.py): cells right, wrong, missing, per class.

Cells scored are table 3 (rows × 7 applicant columns; in the 2019 format its rows, the unsplit
（六）其他处理 read from ``legacy``) and table 4 (15 numbers): what the real corpus's truth holds.
Shared by bench/parse_corrupted.py and the ratchet test_corrupted_accuracy.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from gongkai.report_format.errors import ReportReadError
from gongkai.report_format.formats import FORMAT_2019
from gongkai.report_format.layout import TABLE3_COLUMNS, TABLE_CELLS
from gongkai.report_format.layout_2019 import OTHER_UNSPLIT
from gongkai.report_format.model import Number, Report
from gongkai.report_format.read import analyse, read_bytes
from tests.report_format.corruptions import Corrupted


@dataclass
class Score:
    reports: int = 0
    failed: int = 0  # the reader raised (every cell counts as missing)
    cells: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    fully_right: int = 0
    max_wrong: int = 0  # most wrong cells in one report
    cpu_seconds: float = 0.0

    def percent(self, n: int) -> float:
        return 100 * n / self.cells if self.cells else 0.0

    @property
    def per_second(self) -> float:
        return self.reports / self.cpu_seconds if self.cpu_seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {
            "right_pct": round(self.percent(self.right), 2),
            "wrong_pct": round(self.percent(self.wrong), 2),
            "missing_pct": round(self.percent(self.missing), 2),
            "reports_per_second": round(self.per_second, 1),
        }


def scored_cells(report: Report) -> dict[str, Number | None]:
    """The scored cells by path; a 2019-format report's （六） is its unsplit row."""
    out: dict[str, Number | None] = {c.path: report.values.get(c) for c in TABLE_CELLS["table4"]}
    out |= {c.path: report.values.get(c) for c in TABLE_CELLS["table3"]}
    if report.format == FORMAT_2019:
        unsplit = (report.legacy.get("table3") or {}).get(OTHER_UNSPLIT.key) or [None] * len(TABLE3_COLUMNS)
        out |= {
            f"table3.rows.{OTHER_UNSPLIT.key}.{c.key}": v
            for c, v in zip(TABLE3_COLUMNS, unsplit, strict=True)
        }
    return out


def read_text(text: str) -> Report:
    """The reader's path for a pasted text file, with inference."""
    return analyse(read_bytes(text.encode(), "x.txt"), infer=True)


def measure(samples: Iterable[Corrupted]) -> Score:
    score = Score()
    for sample in samples:
        truth = {p: v for p, v in scored_cells(sample.truth).items() if v is not None}
        start = time.process_time()
        try:
            got = scored_cells(read_text(sample.text))
        except ReportReadError:
            got = {}
            score.failed += 1
        score.cpu_seconds += time.process_time() - start
        wrong = sum(got.get(p) is not None and got[p] != v for p, v in truth.items())
        right = sum(got.get(p) == v for p, v in truth.items())
        score.reports += 1
        score.cells += len(truth)
        score.right += right
        score.wrong += wrong
        score.missing += len(truth) - right - wrong
        score.fully_right += right == len(truth)
        score.max_wrong = max(score.max_wrong, wrong)
    return score
