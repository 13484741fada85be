"""Statistics pages: tables 3 and 4 of one body-year as counted from the cases, and the area view.

Who sees what: anyone with a membership (any role, 监督人员 included) in a body sees the statistics of
that body and of every body below it — numbers only. These pages never show an applicant's name or
link to a case: cases stay with the staff who handle them (``access.get_request_for_staff``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from gongkai.bodies.access import get_body_in_area, member_bodies
from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_format.check import check
from gongkai.report_format.layout import SECTIONS, TABLE3_OUTCOME_ROWS, Cell
from gongkai.report_format.model import Finding, Report
from gongkai.report_format.render import CONTENT_TYPES, RENDERERS, export_filename
from gongkai.report_format.render.findings import SEVERITY_LABELS, findings_by_cell
from gongkai.report_format.render.grid import GRIDS
from gongkai.report_format.render.html import html_table
from gongkai.report_format.render.outline import section_heading
from gongkai.requests.queries.stats import Tables, compile_tables, tables_for_all_bodies
from gongkai.web.auth import AuthedRequest
from gongkai.web.downloads import content_disposition

User = AuthUser | AnonymousUser
FIRST_YEAR, LAST_YEAR = 2008, 2100  # the 条例 took effect on 1 May 2008
COUNTED_TABLES = ("table3", "table4")

# --------------------------------------------------------------- who may see which body


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("年度不在统计范围内")


# --------------------------------------------------------------- one body-year


def compiled_report(body: Body, year: int, *, include_descendants: bool = False) -> Report:
    """Tables 3 and 4 from the cases, with the checker's findings attached."""
    report = compile_tables(body, year, include_descendants=include_descendants)
    report.findings = check(report)
    return report


def counted_findings(report: Report) -> list[Finding]:
    """Findings about tables 3 and 4 (table 2 and the narrative are not kept in the cases)."""
    return [f for f in report.findings if not f.cells or any(c.table in COUNTED_TABLES for c in f.cells)]


def tables_html(report: Report) -> list[tuple[str, str]]:
    """Tables 3 and 4 in the official layout under their headings, findings marked on their cells.

    The renderer escapes every text it writes, so its output is safe as HTML.
    """
    marks = findings_by_cell(report.findings)
    return [
        (section_heading(SECTIONS[n - 1]), mark_safe(html_table(report, GRIDS[f"table{n}"], marks)))
        for n in (3, 4)
    ]


@require_GET
@login_required
def body_stats(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    _check_year(year)
    body = get_body_in_area(request.user, body_pk)
    include = request.GET.get("scope") == "all"
    report = compiled_report(body, year, include_descendants=include)
    findings = [
        {"level": f.level, "level_label": SEVERITY_LABELS[f.level], "code": f.code, "message": f.message}
        for f in counted_findings(report)
        if f.code != "MISSING"
    ]
    context = {
        "body": body,
        "year": year,
        "include_descendants": include,
        "has_children": body.children.exists(),
        "tables": tables_html(report),
        "findings": findings,
        "has_errors": any(f["level"] == "error" for f in findings),
    }
    return render(request, "requests/stats_body.html", context)


@require_GET
@login_required
def body_stats_xlsx(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    _check_year(year)
    body = get_body_in_area(request.user, body_pk)
    report = compiled_report(body, year, include_descendants=request.GET.get("scope") == "all")
    response = HttpResponse(RENDERERS["xlsx"](report), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = content_disposition(
        export_filename(report, "xlsx"), fallback=f"gongkai-stats-{body.pk}-{year}.xlsx"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --------------------------------------------------------------- the area view

HEADLINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("new", "本年新收"),
    ("carried_over", "上年结转"),
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("rejected", "不予处理"),
    ("other", "其他处理"),
    ("concluded", "办结合计"),
    ("carried_forward", "结转下年"),
    ("review", "行政复议"),
    ("litigation", "行政诉讼"),
)
_GROUP_OF = {r.key: (r.key if r.group == "results" else r.group) for r in TABLE3_OUTCOME_ROWS}


def headline(cells: Tables) -> dict[str, int]:
    """The figures of one body-year a supervisor reads first, from the total column of tables 3 and 4."""
    out = dict.fromkeys((key for key, _ in HEADLINE_COLUMNS), 0)
    for key in ("new", "carried_over", "carried_forward"):
        out[key] = cells[Cell("table3", key, "total")]
    for row, group in _GROUP_OF.items():
        out[group] += cells[Cell("table3", row, "total")]
    out["concluded"] = cells[Cell("table3", "total", "total")]
    out["review"] = cells[Cell("table4", "review", "total")]
    out["litigation"] = (
        cells[Cell("table4", "litigation_direct", "total")]
        + cells[Cell("table4", "litigation_after_review", "total")]
    )
    return out


@dataclass
class AreaRow:
    body: Body
    depth: int
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def values(self) -> list[int]:
        return [self.figures[key] for key, _ in HEADLINE_COLUMNS]


def area_rows(root: Body, year: int) -> tuple[list[AreaRow], dict[str, int]]:
    """One row of headline figures per body of the area, and their totals (three queries in all)."""
    bodies = area_bodies(root)
    tables = tables_for_all_bodies(year, Body.objects.filter(pk__in=[b.pk for b, _ in bodies]))
    rows = [AreaRow(body, depth, headline(tables[body.pk])) for body, depth in bodies]
    totals = {key: sum(r.figures[key] for r in rows) for key, _ in HEADLINE_COLUMNS}
    return rows, totals


@require_GET
@login_required
def area_stats(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    _check_year(year)
    root = get_body_in_area(request.user, body_pk)
    rows, totals = area_rows(root, year)
    context = {
        "body": root,
        "year": year,
        "columns": [label for _, label in HEADLINE_COLUMNS],
        "rows": rows,
        "totals": [totals[key] for key, _ in HEADLINE_COLUMNS],
    }
    return render(request, "requests/stats_area.html", context)


@require_GET
@login_required
def stats_index(request: AuthedRequest) -> HttpResponse:
    """The user's own bodies, each with links to its statistics of recent years."""
    this_year = timezone.localdate().year
    context = {
        "bodies": sorted(member_bodies(request.user), key=lambda b: (b.name, b.pk)),
        "years": [this_year, this_year - 1, this_year - 2],
    }
    return render(request, "requests/stats_index.html", context)
