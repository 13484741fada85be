"""The public pages of one body: home, catalogue, item, 指南, 目录, annual reports, attachments."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from gongkai.bodies.models import Body
from gongkai.disclosure.models import CatalogueNode
from gongkai.portal.access import (
    get_public_attachment,
    get_public_item,
    live_nodes,
    public_items,
    subtree_ids,
)
from gongkai.portal.queries.context import body_context
from gongkai.portal.views.common import page, portal_page
from gongkai.report_format.model import Report
from gongkai.report_format.render.html import render_html
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.queries.series import published_reports
from gongkai.requests.models.letters import LetterSettings

LATEST = 10
PER_PAGE = 20
INDEX_PER_PAGE = 50


@dataclass
class TreeNode:
    node: CatalogueNode
    count: int = 0
    children: list[TreeNode] = field(default_factory=list)


def catalogue_tree(body: Body) -> list[TreeNode]:
    """The live catalogue as a tree, each node with its number of public items (own and below)."""
    nodes = live_nodes(body.pk)
    own = dict(public_items(body.pk).values_list("node_id").annotate(n=Count("pk")).order_by())
    tree = {n.pk: TreeNode(n, own.get(n.pk, 0)) for n in nodes}
    roots: list[TreeNode] = []
    for n in nodes:
        parent = tree.get(n.parent_id) if n.parent_id else None
        (parent.children if parent else roots).append(tree[n.pk])

    def total(t: TreeNode) -> int:
        t.count += sum(total(c) for c in t.children)
        return t.count

    for root in roots:
        total(root)
    return roots


def _page_of(request: HttpRequest, items, per_page: int) -> Page:
    return Paginator(items, per_page).get_page(request.portal_params.get("page"))  # type: ignore[attr-defined]


@require_GET
def bodies(request: HttpRequest) -> HttpResponse:
    return page(request, "portal/bodies.html", {"bodies": Body.objects.order_by("name")})


@portal_page()
def home(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = body_context(body_pk).body
    context = {
        "body": body,
        "latest": public_items(body.pk)[:LATEST],
        "tree": catalogue_tree(body),
        "has_reports": published_reports(body).exists()
        or ImportedReport.objects.filter(body=body, on_portal_since__isnull=False).exists(),
    }
    return page(request, "portal/home.html", context)


@portal_page()
def catalogue(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = body_context(body_pk).body
    return page(request, "portal/catalogue.html", {"body": body, "tree": catalogue_tree(body)})


@portal_page(params=("page",))
def node_items(request: HttpRequest, body_pk: int, node_pk: int) -> HttpResponse:
    body = body_context(body_pk).body
    node = get_object_or_404(CatalogueNode, pk=node_pk, body=body, retired_at__isnull=True)
    items = public_items(body.pk).filter(node_id__in=subtree_ids(node))
    context = {"body": body, "node": node, "page_obj": _page_of(request, items, PER_PAGE)}
    return page(request, "portal/node.html", context)


@portal_page()
def item(request: HttpRequest, body_pk: int, pk: int) -> HttpResponse:
    kept = body_context(body_pk)
    found = get_public_item(body_pk, pk)
    found.body = kept.body
    if (node := kept.nodes.get(found.node_id)) is not None:
        found.node = node
    files = list(found.attachments.all()) if found.has_files else []  # type: ignore[attr-defined]
    context = {"body": kept.body, "item": found, "attachments": files, "nav": kept.nav}
    return page(request, "portal/item.html", context)


@portal_page()
def guide(request: HttpRequest, body_pk: int) -> HttpResponse:
    """政府信息公开指南, made from what the platform knows about the body."""
    body = body_context(body_pk).body
    context = {
        "body": body,
        "office": LetterSettings.objects.filter(body=body).first(),
        "tree": catalogue_tree(body),
    }
    return page(request, "portal/guide.html", context)


@portal_page(params=("page",))
def directory(request: HttpRequest, body_pk: int) -> HttpResponse:
    """政府信息公开目录 (第十二条): 索引号, 名称, 内容概述, 生成日期 of every public item."""
    body = body_context(body_pk).body
    items = public_items(body.pk).only(
        "pk", "body_id", "node_id", "index_number", "title", "body_text", "formed_on", "published_on"
    )
    context = {"body": body, "page_obj": _page_of(request, items, INDEX_PER_PAGE)}
    return page(request, "portal/directory.html", context)


@portal_page()
def reports(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = body_context(body_pk).body
    rows = ImportedReport.objects.filter(body=body, on_portal_since__isnull=False).order_by("-year", "-pk")
    context = {"body": body, "compiled": published_reports(body), "reports": rows}
    return page(request, "portal/reports.html", context)


@portal_page()
def report(request: HttpRequest, body_pk: int, pk: int) -> HttpResponse:
    """The report as a printable document; the checker's findings are for staff, not shown here."""
    found = get_object_or_404(ImportedReport, pk=pk, body_id=body_pk, on_portal_since__isnull=False)
    return HttpResponse(render_html(Report.from_json({**found.data, "findings": []})))


@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = get_public_attachment(pk)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
