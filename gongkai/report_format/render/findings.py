"""Findings as renderers show them: per cell, worst severity first, with Chinese severity names."""

from __future__ import annotations

from collections.abc import Iterable

from ..layout import Cell
from ..model import Finding
from ..rules import Severity

SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_LABELS: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}


def findings_by_cell(findings: Iterable[Finding]) -> dict[Cell, list[Finding]]:
    """Each cell named by a finding, with its findings sorted worst first."""
    out: dict[Cell, list[Finding]] = {}
    for f in findings:
        for cell in dict.fromkeys(f.cells):
            out.setdefault(cell, []).append(f)
    for fs in out.values():
        fs.sort(key=lambda f: SEVERITY_ORDER.index(f.level))
    return out


def worst_severity(findings: Iterable[Finding]) -> Severity | None:
    levels = {f.level for f in findings}
    return next((s for s in SEVERITY_ORDER if s in levels), None)


def finding_line(finding: Finding) -> str:
    """``[错误] T3_BALANCE：message`` — one finding as a line of text."""
    return f"[{SEVERITY_LABELS[finding.level]}] {finding.code}：{finding.message}"
