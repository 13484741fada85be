"""An area's reports over the years: requests and their outcomes, 不予公开/无法提供 share, review and
litigation with their 纠正 rate, items disclosed by channel — per body and summed — and the ranking
of bodies by the consistency of their reports.

Each body-year counts its counting report (``sources.body_years``: the headline figures of the index);
table 4 and the tables present are read from the cell index (``ReportCell``) in one query over all the
years, the channels from the reports' facts in one query per model. A sum adds the bodies that state
the figure; a share or rate only uses bodies that state both of its parts, so the two never mismatch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date

from django.db.models import Count, Q

from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_format.layout import TABLE4_BLOCKS, TABLE_CELLS
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.models import ReportCell, SourceKind
from gongkai.supervision.queries.body_years import BodyYear, body_years
from gongkai.supervision.queries.sources import HEADLINES

OUTCOMES: tuple[str, ...] = ("granted", "partial", "denied", "unable", "rejected", "other")
LABELS: dict[str, str] = dict(HEADLINES)
_CONCLUDED_COLUMNS = ("upheld", "corrected", "other")  # 审结 = 结果维持 + 结果纠正 + 其他结果 (not 尚未审结)
_T4_PATHS = [f"table4.{b.key}.{c}" for b in TABLE4_BLOCKS for c in _CONCLUDED_COLUMNS]
_LITIGATION_BLOCKS = ("litigation_direct", "litigation_after_review")

# The consistency score: lower is better. A body-year without a report counts as missing all 3 tables.
WEIGHTS: dict[str, int] = {"errors": 10, "warnings": 1, "missing_tables": 20, "late": 5}
SCORE_RULE = (
    "一致性得分 = 错误数×10 + 警告数×1 + 缺表数×20 + 逾期×5（逾期发布或未发布且已过期限）；"
    "没有报告的年度按缺三张表计。得分越低越好，同分按机关名称排序。"
)


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else a + b


def _rate(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return 100 * part / whole


@dataclass
class Figures:
    """The figures of one body-year, or their sum over bodies (``reports``: how many reports are in it)."""

    reports: int = 0
    requests_new: int | None = None
    granted: int | None = None
    partial: int | None = None
    denied: int | None = None
    unable: int | None = None
    rejected: int | None = None
    other: int | None = None
    concluded: int | None = None
    withheld: int | None = None  # 不予公开 + 无法提供, only where 办结合计 is stated too
    withheld_base: int | None = None  # 办结合计 of the same bodies
    review: int | None = None
    litigation: int | None = None
    review_corrected: int | None = None
    review_concluded: int | None = None
    litigation_corrected: int | None = None
    litigation_concluded: int | None = None
    items_disclosed: int | None = None
    channels: dict[str, int] = field(default_factory=dict)

    @property
    def withheld_share(self) -> float | None:
        """不予公开 + 无法提供 as a percentage of the requests concluded (办结合计)."""
        return _rate(self.withheld, self.withheld_base)

    @property
    def review_correction_rate(self) -> float | None:
        """复议结果纠正 as a percentage of the reviews concluded (维持 + 纠正 + 其他)."""
        return _rate(self.review_corrected, self.review_concluded)

    @property
    def litigation_correction_rate(self) -> float | None:
        return _rate(self.litigation_corrected, self.litigation_concluded)

    def add(self, other: Figures) -> None:
        for f in fields(self):
            if f.name == "channels":
                for label, n in other.channels.items():
                    self.channels[label] = self.channels.get(label, 0) + n
            elif f.name == "reports":
                self.reports += other.reports
            else:
                setattr(self, f.name, _add(getattr(self, f.name), getattr(other, f.name)))


@dataclass
class Consistency:
    """How consistent one body's report of one year is (or several years' summed: ``years``).
    ``named``: the body's (short) name in that year — of the last year added, for a sum."""

    body: Body
    years: int = 1
    reports: int = 0
    errors: int = 0
    warnings: int = 0
    missing_tables: int = 0
    late: int = 0
    named: str = ""

    @property
    def display_name(self) -> str:
        return self.named or self.body.display_name

    @property
    def score(self) -> int:
        return sum(weight * getattr(self, key) for key, weight in WEIGHTS.items())

    def add(self, other: Consistency) -> None:
        for key in ("years", "reports", "errors", "warnings", "missing_tables", "late"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.named = other.named or self.named


@dataclass
class BodyTrendYear:
    """One body in one year: its row of the area page, its figures and its consistency."""

    row: BodyYear
    figures: Figures
    consistency: Consistency

    @property
    def body(self) -> Body:
        return self.row.body

    @property
    def year(self) -> int:
        return self.row.year


@dataclass
class AreaYear:
    year: int
    rows: list[BodyTrendYear]
    figures: Figures

    @property
    def bodies(self) -> int:
        return len(self.rows)

    @property
    def mismatched(self) -> list[BodyTrendYear]:
        """The counted reports whose title names another body or year (filed so on confirmation)."""
        return [e for e in self.rows if e.row.identity_warnings]


def report_years(body_ids: Iterable[int]) -> list[int]:
    """The years in which at least one of these bodies has a report (imported, or compiled with data)."""
    ids = list(body_ids)
    years = set(
        ImportedReport.objects.filter(body_id__in=ids, year__isnull=False).values_list("year", flat=True)
    )
    years.update(
        AnnualReport.objects.filter(body_id__in=ids)
        .filter(Q(status=Status.PUBLISHED) | ~Q(data={}))
        .values_list("year", flat=True)
    )
    return sorted(y for y in years if y is not None)


def collect(bodies_by_year: dict[int, list[tuple[Body, int]]], today: date) -> dict[int, list[BodyTrendYear]]:
    """Every body-year asked for, with figures and consistency (a fixed number of queries per year)."""
    rows_by_year: dict[int, list[BodyYear]] = {}
    for year, bodies in bodies_by_year.items():
        rows_by_year[year] = body_years(bodies, year, today)  # brings the cell index up to date too
    all_rows = [r for rows in rows_by_year.values() for r in rows]
    ids = sorted({r.body.pk for r in all_rows})
    years = sorted(bodies_by_year)
    cells = _table4_cells(ids, years)
    present = _tables_present(ids, years)
    channels, items = _channels([r for r in all_rows if r.source is not None])
    out: dict[int, list[BodyTrendYear]] = {}
    for year, rows in rows_by_year.items():
        out[year] = []
        for r in rows:
            key = (r.body.pk, year)
            figures = _figures(r, cells.get(key, {}), channels.get(key, {}), items.get(key))
            out[year].append(BodyTrendYear(r, figures, _consistency(r, present.get(key, 0))))
    return out


def _figures(
    row: BodyYear, t4: dict[str, int | None], channels: dict[str, int], items: int | None
) -> Figures:
    f = Figures()
    if row.source is None:
        return f
    g = row.figures
    f.reports = 1
    for key in ("requests_new", *OUTCOMES, "concluded", "review", "litigation"):
        setattr(f, key, g.get(key))
    f.items_disclosed = g.get("items_disclosed")
    if f.items_disclosed is None:
        f.items_disclosed = items
    if None not in (f.denied, f.unable, f.concluded):
        f.withheld = f.denied + f.unable  # type: ignore[operator]
        f.withheld_base = f.concluded

    def block(name: str) -> tuple[int | None, int | None]:
        values = [t4.get(f"table4.{name}.{c}") for c in _CONCLUDED_COLUMNS]
        if None in values:
            return None, None
        return values[1], sum(values)  # type: ignore[arg-type]

    f.review_corrected, f.review_concluded = block("review")
    parts = [block(b) for b in _LITIGATION_BLOCKS]
    if all(c is not None for c, _ in parts):
        f.litigation_corrected = sum(c for c, _ in parts)  # type: ignore[misc]
        f.litigation_concluded = sum(n for _, n in parts)  # type: ignore[misc]
    f.channels = dict(channels)
    return f


def _consistency(row: BodyYear, tables_present: int) -> Consistency:
    if row.source is None:
        return Consistency(
            row.body, missing_tables=len(TABLE_CELLS), late=int(row.late), named=row.display_name
        )
    return Consistency(
        row.body,
        reports=1,
        errors=row.error_count or 0,
        warnings=row.warning_count or 0,
        missing_tables=len(TABLE_CELLS) - tables_present,
        late=int(row.late),
        named=row.display_name,
    )


def _table4_cells(ids: list[int], years: list[int]) -> dict[tuple[int, int], dict[str, int | None]]:
    out: dict[tuple[int, int], dict[str, int | None]] = {}
    rows = ReportCell.objects.filter(body_id__in=ids, year__in=years, path__in=_T4_PATHS).values_list(
        "body_id", "year", "path", "value"
    )
    for body_id, year, path, value in rows:
        out.setdefault((body_id, year), {})[path] = None if value is None else int(value)
    return out


def _tables_present(ids: list[int], years: list[int]) -> dict[tuple[int, int], int]:
    """How many of tables 2, 3 and 4 hold at least one value, per body-year (one grouped query)."""
    counts = {
        table: Count("pk", filter=Q(path__startswith=f"{table}.", value__isnull=False))
        for table in TABLE_CELLS
    }
    rows = (
        ReportCell.objects.filter(body_id__in=ids, year__in=years)
        .values("body_id", "year")
        .annotate(**counts)
    )
    return {(r["body_id"], r["year"]): sum(1 for t in TABLE_CELLS if r[t]) for r in rows}  # type: ignore[misc, literal-required]


def _channels(
    rows: list[BodyYear],
) -> tuple[dict[tuple[int, int], dict[str, int]], dict[tuple[int, int], int | None]]:
    """Items disclosed by channel per body-year — a compiled report's counted facts, an imported report's
    narrative breakdown by channel — and a compiled report's counted total of items."""
    by_source = {(r.source.kind, r.source.id): (r.body.pk, r.year) for r in rows if r.source is not None}
    channels: dict[tuple[int, int], dict[str, int]] = {}
    items: dict[tuple[int, int], int | None] = {}
    imported = [pk for kind, pk in by_source if kind == SourceKind.IMPORTED]
    annual = [pk for kind, pk in by_source if kind == SourceKind.ANNUAL]
    for pk, breakdowns in ImportedReport.objects.filter(pk__in=imported).values_list(
        "pk", "data__narrative__item_breakdowns"
    ):
        for b in breakdowns or []:
            if b.get("kind") == "channel":
                parts = {str(p["label"]): int(p["count"]) for p in b.get("parts") or []}
                channels[by_source[SourceKind.IMPORTED, pk]] = parts
                break
    for pk, by_channel, total in AnnualReport.objects.filter(pk__in=annual).values_list(
        "pk", "facts__items_by_channel", "facts__items_total"
    ):
        key = by_source[SourceKind.ANNUAL, pk]
        channels[key] = {str(k): int(v) for k, v in (by_channel or {}).items()}
        items[key] = None if total is None else int(total)
    return channels, items


def area_trends(root: Body, today: date) -> list[AreaYear]:
    """The area of ``root`` in every year one of its bodies has a report, oldest first; each year lists
    the bodies that existed at its end."""
    ids = [root.pk, *root.descendants().values_list("pk", flat=True)]
    years = report_years(ids)
    collected = collect({y: area_bodies(root, year=y) for y in years}, today)
    out = []
    for year in years:
        total = Figures()
        for entry in collected[year]:
            total.add(entry.figures)
        out.append(AreaYear(year, collected[year], total))
    return out


def body_trends(body: Body, today: date) -> list[BodyTrendYear]:
    """One body in every year it has a report, oldest first (compiled and imported in one series)."""
    years = report_years([body.pk])
    collected = collect({y: [(body, 0)] for y in years}, today)
    return [collected[y][0] for y in years]


def ranking(entries: Iterable[BodyTrendYear]) -> list[Consistency]:
    """The bodies' consistency summed over the entries given, best (lowest score) first, ties by name
    (of the year, or of the last year given: give the entries oldest first)."""
    by_body: dict[int, Consistency] = {}
    for e in entries:
        c = e.consistency
        if c.body.pk in by_body:
            by_body[c.body.pk].add(c)
        else:
            by_body[c.body.pk] = Consistency(
                c.body, c.years, c.reports, c.errors, c.warnings, c.missing_tables, c.late, c.named
            )
    return sorted(by_body.values(), key=lambda c: (c.score, c.display_name, c.body.pk))
