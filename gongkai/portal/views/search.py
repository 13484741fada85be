"""Search, across every body or within one."""

from __future__ import annotations

from html import escape
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.safestring import mark_safe

from gongkai.portal.forms.search import SearchForm
from gongkai.portal.queries.context import BodyContext, body_context, select_html, site_context
from gongkai.portal.queries.search import SearchPage, search
from gongkai.portal.views.common import page, portal_page

PARAMS = ("q", "body", "node", "start", "end", "page")


def _input(name: str, kind: str, value: str, extra: str = "") -> str:
    return f'<input type="{kind}" name="{name}" id="id_{name}" value="{escape(value)}"{extra}>'


def _fields(form: SearchForm, params: QueryDict, kept: BodyContext | None) -> list[dict[str, Any]]:
    """The filter form's fields as HTML, the choices from the kept contexts (no query, no widget
    templates): label, id, control, errors."""
    site = site_context() if kept is None else None
    controls = {"q": _input("q", "text", params.get("q", ""), ' maxlength="100"')}
    if site is not None:
        controls["body"] = select_html("body", site.body_options, "全部机关", params.get("body"))
        nodes = site.node_options
    else:
        nodes = kept.node_options()  # type: ignore[union-attr]
    controls["node"] = select_html("node", nodes, "全部栏目", params.get("node"))
    controls["start"] = _input("start", "date", params.get("start", ""))
    controls["end"] = _input("end", "date", params.get("end", ""))
    fields = []
    for name, control in controls.items():
        errors: list[str] = [str(e) for e in form.errors.get(name) or []] if form.is_bound else []
        if errors:
            control = control.replace(f'id="id_{name}"', f'id="id_{name}" aria-invalid="true"', 1)
        fields.append(
            {
                "id": f"id_{name}",
                "label": form.fields[name].label,
                "control": mark_safe(control),
                "errors": errors,
            }
        )
    return fields


def _run(request: HttpRequest, kept: BodyContext | None) -> HttpResponse:
    params: QueryDict = request.portal_params  # type: ignore[attr-defined]
    body = kept.body if kept is not None else None
    form = SearchForm(params or None, body=body)
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
    rest = params.copy()
    rest.pop("page", None)
    context = {
        "body": body,
        "form": form,
        "query": params.get("q", ""),
        "fields": _fields(form, params, kept),
        "result": result,
        "params": rest.urlencode(),
        "nav": kept.nav if kept is not None else site_context().nav,
    }
    return page(request, "portal/search.html", context, status=status)


@portal_page(site_wide=True, params=PARAMS)
def search_all(request: HttpRequest) -> HttpResponse:
    return _run(request, None)


@portal_page(params=PARAMS)
def search_body(request: HttpRequest, body_pk: int) -> HttpResponse:
    return _run(request, body_context(body_pk))
