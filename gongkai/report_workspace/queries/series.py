"""A body's reports over the years — compiled and imported in one series — and the published list a
portal shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.bodies.models import Body
from gongkai.report_format.layout import TABLE3_OUTCOME_ROWS, Cell
from gongkai.report_format.model import Report
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.report_workspace.rules.facts import OUTCOME_GROUPS, outcome_group


def published_reports(body: Body) -> QuerySet[AnnualReport]:
    """The body's published reports, newest year first (for the public portal)."""
    return AnnualReport.objects.filter(body=body, status=Status.PUBLISHED).order_by("-year")


@dataclass
class YearEntry:
    year: int
    report: Report
    origin: str  # "compiled" or "imported"
    pk: int
    status: str
    items_by_channel: dict[str, int]

    @property
    def requests_new(self) -> int | None:
        v = self.report.values.get(Cell("table3", "new", "total"))
        return None if v is None else int(v)


def series(body: Body) -> list[YearEntry]:
    """One report per year, oldest first: the compiled one where there is one, else the latest import."""
    from gongkai.report_imports.models import ImportedReport

    by_year: dict[int, YearEntry] = {}
    for imported in ImportedReport.objects.filter(body=body, year__isnull=False).order_by("created_at"):
        report = imported.report()
        channels = {
            p.label: p.count for b in report.narrative.item_breakdowns if b.kind == "channel" for p in b.parts
        }
        year = imported.year
        assert year is not None  # year__isnull=False above
        by_year[year] = YearEntry(year, report, "imported", imported.pk, "imported", channels)
    for annual in AnnualReport.objects.filter(body=body):
        channels = dict(annual.facts.get("items_by_channel") or {})
        by_year[annual.year] = YearEntry(
            annual.year, annual.report(), "compiled", annual.pk, annual.status, channels
        )
    return [by_year[y] for y in sorted(by_year)]


def outcome_totals(report: Report) -> dict[str, int | None]:
    """Requests concluded per outcome group (None when table 3 is missing)."""
    out: dict[str, int | None] = dict.fromkeys(OUTCOME_GROUPS, 0)
    for row in TABLE3_OUTCOME_ROWS:
        v = report.values.get(Cell("table3", row.key, "total"))
        group = outcome_group(row.key)
        if v is None or out[group] is None:
            out[group] = None
        else:
            out[group] += int(v)  # type: ignore[operator]
    return out


def remedy_totals(report: Report) -> dict[str, int | None]:
    def total(block: str) -> int | None:
        v = report.values.get(Cell("table4", block, "total"))
        return None if v is None else int(v)

    direct, after = total("litigation_direct"), total("litigation_after_review")
    return {
        "行政复议": total("review"),
        "行政诉讼": None if direct is None or after is None else direct + after,
    }
