"""Whether an area's own report (the 汇总 drafted into the workspace, ``AnnualReport.area_summary``) is
behind its subordinates: which bodies' counting report changed after the summary was drafted.

When it was drafted is the last ``area_summed`` event of the report (``yearbook.actions.take_area_summary``
logs one on every draft and redraft). What changed is read from the reports' timestamps only, never
a report's JSON: one query finds the reports of that year changed after the draft, and only when
there are some, ``sources_for`` says whether such a report is the one that counts for its body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, Value
from django.urls import reverse

from gongkai.bodies.access import User
from gongkai.bodies.models import Body, end_of_year, names_at
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport, ReportEvent, Status
from gongkai.supervision.models import SourceKind
from gongkai.supervision.queries.sources import IdsIn, sources_for

DRAFT_EVENT = "area_summed"  # the ReportEvent kind of take_area_summary
NAMES_SHOWN = 10


@dataclass(frozen=True)
class SummaryChanges:
    """What the banner says: the bodies changed since the draft (tree order; ``names``: their names at
    the end of the report's year, by pk), and whether this user may redraft now."""

    annual: AnnualReport
    drafted_at: datetime
    bodies: list[Body]
    may_redraft: bool
    names: dict[int, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        names = "、".join(self.names.get(b.pk, b.display_name) for b in self.bodies[:NAMES_SHOWN])
        if len(self.bodies) > NAMES_SHOWN:
            names += f"等 {len(self.bodies)} 个单位"
        return f"汇总起草后，下级单位的报告有变化：{names}。请重新生成区域汇总。"

    @property
    def is_published(self) -> bool:
        return self.annual.status == Status.PUBLISHED

    @property
    def redraft_url(self) -> str:
        return reverse("supervision:draft", args=[self.annual.body_id, self.annual.year])


def drafted_at(annual: AnnualReport) -> datetime | None:
    """When the area summary was last drafted (None: never, or not an area summary)."""
    if not annual.area_summary:
        return None
    return (
        ReportEvent.objects.filter(report=annual, kind=DRAFT_EVENT)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )


def changed_bodies(
    root: Body, year: int, since: datetime, area: list[tuple[Body, int]] | None = None
) -> list[Body]:
    """The bodies below ``root`` whose counting report for ``year`` changed after ``since``, tree order.

    ``area``: ``area_bodies(root, year=year)`` if the caller has it (the bodies the draft summed).
    """
    below = [b for b, _ in (area if area is not None else area_bodies(root, year=year)) if b.pk != root.pk]
    if not below:
        return []
    ids = [b.pk for b in below]
    imported = ImportedReport.objects.filter(IdsIn("body_id", ids), year=year, created_at__gt=since)
    compiled = AnnualReport.objects.filter(IdsIn("body_id", ids), year=year, updated_at__gt=since).filter(
        Q(status=Status.PUBLISHED) | ~Q(data={})
    )
    fields = ("body_id", "kind", "pk")
    both = (
        imported.order_by()
        .annotate(kind=Value(str(SourceKind.IMPORTED)))
        .values_list(*fields)
        .union(compiled.order_by().annotate(kind=Value(str(SourceKind.ANNUAL))).values_list(*fields))
    )
    changed = set(both)
    if not changed:
        return []
    candidates = {body_id for body_id, _, _ in changed}
    sources = sources_for([b for b in below if b.pk in candidates], year)
    return [
        b
        for b in below
        if b.pk in candidates and (s := sources[b.pk]) is not None and (b.pk, s.kind, s.id) in changed
    ]


def summary_changes(
    user: User, annual: AnnualReport | None, area: list[tuple[Body, int]] | None = None
) -> SummaryChanges | None:
    """The banner for this report, or None when it is no area summary or nothing changed since."""
    from gongkai.report_workspace.actions.reports import can_work_on

    if annual is None:
        return None
    since = drafted_at(annual)
    if since is None:
        return None
    bodies = changed_bodies(annual.body, annual.year, since, area)
    if not bodies:
        return None
    may = annual.status != Status.PUBLISHED and can_work_on(user, annual.body)
    names = {pk: n.display_name for pk, n in names_at(bodies[:NAMES_SHOWN], end_of_year(annual.year)).items()}
    return SummaryChanges(annual, since, bodies, may, names)


def area_summary_of(root: Body, year: int) -> AnnualReport | None:
    """The root's own report for ``year`` if it is an area summary (one light query, no JSON)."""
    return (
        AnnualReport.objects.filter(body=root, year=year, area_summary=True)
        .only("pk", "body", "year", "status", "area_summary")
        .first()
    )
