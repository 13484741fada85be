"""Whose report is it? The body and year a report's title names, against the ones it is filed under.

Titles name bodies loosely: “烟台市芝罘区人民政府只楚街道办事处”, “只楚街道”, “芝罘区政府”. A title
names the body when, after the same tidying on both sides (spaces and quotes out, 人民政府 → 政府,
a final 办事处 dropped; with or without a final 政府), one name ends with the other: the title may
prefix the bodies above (“芝罘区只楚街道”), never follow with a body below — so a 街道's report,
whose title ends with the 街道, does not pass for its district's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOISE = re.compile(r"[\s《》“”\"'「」]")
SHORTEST = 2


def _core(name: str) -> str:
    core = _NOISE.sub("", name).replace("人民政府", "政府")
    return core.removesuffix("办事处")


def _forms(name: str) -> set[str]:
    core = _core(name)
    return {f for f in (core, core.removesuffix("政府")) if len(f) >= SHORTEST}


def names_body(named: str, names: Iterable[str]) -> bool:
    """Whether a title's ``named`` body is one of ``names`` (a body's name, short name, former names)."""
    mine = _forms(named)
    if not mine:
        return True  # nothing to compare: no warning on a name too short to tell
    theirs = {f for name in names if name for f in _forms(name)}
    return any(a.endswith(b) or b.endswith(a) for a in mine for b in theirs)


def mismatches(
    *,
    named_body: str | None,
    named_year: int | None,
    body: str,
    names: Iterable[str],
    year: int | None = None,
) -> list[str]:
    """Why the report may not be ``body``'s report of ``year`` (None: no year to compare), in Chinese;
    empty when the title agrees or says nothing."""
    out = []
    if named_body and not names_body(named_body, names):
        out.append(f"报告标题中的机关是“{named_body}”，不是所属机关“{body}”")
    if year is not None and named_year is not None and named_year != year:
        out.append(f"报告标题中的年度是{named_year}年，不是{year}年")
    return out
