"""Search, across every body or within one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from gongkai.bodies.models import Body

from ..forms import SearchForm
from ..search import SearchPage, search
from .common import page, portal_page


def _run(request: HttpRequest, body: Body | None) -> HttpResponse:
    form = SearchForm(request.GET or None, body=body)
    result: SearchPage | None = None
    status = 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        result = search(
            data["q"],
            body=body or data.get("body"),
            node=data.get("node"),
            start=data.get("start"),
            end=data.get("end"),
            page=data.get("page") or 1,
        )
    elif form.is_bound and not form.is_valid():
        status = 400
    params = request.GET.copy()
    params.pop("page", None)
    context = {"body": body, "form": form, "result": result, "params": params.urlencode()}
    return page(request, "portal/search.html", context, status=status)


@portal_page(site_wide=True)
def search_all(request: HttpRequest) -> HttpResponse:
    return _run(request, None)


@portal_page()
def search_body(request: HttpRequest, body_pk: int) -> HttpResponse:
    return _run(request, get_object_or_404(Body, pk=body_pk))
