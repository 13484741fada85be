"""What changed between two saved versions of a report: the narrative sections line by line (and,
within a changed line, character by character — Chinese has no spaces between words), and the table
cells whose values differ (label, before, after)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.report_format.layout import ALL_CELLS, NARRATIVE_SECTIONS, NARRATIVE_TITLES
from gongkai.report_format.model import Report
from gongkai.report_format.render.grid import format_number
from gongkai.report_workspace.models import ReportVersion


@dataclass(frozen=True)
class Line:
    op: str  # "same", "removed", "added", "changed"
    html: SafeString


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class CellChange:
    path: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class VersionDiff:
    old: ReportVersion
    new: ReportVersion
    sections: tuple[SectionDiff, ...]  # only the sections whose text differs
    cells: tuple[CellChange, ...]

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.cells


def inline_diff(before: str, after: str) -> SafeString:
    """One changed line: deleted characters in <del>, inserted ones in <ins>, the rest escaped."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(before[a1:a2]))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(before[a1:a2])}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(after[b1:b2])}</ins>")
    return mark_safe("".join(out))


def diff_text(before: str, after: str) -> tuple[Line, ...]:
    """Line diff of two texts; a replaced block is paired line by line into inline diffs."""
    a, b = before.split("\n"), after.split("\n")
    lines: list[Line] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            lines.extend(Line("same", escape(x)) for x in a[a1:a2])
            continue
        old, new = a[a1:a2], b[b1:b2]
        paired = min(len(old), len(new)) if op == "replace" else 0
        lines.extend(
            Line("changed", inline_diff(x, y)) for x, y in zip(old[:paired], new[:paired], strict=True)
        )
        lines.extend(Line("removed", mark_safe(f"<del>{escape(x)}</del>")) for x in old[paired:])
        lines.extend(Line("added", mark_safe(f"<ins>{escape(y)}</ins>")) for y in new[paired:])
    return tuple(lines)


def diff_reports(old: Report, new: Report) -> tuple[tuple[SectionDiff, ...], tuple[CellChange, ...]]:
    sections = []
    for key in NARRATIVE_SECTIONS:
        before = old.narrative.sections.get(key, "")
        after = new.narrative.sections.get(key, "")
        if before != after:
            sections.append(SectionDiff(key, NARRATIVE_TITLES[key], diff_text(before, after)))
    cells = tuple(
        CellChange(c.path, c.label, format_number(old.values.get(c)), format_number(new.values.get(c)))
        for c in ALL_CELLS
        if old.values.get(c) != new.values.get(c)
    )
    return tuple(sections), cells


def diff_versions(old: ReportVersion, new: ReportVersion) -> VersionDiff:
    sections, cells = diff_reports(Report.from_json(old.data), Report.from_json(new.data))
    return VersionDiff(old, new, sections, cells)
