"""Which report counts for a body-year, its state, and the figures a supervisor reads first.

The counting report: the published compiled report (yearbook ``AnnualReport``) if any, else a draft
compiled report, else the newest imported report (``ImportedReport``) of that body and year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models import F, Lookup, Q
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body
from gongkai.report_format.layout import TABLE3_COLUMN_KEYS, TABLE3_OUTCOME_ROWS
from gongkai.report_format.model import Report
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.models import SourceKind


class State(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    OVERDUE = "overdue", _("逾期")


# The headline columns, in display order: key and label.
HEADLINES: tuple[tuple[str, str], ...] = (
    ("items_disclosed", "主动公开信息"),
    ("requests_new", "本年新收申请"),
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("rejected", "不予处理"),
    ("other", "其他处理"),
    ("concluded", "办结合计"),
    ("review", "行政复议"),
    ("litigation", "行政诉讼"),
)
_GROUP_ROWS: dict[str, list[str]] = {}
for _row in TABLE3_OUTCOME_ROWS:
    _GROUP_ROWS.setdefault(_row.key if _row.group == "results" else _row.group, []).append(_row.key)


@dataclass(eq=False)
class Source:
    """The report that counts for a body-year, whichever model holds it: what pages read of it.

    Plain values, not a model instance (an area of 10,000 bodies is read on every page); the JSON
    is fetched on first use (``data``), or for many sources at once with ``load_data``.
    """

    kind: str  # SourceKind
    id: int
    body_id: int
    is_published: bool  # an imported report is a report the body has already published
    published_on: date | None
    error_count: int
    warning_count: int
    # A compiled report holding its area's numbers (the body's own plus those below it).
    is_area_summary: bool = False
    # A published compiled report whose year had records made or changed after publication (更正):
    # it no longer matches the records and needs a corrected edition.
    needs_correction: bool = False
    # An imported report whose title names another body or year, filed so on its importer's word.
    identity_warnings: list[str] = field(default_factory=list)
    _data: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def origin(self) -> str:
        return str(SourceKind(self.kind).label)

    @property
    def model(self) -> type[AnnualReport] | type[ImportedReport]:
        return AnnualReport if self.kind == SourceKind.ANNUAL else ImportedReport

    @property
    def has_data(self) -> bool:
        return self._data is not None

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self.model.objects.values_list("data", flat=True).get(pk=self.id)
        return self._data

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self._data = value

    def as_report(self) -> Report:
        return Report.from_json(self.data)


def load_data(sources: Iterable[Source]) -> None:
    """Fetch the JSON of the sources that lack it: one query per model and 500 reports."""
    for kind in (SourceKind.IMPORTED, SourceKind.ANNUAL):
        wanted = {s.id: s for s in sources if s.kind == kind and not s.has_data}
        if not wanted:
            continue
        model = AnnualReport if kind == SourceKind.ANNUAL else ImportedReport
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            rows = model.objects.filter(IdsIn("pk", ids[start : start + 500])).values_list("pk", "data")
            for pk, data in rows:
                wanted[pk].data = data


class IdsIn(Lookup):
    """``field IN (1, 2, …)`` with the ids written as integer literals: for the thousands of bodies of
    an area, Django's ``__in`` prepares every id as a parameter (~0.1 s for 10,000) and SQLite caps
    the parameters of a statement. Safe: every id goes through ``int()``.
    """

    lookup_name = "ids_in"
    prepare_rhs = False

    def __init__(self, field: str, ids: Iterable[int]) -> None:
        super().__init__(F(field), sorted({int(i) for i in ids}))

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        lhs, params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(map(str, self.rhs))})", list(params)


def sources_for(bodies: list[Body], year: int) -> dict[int, Source | None]:
    """The counting report of each body for ``year`` (two queries for any number of bodies).

    Plain rows, no model instances and no JSON: the index holds what pages read.
    """
    ids = [b.pk for b in bodies]
    out: dict[int, Source | None] = dict.fromkeys(ids)
    imported = (
        ImportedReport.objects.filter(IdsIn("body_id", ids), year=year)
        .order_by("created_at", "pk")
        .values_list("pk", "body_id", "published_on", "error_count", "warning_count", "identity_warnings")
    )
    # Imported first, oldest to newest, so the newest wins; compiled ones then override them.
    imported_kind, annual_kind, published = SourceKind.IMPORTED, SourceKind.ANNUAL, Status.PUBLISHED
    for pk, body_id, published_on, errors, warnings, mismatch in imported:
        out[body_id] = Source(
            imported_kind, pk, body_id, True, published_on, errors, warnings, identity_warnings=mismatch or []
        )
    compiled = (
        AnnualReport.objects.filter(IdsIn("body_id", ids), year=year)
        .filter(Q(status=Status.PUBLISHED) | ~Q(data={}))
        .values_list(
            "pk",
            "body_id",
            "status",
            "published_on",
            "error_count",
            "warning_count",
            "area_summary",
            "changed_after_publication",
        )
    )
    for pk, body_id, status, published_on, errors, warnings, summary, changed in compiled:
        out[body_id] = Source(
            annual_kind,
            pk,
            body_id,
            status == published,
            published_on,
            errors,
            warnings,
            summary,
            status == published and changed,
        )
    return out


def counting_source(body: Body, year: int) -> Source | None:
    return sources_for([body], year)[body.pk]


def headline(data: dict[str, Any] | None) -> dict[str, int | None]:
    """The headline figures read from a report's canonical JSON; None where the report lacks them.

    A group (不予公开 …) is None as soon as one of its rows is missing: never a partial sum.
    """
    out: dict[str, int | None] = dict.fromkeys(key for key, _ in HEADLINES)
    if not data:
        return out
    out["items_disclosed"] = (data.get("narrative") or {}).get("items_disclosed")
    rows = (data.get("table3") or {}).get("rows") or {}
    total_at = TABLE3_COLUMN_KEYS.index("total")

    def t3(key: str) -> int | None:
        row = rows.get(key)
        return row[total_at] if row else None

    out["requests_new"] = t3("new")
    for group, keys in _GROUP_ROWS.items():
        out[group] = _sum([t3(k) for k in keys])
    out["concluded"] = t3("total")
    t4 = data.get("table4") or {}

    def t4_total(block: str) -> int | None:
        return (t4.get(block) or {}).get("total")

    out["review"] = t4_total("review")
    out["litigation"] = _sum([t4_total("litigation_direct"), t4_total("litigation_after_review")])
    return out


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
