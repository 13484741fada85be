"""Downloads of every report of an area (``dataout``): JSON lines, CSV and .xlsx, for the area page's
year or (``?years=all``) every year that has a report in the area; the page's 状态 and 层级 filters
apply. JSON lines and .xlsx list every body of the area, those without a report too (未开始/逾期);
CSV, one row per body-year-cell, only the reports. Plus the API token page."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.authtoken.models import Token

from gongkai.bodies.access import get_body_in_area
from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.supervision.access import check_year
from gongkai.supervision.actions.api_tokens import rotate_token
from gongkai.supervision.documents import dataout
from gongkai.supervision.queries.body_years import BodyYear
from gongkai.supervision.queries.sources import State
from gongkai.web.auth import AuthedRequest
from gongkai.web.downloads import content_disposition

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(
    request: AuthedRequest, body_pk: int, year: int, *, with_missing: bool = True
) -> tuple[Body, str, Iterator[BodyYear]]:
    """The area's root, the name part saying which years, and its body-years (a lazy iterator);
    ``with_missing``: every body of the area, else only the body-years that have a report."""
    check_year(year)
    root = get_body_in_area(request.user, body_pk)
    bodies = [b for b, _ in area_bodies(root)]
    level = request.GET.get("level", "")
    if level not in Body.Level.values:
        level = ""
    if level:
        bodies = [b for b in bodies if b.level == level]
    every_year = request.GET.get("years") == "all"
    keys = dataout.report_keys(bodies, None if every_year else [year])
    if with_missing:
        years = sorted({y for y, _ in keys}) if every_year else [year]
        keys = dataout.area_keys(root, keys, years, level)
    status = request.GET.get("status", "")
    states = [status] if status in State.values else None
    return (
        root,
        "全部年度" if every_year else f"{year}年度",
        dataout.iter_rows(keys, timezone.localdate(), states, with_missing=with_missing),
    )


def _attach(response: HttpResponse | StreamingHttpResponse, root: Body, years: str, ext: str) -> None:
    response["Content-Disposition"] = content_disposition(
        f"{root.name}及下级机关{years}报告.{ext}", fallback=f"gongkai-reports-{root.pk}.{ext}"
    )
    response["X-Content-Type-Options"] = "nosniff"


@require_GET
@login_required
def download_jsonl(request: AuthedRequest, body_pk: int, year: int) -> StreamingHttpResponse:
    root, years, rows = _rows(request, body_pk, year)
    response = StreamingHttpResponse(
        dataout.jsonl_lines(rows), content_type="application/jsonl; charset=utf-8"
    )
    _attach(response, root, years, "jsonl")
    return response


@require_GET
@login_required
def download_csv(request: AuthedRequest, body_pk: int, year: int) -> StreamingHttpResponse:
    root, years, rows = _rows(request, body_pk, year, with_missing=False)
    response = StreamingHttpResponse(dataout.csv_lines(rows), content_type="text/csv; charset=utf-8")
    _attach(response, root, years, "csv")
    return response


@require_GET
@login_required
def download_xlsx(request: AuthedRequest, body_pk: int, year: int) -> FileResponse:
    root, years, rows = _rows(request, body_pk, year)
    response = FileResponse(dataout.xlsx_file(rows), content_type=XLSX_TYPE)
    _attach(response, root, years, "xlsx")
    return response


@require_http_methods(["GET", "POST"])
@login_required
def api_token(request: AuthedRequest) -> HttpResponse:
    """The caller's own API token: shown, created or replaced (the old one stops working at once)."""
    if request.method == "POST":
        rotate_token(request.user)
        messages.success(request, "已生成新的访问令牌，旧令牌已失效。")
        return redirect("supervision:api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "supervision/api_token.html", {"token": token})
