"""Downloads of every report of an area (``dataout``): JSON lines, CSV and .xlsx, for the area page's
year or (``?years=all``) every year that has a report in the area; the page's 状态 and 层级 filters
apply. A province's take tens of seconds, so each is made in the background (documents/prepared.py,
gongkai.prepared): the area page's button POSTs here and leads to the file's status page; a GET shows
that button. Plus the API token page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from gongkai.prepared.tasks.produce import prepare
from gongkai.supervision.actions.api_tokens import rotate_token
from gongkai.supervision.documents.prepared import FORMATS, KIND, Selection, area_root
from gongkai.web.auth import AuthedRequest


def _queue(request: AuthedRequest, body_pk: int, year: int, fmt: str) -> HttpResponse:
    selection = Selection.of(body_pk, year, fmt, request.GET)
    root = area_root(request.user, selection)  # 404 outside the user's area, before anything is queued
    if request.method == "GET":
        context = {"root": root, "selection": selection, "label": FORMATS[fmt][0], "query": request.GET}
        return render(request, "supervision/dataout_prepare.html", context)
    item = prepare(actor=request.user, kind=KIND, params=selection.params(), title=selection.title(root))
    return redirect("prepared:status", pk=item.pk)


@require_http_methods(["GET", "POST"])
@login_required
def download_jsonl(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    return _queue(request, body_pk, year, "jsonl")


@require_http_methods(["GET", "POST"])
@login_required
def download_csv(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    return _queue(request, body_pk, year, "csv")


@require_http_methods(["GET", "POST"])
@login_required
def download_xlsx(request: AuthedRequest, body_pk: int, year: int) -> HttpResponse:
    return _queue(request, body_pk, year, "xlsx")


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
