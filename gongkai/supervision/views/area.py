"""The supervisor's pages: the area of a body for a year, a read-only report, the 汇总 export, send-backs.

Numbers and findings only: annual reports hold no applicant's data, and these pages link to no case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from gongkai.bodies.access import area_ids, bodies_for_user, get_body_in_area, member_bodies
from gongkai.bodies.models import Body, NameOn, end_of_year, names_at
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_format.render import CONTENT_TYPES, render_tables_html
from gongkai.report_format.render.findings import SEVERITY_LABELS
from gongkai.report_workspace.actions.reports import can_work_on
from gongkai.supervision.access import below_own_bodies, check_year
from gongkai.supervision.actions import supervision as actions
from gongkai.supervision.models import SendBack, SourceKind
from gongkai.supervision.queries.body_years import BodyYear, body_years
from gongkai.supervision.queries.corrections import reports_needing_correction
from gongkai.supervision.queries.sendbacks import resolved_at, with_resolution
from gongkai.supervision.queries.sources import HEADLINES, IdsIn, State
from gongkai.supervision.queries.summary import area_report, area_xlsx, cell_marks
from gongkai.supervision.queries.summary_changes import area_summary_of, summary_changes
from gongkai.supervision.views.rows_html import area_rows_html
from gongkai.web.auth import AuthedRequest
from gongkai.web.downloads import content_disposition

# Sortable columns besides the headline figures: key → (label, value of a row).
_COLUMNS: dict[str, tuple[str, Callable[[BodyYear], Any]]] = {
    "body": ("机关", lambda r: r.name),
    "level": ("层级", lambda r: r.body.level),
    "origin": ("来源", lambda r: r.origin or None),
    "state": ("状态", lambda r: list(State.values).index(r.state)),
    "published_on": ("发布日期", lambda r: r.published_on),
    "errors": ("错误", lambda r: r.error_count),
    "warnings": ("警告", lambda r: r.warning_count),
}
for _key, _label in HEADLINES:
    _COLUMNS[_key] = (_label, lambda r, k=_key: r.figures[k])  # type: ignore[misc]


# Rows of the area table per page, and problems listed on the page (the .xlsx lists them all).
PAGE_SIZE = 100
PROBLEMS_SHOWN = 100


def _today() -> date:
    return timezone.localdate()


def area_rows(
    request: AuthedRequest, root: Body, year: int, bodies: list[tuple[Body, int]] | None = None
) -> tuple[list[BodyYear], dict[str, str], dict[int, NameOn]]:
    """The rows of the area, filtered and sorted as the GET parameters say, the parameters used, and
    the name at the end of ``year`` of the bodies of the area renamed since (filtered out or not).

    ``bodies``: ``area_bodies(root, year=year)`` if the caller has it already.
    """
    rows = body_years(bodies if bodies is not None else area_bodies(root, year=year), year, _today())
    names = {r.body.pk: r.names for r in rows if r.names is not None}
    status, level, sort = (request.GET.get(k, "") for k in ("status", "level", "sort"))
    if status in State.values:
        rows = [r for r in rows if r.state == status]
    if level in Body.Level.values:
        rows = [r for r in rows if r.body.level == level]
    if sort.lstrip("-") in _COLUMNS:
        value = _COLUMNS[sort.lstrip("-")][1]
        present = sorted((r for r in rows if value(r) is not None), key=value, reverse=sort.startswith("-"))
        rows = present + [r for r in rows if value(r) is None]  # missing values last either way
    else:
        sort = ""
    return rows, {"status": status, "level": level, "sort": sort}, names


def _below_own_in_area(root: Body, subtree: list[int], own: set[int]) -> set[int]:
    """``below_own_bodies(user) ∩ subtree`` without walking the user's whole area again (``own``: the
    user's member bodies): the area's root is one of them or below one, so every body under the root
    is below one; the root itself is when it is not one of them, or when one of its ancestors is."""
    below = set(subtree) - {root.pk}
    parent = root.parent_id
    if root.pk not in own:
        below.add(root.pk)
    while parent is not None:
        if parent in own:
            below.add(root.pk)
            break
        parent = Body.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    return below


def _query(params: dict[str, str], **changes: str) -> str:
    merged = {k: v for k, v in (params | changes).items() if v}
    return "?" + urlencode(merged) if merged else "?"


def report_link(row: BodyYear, own: set[int], root: Body) -> str:
    """The body's own report page when the user works for the body, else the read-only page here."""
    source = row.source
    if source is None:
        return ""
    if row.body.pk in own:
        name = "yearbook:detail" if source.kind == SourceKind.ANNUAL else "reports:detail"
        return reverse(name, args=[source.id])
    return reverse("supervision:report", args=[root.pk, row.year, row.body.pk])


@require_GET
@login_required
def area(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    """The area's rows a page at a time; the sort, the filter, the 汇总 and the problems cover them all."""
    check_year(year)
    root = get_body_in_area(request.user, body_pk)
    bodies = area_bodies(root, year=year)
    rows, params, names = area_rows(request, root, year, bodies)
    root_name = names.get(root.pk) or NameOn(root.name, root.short_name)  # as named that year
    report, problems = area_report(f"{root_name.name}及下级机关", rows, year)
    own = set(bodies_for_user(request.user).values_list("pk", flat=True))
    subtree = [b.pk for b, _ in bodies]
    members = {b.pk for b in member_bodies(request.user)}
    may_send_back = _below_own_in_area(root, subtree, members)
    sendbacks = list(with_resolution(SendBack.objects.filter(IdsIn("body_id", subtree), year=year)))
    for s in sendbacks:
        s.resolved = resolved_at(s)  # type: ignore[attr-defined]
        s.body_name = names[s.body_id].display_name if s.body_id in names else s.body.display_name  # type: ignore[attr-defined]
    latest_sendback: dict[int, SendBack] = {}
    for s in sorted(sendbacks, key=lambda s: s.at):
        latest_sendback[s.body_id] = s  # the newest of each body's send-backs decides its status
    summary = area_summary_of(root, year)
    if summary is not None:
        summary.body = root
    current = params["sort"]
    headers = []
    for key, (label, _) in _COLUMNS.items():
        flip = f"-{key}" if current == key else key
        arrow = "↑" if current == key else "↓" if current == f"-{key}" else ""
        headers.append({"key": key, "label": label, "href": _query(params, sort=flip), "arrow": arrow})
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [
        {
            "row": r,
            "link": report_link(r, own, root),
            "may_send_back": r.source is not None and r.body.pk in may_send_back,
            "sendback": latest_sendback.get(r.body.pk),
        }
        for r in page.object_list
    ]
    context = {
        "body": root,
        "root_name": root_name,
        "year": year,
        "params": params,
        "headers": headers,
        "page": page,
        "page_query": _query(params),
        "rows": shown,
        "rows_html": area_rows_html(
            shown,
            root_pk=root.pk,
            year=year,
            csrf_token=get_token(request),
            columns=len(headers) + 1,
        ),
        "row_count": len(rows),
        "states": State.choices,
        "levels": Body.Level.choices,
        # one mark per cell saying how many bodies miss it or err there (not thousands of messages);
        # the renderer escapes every text it writes
        "tables": mark_safe(render_tables_html(replace(report, findings=cell_marks(problems)))),
        "problems": [
            {
                "body": p.body_name,
                "level": p.finding.level,
                "label": SEVERITY_LABELS[p.finding.level],
                "message": p.finding.message,
            }
            for p in problems
        ],
        "problems_shown": PROBLEMS_SHOWN,
        "sendbacks": sendbacks,
        "export_query": _query(params),
        "summary_changes": summary_changes(request.user, summary, bodies),
        # the 汇总 becomes the root's own report draft: only for those who compile its reports
        "may_draft": can_work_on(request.user, root),
    }
    return render(request, "supervision/area.html", context)


@require_GET
@login_required
def area_export(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    check_year(year)
    root = get_body_in_area(request.user, body_pk)
    rows, _, names = area_rows(request, root, year)
    title = f"{(names.get(root.pk) or root).name}及下级机关"  # as named that year
    report, problems = area_report(title, rows, year)
    response = HttpResponse(area_xlsx(report, rows, problems), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = content_disposition(
        f"{title}{year}年度报告汇总.xlsx", fallback=f"gongkai-summary-{root.pk}-{year}.xlsx"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
def body_report(request: AuthedRequest, body_pk: int, year: int, target_pk: int) -> HttpResponse:
    """A body's counting report read-only: tables with findings marked, and the findings listed."""
    check_year(year)
    root = get_body_in_area(request.user, body_pk)
    target = get_body_in_area(request.user, target_pk)
    if target.pk != root.pk and not root.descendants().filter(pk=target.pk).exists():
        raise Http404("该机关不在此范围内")
    row = body_years([(target, 0)], year, _today())[0]
    report = row.source.as_report() if row.source else None
    if root.pk == target.pk:
        root_name = row.names or NameOn(root.name, root.short_name)
    else:
        root_name = names_at([root], end_of_year(year))[root.pk]
    context = {
        "root": root,
        "root_name": root_name,
        "body": target,
        "year": year,
        "row": row,
        "tables": mark_safe(render_tables_html(report)) if report else "",
        "findings": [
            {"level": f.level, "label": SEVERITY_LABELS[f.level], "message": f.message}
            for f in report.findings
        ]
        if report
        else [],
        "may_send_back": row.source is not None and target.pk in below_own_bodies(request.user),
    }
    return render(request, "supervision/report.html", context)


@require_POST
@login_required
def send_back(request: AuthedRequest, body_pk: int, year: int, target_pk: int) -> HttpResponse:
    check_year(year)
    root = get_body_in_area(request.user, body_pk)
    target = get_body_in_area(request.user, target_pk)
    try:
        actions.send_back(actor=request.user, body=target, year=year, comment=request.POST.get("comment", ""))
    except (PermissionDenied, ValueError) as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已将{target.display_name}{year}年度报告退回")
    return redirect("supervision:area", root.pk, year)


@require_POST
@login_required
def area_draft(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    """The area's 汇总 as the root body's report draft in the annual workspace."""
    from gongkai.report_workspace.actions.reports import YearbookError

    check_year(year)
    root = get_body_in_area(request.user, body_pk)
    rows = body_years(area_bodies(root, year=year), year, _today())
    try:
        annual = actions.draft_area_report(actor=request.user, root=root, year=year, rows=rows)
    except (PermissionDenied, YearbookError) as e:
        messages.error(request, getattr(e, "message", None) or str(e))
        return redirect("supervision:area", root.pk, year)
    messages.success(request, f"已按本区域汇总生成{root.display_name}{year}年度报告草稿，请核对后发布")
    return redirect("yearbook:detail", annual.pk)


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    """The user's own bodies, each with links to the areas of the last three report years."""
    last = _today().year - 1  # the report of year N is due early in N+1
    own = sorted(member_bodies(request.user), key=lambda b: (b.name, b.pk))
    context = {
        "bodies": own,
        "years": [last, last - 1, last - 2],
        "corrections": list(reports_needing_correction(area_ids(request.user))[:100]),
    }
    return render(request, "supervision/index.html", context)


@require_GET
@login_required
def tasks(request: AuthedRequest) -> HttpResponse:
    """上级退回的年度报告: the send-backs of the user's own bodies, open ones first."""
    own = [b.pk for b in member_bodies(request.user)]
    sendbacks = list(with_resolution(SendBack.objects.filter(body_id__in=own)))
    for s in sendbacks:
        s.resolved = resolved_at(s)  # type: ignore[attr-defined]
    sendbacks.sort(key=lambda s: s.resolved is not None)  # type: ignore[attr-defined]
    return render(request, "supervision/tasks.html", {"sendbacks": sendbacks})
