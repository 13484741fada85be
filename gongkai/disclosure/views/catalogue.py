"""The catalogue tree of a body and its editing (administrators only; the actions check)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gongkai.bodies.access import bodies_for_user
from gongkai.disclosure.access import (
    NOT_DISCLOSING,
    can_manage_catalogue,
    get_body_for_staff,
    get_node_for_staff,
    may_work_on_disclosure,
)
from gongkai.disclosure.actions import catalogue as actions
from gongkai.disclosure.actions.defaults import CATALOGUES
from gongkai.disclosure.forms.disclosure import MoveForm, NodeForm
from gongkai.disclosure.models import CatalogueEvent
from gongkai.disclosure.views.common import attempt, form_errors
from gongkai.web.auth import AuthedRequest


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    if not may_work_on_disclosure(request.user):
        raise PermissionDenied(NOT_DISCLOSING)
    return render(request, "disclosure/index.html", {"bodies": bodies_for_user(request.user)})


@require_GET
@login_required
def catalogue(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    nodes = actions.tree(body)
    history = (
        CatalogueEvent.objects.filter(node__body=body).select_related("node").order_by("-at", "-pk")[:30]
    )
    context = {
        "body": body,
        "nodes": nodes,
        "can_edit": can_manage_catalogue(request.user, body),
        "defaults": [(key, label) for key, (label, _specs) in CATALOGUES.items()],
        "form": NodeForm(body=body),
        "move_form": MoveForm(body=body),
        "history": history,
    }
    return render(request, "disclosure/catalogue.html", context)


@require_POST
@login_required
def catalogue_default(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    kind = request.POST.get("kind", "")
    attempt(
        request,
        lambda: actions.create_default_catalogue(actor=request.user, body=body, kind=kind),
        "已生成默认目录",
    )
    return redirect("disclosure:catalogue", body_pk=body.pk)


@require_POST
@login_required
def node_add(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    form = NodeForm(request.POST, body=body)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        attempt(
            request,
            lambda: actions.add_node(actor=request.user, body=body, **form.cleaned_data),
            "已新增栏目",
        )
    return redirect("disclosure:catalogue", body_pk=body.pk)


@require_POST
@login_required
def node_change(request: AuthedRequest, pk: int, change: str) -> HttpResponse:
    """rename / move / retire one node."""
    node = get_node_for_staff(request.user, pk)
    user = request.user
    if change == "rename":
        name = request.POST.get("name", "")
        attempt(request, lambda: actions.rename_node(actor=user, node=node, name=name), "已更名")
    elif change == "retire":
        attempt(request, lambda: actions.retire_node(actor=user, node=node), "已停用")
    elif change == "move":
        form = MoveForm(request.POST, body=node.body)
        if form.is_valid():
            attempt(request, lambda: actions.move_node(actor=user, node=node, **form.cleaned_data), "已移动")
        else:
            messages.error(request, form_errors(form))
    else:
        messages.error(request, "未知的操作")
    return redirect("disclosure:catalogue", body_pk=node.body_id)
