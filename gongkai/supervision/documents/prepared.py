"""Every report of an area as a file made in the background (``dataout``'s JSON lines, CSV and .xlsx):
a province's take tens of seconds (docs/benchmarks.md), too long for a web request. The producer is
registered in ``apps.py`` with gongkai.prepared; it looks the area up again for the person who asked
(``get_body_in_area``: a supervisor moved elsewhere gets nothing). Annual reports hold no applicant's
data, and nothing here reads a case.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User as AuthUser
from django.utils import timezone

from gongkai.bodies.access import User, get_body_in_area
from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.prepared.actions.producers import Produced, ProduceError, Producer
from gongkai.supervision.access import check_year
from gongkai.supervision.documents import dataout
from gongkai.supervision.queries.body_years import BodyYear
from gongkai.supervision.queries.sources import State

KIND = "supervision.dataout"
PRODUCERS = (Producer(KIND, "gongkai.supervision.documents.prepared.area_data"),)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# format → (label, content type); JSON lines and .xlsx list every body of the area, CSV only reports.
FORMATS: dict[str, tuple[str, str]] = {
    "jsonl": ("JSON Lines", "application/jsonl; charset=utf-8"),
    "csv": ("CSV", "text/csv; charset=utf-8"),
    "xlsx": ("Excel", XLSX_TYPE),
}


@dataclass(frozen=True)
class Selection:
    """Which reports: the area's root, the year (or every year), the page's 层级 and 状态 filters."""

    body_pk: int
    year: int
    fmt: str
    level: str = ""
    status: str = ""
    every_year: bool = False

    @classmethod
    def of(cls, body_pk: int, year: int, fmt: str, query: Any) -> Selection:
        """From the area page's query string (unknown filter values are dropped)."""
        level = query.get("level", "")
        status = query.get("status", "")
        return cls(
            body_pk=body_pk,
            year=year,
            fmt=fmt,
            level=level if level in Body.Level.values else "",
            status=status if status in State.values else "",
            every_year=query.get("years") == "all",
        )

    def params(self) -> dict[str, Any]:
        return {
            "body": self.body_pk,
            "year": self.year,
            "fmt": self.fmt,
            "level": self.level,
            "status": self.status,
            "years": "all" if self.every_year else "",
        }

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Selection:
        return cls.of(int(params["body"]), int(params["year"]), str(params["fmt"]), params)

    def years_label(self) -> str:
        return "全部年度" if self.every_year else f"{self.year}年度"

    def filename(self, root: Body) -> str:
        return f"{root.name}及下级机关{self.years_label()}报告.{self.fmt}"

    def title(self, root: Body) -> str:
        return f"{root.name}及下级机关{self.years_label()}报告（{FORMATS[self.fmt][0]}）"


def area_root(user: User, selection: Selection) -> Body:
    """The area's root body if ``user`` may see it (else 404) and the year and format are known."""
    check_year(selection.year)
    if selection.fmt not in FORMATS:
        raise ProduceError(f"不支持的格式：{selection.fmt}")
    return get_body_in_area(user, selection.body_pk)


def rows(root: Body, selection: Selection, *, with_missing: bool) -> Iterator[BodyYear]:
    """The selected body-years, loaded a chunk at a time; ``with_missing``: every body of the area,
    else only the body-years that have a report."""
    bodies = [b for b, _ in area_bodies(root)]
    if selection.level:
        bodies = [b for b in bodies if b.level == selection.level]
    keys = dataout.report_keys(bodies, None if selection.every_year else [selection.year])
    if with_missing:
        years = sorted({y for y, _ in keys}) if selection.every_year else [selection.year]
        keys = dataout.area_keys(root, keys, years, selection.level)
    states = [selection.status] if selection.status else None
    return dataout.iter_rows(keys, timezone.localdate(), states, with_missing=with_missing)


def _lines_file(lines: Iterable[str]) -> Any:
    out = tempfile.TemporaryFile()  # noqa: SIM115  # the task closes it once stored
    for line in lines:
        out.write(line.encode("utf-8"))
    out.seek(0)
    return out


def area_data(user: AuthUser | None, params: dict[str, Any]) -> Produced:
    if user is None:
        raise ProduceError("需要登录后下载")
    selection = Selection.from_params(params)
    root = area_root(user, selection)
    if selection.fmt == "jsonl":
        content = _lines_file(dataout.jsonl_lines(rows(root, selection, with_missing=True)))
    elif selection.fmt == "csv":
        content = _lines_file(dataout.csv_lines(rows(root, selection, with_missing=False)))
    else:
        content = dataout.xlsx_file(rows(root, selection, with_missing=True))
    return Produced(content, selection.filename(root), FORMATS[selection.fmt][1])
