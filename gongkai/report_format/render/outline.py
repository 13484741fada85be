"""The report as an ordered list of blocks (title, headings, paragraphs, tables, date).

Every renderer walks the same outline, so the order of the document — preamble before 一, the
narrative of 一/五/六 under their headings, tables 2–4 under 二/三/四, the date last — is fixed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..layout import NARRATIVE_SECTIONS, SECTIONS, Section
from ..model import Report
from .grid import GRIDS, Grid

# Keys of report.narrative.sections (the parser's contract) and where each is printed.
PREAMBLE_KEY = next(k for k, n in NARRATIVE_SECTIONS.items() if n == 0)
SECTION_TEXT_KEYS: dict[int, str] = {n: k for k, n in NARRATIVE_SECTIONS.items() if n}
SECTION_TABLES: dict[int, str] = {2: "table2", 3: "table3", 4: "table4"}
TITLE_SUFFIX = "政府信息公开工作年度报告"

Kind = Literal["title", "heading", "paragraph", "table", "date"]


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    grid: Grid | None = None


def report_title(report: Report) -> str:
    """``{body}{year}年政府信息公开工作年度报告``, leaving out what is unknown."""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.body or ''}{year}{TITLE_SUFFIX}"


def section_heading(section: Section) -> str:
    return f"{section.ordinal}、{section.heading}"


def date_line(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def paragraphs(text: str | None) -> list[str]:
    """A narrative text as its non-empty lines, each one paragraph."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def outline(report: Report, grids: Mapping[str, Grid] = GRIDS) -> list[Block]:
    """The blocks in order; ``grids`` are the tables' layouts (``GRIDS_2019`` for the trial format)."""
    sections = report.narrative.sections
    blocks = [Block("title", report_title(report))]
    blocks += [Block("paragraph", p) for p in paragraphs(sections.get(PREAMBLE_KEY))]
    for section in SECTIONS:
        blocks.append(Block("heading", section_heading(section)))
        key = SECTION_TEXT_KEYS.get(section.number)
        if key:
            blocks += [Block("paragraph", p) for p in paragraphs(sections.get(key))]
        table = SECTION_TABLES.get(section.number)
        if table:
            blocks.append(Block("table", grid=grids[table]))
    if report.published_on:
        blocks.append(Block("date", date_line(report.published_on)))
    return blocks
